"""Progress events a long analysis emits, so the thread can show "2 of 5 batches done"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Stage = Literal["cached", "planned", "batch_done", "batch_failed", "aggregated"]


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    stage: Stage
    done: int
    total: int
    detail: str = ""


class ProgressListener(Protocol):
    def __call__(self, event: ProgressEvent) -> None: ...


def ignore_progress(event: ProgressEvent) -> None:
    """The listener for callers that do not show progress."""
