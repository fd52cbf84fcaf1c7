"""Replay of failed executions from the dead-letter queue.

The state machine's failure path sends `{execution_arn, execution_name, state_machine_arn, input, error}`.
A replay starts a new execution with the same input under the name `<name>-r<N+1>`: Step Functions
refuses a second execution of that name, so replaying one message twice (SQS delivers at least once)
starts one execution. The job id inside the input is unchanged, so batches that already succeeded are
not asked again and a report that was already written is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ValidationError

from analysis.pipeline.contracts import PipelineInput, TaskError

MAX_NAME = 80  # Step Functions' limit on execution names
_REPLAYED = re.compile(r"^(?P<base>.+)-r(?P<n>\d+)$")


class DeadLetterMessage(BaseModel):
    execution_arn: str
    execution_name: str
    state_machine_arn: str
    input: PipelineInput
    error: TaskError


@dataclass(frozen=True)
class DeadLetter:
    message_id: str
    receipt: str
    body: str


class DeadLetters(Protocol):
    def receive(self, max_messages: int) -> list[DeadLetter]: ...

    def delete(self, letter: DeadLetter) -> None: ...


class Executions(Protocol):
    def start(self, state_machine_arn: str, name: str, payload: str) -> bool:
        """Starts an execution; False when one of that name already exists."""
        ...


Result = Literal["started", "already started", "unreadable"]


@dataclass
class ReplayLine:
    message_id: str
    result: Result
    name: str = ""
    job_id: str = ""
    detail: str = ""


@dataclass
class ReplayReport:
    lines: list[ReplayLine] = field(default_factory=list)

    def count(self, result: Result) -> int:
        return sum(1 for line in self.lines if line.result == result)


def replay_name(execution_name: str) -> str:
    match = _REPLAYED.match(execution_name)
    base, attempt = (match["base"], int(match["n"]) + 1) if match else (execution_name, 1)
    suffix = f"-r{attempt}"
    return base[: MAX_NAME - len(suffix)] + suffix


def replay_dead_letters(letters: DeadLetters, executions: Executions, *, limit: int = 100,
                        dry_run: bool = False) -> ReplayReport:
    """Unreadable messages stay in the queue for a person to look at; replayed ones are deleted."""
    report = ReplayReport()
    while len(report.lines) < limit:
        batch = letters.receive(min(10, limit - len(report.lines)))
        if not batch:
            break
        for letter in batch:
            report.lines.append(_replay_one(letter, letters, executions, dry_run))
    return report


def _replay_one(letter: DeadLetter, letters: DeadLetters, executions: Executions, dry_run: bool) -> ReplayLine:
    try:
        message = DeadLetterMessage.model_validate_json(letter.body)
    except ValidationError as exc:
        return ReplayLine(letter.message_id, "unreadable", detail=_first_problem(exc))
    name = replay_name(message.execution_name)
    line = ReplayLine(letter.message_id, "started", name, message.input.job_id,
                      f"{message.error.error}: {message.error.message()}"[:200])
    if dry_run:
        return line
    if not executions.start(message.state_machine_arn, name, message.input.model_dump_json()):
        line.result = "already started"
    letters.delete(letter)
    return line


def _first_problem(exc: ValidationError) -> str:
    first: dict[str, Any] = dict(exc.errors()[0])
    return f"{'.'.join(str(p) for p in first.get('loc', ()))}: {first.get('msg', '')}"
