from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.digests.errors import DigestUsageError
from bot.digests.subscription import Cadence, Subscription, parse_clock, parse_day, parse_timezone

CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def sub(cadence: str = "daily", at: str = "08:30", timezone: str = "America/Sao_Paulo", day: str | None = None,
        **extra: object) -> Subscription:
    return Subscription(id="abc", team="T1", channel="C1", cadence=Cadence(cadence), at=at, timezone=timezone,
                        day=day, created_at=extra.pop("created_at", CREATED), **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(("cadence", "day", "cron"), [
    ("daily", None, "cron(30 8 * * ? *)"),
    ("weekly", "fri", "cron(30 8 ? * FRI *)"),
    ("weekly", None, "cron(30 8 ? * MON *)"),
    ("monthly", "15", "cron(30 8 15 * ? *)"),
    ("monthly", None, "cron(30 8 1 * ? *)"),
])
def test_cron_expression_is_what_eventbridge_scheduler_expects(cadence: str, day: str | None, cron: str) -> None:
    assert sub(cadence, day=day).cron() == cron


def test_daily_occurrence_is_local_wall_time_converted_to_utc() -> None:
    # 08:30 in São Paulo (UTC−3) is 11:30 UTC
    now = datetime(2026, 10, 15, 12, 0, tzinfo=UTC)
    occurrence = sub().latest_occurrence(now)
    assert occurrence.astimezone(UTC) == datetime(2026, 10, 15, 11, 30, tzinfo=UTC)
    before = sub().latest_occurrence(datetime(2026, 10, 15, 11, 29, tzinfo=UTC))
    assert before.astimezone(UTC) == datetime(2026, 10, 14, 11, 30, tzinfo=UTC)


def test_occurrence_follows_daylight_saving_time() -> None:
    new_york = sub(timezone="America/New_York", at="09:00")
    summer = new_york.latest_occurrence(datetime(2026, 7, 1, 20, 0, tzinfo=UTC))
    winter = new_york.latest_occurrence(datetime(2026, 12, 1, 20, 0, tzinfo=UTC))
    assert summer.astimezone(UTC).hour == 13  # EDT, UTC−4
    assert winter.astimezone(UTC).hour == 14  # EST, UTC−5


def test_weekly_and_monthly_occurrences_land_on_their_day() -> None:
    now = datetime(2026, 10, 15, 23, 0, tzinfo=UTC)  # a Thursday
    assert sub("weekly", day="mon").latest_occurrence(now).date().isoformat() == "2026-10-12"
    assert sub("monthly", day="20").latest_occurrence(now).date().isoformat() == "2026-09-20"


def test_is_due_runs_the_latest_missed_occurrence_once() -> None:
    subscription = sub()
    now = datetime(2026, 10, 15, 12, 0, tzinfo=UTC)
    due = subscription.is_due(now, last_run=None)
    assert due is not None and due.astimezone(UTC).hour == 11
    assert subscription.is_due(now, last_run=due) is None
    # three days offline: only the latest occurrence runs, not a backlog of three
    assert subscription.is_due(datetime(2026, 10, 18, 12, 0, tzinfo=UTC), last_run=due) == \
        datetime(2026, 10, 18, 8, 30, tzinfo=ZoneInfo("America/Sao_Paulo"))


def test_paused_and_brand_new_subscriptions_are_not_due() -> None:
    now = datetime(2026, 10, 15, 12, 0, tzinfo=UTC)
    assert sub(paused=True).is_due(now, None) is None
    assert sub(created_at=datetime(2026, 10, 15, 11, 45, tzinfo=UTC)).is_due(now, None) is None


def test_parsers_accept_what_people_type_and_explain_the_rest() -> None:
    assert parse_clock("8h30") == "08:30"
    assert parse_clock("7:05") == "07:05"
    assert parse_timezone("america/sao_paulo") == "America/Sao_Paulo"
    assert parse_day(Cadence.WEEKLY, "sexta") == "fri"
    assert parse_day(Cadence.MONTHLY, "28") == "28"
    with pytest.raises(DigestUsageError, match="24-hour"):
        parse_clock("25:00")
    with pytest.raises(DigestUsageError, match="America/Sao_Paulo"):
        parse_timezone("America/Sao_Paolo")
    with pytest.raises(DigestUsageError, match="between 1 and 28"):
        parse_day(Cadence.MONTHLY, "31")
    with pytest.raises(DigestUsageError, match="daily"):
        Cadence.parse("hourly")


def test_quiet_threshold_is_stored_exactly() -> None:
    assert sub(quiet_pct=Decimal("2.5")).model_dump_json().count('"2.5"') == 1
