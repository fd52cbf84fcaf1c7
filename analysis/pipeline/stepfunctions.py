"""AWS Step Functions as the pipeline engine, and the SQS dead-letter queue of failed executions.

Adapters: they receive boto3 clients from the composition root and reach botocore's errors through
`client.exceptions`, so this module imports neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.errors import PipelineError
from analysis.pipeline.contracts import AnalysisRequest, PipelineInput, job_keys
from analysis.pipeline.progress import ProgressListener, ignore_progress
from analysis.pipeline.replay import DeadLetter
from analysis.ports import StateStore

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_stepfunctions import SFNClient


class StepFunctionsPipeline:
    """`StartExecution` named by the job id: the idempotency key. Returns None (the notifier delivers),
    or the report key when the job already finished."""

    name = "stepfunctions"

    def __init__(self, client: SFNClient | Any, state_machine_arn: str, state: StateStore,
                 report_name: str = "report") -> None:
        self.client = client
        self.state_machine_arn = state_machine_arn
        self.state = state
        self.report_name = report_name

    def run(self, job_id: str, request: AnalysisRequest, progress: ProgressListener = ignore_progress) -> str | None:
        report_key = f"{job_keys(job_id)['csv']}{self.report_name}.json"
        if self.state.get(report_key) is not None:
            return report_key
        payload = PipelineInput(job_id=job_id, request=request).model_dump_json()
        if self._start_execution(self.state_machine_arn, job_id, payload):
            return None
        return self._already_started(job_id, report_key)

    def start(self, state_machine_arn: str, name: str, payload: str) -> bool:
        """For replays: False when an execution of that name exists. Looked up first, because Step Functions
        answers a repeated start of a running execution with the same input as if it had started it."""
        try:
            self.client.describe_execution(executionArn=execution_arn(state_machine_arn, name))
        except self.client.exceptions.ExecutionDoesNotExist:
            return self._start_execution(state_machine_arn, name, payload)
        except self.client.exceptions.ClientError as exc:
            raise PipelineError(f"could not look up execution {name}: {_code(exc)}") from exc
        return False

    def _start_execution(self, state_machine_arn: str, name: str, payload: str) -> bool:
        try:
            self.client.start_execution(stateMachineArn=state_machine_arn, name=name, input=payload)
        except self.client.exceptions.ExecutionAlreadyExists:
            return False
        except self.client.exceptions.ClientError as exc:
            raise PipelineError(f"Step Functions did not start job {name}: {_code(exc)}: {_message(exc)}") from exc
        return True

    def _already_started(self, job_id: str, report_key: str) -> str | None:
        """Same name, different input (another asker) or a closed execution: look at how it went."""
        arn = execution_arn(self.state_machine_arn, job_id)
        try:
            status = self.client.describe_execution(executionArn=arn)["status"]
        except self.client.exceptions.ClientError as exc:
            raise PipelineError(f"could not read execution {arn}: {_code(exc)}") from exc
        if status == "RUNNING":
            return None
        if self.state.get(report_key) is not None:
            return report_key
        raise PipelineError(
            f"analysis job {job_id} ended {status} without a report; its input is in the dead-letter queue "
            "and `finops pipeline replay` runs it again."
        )


def execution_arn(state_machine_arn: str, name: str) -> str:
    prefix, _, machine = state_machine_arn.rpartition(":stateMachine:")
    if not prefix:
        raise PipelineError(f"not a state machine ARN: {state_machine_arn}")
    return f"{prefix}:execution:{machine}:{name}"


class SqsDeadLetters:
    def __init__(self, client: SQSClient | Any, queue_url: str, *, visibility_seconds: int = 60) -> None:
        self.client = client
        self.queue_url = queue_url
        self.visibility_seconds = visibility_seconds

    def receive(self, max_messages: int) -> list[DeadLetter]:
        try:
            response = self.client.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=max_messages,
                                                   VisibilityTimeout=self.visibility_seconds, WaitTimeSeconds=0)
        except self.client.exceptions.ClientError as exc:
            raise PipelineError(f"could not read the dead-letter queue {self.queue_url}: {_code(exc)}") from exc
        return [DeadLetter(m["MessageId"], m["ReceiptHandle"], m["Body"]) for m in response.get("Messages", [])]

    def delete(self, letter: DeadLetter) -> None:
        try:
            self.client.delete_message(QueueUrl=self.queue_url, ReceiptHandle=letter.receipt)
        except self.client.exceptions.ClientError as exc:
            raise PipelineError(f"could not delete message {letter.message_id}: {_code(exc)}") from exc


def _code(exc: Any) -> str:
    return str(exc.response.get("Error", {}).get("Code", "unknown"))


def _message(exc: Any) -> str:
    return str(exc.response.get("Error", {}).get("Message", ""))
