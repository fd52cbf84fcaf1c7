"""The Lambda handlers, fed and read through JSON as Step Functions does, against an in-memory state."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from analysis.domain.report_json import report_from_json
from analysis.errors import SourceAccessDeniedError, SourceThrottledError, SourceUnavailableError
from analysis.pipeline import bootstrap
from analysis.pipeline.contracts import AggregatorOutput, AnalysisRequest, BatchOutcome, MapperOutput, ReplyTarget
from analysis.pipeline.handlers import aggregator_handler, mapper_handler, worker_handler
from analysis.resilience import CircuitBreakers
from analysis.state import MemoryStateStore
from tests.fakes.pipeline_work import AccountBatchedCosts

ACCOUNTS = ["111111111111", "222222222222", "333333333333"]
REQUEST = AnalysisRequest(period="last-7d", as_of=date(2026, 11, 25),
                          reply_to=ReplyTarget(channel="C123", thread_ts="1700000000.000100", language="pt-BR"))


def through_json(value: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(value))
    return loaded


@pytest.fixture()
def state() -> Iterator[MemoryStateStore]:
    yield MemoryStateStore()
    bootstrap.use_dependencies(None)


def install(state: MemoryStateStore, work: AccountBatchedCosts) -> None:
    bootstrap.use_dependencies(bootstrap.PipelineDeps(state, {"costs": work}, CircuitBreakers(state)))


def start_event(job_id: str = "job-1", request: AnalysisRequest = REQUEST) -> dict[str, Any]:
    return through_json({"job_id": job_id, "request": json.loads(request.model_dump_json())})


def items(state: MemoryStateStore, job_id: str = "job-1") -> list[dict[str, Any]]:
    return list(json.loads(state.get(f"jobs/{job_id}/batches.json") or b"[]"))


def test_a_whole_job_round_trips_through_json_between_every_state(state: MemoryStateStore) -> None:
    install(state, AccountBatchedCosts(ACCOUNTS))
    planned = through_json(mapper_handler(start_event()))
    assert MapperOutput.model_validate(planned).batch_count == 3
    outcomes = [BatchOutcome.model_validate(through_json(worker_handler(item))) for item in items(state)]
    assert [o.status for o in outcomes] == ["ok"] * 3
    done = AggregatorOutput.model_validate(through_json(aggregator_handler(planned)))
    assert done.report_key == "jobs/job-1/report.json" and not done.partial and done.created
    assert done.reply_to == REQUEST.reply_to  # the notifier knows which thread, in which language
    assert sorted(done.csv_keys) == ["jobs/job-1/by_account.csv", "jobs/job-1/by_service.csv"]
    report = report_from_json(state.get(done.report_key) or b"")
    assert {item.key for item in report.by_account} == set(ACCOUNTS)


def test_the_worker_raises_throttling_for_step_functions_to_retry(state: MemoryStateStore) -> None:
    install(state, AccountBatchedCosts(ACCOUNTS, {f"acct-{ACCOUNTS[0]}": [SourceThrottledError("slow down")]}))
    mapper_handler(start_event())
    first = items(state)[0]
    with pytest.raises(SourceThrottledError):
        worker_handler(first)
    assert state.get("jobs/job-1/outcomes/acct-111111111111.json") is None  # not recorded as a result
    assert worker_handler(first)["status"] == "ok"  # the retry


def test_access_denied_in_one_batch_is_recorded_and_the_report_names_it(state: MemoryStateStore) -> None:
    denied = f"acct-{ACCOUNTS[1]}"
    install(state, AccountBatchedCosts(ACCOUNTS, {denied: [SourceAccessDeniedError("ce:GetCostAndUsage denied")]}))
    planned = mapper_handler(start_event())
    results = {item["batch_id"]: worker_handler(item) for item in items(state)}
    assert results[denied]["status"] == "failed"
    assert results[denied]["error_type"] == "SourceAccessDeniedError"
    done = aggregator_handler(planned)
    assert done["partial"] is True and done["missing"] == [denied]
    report = report_from_json(state.get(done["report_key"]) or b"")
    assert [(m.batch_id, m.description) for m in report.missing] == [(denied, "costs of account 222222222222")]
    assert report.missing[0].reason == "SourceAccessDeniedError: ce:GetCostAndUsage denied"
    assert {item.key for item in report.by_account} == {ACCOUNTS[0], ACCOUNTS[2]}  # no silent zero row


def test_the_catch_event_records_the_lambda_error_message(state: MemoryStateStore) -> None:
    install(state, AccountBatchedCosts(ACCOUNTS))
    planned = mapper_handler(start_event())
    caught = {**items(state)[2], "error": {
        "Error": "Lambda.Unknown",
        "Cause": json.dumps({"errorType": "Sandbox.Timedout", "errorMessage": "Task timed out after 900 s"}),
    }}
    recorded = worker_handler(through_json(caught))
    assert (recorded["status"], recorded["error_type"]) == ("failed", "Lambda.Unknown")
    assert recorded["error_message"] == "Task timed out after 900 s"
    for item in items(state)[:2]:
        worker_handler(item)
    report = report_from_json(state.get(aggregator_handler(planned)["report_key"]) or b"")
    assert report.missing[0].reason == "Lambda.Unknown: Task timed out after 900 s"


def test_a_late_failure_record_never_overwrites_a_success(state: MemoryStateStore) -> None:
    install(state, AccountBatchedCosts(ACCOUNTS))
    mapper_handler(start_event())
    item = items(state)[0]
    worker_handler(item)
    late = worker_handler({**item, "error": {"Error": "States.Timeout", "Cause": ""}})
    assert late["status"] == "ok"


def test_a_batch_whose_outcome_was_never_recorded_is_missing_not_zero(state: MemoryStateStore) -> None:
    install(state, AccountBatchedCosts(ACCOUNTS))
    planned = mapper_handler(start_event())
    for item in items(state)[:2]:
        worker_handler(item)  # the third worker and its Catch both died
    done = aggregator_handler(planned)
    report = report_from_json(state.get(done["report_key"]) or b"")
    assert done["missing"] == [f"acct-{ACCOUNTS[2]}"]
    assert report.missing[0].reason.startswith("NoOutcomeRecorded")


def test_a_kind_this_build_cannot_run_fails_the_mapper_with_a_named_error(state: MemoryStateStore) -> None:
    install(state, AccountBatchedCosts(ACCOUNTS))
    waste = AnalysisRequest(period="last-7d", as_of=date(2026, 11, 25), kinds=("waste",))
    with pytest.raises(SourceUnavailableError, match="waste analysis is not available"):
        mapper_handler(start_event(request=waste))


def test_a_malformed_event_is_refused_before_any_work(state: MemoryStateStore) -> None:
    install(state, AccountBatchedCosts(ACCOUNTS))
    with pytest.raises(ValueError, match="job_id"):
        worker_handler({"batch_id": "x"})
