"""Persistence: SQLAlchemy tables, engines and sessions, migrations and repository functions.

The only package that imports SQLAlchemy. Repository functions take a session and never
commit: the edge that starts the work (a handler, a job, a CLI command) owns the transaction.
"""

from storage.actor_queries import find_actor, get_actor, get_source, list_actors, list_sources
from storage.engine import (
    Engine,
    Session,
    SessionFactory,
    StoreError,
    create_engine,
    is_unreachable,
    make_session_factory,
    sqlite_file_path,
)
from storage.export import export_store
from storage.fact_queries import (
    demands_of,
    demands_overview,
    facts_in_sentences,
    figures_about,
    figures_claimed_by,
    figures_measuring,
    figures_of_article,
    figures_overview,
)
from storage.migrate import current_revision, downgrade, head_revision, upgrade, upgrade_to_head
from storage.pagers import get_pager, save_pager
from storage.records import ArticleSummary, FactCounts, SavedArticle
from storage.repository import (
    count_facts,
    delete_article,
    find_article_by_hash,
    find_article_by_source,
    get_article,
    list_articles,
    lock_for_writing,
    save_extracted,
)
from storage.search import SentenceHit, search_sentences

__all__ = [
    "ArticleSummary",
    "Engine",
    "FactCounts",
    "SavedArticle",
    "SentenceHit",
    "Session",
    "SessionFactory",
    "StoreError",
    "count_facts",
    "create_engine",
    "current_revision",
    "delete_article",
    "demands_of",
    "demands_overview",
    "downgrade",
    "export_store",
    "facts_in_sentences",
    "figures_about",
    "figures_claimed_by",
    "figures_measuring",
    "figures_of_article",
    "figures_overview",
    "find_actor",
    "find_article_by_hash",
    "find_article_by_source",
    "get_actor",
    "get_article",
    "get_pager",
    "get_source",
    "head_revision",
    "is_unreachable",
    "list_actors",
    "list_articles",
    "list_sources",
    "lock_for_writing",
    "make_session_factory",
    "save_extracted",
    "save_pager",
    "search_sentences",
    "sqlite_file_path",
    "upgrade",
    "upgrade_to_head",
]
