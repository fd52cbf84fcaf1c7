"""`finops slack` prints what the bot would post; `finops serve` answers Slack over HTTP through slack_handler."""

from __future__ import annotations

import json
import threading
import urllib.request

import pytest

from bot import handler
from bot.cli import main
from bot.local_server import make_server
from tests.fakes.slack_harness import build_harness
from tests.fakes.slack_requests import slash_command


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_finops_slack_prints_the_ack_the_parent_the_numbers_and_the_summary(capsys):
    code, out, _ = run(capsys, "slack", "/finops costs last-30d", "--as-of", "2026-11-15")
    assert code == 0
    ack, parent, numbers, summary = out.split("── ")[1:5]
    assert ack.startswith("only visible to you in #C0DEMO") and "Understood: costs · last 30 days" in ack
    assert parent.startswith("posted in #C0DEMO") and "asked /finops costs last-30d — last 30 days: US$ " in parent
    assert "AWS costs · last 30 days" in numbers and "Cost · Share · Change" in numbers
    assert "Biggest increases" in numbers and "Anomalies" in numbers and "Basis: amortized" in numbers
    assert summary.startswith("streamed in #C0DEMO · thread") and "Executive summary" in summary
    assert "[ 👍 Useful ]" in summary


def test_finops_slack_blocks_format_is_the_raw_block_kit(capsys):
    code, out, _ = run(capsys, "slack", "/finops top last-7d", "--as-of", "2026-11-15", "--format", "blocks")
    assert code == 0
    posts = json.loads(out)
    numbers = next(p for p in posts if any(b.get("type") == "header" for b in p["blocks"]))
    assert numbers["blocks"][0]["text"]["text"] == "AWS costs · last 7 days"


def test_finops_slack_answers_mentions_and_questions_too(capsys):
    code, out, _ = run(capsys, "slack", "@FinOps why did EC2-Other go up?", "--as-of", "2026-11-15",
                       "--lang", "pt-BR")
    assert code == 0
    assert "you wrote in #C0DEMO" in out and "streamed in #C0DEMO · thread" in out


def test_finops_slack_shows_usage_for_bad_input_instead_of_failing(capsys):
    code, out, _ = run(capsys, "slack", "/finops cots last-7d")
    assert code == 0
    assert "I don't know the command cots." in out and "[ /finops costs last-7d ]" in out


def test_serve_and_socket_say_which_settings_are_missing(capsys, monkeypatch):
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_SECRET_ARN"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys, "serve")
    assert code == 3 and "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" in err and "Traceback" not in err
    code, _, err = run(capsys, "socket")
    assert code == 3 and "SLACK_APP_TOKEN" in err


@pytest.fixture
def served(fake_slack, demo_analysis):
    harness = build_harness(fake_slack, demo_analysis)
    server = make_server(harness.bot, "127.0.0.1", 0, executor=harness.executor)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield harness, f"http://127.0.0.1:{server.server_address[1]}/slack/events"
    server.shutdown()
    server.server_close()
    handler.reset()


def test_finops_serve_answers_a_signed_slash_command_over_http(served, report_of):
    harness, url = served
    event = slash_command("costs last-7d", response_url=harness.fake.response_url())
    request = urllib.request.Request(url, data=event["body"].encode(), method="POST", headers=event["headers"])
    with urllib.request.urlopen(request, timeout=10) as response:
        body = json.loads(response.read())
    assert body["text"].startswith("Understood: costs · last 7 days")
    harness.executor.drain()
    [parent] = harness.fake.in_channel("C1")
    assert report_of("last-7d").total.format("en") in parent.text


def test_finops_serve_refuses_unsigned_requests(served):
    _, url = served
    event = slash_command("costs", signature="v0=bad")
    request = urllib.request.Request(url, data=event["body"].encode(), method="POST", headers=event["headers"])
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 401
