"""Every request is verified: bad signatures, stale timestamps and replays get 401; Slack retries and
double clicks produce one analysis and one answer."""

from __future__ import annotations

import json
import time

import pytest

from tests.fakes.slack_requests import block_action, event_callback, http_event, slash_command


def _analyses(slack):
    return [c for c in slack.fake.called("chat.postMessage") if "asked" in c.args.get("text", "")]


def test_a_bad_signature_is_refused_and_nothing_runs(slack):
    response = slack.send(slash_command("costs", signature="v0=" + "0" * 64))
    assert response["statusCode"] == 401
    assert slack.fake.calls == []


def test_a_request_signed_with_another_secret_is_refused(slack):
    assert slack.send(slash_command("costs", secret="someone-else"))["statusCode"] == 401


def test_a_timestamp_older_than_five_minutes_is_refused(slack):
    response = slack.send(slash_command("costs", timestamp=int(time.time()) - 6 * 60))
    assert response["statusCode"] == 401
    assert slack.fake.calls == []


def test_a_replayed_request_is_refused_and_answered_only_once(slack):
    request = slash_command("costs last-7d", response_url=slack.fake.response_url())
    assert slack.send(request)["statusCode"] == 200
    assert slack.send(json.loads(json.dumps(request)))["statusCode"] == 401
    assert len(_analyses(slack)) == 1


def test_a_base64_body_from_a_function_url_is_verified_and_understood(slack):
    response = slack.send(slash_command("help", base64_body=True))
    assert response["statusCode"] == 200
    assert "/finops costs" in json.loads(response["body"])["text"]


def test_lazy_only_headers_from_outside_are_ignored(slack):
    """Bolt's internal headers would skip the acknowledgement; from the internet they are dropped."""
    request = slash_command("costs last-7d", response_url=slack.fake.response_url(),
                            extra_headers={"X-Slack-Bolt-Lazy-Only": "1",
                                           "x-slack-bolt-lazy-function-name": "answer_command"})
    response = slack.send(request)
    assert response["statusCode"] == 200 and "Understood" in json.loads(response["body"])["text"]
    assert len(_analyses(slack)) == 1


def _mention(text="<@UFINOPS> costs last-7d", ts="1763100000.000100"):
    return {"type": "app_mention", "user": "U1", "text": text, "ts": ts, "channel": "C1", "event_ts": ts}


def test_slack_retries_of_one_event_give_one_answer(slack):
    first = slack.send(event_callback(_mention(), event_id="EvRetry"))
    retry_same_signature = slack.send(json.loads(json.dumps(event_callback(_mention(), event_id="EvRetry",
                                                                            retry_num=1))))
    retry_new_signature = slack.send(event_callback(_mention(), event_id="EvRetry", retry_num=2,
                                                    timestamp=int(time.time()) + 1))
    assert [r["statusCode"] for r in (first, retry_same_signature, retry_new_signature)] == [200, 200, 200]
    numbers = [m for m in slack.fake.messages.values() if "AWS costs · last 7 days" in m.all_text()]
    assert len(numbers) == 1


def test_a_double_click_gives_one_answer(slack):
    slack.send(slash_command("costs last-30d", response_url=slack.fake.response_url()))
    [parent] = slack.fake.in_channel("C1")
    numbers = slack.fake.in_thread("C1", parent.ts)[0]
    before = len(slack.fake.in_thread("C1", parent.ts))
    for n in range(2):
        slack.send(block_action("finops.period.last-7d", "last-7d", message_ts=numbers.ts, thread_ts=parent.ts,
                                response_url=slack.fake.response_url(), timestamp=int(time.time()) + n),
                   drain=False)
    slack.executor.drain()
    after = slack.fake.in_thread("C1", parent.ts)
    assert sum("AWS costs · last 7 days" in m.all_text() for m in after) == 1
    assert len(after) > before


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_only_post_is_served(slack, method):
    request = http_event("{}", "application/json")
    request["requestContext"]["http"]["method"] = method
    assert slack.send(request)["statusCode"] == 404
