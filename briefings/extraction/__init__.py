"""Extraction: spaCy components and finders that turn a SourceText into facts with provenance."""
