"""StepFunctionsPipeline, the DLQ replay and the `finops pipeline replay` command against a moto server
(Step Functions in moto's default mode: executions are recorded, not run)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from analysis.bootstrap import build_cost_analysis
from analysis.errors import PipelineError
from analysis.pipeline.contracts import AnalysisRequest, PipelineInput
from analysis.pipeline.local import LocalPipeline
from analysis.pipeline.replay import replay_dead_letters, replay_name
from analysis.pipeline.stepfunctions import SqsDeadLetters, StepFunctionsPipeline, execution_arn
from analysis.settings import AnalysisSettings
from analysis.sources.demo import DemoCostSource
from analysis.state.s3 import S3StateStore
from bot.cli import main
from tests.fakes.moto_server import MotoServer, moto_server

pytestmark = pytest.mark.integration

REQUEST = AnalysisRequest(period="last-7d", as_of=date(2026, 11, 25))
MACHINE_ASL = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    with moto_server() as server:
        yield server


@pytest.fixture()
def aws(moto: MotoServer, request: pytest.FixtureRequest) -> dict[str, Any]:
    name = request.node.name.replace("_", "-")[:40]
    s3, sfn, sqs = moto.client("s3"), moto.client("stepfunctions"), moto.client("sqs")
    bucket = f"state-{name}".lower()
    s3.create_bucket(Bucket=bucket)
    machine = sfn.create_state_machine(name=name, definition=MACHINE_ASL,
                                       roleArn="arn:aws:iam::123456789012:role/sfn")["stateMachineArn"]
    queue = sqs.create_queue(QueueName=f"dlq-{name}")["QueueUrl"]
    state = S3StateStore(bucket, client=s3)
    return {"s3": s3, "sfn": sfn, "sqs": sqs, "bucket": bucket, "machine": machine, "queue": queue,
            "state": state, "runner": StepFunctionsPipeline(sfn, machine, state)}


def executions(aws: dict[str, Any]) -> list[str]:
    return sorted(e["name"] for e in aws["sfn"].list_executions(stateMachineArn=aws["machine"])["executions"])


def test_starting_the_same_job_twice_starts_one_execution_named_by_the_job(aws: dict[str, Any]) -> None:
    assert aws["runner"].run("job-a", REQUEST) is None  # asynchronous: the notifier answers
    assert aws["runner"].run("job-a", REQUEST) is None  # a Slack retry or double click
    assert executions(aws) == ["job-a"]
    started = aws["sfn"].describe_execution(executionArn=execution_arn(aws["machine"], "job-a"))
    assert PipelineInput.model_validate_json(started["input"]) == PipelineInput(job_id="job-a", request=REQUEST)


def test_a_job_whose_report_exists_answers_at_once_without_an_execution(aws: dict[str, Any]) -> None:
    aws["state"].put("jobs/job-b/report.json", b"{}")
    assert aws["runner"].run("job-b", REQUEST) == "jobs/job-b/report.json"
    assert executions(aws) == []


def test_a_job_that_ended_without_a_report_says_so_and_points_at_replay(aws: dict[str, Any]) -> None:
    aws["runner"].run("job-c", REQUEST)
    aws["sfn"].stop_execution(executionArn=execution_arn(aws["machine"], "job-c"))
    with pytest.raises(PipelineError, match=r"job-c ended ABORTED.*finops pipeline replay"):
        aws["runner"].run("job-c", REQUEST)


def test_an_unknown_state_machine_is_a_pipeline_error(aws: dict[str, Any]) -> None:
    runner = StepFunctionsPipeline(aws["sfn"], aws["machine"] + "-gone", aws["state"])
    with pytest.raises(PipelineError, match="StateMachineDoesNotExist") as caught:
        runner.run("job-d", REQUEST)
    assert caught.value.__cause__ is not None


def dead_letter(aws: dict[str, Any], name: str, job_id: str) -> None:
    """The message the state machine's SendToDeadLetterQueue state sends."""
    body = {"execution_arn": execution_arn(aws["machine"], name), "execution_name": name,
            "state_machine_arn": aws["machine"],
            "input": json.loads(PipelineInput(job_id=job_id, request=REQUEST).model_dump_json()),
            "error": {"Error": "StateError", "Cause": json.dumps({"errorMessage": "S3 unavailable"})}}
    aws["sqs"].send_message(QueueUrl=aws["queue"], MessageBody=json.dumps(body))


