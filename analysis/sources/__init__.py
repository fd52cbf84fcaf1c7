"""Cost sources: the demo organisation and, for real accounts, AWS."""
