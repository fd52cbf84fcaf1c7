"""manifest.yml and the code agree: every event the app subscribes to has a listener, and back."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import yaml

from bot.listeners import register_all

MANIFEST = yaml.safe_load((Path(__file__).parents[2] / "manifest.yml").read_text(encoding="utf-8"))
MESSAGE_EVENTS = {"message.channels", "message.groups", "message.im"}


class RecordingApp:
    """Stands in for Bolt's App: records what the listener modules register."""

    def __init__(self):
        self.events, self.commands, self.actions = set(), set(), []

    def _listener(self, kind, key, matchers=()):
        def register(ack, lazy=()):
            # ack fast, work lazily; only a listener with matchers (answered whole in the ack) has no lazy work
            assert callable(ack) and (lazy or matchers) and all(callable(f) for f in lazy)
            getattr(self, kind).add(key) if kind != "actions" else self.actions.append(key)
        return register

    def event(self, name):
        return self._listener("events", name)

    def command(self, name, matchers=()):
        return self._listener("commands", name, matchers)

    def action(self, matcher):
        return self._listener("actions", matcher)


def test_every_subscribed_event_has_a_listener_and_every_listener_is_subscribed():
    app = RecordingApp()
    register_all(app, SimpleNamespace())
    subscribed = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    handled = {"message.channels" if e == "message" else e for e in app.events}
    assert {e if e not in MESSAGE_EVENTS else "message.channels" for e in subscribed} == handled
    assert {"app_mention", "message.channels", "message.im", "app_home_opened",
            "assistant_thread_started"} <= subscribed


def test_the_slash_command_and_interactivity_point_at_the_same_handler():
    [command] = MANIFEST["features"]["slash_commands"]
    app = RecordingApp()
    register_all(app, SimpleNamespace())
    assert app.commands == {command["command"]} == {"/finops"}
    assert command["should_escape"] is True  # channel mentions arrive with their ids
    settings = MANIFEST["settings"]
    assert settings["interactivity"]["is_enabled"] and app.actions
    urls = {command["url"], settings["interactivity"]["request_url"], settings["event_subscriptions"]["request_url"]}
    assert len(urls) == 1


def test_the_bot_asks_only_for_the_scopes_it_uses():
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == {
        "commands", "chat:write", "app_mentions:read", "channels:history", "groups:history", "im:history",
        "assistant:write", "usergroups:read"}
    assert "user" not in MANIFEST["oauth_config"]["scopes"]
