"""Replies: facts read back from the store composed into replies as plain data, for every front end."""
