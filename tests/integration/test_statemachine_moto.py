"""The state machine definition executed by moto's Step Functions engine (a port of LocalStack's ASL
interpreter), with our real Lambda handlers behind its Lambda tasks.

What this proves, on the definition Terraform deploys:
- the Mapper's output drives a Distributed Map that reads the plan from S3 (ItemReader) and runs one
  Worker per batch, with MaxConcurrencyPath read from the Mapper's output;
- a worker that raises SourceThrottledError is retried by the Worker's Retry (Lambda reports
  errorType = the Python class name, and Retry matches it), then succeeds;
- a worker that raises an error outside the Retry list is caught, the Catch hands the batch and its
  error to RecordBatchFailure (the worker again), and the report names the batch and the reason;
- a source AccessDenied is recorded by the worker itself: no Lambda error, the batch is missing;
- the Aggregator writes report.json to S3 and the Notifier receives its keys;
- a failure outside the Map (here the Mapper refuses a kind it cannot run) is caught, the execution
  input and error land in the SQS dead-letter queue through the sqs:sendMessage integration, the
  execution fails with the original error (Fail's ErrorPath), and `replay_dead_letters` restarts it
  under the next replay name.

What it cannot prove (and what stands in):
- moto's Lambda needs Docker to run code. Its Docker-free backend (`lambda.use_docker = False`)
  echoes payloads, so the test replaces that backend's `invoke` with a shim that calls our handler
  in-process and reports an exception as the Python Lambda runtime does (`X-Amz-Function-Error:
  Unhandled`, body `{errorType, errorMessage}`). Packaging, IAM, timeouts, cold starts and the real
  Lambda service errors (Lambda.TooManyRequestsException…) are not exercised.
- Three deliberate edits to the definition before it is loaded, beyond Terraform's placeholders:
  ExecutionType EXPRESS → STANDARD (moto's parser only accepts STANDARD child executions), and the
  ResultWriter's `Bucket.$`/`Prefix.$` become literals (moto evaluates ResultWriter paths against
  the Map's results; AWS evaluates them against the state's input).
- Retry timing: moto sleeps the real jittered interval; we assert attempts, not waits.
- IAM, quotas, the 256 KB payload limit and Express child semantics are AWS's; see the size test.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from moto.awslambda_simple.models import LambdaSimpleBackend
from moto.core.config import default_user_config

from analysis.domain.report_json import report_from_json
from analysis.errors import SourceAccessDeniedError, SourceThrottledError
from analysis.pipeline import bootstrap, handlers
from analysis.pipeline.contracts import AnalysisRequest, PipelineInput
from analysis.pipeline.replay import DeadLetterMessage, replay_dead_letters
from analysis.pipeline.stepfunctions import SqsDeadLetters, StepFunctionsPipeline
from analysis.resilience import CircuitBreakers
from analysis.state.s3 import S3StateStore
from analysis.statemachine import render
from tests.fakes.moto_server import MotoServer, moto_server
from tests.fakes.pipeline_work import AccountBatchedCosts

pytestmark = pytest.mark.integration

BUCKET = "finops-state-sfn"
ACCOUNTS = ["111111111111", "222222222222", "333333333333", "444444444444"]
REQUEST = AnalysisRequest(period="last-7d", as_of=date(2026, 11, 25))


class LambdaShim:
    """Stands in for the Lambda runtime: dispatches by function name to our handlers."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.routes: dict[str, Any] = {
            "finops-mapper": handlers.mapper_handler,
            "finops-worker": handlers.worker_handler,
            "finops-aggregator": handlers.aggregator_handler,
            "finops-notifier": lambda event, context: {"posted": event["report_key"]},
        }

    def invoke(self, backend: Any, function_name: str, qualifier: Any, body: Any, headers: Any,
               response_headers: dict[str, str]) -> bytes:
        name = function_name.rsplit(":", 1)[-1]
        event = json.loads(body or b"{}")
        self.calls.append((name, event))
        try:
            result = self.routes[name](event, None)
        except Exception as exc:  # noqa: BLE001 - reported to Step Functions exactly as Lambda does
            response_headers["x-amz-function-error"] = "Unhandled"
            return json.dumps({"errorType": type(exc).__name__, "errorMessage": str(exc)}).encode()
        return json.dumps(result).encode()

    def events(self, name: str) -> list[dict[str, Any]]:
        return [event for called, event in self.calls if called == name]


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    previous = json.loads(json.dumps(default_user_config))
    with moto_server() as server:
        server.configure({"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}})
        yield server
        server.configure({"stepfunctions": previous.get("stepfunctions", {}), "lambda": previous.get("lambda", {})})


@pytest.fixture()
def shim(monkeypatch: pytest.MonkeyPatch) -> LambdaShim:
    shim = LambdaShim()
    monkeypatch.setattr(LambdaSimpleBackend, "invoke",
                        lambda backend, *args: shim.invoke(backend, *args))
    return shim


@pytest.fixture()
def aws(moto: MotoServer, shim: LambdaShim) -> Iterator[dict[str, Any]]:
    moto.reset()
    moto.configure({"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}})
    s3, sqs = moto.client("s3"), moto.client("sqs")
    s3.create_bucket(Bucket=BUCKET)
    role = moto.client("iam").create_role(RoleName="finops-pipeline", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    functions = {}
    for name in ("mapper", "worker", "aggregator", "notifier"):
        functions[f"{name}_arn"] = moto.client("lambda").create_function(
            FunctionName=f"finops-{name}", Runtime="python3.11", Role=role, Handler=f"{name}.handler",
            Code={"ZipFile": b"shim"})["FunctionArn"]
    dlq_url = sqs.create_queue(QueueName="finops-pipeline-dlq")["QueueUrl"]
    definition = json.loads(render({**functions, "dlq_url": dlq_url}))
    batches = definition["States"]["RunBatches"]
    batches["ItemProcessor"]["ProcessorConfig"]["ExecutionType"] = "STANDARD"
    batches["ResultWriter"]["Parameters"] = {"Bucket": BUCKET, "Prefix": "map-runs"}
    sfn = moto.client("stepfunctions")
    machine = sfn.create_state_machine(name="finops-analysis", definition=json.dumps(definition),
                                       roleArn=role)["stateMachineArn"]
    yield {"sfn": sfn, "sqs": sqs, "s3": s3, "machine": machine, "dlq_url": dlq_url}
    bootstrap.use_dependencies(None)


def install(moto: MotoServer, work: AccountBatchedCosts) -> S3StateStore:
    state = S3StateStore(BUCKET, client=moto.client("s3"), prefix="finops")
    bootstrap.use_dependencies(bootstrap.PipelineDeps(state, {"costs": work}, CircuitBreakers(state),
                                                      max_concurrency=2, locate=state.location))
    return state


def wait_for(sfn: Any, execution_arn: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        described: dict[str, Any] = sfn.describe_execution(executionArn=execution_arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.1)
    raise AssertionError(f"{execution_arn} still running after {timeout}s")


def start(aws: dict[str, Any], job_id: str, request: AnalysisRequest = REQUEST) -> dict[str, Any]:
    payload = PipelineInput(job_id=job_id, request=request).model_dump_json()
    arn = aws["sfn"].start_execution(stateMachineArn=aws["machine"], name=job_id, input=payload)["executionArn"]
    return wait_for(aws["sfn"], arn)


def test_map_retry_and_catch_give_a_partial_report_that_names_what_is_missing(moto: MotoServer, aws: dict[str, Any],
                                                                                shim: LambdaShim) -> None:
    throttled, denied, crashing, _fine = (f"acct-{a}" for a in ACCOUNTS)
    work = AccountBatchedCosts(ACCOUNTS, {
        throttled: [SourceThrottledError("LimitExceededException: slow down")],
        denied: [SourceAccessDeniedError("ce:GetCostAndUsage denied for 222222222222")],
        crashing: [ValueError("unexpected shape in a response")],
    })
    state = install(moto, work)

    execution = start(aws, "job-partial")

    assert execution["status"] == "SUCCEEDED", execution.get("cause")
    worker_runs = [e["batch_id"] for e in shim.events("finops-worker") if "error" not in e]
    assert sorted(set(worker_runs)) == sorted(f"acct-{a}" for a in ACCOUNTS)  # the Map ran every batch
    assert worker_runs.count(throttled) == 2  # Retry on SourceThrottledError, then success
    assert worker_runs.count(crashing) == 1  # ValueError is not retried …
    caught = [e for e in shim.events("finops-worker") if "error" in e]
    assert [(e["batch_id"], e["error"]["Error"]) for e in caught] == [(crashing, "ValueError")]  # … but caught

    report = report_from_json(state.get("jobs/job-partial/report.json") or b"")
    assert report.partial
    reasons = {part.batch_id: part.reason for part in report.missing}
    assert set(reasons) == {denied, crashing}
    assert "SourceAccessDeniedError" in reasons[denied] and "222222222222" in reasons[denied]
    assert reasons[crashing] == "ValueError: unexpected shape in a response"
    assert {item.key for item in report.by_account} == {ACCOUNTS[0], ACCOUNTS[3]}

    notified = shim.events("finops-notifier")
    assert len(notified) == 1
    assert notified[0]["report_key"] == "jobs/job-partial/report.json"
    assert notified[0]["partial"] is True and sorted(notified[0]["missing"]) == sorted([denied, crashing])
    assert state.get("jobs/job-partial/by_service.csv") is not None
    mapper_out = shim.events("finops-aggregator")[0]
    assert mapper_out["max_concurrency"] == 2
    assert mapper_out["s3"]["batches_key"] == "finops/jobs/job-partial/batches.json"


def test_a_failure_outside_the_map_goes_to_the_dead_letter_queue_and_replays(moto: MotoServer, aws: dict[str, Any],
                                                                               shim: LambdaShim) -> None:
    install(moto, AccountBatchedCosts(ACCOUNTS))
    waste_request = AnalysisRequest(period="last-7d", as_of=date(2026, 11, 25), kinds=("waste",))

    execution = start(aws, "job-doomed", waste_request)

    assert execution["status"] == "FAILED"
    assert execution["error"] == "SourceUnavailableError"  # the original error, through Fail's ErrorPath
    assert "waste analysis is not available" in execution["cause"]
    assert shim.events("finops-worker") == [] and shim.events("finops-notifier") == []
    messages = aws["sqs"].receive_message(QueueUrl=aws["dlq_url"], MaxNumberOfMessages=10)["Messages"]
    assert len(messages) == 1
    letter = DeadLetterMessage.model_validate_json(messages[0]["Body"])
    assert letter.execution_name == "job-doomed" and letter.input.job_id == "job-doomed"
    assert letter.input.request == waste_request and letter.error.error == "SourceUnavailableError"
    aws["sqs"].change_message_visibility(QueueUrl=aws["dlq_url"], ReceiptHandle=messages[0]["ReceiptHandle"],
                                         VisibilityTimeout=0)

    runner = StepFunctionsPipeline(aws["sfn"], aws["machine"], S3StateStore(BUCKET, client=aws["s3"]))
    replayed = replay_dead_letters(SqsDeadLetters(aws["sqs"], aws["dlq_url"]), runner)

    assert [(line.result, line.name, line.job_id) for line in replayed.lines] == [
        ("started", "job-doomed-r1", "job-doomed")]
    again = wait_for(aws["sfn"], f"{aws['machine'].replace(':stateMachine:', ':execution:')}:job-doomed-r1")
    assert again["status"] == "FAILED"  # still no waste checks: it fails again, and says so again
    assert json.loads(again["input"])["job_id"] == "job-doomed"
