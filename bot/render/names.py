"""Names people recognise: "EC2" rather than "Amazon Elastic Compute Cloud - Compute"."""

from __future__ import annotations

from functools import cache


@cache
def service_label(service: str) -> str:
    from analysis.catalog import load_catalog

    return load_catalog().entry(service).short_name
