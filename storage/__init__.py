"""Persistence: SQLAlchemy tables, engines and sessions, migrations and repository functions.

The only package that imports SQLAlchemy. Repository functions take a session and never
commit: the edge that starts the work (a handler, a job, a CLI command) owns the transaction.
It takes from the domain only its data types (`briefings.model`, `entries`, `records`, `errors`):
it loads snapshots and writes what the domain's rules decided, and decides nothing itself.
"""

from storage.actor_queries import (
    actor_names,
    article_counts,
    count_named_places,
    get_actor,
    get_named_actor,
    get_source,
    list_actors,
    list_sources,
)
from storage.actors import ActorRules, dated_roles, stored_actors
from storage.deliveries import (
    claim_deliveries,
    complete_deliveries,
    delivery_summary,
    fail_delivery,
)
from storage.digest_queries import (
    article_id_before,
    demands_after,
    figures_after,
    newest_article_id,
    sources_after,
)
from storage.engine import (
    Engine,
    Session,
    SessionFactory,
    StoreError,
    create_engine,
    create_reader_engine,
    is_dropped,
    make_session_factory,
    sqlite_file_path,
)
from storage.export import export_store
from storage.fact_queries import (
    demands_of,
    facts_in_sentences,
    figures_about,
    figures_claimed_by,
    figures_in,
    figures_measuring,
    figures_of_article,
)
from storage.failures import (
    StoreFailure,
    describe_store_failure,
    is_store_failure,
    is_unreachable,
    store_failure,
    store_label,
)
from storage.figure_overview import figures_overview
from storage.forgetting import Forgotten, forget_user
from storage.group_queries import figure_group_counts, figures_of_group
from storage.group_settings import GroupSettings, get_group_settings, set_group_settings
from storage.languages import get_language, set_language, set_subscriptions_language
from storage.migrate import current_revision, downgrade, head_revision, upgrade, upgrade_to_head
from storage.operations import store_stats
from storage.pagers import PAGER_LIFETIME, get_pager, save_pager
from storage.party_queries import demand_parties, demands_of_side, newest_demands_of
from storage.records import (
    ArticleSummary,
    DeliveryRecord,
    DueClaim,
    FactCounts,
    SavedArticle,
    SentDigest,
    SubscriptionRecord,
)
from storage.redeliveries import reclaim_delivery, stale_deliveries
from storage.repository import (
    count_facts,
    delete_article,
    find_article_by_hash,
    find_article_by_source,
    get_article,
    list_articles,
    lock_for_writing,
)
from storage.retention import (
    DELIVERY_RETENTION,
    INACTIVE_SUBSCRIPTION_RETENTION,
    Pruned,
    prune_expired,
)
from storage.saving import save_extracted
from storage.search import SentenceHit, search_sentences
from storage.source_dates import source_dates
from storage.story_queries import events_about, quotes_of, timeline
from storage.subscriptions import (
    deactivate_subscription,
    due_subscriptions,
    get_subscription,
    reschedule,
    subscribe,
    unsubscribe,
)

__all__ = [
    "DELIVERY_RETENTION",
    "INACTIVE_SUBSCRIPTION_RETENTION",
    "PAGER_LIFETIME",
    "ActorRules",
    "ArticleSummary",
    "DeliveryRecord",
    "DueClaim",
    "Engine",
    "FactCounts",
    "Forgotten",
    "GroupSettings",
    "Pruned",
    "SavedArticle",
    "SentDigest",
    "SentenceHit",
    "Session",
    "SessionFactory",
    "StoreError",
    "StoreFailure",
    "SubscriptionRecord",
    "actor_names",
    "article_counts",
    "article_id_before",
    "claim_deliveries",
    "complete_deliveries",
    "count_facts",
    "count_named_places",
    "create_engine",
    "create_reader_engine",
    "current_revision",
    "dated_roles",
    "deactivate_subscription",
    "delete_article",
    "delivery_summary",
    "demand_parties",
    "demands_after",
    "demands_of",
    "demands_of_side",
    "describe_store_failure",
    "downgrade",
    "due_subscriptions",
    "events_about",
    "export_store",
    "facts_in_sentences",
    "fail_delivery",
    "figure_group_counts",
    "figures_about",
    "figures_after",
    "figures_claimed_by",
    "figures_in",
    "figures_measuring",
    "figures_of_article",
    "figures_of_group",
    "figures_overview",
    "find_article_by_hash",
    "find_article_by_source",
    "forget_user",
    "get_actor",
    "get_article",
    "get_group_settings",
    "get_language",
    "get_named_actor",
    "get_pager",
    "get_source",
    "get_subscription",
    "head_revision",
    "is_dropped",
    "is_store_failure",
    "is_unreachable",
    "list_actors",
    "list_articles",
    "list_sources",
    "lock_for_writing",
    "make_session_factory",
    "newest_article_id",
    "newest_demands_of",
    "prune_expired",
    "quotes_of",
    "reclaim_delivery",
    "reschedule",
    "save_extracted",
    "save_pager",
    "search_sentences",
    "set_group_settings",
    "set_language",
    "set_subscriptions_language",
    "source_dates",
    "sources_after",
    "sqlite_file_path",
    "stale_deliveries",
    "store_failure",
    "store_label",
    "store_stats",
    "stored_actors",
    "subscribe",
    "timeline",
    "unsubscribe",
    "upgrade",
    "upgrade_to_head",
]
