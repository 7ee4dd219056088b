"""Adapters at the edge: the command line, the offline console and (later) Telegram."""
