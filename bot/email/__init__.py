"""Digests by email: addresses, MIME composition (HTML + text + inline charts) and templates."""
