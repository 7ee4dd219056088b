"""The terminal adapter: the `briefbot` command line and the offline console."""
