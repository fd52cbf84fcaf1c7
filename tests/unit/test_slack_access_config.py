"""The access configuration: what it allows, and clear errors for what it cannot express."""

from __future__ import annotations

import json

import pytest

from bot.access import AccessPolicy, Scope, load_access
from bot.errors import AccessConfigError, AccessRefusedError, OutOfScopeError

CONFIG = {
    "allow": {"channels": ["C1", "C2"], "users": ["U1"], "user_groups": ["S1"]},
    "scopes": {"C1": {"accounts": ["111111111111"]}, "dm": {"accounts": ["222222222222"]},
               "default": {"accounts": ["111111111111", "222222222222"]}},
}


def groups(group):
    return frozenset({"U7"}) if group == "S1" else frozenset()


def test_no_configuration_lets_everyone_see_every_account():
    policy = load_access(None, None)
    assert not policy.configured
    assert policy.check("U9", "C9", "channel", groups) == Scope(None)


def test_allowlists_and_scopes_from_json(tmp_path):
    path = tmp_path / "access.json"
    path.write_text(json.dumps(CONFIG))
    policy = load_access(None, path)
    assert policy.check("U1", "C1", "channel", groups).accounts == {"111111111111"}
    assert policy.check("U7", "C2", "channel", groups).accounts == {"111111111111", "222222222222"}
    assert policy.check("U1", "D5", "im", groups).accounts == {"222222222222"}  # DMs: the asker's own space
    assert policy.check("U1", "U1", "app_home", groups).accounts == {"111111111111", "222222222222"}
    with pytest.raises(AccessRefusedError) as channel:
        policy.check("U1", "C3", "channel", groups)
    with pytest.raises(AccessRefusedError) as user:
        policy.check("U2", "C1", "channel", groups)
    assert (channel.value.message_id, user.value.message_id) == ("access.channel_not_allowed",
                                                                "access.user_not_allowed")


def test_a_scope_narrows_what_is_asked_and_refuses_what_is_outside():
    scope = Scope(frozenset({"111111111111", "222222222222"}))
    assert scope.narrow(None) == ("111111111111", "222222222222")
    assert scope.narrow(["222222222222"]) == ("222222222222",)
    with pytest.raises(OutOfScopeError):
        scope.narrow(["333333333333"])
    assert Scope(None).narrow(["333333333333"]) == ("333333333333",)
    assert not scope.admits(None) and scope.admits(["111111111111"])


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"allowed": {}}, "unknown access keys"),
        ({"allow": {"channel": ["C1"]}}, "unknown `allow` keys"),
        ({"allow": {"users": "U1"}}, "allow.users must be a list"),
        ({"scopes": {"C1": {"accounts": ["123"]}}}, "12-digit account ids"),
        ({"scopes": {"C1": {"cost_category": "Team$payments"}}}, "cost category scopes are not available yet"),
        ({"scopes": {"C1": {"accounts": ["111111111111"], "extra": 1}}}, "exactly one key"),
    ],
)
def test_invalid_configuration_says_what_to_fix(doc, message):
    with pytest.raises(AccessConfigError, match=message):
        load_access(json.dumps(doc), None)


def test_broken_json_or_both_sources_are_refused(tmp_path):
    with pytest.raises(AccessConfigError, match="not valid JSON"):
        load_access("{", None)
    with pytest.raises(AccessConfigError, match="not both"):
        load_access("{}", tmp_path / "x.json")
    with pytest.raises(AccessConfigError, match="cannot read"):
        load_access(None, tmp_path / "missing.json")


def test_a_policy_is_configured_by_any_rule():
    assert AccessPolicy(users=frozenset({"U1"})).configured
    assert AccessPolicy(scopes={"default": Scope(frozenset({"111111111111"}))}).configured
