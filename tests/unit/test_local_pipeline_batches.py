"""The local pipeline over a plan of several batches: the same functions the Lambdas call, in threads."""

from __future__ import annotations

from datetime import date

from analysis.domain.report_json import report_from_json
from analysis.errors import SourceAccessDeniedError, SourceThrottledError
from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.local import LocalPipeline
from analysis.state import MemoryStateStore
from tests.fakes.pipeline_work import AccountBatchedCosts

ACCOUNTS = ["111111111111", "222222222222", "333333333333", "444444444444"]
REQUEST = AnalysisRequest(period="last-30d", as_of=date(2026, 11, 25))


def run(work: AccountBatchedCosts, job_id: str = "job") -> tuple[MemoryStateStore, list[float]]:
    state, waits = MemoryStateStore(), []
    LocalPipeline(state, kinds={"costs": work}, sleep=waits.append).run(job_id, REQUEST)
    return state, waits


def test_access_denied_in_one_batch_gives_a_partial_report_naming_it_and_why() -> None:
    denied = f"acct-{ACCOUNTS[2]}"
    state, _ = run(AccountBatchedCosts(ACCOUNTS, {denied: [SourceAccessDeniedError("ce:GetCostAndUsage denied")]}))
    report = report_from_json(state.get("jobs/job/report.json") or b"")
    assert report.partial
    assert [(m.batch_id, m.description, m.reason) for m in report.missing] == [
        (denied, "costs of account 333333333333", "SourceAccessDeniedError: ce:GetCostAndUsage denied")]
    assert {item.key for item in report.by_account} == set(ACCOUNTS) - {ACCOUNTS[2]}


def test_throttling_on_the_first_calls_is_retried_and_the_report_is_whole_and_right() -> None:
    throttle = [SourceThrottledError("LimitExceededException")] * 2
    flaky = AccountBatchedCosts(ACCOUNTS, {f"acct-{a}": throttle for a in ACCOUNTS[:2]})
    state, waits = run(flaky)
    calm_state, _ = run(AccountBatchedCosts(ACCOUNTS))
    report = report_from_json(state.get("jobs/job/report.json") or b"")
    calm = report_from_json(calm_state.get("jobs/job/report.json") or b"")
    assert not report.partial
    assert report.total == calm.total and report.by_account == calm.by_account
    assert flaky.calls[f"acct-{ACCOUNTS[0]}"] == 3 and flaky.calls[f"acct-{ACCOUNTS[3]}"] == 1
    assert len(waits) == 4  # two jittered waits for each of the two throttled batches


def test_rerunning_a_job_reuses_successful_batches_and_keeps_the_first_report() -> None:
    work = AccountBatchedCosts(ACCOUNTS)
    state = MemoryStateStore()
    pipeline = LocalPipeline(state, kinds={"costs": work})
    first = pipeline.run("job", REQUEST)
    body = state.get(first)
    state.delete(first)  # as if the aggregator had died: the rerun must not ask the source again
    assert pipeline.run("job", REQUEST) == first
    assert sum(work.calls.values()) == len(ACCOUNTS)
    assert state.get(first) == body
