"""Compact JSON for cost data passed between workers and the aggregator through the state store."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from analysis.domain.costs import CostData, CostRecord, DailyCost, KeyedCost


def encode_cost_data(data: CostData) -> bytes:
    payload: dict[str, Any] = {
        "currency": data.currency,
        "fetched_at": data.fetched_at.isoformat(),
        "source": data.source,
        "requests": data.requests,
        "warnings": data.warnings,
        "account_names": data.account_names,
        # rows, not objects: a dense organisation has hundreds of thousands of them
        "records": [[r.start.isoformat(), r.end.isoformat(), r.account_id, r.service, str(r.amount), r.dimension,
                     r.estimated] for r in data.records],
        "daily": None if data.daily is None else [[d.day.isoformat(), d.service, str(d.amount)] for d in data.daily],
        "by_account": _encode_keyed(data.by_account),
        "by_dimension": _encode_keyed(data.by_dimension),
    }
    return json.dumps(payload, separators=(",", ":")).encode()


def decode_cost_data(raw: bytes) -> CostData:
    payload = json.loads(raw)
    day = _day_parser()
    records = [CostRecord(day(s), day(e), a, svc, Decimal(amount), dim, est)
               for s, e, a, svc, amount, dim, est in payload["records"]]
    daily = None
    if payload["daily"] is not None:
        daily = [DailyCost(day(d), svc, Decimal(amount)) for d, svc, amount in payload["daily"]]
    return CostData(
        records=records,
        currency=payload["currency"],
        fetched_at=datetime.fromisoformat(payload["fetched_at"]),
        account_names=payload["account_names"],
        daily=daily,
        warnings=payload["warnings"],
        source=payload["source"],
        requests=payload["requests"],
        by_account=_decode_keyed(payload.get("by_account"), day),
        by_dimension=_decode_keyed(payload.get("by_dimension"), day),
    )


def _encode_keyed(costs: list[KeyedCost] | None) -> list[list[Any]] | None:
    if costs is None:
        return None
    return [[c.start.isoformat(), c.end.isoformat(), c.key, str(c.amount), c.estimated] for c in costs]


def _decode_keyed(rows: list[list[Any]] | None, day: Any) -> list[KeyedCost] | None:
    if rows is None:
        return None
    return [KeyedCost(day(s), day(e), key, Decimal(amount), est) for s, e, key, amount, est in rows]


def _day_parser() -> Any:
    cache: dict[str, date] = {}

    def parse(text: str) -> date:  # the same few dozen dates repeat across every row
        found = cache.get(text)
        if found is None:
            found = cache[text] = date.fromisoformat(text)
        return found

    return parse
