"""The Slack adapter against the fake Web API: long streams split per message, errors carry Slack's code."""

from __future__ import annotations

import pytest

from bot.adapters.slack_chat import SlackChat
from bot.adapters.slack_client import build_web_client
from bot.errors import ChatError
from bot.render.limits import MARKDOWN_TEXT

TEXT = "".join(f"Paragraph {n}: " + "costs " * 50 + "\n\n" for n in range(120))  # ~37,000 characters


@pytest.fixture
def chat(fake_slack):
    return SlackChat(build_web_client("xoxb-test", fake_slack.url), update_interval=0.0)


def _chunks(text, size=300):
    return (text[i:i + size] for i in range(0, len(text), size))


def test_a_long_stream_continues_in_new_messages_and_loses_nothing(chat, fake_slack):
    chat.stream("C1", "1.0", _chunks(TEXT), user="U1", team="T1")
    streamed = fake_slack.in_thread("C1", "1.0")
    assert len(streamed) == 4 and all(m.streamed and len(m.text) <= MARKDOWN_TEXT for m in streamed)
    assert "".join(m.text for m in streamed) == TEXT
    start = fake_slack.called("chat.startStream")[0].args
    assert (start["recipient_user_id"], start["recipient_team_id"]) == ("U1", "T1")


def test_the_edit_fallback_also_splits_and_loses_nothing(chat, fake_slack):
    fake_slack.fail("chat.startStream", "not_allowed_token_type")
    chat.stream("C1", "1.0", _chunks(TEXT), user="U1", team="T1", blocks_after=[{"type": "divider"}])
    edited = fake_slack.in_thread("C1", "1.0")
    assert len(edited) == 4 and not any(m.streamed for m in edited)
    assert "".join(m.blocks[0]["text"] for m in edited) == TEXT
    assert edited[-1].blocks[-1] == {"type": "divider"}


def test_slack_errors_become_named_errors_with_slacks_code(chat, fake_slack):
    fake_slack.fail("chat.postMessage", "is_archived")
    with pytest.raises(ChatError) as caught:
        chat.post("C1", "hello")
    assert caught.value.code == "is_archived" and caught.value.method == "chat.postMessage"


def test_private_replies_use_the_response_url_when_slack_gave_one(chat, fake_slack):
    chat.private("C1", "U1", "only you", response_url=fake_slack.response_url("abc"))
    chat.private("C1", "U1", "only you too", thread_ts="1.0")
    assert fake_slack.responses == [{"text": "only you", "response_type": "ephemeral", "replace_original": False}]
    [ephemeral] = fake_slack.called("chat.postEphemeral")
    assert (ephemeral.args["user"], ephemeral.args["thread_ts"]) == ("U1", "1.0")


def test_user_group_members_come_from_usergroups_users_list(chat, fake_slack):
    fake_slack.group_members["S1"] = ["U1", "U2"]
    assert chat.group_members("S1") == frozenset({"U1", "U2"})
