"""Accounts of an AWS Organization as the reports name them: id, name and organizational unit path."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Warning codes a report carries (the bot translates `warning.<code>`; JSON readers get the code).
ORGANIZATIONS_UNAVAILABLE = "organizations-unavailable"  # not in an organization, or no access to it
ORGANIZATIONS_FAILED = "organizations-failed"  # access allowed, but the calls failed (throttling, outage)


@dataclass(frozen=True, slots=True)
class Account:
    account_id: str
    name: str
    ou_path: str = ""  # e.g. "Root/Workloads/Prod"; empty when unknown
    status: str = "ACTIVE"


@dataclass(frozen=True, slots=True)
class AccountList:
    """What the directory could tell. Empty with a warning when Organizations cannot be read: reports then
    show account ids (or the names Cost Explorer attaches), never fail for it."""

    accounts: tuple[Account, ...] = ()
    warnings: tuple[str, ...] = ()

    def names(self) -> dict[str, str]:
        return {a.account_id: a.name for a in self.accounts}

    def ou_paths(self) -> dict[str, str]:
        return {a.account_id: a.ou_path for a in self.accounts if a.ou_path}

    def to_json(self) -> dict[str, object]:
        return {"accounts": [[a.account_id, a.name, a.ou_path, a.status] for a in self.accounts],
                "warnings": list(self.warnings)}

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> AccountList:
        return cls(tuple(Account(*row) for row in doc.get("accounts", [])),
                   tuple(str(w) for w in doc.get("warnings", [])))
