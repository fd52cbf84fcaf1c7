"""Who may ask, and which accounts each place may see. Checked before any data is fetched.

Configuration (JSON, from FINOPS_ACCESS or the file named by FINOPS_ACCESS_FILE):

    {"allow": {"channels": ["C0123"], "users": ["U0123"], "user_groups": ["S0123"]},
     "scopes": {"C0123": {"accounts": ["111111111111"]}, "dm": {...}, "home": {...}, "default": {...}}}

No configuration: everyone in the workspace, every account (a fresh install). With an allowlist, a request
needs an allowed channel (if channels are listed; DMs and App Home are the asker's own space) and an
allowed user (if users or user groups are listed). A place without a scope entry uses "default", App Home
uses "home" then "default", DMs "dm" then "default".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import AccessConfigError, AccessRefusedError, OutOfScopeError

_ACCOUNT = re.compile(r"^\d{12}$")
PRIVATE_PLACES = ("im", "app_home")  # the asker's own space: the channel allowlist does not apply


@dataclass(frozen=True)
class Scope:
    accounts: frozenset[str] | None = None  # None: every account

    def narrow(self, asked: Iterable[str] | None) -> tuple[str, ...] | None:
        """The accounts a request may read: what was asked, inside the scope."""
        if asked is None:
            return tuple(sorted(self.accounts)) if self.accounts is not None else None
        asked = tuple(sorted(set(asked)))
        if self.accounts is not None and not set(asked) <= self.accounts:
            outside = ", ".join(sorted(set(asked) - self.accounts))
            raise OutOfScopeError("access.accounts_out_of_scope", accounts=outside)
        return asked

    def admits(self, accounts: Iterable[str] | None) -> bool:
        """True when every account (None: all of them) is inside the scope."""
        if self.accounts is None:
            return True
        return accounts is not None and set(accounts) <= self.accounts


@dataclass(frozen=True)
class AccessPolicy:
    channels: frozenset[str] = frozenset()
    users: frozenset[str] = frozenset()
    user_groups: frozenset[str] = frozenset()
    scopes: Mapping[str, Scope] = field(default_factory=dict)

    @property
    def configured(self) -> bool:
        return bool(self.channels or self.users or self.user_groups or self.scopes)

    def scope_for(self, channel: str, place: str = "channel") -> Scope:
        keys = {"im": ("dm", "default"), "app_home": ("home", "default")}.get(place, (channel, "default"))
        return next((self.scopes[k] for k in keys if k in self.scopes), Scope())

    def check(self, user: str, channel: str, place: str, groups_of: Callable[[str], frozenset[str]]) -> Scope:
        """The scope the asker gets here, or AccessRefusedError with the reason."""
        if self.channels and place not in PRIVATE_PLACES and channel not in self.channels:
            raise AccessRefusedError("access.channel_not_allowed")
        listed = user in self.users or any(user in groups_of(group) for group in sorted(self.user_groups))
        if (self.users or self.user_groups) and not listed:
            raise AccessRefusedError("access.user_not_allowed")
        return self.scope_for(channel, place)


def parse_access(doc: Mapping[str, object]) -> AccessPolicy:
    unknown = set(doc) - {"allow", "scopes"}
    if unknown:
        raise AccessConfigError(f"unknown access keys {sorted(unknown)}; use `allow` and `scopes`")
    allow = _mapping(doc.get("allow", {}), "allow")
    bad = set(allow) - {"channels", "users", "user_groups"}
    if bad:
        raise AccessConfigError(f"unknown `allow` keys {sorted(bad)}; use channels, users, user_groups")
    scopes = {place: _scope(place, _mapping(entry, f"scopes.{place}"))
              for place, entry in _mapping(doc.get("scopes", {}), "scopes").items()}
    return AccessPolicy(_ids(allow, "channels"), _ids(allow, "users"), _ids(allow, "user_groups"), scopes)


def load_access(inline: str | None, path: Path | None) -> AccessPolicy:
    if inline and path:
        raise AccessConfigError("set FINOPS_ACCESS or FINOPS_ACCESS_FILE, not both")
    if path is not None:
        try:
            inline = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise AccessConfigError(f"cannot read FINOPS_ACCESS_FILE {path}: {exc.strerror}") from exc
    if not inline:
        return AccessPolicy()
    try:
        doc = json.loads(inline)
    except json.JSONDecodeError as exc:
        raise AccessConfigError(f"access configuration is not valid JSON: {exc}") from exc
    return parse_access(_mapping(doc, "access configuration"))


def _scope(place: str, entry: Mapping[str, object]) -> Scope:
    if "cost_category" in entry:
        raise AccessConfigError(
            f"scopes.{place}: cost category scopes are not available yet in this deployment; list `accounts`")
    if set(entry) != {"accounts"}:
        raise AccessConfigError(f"scopes.{place} needs exactly one key, `accounts` (a list of 12-digit ids)")
    accounts = entry["accounts"]
    if not isinstance(accounts, list) or not accounts or not all(isinstance(a, str) and _ACCOUNT.match(a)
                                                                   for a in accounts):
        raise AccessConfigError(f"scopes.{place}.accounts must be a non-empty list of 12-digit account ids")
    return Scope(frozenset(accounts))


def _ids(allow: Mapping[str, object], key: str) -> frozenset[str]:
    values = allow.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise AccessConfigError(f"allow.{key} must be a list of Slack ids")
    return frozenset(values)


def _mapping(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise AccessConfigError(f"{where} must be a JSON object")
    return value
