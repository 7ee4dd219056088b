"""Questions: what a user's plain question asks for, read without the store."""
