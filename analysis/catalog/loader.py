"""Read the packaged CSV files into a ServiceCatalog, once per process."""

from __future__ import annotations

import csv
import io
import threading
from importlib import resources

from analysis.catalog.catalog import ServiceCatalog
from analysis.catalog.entries import CHECK_FAMILIES, CatalogEntry, Category
from analysis.catalog.errors import CatalogError

SERVICE_COLUMNS = ("service", "short_name", "category", "check_family", "security_service")
ALIAS_COLUMNS = ("alias", "service")
_BOOLEANS = {"true": True, "false": False}

_lock = threading.Lock()
_cached: ServiceCatalog | None = None


def load_catalog() -> ServiceCatalog:
    """The packaged catalog; read on first use and shared afterwards."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                package = resources.files("analysis.catalog")
                _cached = parse_catalog(
                    package.joinpath("services.csv").read_text(encoding="utf-8"),
                    package.joinpath("aliases.csv").read_text(encoding="utf-8"),
                )
    return _cached


def parse_catalog(services_csv: str, aliases_csv: str = "") -> ServiceCatalog:
    entries = [_entry(row, line) for line, row in _rows(services_csv, SERVICE_COLUMNS)]
    aliases = dict(_alias(row, line) for line, row in _rows(aliases_csv, ALIAS_COLUMNS)) if aliases_csv else {}
    return ServiceCatalog(entries, aliases)


def _rows(text: str, columns: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(header) != columns:
        raise CatalogError(f"expected header {','.join(columns)}, got {header!r}")
    rows: list[tuple[int, list[str]]] = []
    for row in reader:
        line = reader.line_num
        if len(row) != len(columns):
            raise CatalogError(f"line {line}: expected {len(columns)} fields, got {len(row)}")
        for value in row:
            if value != value.strip():
                raise CatalogError(f"line {line}: stray whitespace in {value!r}")
        rows.append((line, row))
    return rows


def _entry(row: list[str], line: int) -> CatalogEntry:
    service, short_name, category, family, security = row
    if not service or not short_name:
        raise CatalogError(f"line {line}: service and short_name are required")
    try:
        parsed_category = Category(category)
    except ValueError as exc:
        raise CatalogError(f"line {line}: unknown category {category!r}") from exc
    if family and family not in CHECK_FAMILIES:
        raise CatalogError(f"line {line}: unknown check family {family!r}")
    if security not in _BOOLEANS:
        raise CatalogError(f"line {line}: security_service must be true or false, got {security!r}")
    return CatalogEntry(
        service=service,
        short_name=short_name,
        category=parsed_category,
        check_family=family or None,
        security_service=_BOOLEANS[security],
        known=True,
    )


def _alias(row: list[str], line: int) -> tuple[str, str]:
    alias, service = row
    if not alias or not service:
        raise CatalogError(f"line {line}: alias and service are required")
    return alias, service
