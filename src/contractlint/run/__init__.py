"""A run over many files: the order, the cache and the worker processes (--jobs)."""
