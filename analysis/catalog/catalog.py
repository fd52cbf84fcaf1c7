"""Look services up by their Cost Explorer name or by what a person types."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping

from analysis.catalog.entries import CHECK_FAMILIES, CatalogEntry, Category, generic_entry, strip_vendor_prefix
from analysis.catalog.errors import CatalogError


def _name_key(name: str) -> str:
    """Cost Explorer names compared case-insensitively, with whitespace runs collapsed."""
    return " ".join(name.split()).casefold()


def _typed_key(text: str) -> str:
    """What a user types, compared without case, spaces or punctuation ('ec2 - other' == 'EC2-Other')."""
    return "".join(ch for ch in text.casefold() if ch.isalnum() or ch == "+")


class ServiceCatalog:
    """Known services plus every unknown name seen at run time (remembered, never dropped).

    Safe for concurrent ``entry`` calls: the known indexes are built once and only read;
    the unknown names sit behind a lock.
    """

    def __init__(self, entries: Iterable[CatalogEntry], aliases: Mapping[str, str] | None = None) -> None:
        self._entries: tuple[CatalogEntry, ...] = tuple(entries)
        self._by_name: dict[str, CatalogEntry] = {}
        self._typed: dict[str, CatalogEntry] = {}
        self._unknown: dict[str, CatalogEntry] = {}
        self._lock = threading.Lock()
        self._index_entries()
        self._index_aliases(aliases or {})
        self._index_vendorless_names(aliases or {})

    def _index_entries(self) -> None:
        for item in self._entries:
            if not item.known:
                raise CatalogError(f"catalog row {item.service!r} must be marked known")
            if item.check_family is not None and item.check_family not in CHECK_FAMILIES:
                raise CatalogError(f"{item.service!r}: unknown check family {item.check_family!r}")
            self._claim(self._by_name, _name_key(item.service), item, "service name")
            self._claim(self._typed, _typed_key(item.service), item, "service name")
            self._claim(self._typed, _typed_key(item.short_name), item, "short name")

    def _index_aliases(self, aliases: Mapping[str, str]) -> None:
        for alias, service in aliases.items():
            target = self._by_name.get(_name_key(service))
            if target is None:
                raise CatalogError(f"alias {alias!r} points at {service!r}, which has no row")
            self._claim(self._by_name, _name_key(alias), target, "alias")
            self._claim(self._typed, _typed_key(alias), target, "alias")

    def _index_vendorless_names(self, aliases: Mapping[str, str]) -> None:
        # "Simple Storage Service" finds S3. A key two rows would share is left out, not guessed.
        names = [(item.service, item) for item in self._entries]
        names += [(alias, self._by_name[_name_key(service)]) for alias, service in aliases.items()]
        claims: dict[str, set[str]] = {}
        owner: dict[str, CatalogEntry] = {}
        for name, item in names:
            key = _typed_key(strip_vendor_prefix(name))
            claims.setdefault(key, set()).add(item.service)
            owner[key] = item
        for key, services in claims.items():
            if len(services) == 1:
                self._typed.setdefault(key, owner[key])

    @staticmethod
    def _claim(index: dict[str, CatalogEntry], key: str, item: CatalogEntry, what: str) -> None:
        holder = index.setdefault(key, item)
        if holder is not item:
            raise CatalogError(f"{what} of {item.service!r} clashes with {holder.service!r}")

    def entry(self, service_name: str) -> CatalogEntry:
        """The entry for a name from cost data; an unknown name gets a generic entry and is remembered."""
        known = self._by_name.get(_name_key(service_name))
        if known is not None:
            return known
        with self._lock:
            seen = self._unknown.get(service_name)
            if seen is None:
                seen = self._unknown[service_name] = generic_entry(service_name)
            return seen

    def unknown_services(self) -> tuple[str, ...]:
        """Names asked for that have no catalog row, in the order first seen."""
        with self._lock:
            return tuple(self._unknown)

    def find(self, text: str) -> CatalogEntry | None:
        """Resolve what a user typed ('ec2', 'S3', 'Amazon Simple Storage Service'), or None."""
        key = _typed_key(text)
        if not key:
            return None
        known = self._typed.get(key)
        if known is not None:
            return known
        with self._lock:
            return next((e for name, e in self._unknown.items() if _typed_key(name) == key), None)

    def by_category(self, category: Category | str) -> tuple[CatalogEntry, ...]:
        wanted = Category(category)
        return tuple(e for e in self._entries if e.category is wanted)

    def services_for_family(self, family: str) -> tuple[str, ...]:
        """Cost Explorer names analysed by a waste-check family; a misspelt family is an error, not ()."""
        if family not in CHECK_FAMILIES:
            raise ValueError(f"unknown check family {family!r}; expected one of {sorted(CHECK_FAMILIES)}")
        return tuple(e.service for e in self._entries if e.check_family == family)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self._entries)
