"""Waste findings of a set of accounts, kept while fresh so other answers can cite them.

`/finops waste` (or any caller of `scan_and_remember`) stores its report per scope; the costs answer, the
persona summaries and the questions read the latest one for the same accounts. An organisation-wide report
also serves a narrower scope, cut down to that scope's accounts. A report is never served to a scope it does
not cover, and a partial one is not reused for another scope (what it lacks is not known per account).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from analysis.domain.findings import WasteReport
from analysis.domain.waste_json import waste_report_from_json, waste_report_to_json
from analysis.ports import StateStore

Scanner = Callable[[Sequence[str] | None], WasteReport]  # accounts (None: every account) → a waste report


def waste_key(source: str, accounts: Sequence[str] | None) -> str:
    scope = "all" if accounts is None else hashlib.sha256(",".join(sorted(accounts)).encode()).hexdigest()[:32]
    return f"waste/latest/{source}/{scope}.json"


class WasteFindings:
    def __init__(self, state: StateStore, source: str, *, freshness: timedelta, scanner: Scanner | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.state = state
        self.source = source
        self.freshness = freshness
        self.scanner = scanner  # None: no scan here (AWS: only `/finops waste` scans, with its own time)
        self.clock = clock

    @property
    def can_scan(self) -> bool:
        return self.scanner is not None

    def fresh(self, accounts: Sequence[str] | None) -> WasteReport | None:
        """The latest report for exactly these accounts, else the organisation-wide one narrowed to them."""
        exact = self._read(accounts)
        if exact is not None or accounts is None:
            return exact
        everything = self._read(None)
        if everything is None or everything.partial or not set(accounts) <= set(everything.scope.accounts):
            return None
        return narrowed(everything, accounts)

    def scan_and_remember(self, accounts: Sequence[str] | None) -> WasteReport:
        if self.scanner is None:
            raise LookupError(f"no quick waste scan for the {self.source} source")
        report = self.scanner(accounts)
        self.remember(accounts, report)
        return report

    def remember(self, accounts: Sequence[str] | None, report: WasteReport) -> None:
        document = {"stored_at": self.clock().isoformat(), "report": json.loads(waste_report_to_json(report))}
        self.state.put(waste_key(self.source, accounts), json.dumps(document).encode())

    def _read(self, accounts: Sequence[str] | None) -> WasteReport | None:
        raw = self.state.get(waste_key(self.source, accounts))
        if raw is None:
            return None
        document = json.loads(raw)
        if self.clock() - datetime.fromisoformat(document["stored_at"]) > self.freshness:
            return None
        return waste_report_from_json(json.dumps(document["report"]))


def narrowed(report: WasteReport, accounts: Sequence[str]) -> WasteReport:
    """The findings of `accounts` only, as if only they had been scanned."""
    keep = set(accounts)
    return replace(
        report,
        findings=tuple(f for f in report.findings if f.account_id in keep),
        scope=replace(report.scope, accounts=tuple(a for a in report.scope.accounts if a in keep)),
        account_names={k: v for k, v in report.account_names.items() if k in keep},
    )
