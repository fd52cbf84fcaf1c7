"""Waste checks through the pipeline: the waste helper's plan and batches, run by the same mapper,
worker and aggregator as costs, give the same report as its in-process `scan`."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from analysis.checks import scan
from analysis.domain.waste_json import waste_report_from_json
from analysis.errors import SourceAccessDeniedError
from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.local import LocalPipeline
from analysis.pipeline.waste_work import WasteWork
from analysis.sources.demo_inventory import DemoInventories
from analysis.state import MemoryStateStore

AS_OF = date(2026, 11, 25)
NOW = datetime.combine(AS_OF, time(6, 0), UTC)
REQUEST = AnalysisRequest(period="last-30d", as_of=AS_OF, kinds=("waste",))


class DeniedIn(DemoInventories):
    """The demo organisation, with one account whose role cannot be assumed in one region."""

    def __init__(self, account: str, region: str) -> None:
        super().__init__()
        self.denied = (account, region)

    def open(self, account_id: str, region: str, *, now: datetime, window_days: int) -> Any:
        if (account_id, region) == self.denied:
            raise SourceAccessDeniedError(f"sts:AssumeRole denied in {account_id}")
        return super().open(account_id, region, now=now, window_days=window_days)


def waste_report(inventories: DemoInventories) -> Any:
    state = MemoryStateStore()
    work = WasteWork(lambda: inventories, clock=lambda: datetime(2026, 12, 1, tzinfo=UTC))
    key = LocalPipeline(state, kinds={"waste": work}).run("waste-job", REQUEST)
    assert key == "jobs/waste-job/waste.json"
    assert (state.get("jobs/waste-job/waste_findings.csv") or b"").startswith(b"check_id,resource_id")
    return waste_report_from_json(state.get(key) or b"")


def test_the_pipeline_finds_what_the_in_process_scan_finds() -> None:
    inventories = DemoInventories()
    through_pipeline = waste_report(inventories)
    direct = scan(inventories, inventories.default_accounts(), clock=lambda: NOW)
    assert not through_pipeline.partial
    assert through_pipeline.total_saving == direct.total_saving
    assert sorted(f.resource_key for f in through_pipeline.findings) == sorted(f.resource_key for f in direct.findings)
    assert through_pipeline.generated_at == NOW  # the request's day, the same moment for every batch


def test_a_denied_account_region_is_missing_by_name_and_the_rest_is_reported() -> None:
    inventories = DemoInventories()
    account = inventories.default_accounts()[0]
    region = inventories.regions(account)[0]
    report = waste_report(DeniedIn(account, region))
    assert report.partial
    assert report.missing and all(m.batch_id.startswith(f"waste-{account}-{region}-") for m in report.missing)
    assert all(m.reason == f"SourceAccessDeniedError: sts:AssumeRole denied in {account}" for m in report.missing)
    assert all(account in m.description and region in m.description for m in report.missing)
    assert not any((f.account_id, f.region) == (account, region) for f in report.findings)
    assert report.findings  # the other accounts and regions are there
