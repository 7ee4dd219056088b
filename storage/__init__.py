"""Persistence: SQLAlchemy tables, engines and sessions, migrations and repository functions.

The only package that imports SQLAlchemy. Repository functions take a session and never
commit: the edge that starts the work (a handler, a job, a CLI command) owns the transaction.
"""

from storage.engine import create_engine, make_session_factory, sqlite_file_path
from storage.export import export_store
from storage.migrate import current_revision, downgrade, head_revision, upgrade, upgrade_to_head
from storage.records import ArticleSummary, FactCounts, SavedArticle
from storage.repository import (
    count_facts,
    delete_article,
    find_article_by_hash,
    get_article,
    list_articles,
    save_extracted,
)

__all__ = [
    "ArticleSummary",
    "FactCounts",
    "SavedArticle",
    "count_facts",
    "create_engine",
    "current_revision",
    "delete_article",
    "downgrade",
    "export_store",
    "find_article_by_hash",
    "get_article",
    "head_revision",
    "list_articles",
    "make_session_factory",
    "save_extracted",
    "sqlite_file_path",
    "upgrade",
    "upgrade_to_head",
]
