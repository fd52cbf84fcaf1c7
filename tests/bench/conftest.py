"""Benchmarks print their figures; run with `make bench` (pytest -s). They are not part of `make test`."""
