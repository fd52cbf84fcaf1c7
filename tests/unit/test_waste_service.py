"""Stored waste reports: reused while fresh, for the same accounts or cut down from the organisation's, never
for accounts they do not cover; and the outlook that waits for them only within its budget."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from analysis.domain.findings import ScanScope, WasteReport, build_waste_report
from analysis.domain.report import MissingPart
from analysis.state import MemoryStateStore
from analysis.waste_service import WasteFindings, waste_key
from bot.outlook import Outlook, insights_of
from tests.unit.test_findings import finding

NOW = datetime(2026, 11, 15, 6, tzinfo=UTC)
A, B = "111111111111", "222222222222"


def _report(*accounts: str, missing: tuple[MissingPart, ...] = ()) -> WasteReport:
    findings = [finding(f"vol-{n}-{a[0]}", f"{10 * (n + 1)}.00", account=a) for a in accounts for n in range(2)]
    return build_waste_report(findings, ScanScope(accounts, ("us-east-1",), ("ebs",)), NOW, "fake", missing=missing)


def _store(clock=lambda: NOW, scanner=None) -> WasteFindings:  # type: ignore[no-untyped-def]
    return WasteFindings(MemoryStateStore(), "fake", freshness=timedelta(hours=6), scanner=scanner, clock=clock)


def test_a_remembered_report_is_served_to_the_same_accounts_until_it_is_stale():
    now = [NOW]
    store = _store(clock=lambda: now[0])
    store.remember((A,), _report(A))
    assert store.fresh((A,)) == _report(A)
    assert store.fresh((B,)) is None and store.fresh(None) is None
    now[0] = NOW + timedelta(hours=7)
    assert store.fresh((A,)) is None


def test_the_organisation_report_serves_a_scoped_place_with_its_accounts_only():
    store = _store()
    store.remember(None, _report(A, B))
    narrowed = store.fresh((A,))
    assert narrowed is not None and {f.account_id for f in narrowed.findings} == {A}
    assert narrowed.scope.accounts == (A,) and narrowed.total_saving.amount == 30
    assert store.fresh((A, "333333333333")) is None  # an account the scan did not cover: not answered from it


def test_a_partial_organisation_report_is_not_cut_down_for_another_scope():
    store = _store()
    store.remember(None, _report(A, B, missing=(MissingPart("waste-B-us-east-1", "B", "AccessDenied"),)))
    assert store.fresh(None) is not None and store.fresh((A,)) is None


def test_a_quick_scan_is_remembered_under_its_scope():
    scanned: list[object] = []
    store = _store(scanner=lambda accounts: scanned.append(accounts) or _report(*accounts))
    assert store.can_scan and not _store().can_scan
    store.scan_and_remember((B,))
    assert scanned == [(B,)] and store.fresh((B,)) == _report(B)
    assert store.state.get(waste_key("fake", (B,))) is not None


def test_the_outlook_leaves_out_what_is_not_ready_within_its_budget_and_never_waits_longer():
    release = threading.Event()

    def slow_scan() -> WasteReport:
        release.wait(10)
        return _report(A)

    outlook = Outlook(slow_scan, lambda: None, budget=0.05)
    assert outlook.savings() is None  # the answer goes on without it
    release.set()


def test_the_outlook_gives_what_is_ready_and_the_insights_say_nothing_without_findings():
    outlook = Outlook(lambda: _report(A), lambda: None)
    assert outlook.savings() == _report(A)
    insights = insights_of(outlook.savings(), None, title_of=lambda f: f"título {f.resource_id}")
    assert insights is not None and [s.title for s in insights.savings] == ["título vol-1-1", "título vol-0-1"]
    assert insights.savings_total is not None and insights.savings_total.amount == 30
    empty = build_waste_report([], ScanScope((A,), ("us-east-1",), ("ebs",)), NOW, "fake")
    assert insights_of(empty, None) is None and insights_of(None, None) is None
