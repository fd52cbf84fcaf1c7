"""The digest Lambda: EventBridge Scheduler invokes it with `{team, subscription_id, scheduled_time}`."""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from bot.digests.bootstrap import DigestApp, build_digest_app
from bot.digests.service import occurrence_from

log = logging.getLogger(__name__)


@cache
def _app() -> DigestApp:
    """Built once per container, on the first invocation."""
    return build_digest_app()


def handle(event: dict[str, Any], context: Any = None, app: DigestApp | None = None) -> dict[str, Any]:
    app = app or _app()
    subscription = app.store.get(str(event["team"]), str(event["subscription_id"]))
    if subscription.paused:  # a pause racing a run already on its way
        return {"status": "paused", "subscription_id": subscription.id}
    occurrence = occurrence_from(event.get("scheduled_time"), app.runner.clock())
    outcome = app.runner.run(subscription, occurrence)  # DigestNotReadyError → Lambda error → Scheduler retries
    log.info("digest %s %s: %s %s", subscription.id, occurrence.isoformat(), outcome.status, outcome.reason)
    return {"status": outcome.status, "subscription_id": subscription.id, "occurrence": occurrence.isoformat(),
            "reason": outcome.reason, "emails_sent": outcome.emails_sent, "fallback_sent": outcome.fallback_sent}
