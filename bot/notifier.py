"""Lambda entry point at the end of the Step Functions pipeline: `notifier_handler(event, context)`.

The event is the aggregator's output: `{"job_id", "report_key", "reply_to": {channel, thread_ts, user, team,
language, persona}, …}`. The report is read from the state store and posted into the asker's thread, the
numbers first and then the persona summary. A conditional write claims the delivery first, so a Lambda
re-invocation or a Step Functions retry never posts twice; a failed delivery gives its claim back and raises,
so the state machine retries it (or sends it to the dead-letter queue).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.bootstrap import Bot

log = logging.getLogger(__name__)
_lock = threading.Lock()
_bot: Bot | None = None


def notifier_handler(event: Mapping[str, Any], context: Any = None) -> dict[str, Any]:
    return notify(event, _container_bot())


def install(bot: Bot | None) -> None:
    """Use this bot (tests); None: build from settings on the next event."""
    global _bot
    with _lock:
        _bot = bot


def _container_bot() -> Bot:
    global _bot
    with _lock:
        if _bot is None:
            from bot.bootstrap import bootstrap

            _bot = bootstrap()
        return _bot


def notify(event: Mapping[str, Any], bot: Bot) -> dict[str, Any]:
    """Deliver to the thread that started the job and to every thread that asked the same question while it
    ran (one analysis, one answer per asker). Each thread is claimed once; a failure raises after the rest."""
    job_id, report_key = str(event["job_id"]), str(event["report_key"])
    request = _request(bot, job_id, event.get("request_key"))
    if request is not None and request.kinds[0] != "costs":  # the bot starts costs analyses only
        log.warning("job %s is a %s analysis; nothing posted", job_id, request.kinds[0])
        return {"status": "not_a_costs_report", "job_id": job_id}
    targets = _targets(bot, job_id, event.get("reply_to"))
    if not targets:
        return {"status": "no_reply_target", "job_id": job_id}  # started from the CLI or a digest
    results, failure = [], None
    for target in targets:
        try:
            results.append(_deliver_once(bot, job_id, report_key, target, request))
        except Exception as exc:  # noqa: BLE001 (re-raised below, after the other threads got their answer)
            failure = failure or exc
    if failure is not None:
        raise failure
    statuses = {r["status"] for r in results}
    return {"status": statuses.pop() if len(statuses) == 1 else "mixed", "job_id": job_id, "deliveries": results}


def waiting_key(job_id: str, channel: str, thread_ts: str | None) -> str:
    from bot.preferences import _safe

    return f"slack/waiting/{_safe(job_id)}/{_safe(channel)}-{_safe(thread_ts or 'channel')}.json"


def _targets(bot: Bot, job_id: str, reply_to: Any) -> list[Any]:
    from analysis.pipeline.contracts import ReplyTarget
    from bot.preferences import _safe

    found = [ReplyTarget.model_validate(reply_to)] if reply_to else []
    for key in bot.state.list(f"slack/waiting/{_safe(job_id)}/"):
        raw = bot.state.get(key)
        if raw is not None:
            found.append(ReplyTarget.model_validate_json(raw))
    unique = {(t.channel, t.thread_ts): t for t in reversed(found)}  # the event's own target wins
    return list(reversed(unique.values()))


def _deliver_once(bot: Bot, job_id: str, report_key: str, target: Any, request: Any) -> dict[str, Any]:
    marker = delivery_marker(job_id, target.channel, target.thread_ts)
    if not bot.state.put(marker, json.dumps({"report_key": report_key}).encode(), if_absent=True):
        return {"status": "already_delivered", "channel": target.channel, "thread_ts": target.thread_ts}
    try:
        result = _deliver(bot, job_id, report_key, target, request)
    except BaseException:
        bot.state.delete(marker)  # nothing (or not everything) reached Slack: let the retry deliver it
        raise
    bot.state.delete(waiting_key(job_id, target.channel, target.thread_ts))
    return result


def delivery_marker(job_id: str, channel: str, thread_ts: str | None) -> str:
    from bot.preferences import _safe

    return f"slack/delivered/{_safe(job_id)}/{_safe(channel)}-{_safe(thread_ts or 'channel')}.json"


def _request(bot: Bot, job_id: str, request_key: str | None) -> Any:
    from analysis.pipeline.contracts import AnalysisRequest, job_keys

    raw = bot.state.get(request_key or job_keys(job_id)["request"])
    return AnalysisRequest.model_validate_json(raw) if raw is not None else None


def _deliver(bot: Bot, job_id: str, report_key: str, target: Any, request: Any) -> dict[str, Any]:
    from analysis.domain.report_json import report_from_json
    from analysis.errors import StateError
    from bot.conversation import Asker, Conversation
    from bot.delivery import deliver_numbers, stream_summary
    from bot.errors import OutOfScopeError

    raw = bot.state.get(report_key)
    if raw is None:
        raise StateError(f"the report {report_key} of job {job_id} is not in the state store")
    report = report_from_json(raw)
    place = "im" if target.channel.startswith("D") else "channel"
    asker = Asker(user=target.user or "", channel=target.channel, place=place, team=target.team,
                  thread_ts=target.thread_ts)
    convo = Conversation(bot, asker, target.language, bot.access.scope_for(target.channel, place))
    record = bot.threads.get(target.team, target.channel, target.thread_ts) if target.thread_ts else None
    command = record.command if record else f"costs {report.period.label}"
    if record is not None:
        from dataclasses import replace

        bot.threads.save(replace(record, report_key=report_key))
    if request is not None:  # the finished report becomes the fresh answer to the same question
        bot.analysis.remember(request, report_key)
    try:
        deliver_numbers(convo, report, command=command)
    except OutOfScopeError as exc:  # the channel's scope changed since it asked: no figures, say why
        log.warning("job %s not shown in %s: outside the channel's scope", job_id, target.channel)
        convo.say(f":lock: {convo.t(exc.message_id, **exc.values)}")
        return {"status": "refused", "job_id": job_id}
    stream_summary(convo, report, target.persona or bot.settings.persona)
    return {"status": "delivered", "job_id": job_id, "channel": target.channel, "thread_ts": convo.thread_ts}
