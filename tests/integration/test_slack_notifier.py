"""The notifier posts a finished pipeline report into the asker's thread, once, and only inside the scope."""

from __future__ import annotations

import json

import pytest

from analysis.pipeline.contracts import AnalysisRequest, ReplyTarget
from analysis.pipeline.local import LocalPipeline
from analysis.service import CostAnalysis
from analysis.sources.demo import DemoCostSource
from analysis.state import MemoryStateStore
from bot import notifier
from bot.access import AccessPolicy, Scope
from bot.errors import ChatError
from tests.fakes.slack_harness import AS_OF, NOW, build_harness
from tests.fakes.slack_requests import slash_command

CHECKOUT = "600000000001"


def _finished_job(state, *, accounts=None, thread_ts="1700000000.000900", channel="C1", persona="cto"):
    reply_to = ReplyTarget(channel=channel, thread_ts=thread_ts, user="U1", team="T1", language="pt-BR",
                           persona=persona)
    request = AnalysisRequest(period="last-7d", as_of=AS_OF, accounts=accounts, reply_to=reply_to)
    report_key = LocalPipeline(state, DemoCostSource()).run("job-42", request)
    return {"job_id": "job-42", "report_key": report_key, "partial": False, "missing": [],
            "reply_to": reply_to.model_dump(mode="json")}


@pytest.fixture
def harness(fake_slack):
    state = MemoryStateStore()  # as in production, the bot and the pipeline share one store
    analysis = CostAnalysis(state, LocalPipeline(state, DemoCostSource()), clock=lambda: NOW)
    harness = build_harness(fake_slack, analysis, state=state)
    notifier.install(harness.bot)
    yield harness
    notifier.install(None)


def test_the_report_is_posted_into_the_thread_with_the_summary_in_the_askers_language(harness):
    event = _finished_job(harness.bot.state)
    result = notifier.notifier_handler(event, None)
    assert result["status"] == "delivered"
    numbers, summary = harness.fake.in_thread("C1", "1700000000.000900")
    assert "Custos AWS · últimos 7 dias" in numbers.all_text() and "Total:" in numbers.all_text()
    assert summary.streamed and summary.text.strip()
    fresh = harness.bot.analysis.fresh_report(AnalysisRequest(period="last-7d", as_of=AS_OF))
    assert fresh is not None and fresh.total.format("pt-BR") in numbers.all_text()  # the next asker gets it at once


def test_a_reinvocation_does_not_post_twice(harness):
    event = _finished_job(harness.bot.state)
    assert notifier.notifier_handler(event, None)["status"] == "delivered"
    assert notifier.notifier_handler(event, None)["status"] == "already_delivered"
    assert len(harness.fake.in_thread("C1", "1700000000.000900")) == 2


def test_a_failed_delivery_gives_its_claim_back_so_the_retry_posts(harness):
    event = _finished_job(harness.bot.state)
    harness.fake.fail("chat.postMessage", "channel_not_found", times=1)
    with pytest.raises(ChatError):
        notifier.notifier_handler(event, None)
    assert notifier.notifier_handler(event, None)["status"] == "delivered"


def test_a_report_outside_the_channels_scope_is_never_shown(harness):
    harness.bot.access = AccessPolicy(scopes={"C1": Scope(frozenset({CHECKOUT}))})
    event = _finished_job(harness.bot.state, accounts=None)  # every account: wider than C1 may see
    assert notifier.notifier_handler(event, None)["status"] == "refused"
    posted = harness.fake.everything_posted()
    assert "US$" not in posted and "Total" not in posted


def test_a_job_without_a_slack_thread_is_left_alone(harness):
    event = {"job_id": "cli-job", "report_key": "jobs/cli-job/report.json", "reply_to": None}
    assert notifier.notifier_handler(event, None)["status"] == "no_reply_target"
    assert harness.fake.calls == []


def test_a_job_that_is_not_a_costs_analysis_is_not_posted(harness):
    event = _finished_job(harness.bot.state)
    request_key = "jobs/job-42/request.json"
    doc = json.loads(harness.bot.state.get(request_key))
    harness.bot.state.put(request_key, json.dumps({**doc, "kinds": ["waste"]}).encode())
    assert notifier.notifier_handler({**event, "request_key": request_key}, None)["status"] == "not_a_costs_report"
    assert harness.fake.messages == {}


class StartedOnStepFunctions:
    """A pipeline that, like Step Functions, only starts the job: the answer comes through the notifier."""

    name = "stepfunctions"

    def __init__(self, state):
        self.state, self.started = state, {}

    def run(self, job_id, request, progress=None):
        self.started.setdefault(job_id, request)  # the same job id twice: one execution
        return None


def test_every_thread_that_asked_while_the_job_ran_gets_the_answer_once(fake_slack):
    state = MemoryStateStore()
    pipeline = StartedOnStepFunctions(state)
    slack = build_harness(fake_slack, CostAnalysis(state, pipeline, clock=lambda: NOW), state=state)
    notifier.install(slack.bot)
    try:
        for channel in ("C1", "C2"):
            slack.send(slash_command("costs last-7d", channel=channel, trigger_id=f"t-{channel}",
                                     response_url=fake_slack.response_url()))
        [(job_id, request)] = pipeline.started.items()
        assert all("running on AWS" in fake_slack.in_thread(c, fake_slack.in_channel(c)[0].ts)[0].text
                   for c in ("C1", "C2"))
        report_key = LocalPipeline(state, DemoCostSource()).run(job_id, request)  # what the execution computes
        event = {"job_id": job_id, "report_key": report_key, "reply_to": request.reply_to.model_dump(mode="json")}
        assert notifier.notifier_handler(event, None)["status"] == "delivered"
        assert notifier.notifier_handler(event, None)["status"] == "already_delivered"
        for channel in ("C1", "C2"):
            parent = fake_slack.in_channel(channel)[0]
            numbers = [m for m in fake_slack.in_thread(channel, parent.ts) if "AWS costs · last 7 days" in m.all_text()]
            assert len(numbers) == 1
    finally:
        notifier.install(None)
