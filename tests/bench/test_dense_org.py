"""A dense organisation — every one of 253 services billed in every account every day — answering
`costs last-30d` end to end through the local pipeline (mapper, worker, aggregator, report JSON, fresh
report read back) against an in-memory Cost Explorer that pages like the real one (`page_groups`
groups per page, see tests/fakes/cost_explorer.py). 1,000 and 2,000 accounts, measured side by side.

Targets (DESIGN §5): ≤ 20 s and ≤ 1 GB peak for 1,000 accounts; doubling the accounts ≤ 2.2× the time.
Time is measured without tracemalloc (it slows allocation); peak memory in a second run with it.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from datetime import date

from analysis.domain.accounts import Account, AccountList
from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.local import LocalPipeline
from analysis.service import CostAnalysis
from analysis.sources.cost_explorer import CostExplorerCostSource
from analysis.state import MemoryStateStore
from tests.fakes.cost_explorer import FakeCostExplorerClient, SyntheticOrg, catalog_services

REQUEST = AnalysisRequest(period="last-30d", as_of=date(2026, 11, 15), source="aws")
RUNS = 3


class Directory:
    """What Organizations would list for the management account."""

    def __init__(self, org: SyntheticOrg) -> None:
        self.listing = AccountList(tuple(Account(a, f"account-{a[-4:]}", "Root/Workloads") for a in org.account_ids()))

    def accounts(self) -> AccountList:
        return self.listing


def _answer(org: SyntheticOrg) -> tuple[float, int, int]:
    """Seconds for one cold answer, the Cost Explorer requests it made, and the accounts it reports."""
    client = FakeCostExplorerClient(org)
    state = MemoryStateStore()
    source = CostExplorerCostSource(client, organizations=Directory(org), cache=state)
    analysis = CostAnalysis(state, LocalPipeline(state, source))
    started = time.perf_counter()
    report = analysis.answer(REQUEST)
    elapsed = time.perf_counter() - started
    assert report is not None and not report.partial and len(report.by_service) == 253
    return elapsed, client.requests, len(report.by_account)


def _peak_mib(org: SyntheticOrg) -> float:
    tracemalloc.start()
    try:
        _answer(org)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_dense_organisation_last_30d_through_the_local_pipeline() -> None:
    services = catalog_services(253)
    figures = {}
    for accounts in (1_000, 2_000):
        org = SyntheticOrg(accounts=accounts, services=services)
        runs = [_answer(org) for _ in range(RUNS)]
        seconds = statistics.median(r[0] for r in runs)
        figures[accounts] = (seconds, _peak_mib(org), runs[0][1], runs[0][2])
    print("\n[dense org] costs last-30d, 253 services, every service in every account every day, "
          f"median of {RUNS} cold runs")
    for accounts, (seconds, peak, requests, reported) in figures.items():
        print(f"  {accounts:>5,} accounts: {seconds:6.2f} s · peak {peak:7.1f} MiB (tracemalloc) · "
              f"{requests} CE requests · {reported:,} accounts in the report")
    ratio = figures[2_000][0] / figures[1_000][0]
    one_k_seconds, one_k_peak = figures[1_000][0], figures[1_000][1]
    print(f"  2,000 / 1,000 accounts time ratio: {ratio:.2f}× (target ≤ 2.2×) · 1,000 accounts: "
          f"{one_k_seconds:.2f} s (target ≤ 20 s), {one_k_peak:.0f} MiB (target ≤ 1024 MiB)")
    assert figures[1_000][3] == 1_000 and figures[2_000][3] == 2_000