def test_replay_restarts_each_failure_once_even_when_the_queue_repeats_it(aws: dict[str, Any]) -> None:
    dead_letter(aws, "job-e", "job-e")
    dead_letter(aws, "job-e", "job-e")  # SQS delivers at least once
    dead_letter(aws, "job-f-r1", "job-f")  # a replay that failed again
    aws["sqs"].send_message(QueueUrl=aws["queue"], MessageBody="not json")
    report = replay_dead_letters(SqsDeadLetters(aws["sqs"], aws["queue"], visibility_seconds=0), aws["runner"],
                                 limit=4)
    results = sorted((line.result, line.name) for line in report.lines)
    assert results == [("already started", "job-e-r1"), ("started", "job-e-r1"), ("started", "job-f-r2"),
                       ("unreadable", "")]
    assert executions(aws) == ["job-e-r1", "job-f-r2"]
    replayed = aws["sfn"].describe_execution(executionArn=execution_arn(aws["machine"], "job-f-r2"))
    assert json.loads(replayed["input"])["job_id"] == "job-f"  # same job: finished batches are reused
    left = aws["sqs"].receive_message(QueueUrl=aws["queue"], MaxNumberOfMessages=10).get("Messages", [])
    assert [m["Body"] for m in left] == ["not json"]


def test_replay_names_grow_a_counter_and_respect_the_80_character_limit() -> None:
    assert replay_name("abc") == "abc-r1"
    assert replay_name("abc-r1") == "abc-r2"
    assert replay_name("abc-r9") == "abc-r10"
    long = "x" * 80
    assert len(replay_name(long)) == 80 and replay_name(long).endswith("-r1")


def test_the_replay_command_reads_the_queue_from_settings(aws: dict[str, Any], moto: MotoServer,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    dead_letter(aws, "job-g", "job-g")
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)
    monkeypatch.setenv("FINOPS_DLQ_URL", aws["queue"])
    monkeypatch.setenv("FINOPS_STATE_MACHINE_ARN", aws["machine"])
    assert main(["pipeline", "replay", "--lang", "pt-BR"]) == 0
    out = capsys.readouterr().out
    assert "iniciada job-g-r1 (tarefa job-g)" in out and "StateError: S3 unavailable" in out
    assert executions(aws) == ["job-g-r1"]
    assert main(["pipeline", "replay"]) == 0
    assert "empty" in capsys.readouterr().out


def test_finops_pipeline_stepfunctions_starts_an_execution_and_answers_later(
        aws: dict[str, Any], moto: MotoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto.url)
    settings = AnalysisSettings(pipeline="stepfunctions", bucket=aws["bucket"], state_machine_arn=aws["machine"])
    analysis = build_cost_analysis(settings)
    assert analysis.answer(REQUEST) is None
    assert executions(aws) == [analysis.job_id(REQUEST)]
    # the workers finish (here: the same functions, in-process) and the next ask answers from S3
    LocalPipeline(aws["state"], DemoCostSource()).run(analysis.job_id(REQUEST), REQUEST)
    report = analysis.answer(REQUEST)
    assert report is not None and report.total.amount > 0


def test_stepfunctions_without_its_settings_says_what_to_set() -> None:
    from analysis.errors import SourceUnavailableError

    with pytest.raises(SourceUnavailableError, match="FINOPS_STATE_MACHINE_ARN and FINOPS_BUCKET"):
        build_cost_analysis(AnalysisSettings(pipeline="stepfunctions"))


def test_the_same_job_run_twice_on_s3_writes_one_report(aws: dict[str, Any]) -> None:
    from analysis.pipeline.aggregator import run_aggregator
    from analysis.pipeline.kinds import CostWork

    pipeline = LocalPipeline(aws["state"], DemoCostSource())
    key = pipeline.run("job-h", REQUEST)
    version = aws["s3"].head_object(Bucket=aws["bucket"], Key=key)["ETag"]
    again = run_aggregator("job-h", aws["state"], {"costs": CostWork(DemoCostSource())})
    assert again.created is False and again.report_key == key
    assert aws["state"].put(key, b"a second report", if_absent=True) is False  # S3 refused it
    assert aws["s3"].head_object(Bucket=aws["bucket"], Key=key)["ETag"] == version
