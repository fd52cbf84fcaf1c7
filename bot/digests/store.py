"""Digest subscriptions, runs and delivery failures in the state store, under `digests/<team>/`."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from analysis.ports import StateStore
from bot.digests.errors import DigestUsageError, SubscriptionNotFoundError
from bot.digests.subscription import Subscription

_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def list_subscriptions(state: StateStore, team: str) -> list[Subscription]:
    """Every digest of a workspace, oldest first. App Home reads this."""
    return SubscriptionStore(state).for_team(team)


class SubscriptionStore:
    def __init__(self, state: StateStore) -> None:
        self.state = state

    def add(self, subscription: Subscription) -> bool:
        """False when the same subscription already exists (a repeated command changes nothing)."""
        return self.state.put(_sub_key(subscription.team, subscription.id), _dump(subscription), if_absent=True)

    def save(self, subscription: Subscription) -> None:
        self.state.put(_sub_key(subscription.team, subscription.id), _dump(subscription))

    def get(self, team: str, subscription_id: str) -> Subscription:
        raw = self.state.get(_sub_key(team, subscription_id))
        if raw is None:
            raise SubscriptionNotFoundError(subscription_id)
        return Subscription.model_validate_json(raw)

    def for_team(self, team: str) -> list[Subscription]:
        keys = self.state.list(f"digests/{_safe(team)}/subscriptions/")
        subs = [Subscription.model_validate_json(raw) for key in keys if (raw := self.state.get(key))]
        return sorted(subs, key=lambda s: (s.created_at, s.id))

    def teams(self) -> list[str]:
        """Workspaces with at least one subscription (for `run-due` across the install)."""
        return sorted({key.split("/")[1] for key in self.state.list("digests/") if "/subscriptions/" in key})

    def remove(self, team: str, subscription_id: str) -> Subscription:
        subscription = self.get(team, subscription_id)
        self.state.delete(_sub_key(team, subscription_id))
        return subscription

    def claim_run(self, subscription: Subscription, occurrence: datetime) -> bool:
        """One run per scheduled occurrence: a re-invoked Lambda or an overlapping `run-due` gets False."""
        key = f"{_base(subscription)}/runs/{subscription.id}/{_stamp(occurrence)}.json"
        return self.state.put(key, json.dumps({"occurrence": occurrence.isoformat()}).encode(), if_absent=True)

    def release_run(self, subscription: Subscription, occurrence: datetime) -> None:
        """A run that failed before delivering anything gives its claim back so a retry can run."""
        self.state.delete(f"{_base(subscription)}/runs/{subscription.id}/{_stamp(occurrence)}.json")

    def last_run(self, subscription: Subscription) -> datetime | None:
        raw = self.state.get(f"{_base(subscription)}/last-run/{subscription.id}.json")
        return datetime.fromisoformat(json.loads(raw)["occurrence"]) if raw else None

    def record_run(self, subscription: Subscription, occurrence: datetime, outcome: dict[str, object]) -> None:
        doc = {"occurrence": occurrence.isoformat(), **outcome}
        self.state.put(f"{_base(subscription)}/last-run/{subscription.id}.json", json.dumps(doc).encode())

    def record_failure(self, subscription: Subscription, occurrence: datetime, channel: str, reason: str,
                       detail: str) -> str:
        key = f"{_base(subscription)}/failures/{subscription.id}/{_stamp(occurrence)}-{channel}.json"
        doc = {"occurrence": occurrence.isoformat(), "channel": channel, "reason": reason, "detail": detail}
        self.state.put(key, json.dumps(doc).encode())
        return key

    def failures(self, subscription: Subscription) -> list[dict[str, str]]:
        keys = self.state.list(f"{_base(subscription)}/failures/{subscription.id}/")
        return [json.loads(raw) for key in keys if (raw := self.state.get(key))]


def _sub_key(team: str, subscription_id: str) -> str:
    return f"digests/{_safe(team)}/subscriptions/{_safe(subscription_id)}.json"


def _base(subscription: Subscription) -> str:
    return f"digests/{_safe(subscription.team)}"


def _safe(part: str) -> str:
    if not _SAFE.match(part):
        raise DigestUsageError("digest.error.id", value=part)
    return part


def _stamp(moment: datetime) -> str:
    """Occurrences are aware datetimes; keys use UTC so they sort and never contain ':'."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%MZ")


def _dump(subscription: Subscription) -> bytes:
    return subscription.model_dump_json().encode()
