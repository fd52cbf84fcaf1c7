"""`finops digest replay`: deliver what the dead-letter queue holds, each target exactly once."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

from bot.digests.errors import DigestError
from bot.digests.ports import DeadLetter, DeadLetterQueue
from bot.digests.service import DigestRunner, occurrence_from
from bot.digests.subscription import Subscription

log = logging.getLogger(__name__)


@dataclass
class ReplayResult:
    delivered: int = 0
    skipped: int = 0  # targets an earlier replay (or a duplicate message) already delivered
    failed: int = 0  # messages left in the queue for the next replay
    ignored: int = 0  # other dead letters in a shared queue (failed analyses): left for their own tools
    errors: list[str] = field(default_factory=list)


class DigestReplayer:
    def __init__(self, runner: DigestRunner, dlq: DeadLetterQueue) -> None:
        self.runner = runner
        self.dlq = dlq

    def replay(self, max_messages: int = 100) -> ReplayResult:
        result = ReplayResult()
        seen: set[str] = set()
        while len(seen) < max_messages:
            letters = [m for m in self.dlq.receive(min(10, max_messages - len(seen))) if m.receipt not in seen]
            if not letters:
                break
            for letter in letters:
                seen.add(letter.receipt)
                self._one(letter, result)
        return result

    def _one(self, letter: DeadLetter, result: ReplayResult) -> None:
        try:
            doc = json.loads(letter.body)
            invocation = _scheduler_input(doc)
            if doc.get("kind") != "finops-digest" and invocation is None:
                result.ignored += 1
                return
            done = self._digest(doc, result) if invocation is None else self._rerun(invocation, result)
        except (DigestError, LookupError, ValueError, KeyError) as exc:
            result.failed += 1
            result.errors.append(f"{type(exc).__name__}: {exc}")
            log.warning("dead letter kept: %s", exc)
            return
        if done:
            self.dlq.delete(letter.receipt)
        else:
            result.failed += 1

    def _digest(self, doc: dict[str, object], result: ReplayResult) -> bool:
        subscription = Subscription.model_validate(doc["subscription"])
        report = self.runner.load_report(str(doc["report_key"]))
        occurrence = datetime.fromisoformat(str(doc["occurrence"]))
        digest = self.runner.prepare(subscription, report, occurrence)  # a fresh dashboard link
        delivery = self.runner.delivery.deliver(digest, list(doc["targets"]))  # type: ignore[call-overload]
        result.delivered += len(delivery.delivered)
        result.skipped += len(delivery.already_delivered)
        if delivery.undelivered:
            result.errors += [f"{t}: {delivery.reasons.get(t, '')}" for t in delivery.undelivered]
        return delivery.complete

    def _rerun(self, doc: dict[str, object], result: ReplayResult) -> bool:
        """The digest Lambda never ran to the end for this occurrence: run it now (once, by its run marker)."""
        subscription = self.runner.store.get(str(doc["team"]), str(doc["subscription_id"]))
        occurrence = occurrence_from(str(doc.get("scheduled_time") or ""), self.runner.clock())
        outcome = self.runner.run(subscription, occurrence)
        if outcome.status == "skipped":
            result.skipped += 1
        else:
            result.delivered += 1
        return True  # undelivered parts were queued again as a digest dead letter by `run`


def _scheduler_input(doc: dict[str, object]) -> dict[str, object] | None:
    """The digest invocation inside a dead letter: Scheduler's own DLQ message is the target input; a
    failed asynchronous Lambda invocation record carries it as `requestPayload`."""
    payload = doc.get("requestPayload", doc)
    if isinstance(payload, dict) and "subscription_id" in payload and "team" in payload:
        return payload
    return None

