"""Questions: what a plain question asks for, and which fetched facts answer it; no store access."""
