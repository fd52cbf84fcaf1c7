"""Integration fixtures: one moto server per test module (module scope), reset by the tests that need it;
the Slack bot wired to a fake Slack Web API server (per test) and one shared demo analysis (per run)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from analysis.pipeline.local import LocalPipeline
from analysis.service import CostAnalysis
from analysis.sources.demo import DemoCostSource
from analysis.state import MemoryStateStore
from bot import handler
from tests.fakes.moto_server import MotoServer, moto_server
from tests.fakes.slack_harness import NOW, SlackHarness, build_harness
from tests.fakes.slack_server import FakeSlack


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    with moto_server() as server:
        yield server


@pytest.fixture(scope="session")
def demo_analysis() -> CostAnalysis:
    """One analysis for the whole run: reports are computed once, then served fresh (like production)."""
    state = MemoryStateStore()
    return CostAnalysis(state, LocalPipeline(state, DemoCostSource()), clock=lambda: NOW)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    server = FakeSlack()
    yield server
    server.close()


@pytest.fixture
def slack(fake_slack: FakeSlack, demo_analysis: CostAnalysis) -> Iterator[SlackHarness]:
    harness = build_harness(fake_slack, demo_analysis)
    yield harness
    harness.executor.shutdown(wait=True)
    handler.reset()


@pytest.fixture
def report_of(demo_analysis: CostAnalysis):  # type: ignore[no-untyped-def]
    """The report the bot should be showing, from the same analysis: tests compare figures, not guesses."""
    from analysis.pipeline.contracts import AnalysisRequest
    from tests.fakes.slack_harness import AS_OF

    def report(period: str = "last-30d", accounts: tuple[str, ...] | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
        return demo_analysis.answer(AnalysisRequest(period=period, as_of=AS_OF, accounts=accounts, **kwargs))

    return report
