"""The domain: read articles, extract sourced facts with spaCy, compose briefings."""
