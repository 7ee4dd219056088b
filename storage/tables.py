"""ORM tables: articles, their sentences, actors and the facts with provenance, and answer pagers
(digest subscriptions and deliveries are in storage.delivery_tables)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.table_base import (
    ACTOR_KINDS,
    DEMAND_KINDS,
    PRECISIONS,
    article_fk,
    one_of,
    optional_actor_fk,
    sentence_fk,
    utc_now,
)
from storage.table_base import (
    Base as Base,  # re-exported: the metadata every table is on
)


class ArticleRow(Base):
    """One loaded article; its normalised-text hash is unique."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class SentenceRow(Base):
    """One sentence of an article, with its character span in the article's text."""

    __tablename__ = "sentences"
    __table_args__ = (UniqueConstraint("article_id", "index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = article_fk()
    index: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class ActorRow(Base):
    """A person, organisation or country, shared across articles."""

    __tablename__ = "actors"
    __table_args__ = (CheckConstraint(one_of("kind", ACTOR_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(Text)
    # Ukraine, Russia, United States, European Union or Others (briefings/sides.py).
    side: Mapped[str | None] = mapped_column(Text)
    # The name's keys (briefings.records.NameKeys), written with it: lookups and merges seek them.
    folded: Mapped[str | None] = mapped_column(Text, index=True)
    surname: Mapped[str | None] = mapped_column(Text, index=True)
    # Kept by storage.actor_summaries: articles mentioning it, first, last; any fact linked.
    n_articles: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_article: Mapped[int | None] = mapped_column(Integer)
    last_article: Mapped[int | None] = mapped_column(Integer)
    holds_fact: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    aliases: Mapped[list[ActorAliasRow]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ActorAliasRow.id",
    )
    # Read-only: mentions are written through ActorMentionRow.actor.
    mentions: Mapped[list[ActorMentionRow]] = relationship(
        lazy="raise", viewonly=True, order_by="ActorMentionRow.id"
    )


# /who pages the most cited actors along this index, reading about limit + offset rows.
Index("ix_actors_cited", ActorRow.n_articles.desc(), ActorRow.name)


class ActorAliasRow(Base):
    """Another name under which an actor appears."""

    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    folded: Mapped[str | None] = mapped_column(Text, index=True)
    surname: Mapped[str | None] = mapped_column(Text, index=True)


class ActorMentionRow(Base):
    """An actor's appearance in one article, with the role stated there and where."""

    __tablename__ = "actor_mentions"
    # An actor's card reads its roles, each raw role's first articles, by this index alone.
    __table_args__ = (
        UniqueConstraint("actor_id", "article_id"),
        Index("ix_actor_mentions_actor_role", "actor_id", "role", "article_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    role: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[int] = article_fk()
    sentence_id: Mapped[int] = sentence_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    actor: Mapped[ActorRow] = relationship(lazy="raise")


class FigureRow(Base):
    """A reported number, what it counts and who claims it."""

    __tablename__ = "figures"
    __table_args__ = (  # newest first: of a measure and side (/figures), of a measure, of a
        # claimant, of a claimant's measure (storage.totals)
        Index("ix_figures_measure_recent", "measure", "measured_side", "article_id", "id"),
        Index("ix_figures_measure_newest", "measure", "article_id", "id"),
        Index("ix_figures_claimant_newest", "claimant_actor_id", "article_id", "id"),
        Index("ix_figures_claimant_measure", "claimant_actor_id", "measure", "article_id", "id"),
        # A claimant's figures of a measure and side, newest first (migration 0017).
        Index(
            "ix_figures_claimant_side",
            "claimant_actor_id",
            "measure",
            "measured_side",
            "article_id",
            "id",
        ),
        # Of a measure with no side, newest first: PostgreSQL reads no order from `IS NULL`
        # (migration 0015).
        Index(
            "ix_figures_measure_sideless",
            "measure",
            "article_id",
            "id",
            postgresql_where=text("measured_side IS NULL"),
            sqlite_where=text("measured_side IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = article_fk()
    sentence_id: Mapped[int] = sentence_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    what: Mapped[str | None] = mapped_column(Text)
    qualifier: Mapped[str | None] = mapped_column(Text)
    claimed_by: Mapped[str | None] = mapped_column(Text)
    measure: Mapped[str | None] = mapped_column(String(40))
    measured_side: Mapped[str | None] = mapped_column(Text)
    claimant_actor_id: Mapped[int | None] = optional_actor_fk()
    kind: Mapped[str | None] = mapped_column(String(16))  # FigureKind; None before 0006
    period: Mapped[str | None] = mapped_column(Text)
    holder: Mapped[str | None] = mapped_column(Text)

    sentence: Mapped[SentenceRow] = relationship(lazy="raise")
    claimant: Mapped[ActorRow | None] = relationship(lazy="raise")


class DemandRow(Base):
    """What a party demands, proposes, conditions or rejects."""

    __tablename__ = "demands"
    __table_args__ = (
        CheckConstraint(one_of("kind", DEMAND_KINDS), name="kind"),
        # The parties with most demands and the newest of each, read by /demands.
        Index("ix_demands_party_recent", "party_actor_id", "party", "article_id", "id"),
        # A side's and an actor's demands, newest first: /demands SIDE, /demands NAME, /who NAME.
        Index("ix_demands_side_recent", "side", "article_id", "id"),
        Index("ix_demands_actor_newest", "party_actor_id", "article_id", "id"),
        # A party as written (no actor linked), newest first: PostgreSQL reads no order from
        # `party_actor_id IS NULL` along ix_demands_party_recent (migration 0017).
        Index(
            "ix_demands_unlinked_newest",
            "party",
            "article_id",
            "id",
            postgresql_where=text("party_actor_id IS NULL"),
            sqlite_where=text("party_actor_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = article_fk()
    sentence_id: Mapped[int] = sentence_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    party: Mapped[str] = mapped_column(Text)
    party_actor_id: Mapped[int | None] = optional_actor_fk()
    demand: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    side: Mapped[str | None] = mapped_column(Text)

    sentence: Mapped[SentenceRow] = relationship(lazy="raise")
    party_actor: Mapped[ActorRow | None] = relationship(lazy="raise")


class QuoteRow(Base):
    """Words a speaker said, as an article quotes them."""

    __tablename__ = "quotes"
    __table_args__ = (
        # A speaker's and a side's quotes, newest first, read by /quotes.
        Index("ix_quotes_speaker_newest", "speaker_actor_id", "article_id"),
        Index("ix_quotes_side_newest", "side", "article_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = article_fk()
    sentence_id: Mapped[int] = sentence_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_actor_id: Mapped[int | None] = optional_actor_fk()
    side: Mapped[str | None] = mapped_column(Text)


class EventRow(Base):
    """Something an article dates: the day, how precisely, and the words that say what."""

    __tablename__ = "events"
    __table_args__ = (CheckConstraint(one_of("precision", PRECISIONS), name="precision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = article_fk()
    sentence_id: Mapped[int] = sentence_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date, index=True)
    precision: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)


class PagerRow(Base):
    """A command whose long reply is paged, when it is too long to ride in the buttons' data."""

    __tablename__ = "pagers"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    command: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, index=True
    )
