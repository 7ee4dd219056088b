"""The command core: front-end-neutral use cases (commands, questions, loading, subscriptions, digests); imports no telegram."""
