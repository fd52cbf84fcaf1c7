from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from analysis.domain.report import CostReport
from analysis.state import MemoryStateStore
from bot.digests.bootstrap import DigestApp, build_digest_app
from bot.digests.commands import parse_digest_add
from bot.digests.settings import DigestSettings
from bot.digests.subscription import Subscription
from tests.fakes.digests import FakeEmail, FakePoster, FakeScheduler, FakeSigner, fake_summary

AS_OF = date(2026, 10, 15)
NOW = datetime(2026, 10, 15, 12, 0, tzinfo=UTC)


class Harness:
    def __init__(self) -> None:
        self.state = MemoryStateStore()
        self.poster, self.email, self.scheduler = FakePoster(), FakeEmail(), FakeScheduler()
        self.app: DigestApp = build_digest_app(
            DigestSettings.model_validate({"as_of": AS_OF}), state=self.state, poster=self.poster,
            email=self.email, scheduler=self.scheduler, signer=FakeSigner(), summary=fake_summary,
            charts=False, clock=lambda: datetime(2026, 10, 1, tzinfo=UTC))

    def add(self, *words: str, quiet: str = "0") -> Subscription:
        subscription, _ = self.app.admin.add("T1", parse_digest_add(["C1", *words, f"quiet:{quiet}"]))
        return subscription

    def report(self, subscription: Subscription) -> CostReport:
        report = self.app.runner.answers.answer(self.app.runner.request_for(subscription, NOW))
        assert report is not None
        return report

    def dead_letters(self) -> list[dict[str, Any]]:
        import json

        return [json.loads(m.body) for m in self.app.replayer.dlq.receive(100)]


@pytest.fixture
def harness() -> Harness:
    return Harness()
