"""What the stack costs per month at 100 analyses a day, excluding the LLM (target ≤ US$3).

Counted, not assumed: a simulated working day of 100 Slack questions (a mix of periods, breakdowns and
channel scopes, 08:00–20:00 UTC) goes through the real CostAnalysis → local pipeline → Cost Explorer
source (its query plan and response cache) against an in-memory Cost Explorer that pages like the real
one; we count Cost Explorer requests, pipeline runs (cache misses), S3 operations and bytes. Step
Functions transitions are counted by walking the ASL's success path. Memory per function is read from
terraform/locals.tf. Durations are measured in-process here (pipeline stages, rendering, the offline
summary, charts, imports for cold starts) and turned into Lambda durations with the stated assumptions
(CPU share by memory, network latency per call). Prices: tools/aws_prices.csv (dated, public).
"""

from __future__ import annotations

import importlib.util
import json
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from analysis.catalog import load_catalog
from analysis.domain.basis import CostBasis
from analysis.domain.costs import CostQuery
from analysis.domain.period import parse_period
from analysis.domain.report import build_report
from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.local import LocalPipeline
from analysis.pipeline.progress import ProgressEvent
from analysis.service import CostAnalysis
from analysis.sources.aws_calls import RetryPolicy
from analysis.sources.cost_explorer import CostExplorerCostSource
from analysis.sources.demo import DemoCostSource
from analysis.state import MemoryStateStore
from bot.render.cost_view import build_cost_view
from bot.render.names import service_label
from bot.render.text import render_text
from consultant.adapters.offline import OfflineAssistant
from consultant.personas import Persona
from tests.contract import stack
from tests.fakes.cost_explorer import FakeCostExplorerClient, SyntheticOrg, catalog_services
from tools.cost_model import FunctionUsage, MonthlyUsage, line_items, load_prices, total, total_after_free_tiers

TARGET = Decimal(3)
DAYS = 30
ANALYSES_PER_DAY = 100
DIGESTS_PER_DAY = 5  # channels subscribed to a daily digest
EMAIL_COPIES_PER_DAY = 2
ORG = {"accounts": 20, "services": 120}  # a mid-size organisation
# Assumptions (printed with the result):
CPU_MB_PER_VCPU = 1769  # Lambda gives one vCPU at 1,769 MB, proportionally less below
LATENCY_MS = {"s3": 20, "cost_explorer_page": 1500, "slack_call": 250, "states_start": 80, "ses": 120}
IDLE_BEFORE_COLD_MIN = 10  # an idle container is reclaimed after ~10 minutes (AWS does not document it)
LOG_BYTES_PER_INVOCATION = 1500  # START/END/REPORT lines plus our JSON log lines
SLACK_CALLS = {"cached_answer": 3, "miss_ack": 1, "notifier": 3, "digest": 3}
QUESTION_MIX = [  # (weight, period, breakdown, scope)
    (30, "last-30d", "service", "all"), (10, "last-30d", "account", "all"), (15, "mtd", "service", "all"),
    (10, "last-7d", "service", "all"), (5, "last-month", "service", "all"), (15, "last-30d", "service", "prod"),
    (10, "last-30d", "service", "data"), (5, "mtd", "account", "prod"),
]
DAY = date(2026, 11, 16)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(DAY.year, DAY.month, DAY.day, 8, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class CountingStore(MemoryStateStore):
    """The state store as S3 sees it: requests by kind and bytes written by top-level prefix."""

    gets: int = 0
    puts: int = 0
    lists: int = 0
    bytes_by_prefix: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        super().__init__()

    def get(self, key: str) -> bytes | None:
        self.gets += 1
        return super().get(key)

    def put(self, key: str, data: bytes, *, if_absent: bool = False) -> bool:
        self.puts += 1
        self.bytes_by_prefix[key.split("/")[0]] += len(data)
        return super().put(key, data, if_absent=if_absent)

    def list(self, prefix: str) -> list[str]:
        self.lists += 1
        return super().list(prefix)

    @property
    def requests(self) -> int:
        return self.gets + self.puts + self.lists


@dataclass
class Stages:
    """Wall time per pipeline stage and S3 requests made in it, for every pipeline run (a cache miss)."""

    runs: int = 0
    mapper_ms: list[float] = field(default_factory=list)
    worker_ms: list[float] = field(default_factory=list)
    aggregator_ms: list[float] = field(default_factory=list)
    s3: Counter[str] = field(default_factory=Counter)
    batches: int = 0


class TimedPipeline:
    name = "local"

    def __init__(self, inner: LocalPipeline, store: CountingStore, stages: Stages) -> None:
        self.inner, self.store, self.stages = inner, store, stages

    def run(self, job_id: str, request: AnalysisRequest, progress: Any = None) -> str | None:
        marks: list[tuple[str, float, int]] = [("start", time.perf_counter(), self.store.requests)]

        def record(event: ProgressEvent) -> None:
            marks.append((event.stage, time.perf_counter(), self.store.requests))

        key = self.inner.run(job_id, request, record)
        marks.append(("end", time.perf_counter(), self.store.requests))
        self._account(marks)
        return key

    def _account(self, marks: list[tuple[str, float, int]]) -> None:
        planned = next(m for m in marks if m[0] == "planned")
        batches = [m for m in marks if m[0] in ("batch_done", "batch_failed")]
        last_batch = batches[-1] if batches else planned
        self.stages.runs += 1
        self.stages.batches += len(batches)
        self.stages.mapper_ms.append((planned[1] - marks[0][1]) * 1000)
        self.stages.worker_ms.append((last_batch[1] - planned[1]) * 1000 / max(len(batches), 1))
        self.stages.aggregator_ms.append((marks[-1][1] - last_batch[1]) * 1000)
        self.stages.s3["mapper"] += planned[2] - marks[0][2]
        self.stages.s3["worker"] += last_batch[2] - planned[2]
        self.stages.s3["aggregator"] += marks[-1][2] - last_batch[2]


@dataclass
class Day:
    questions: int
    misses: int
    ce_requests: int
    store: CountingStore
    stages: Stages
    times: dict[str, list[datetime]]  # invocation times per function, for cold starts
    render_ms: float
    summary_ms: float


def simulate_day() -> Day:
    org = SyntheticOrg(accounts=ORG["accounts"], services=catalog_services(ORG["services"]))
    ids = org.account_ids()
    scopes = {"all": None, "prod": tuple(ids[:5]), "data": tuple(ids[5:9])}
    client = FakeCostExplorerClient(org)
    clock = Clock()
    store = CountingStore()
    stages = Stages()
    source = CostExplorerCostSource(client, cache=store, clock=clock,
                                    retry=RetryPolicy(attempts=1, initial_wait=0, max_wait=0, sleep=lambda _: None))
    analysis = CostAnalysis(store, TimedPipeline(LocalPipeline(store, source), store, stages), clock=clock)
    picker = random.Random(7)
    weights = [weight for weight, *_ in QUESTION_MIX]
    times: dict[str, list[datetime]] = {key: [] for key in stack.functions()}
    render, summary = [], []
    step = timedelta(hours=12) / ANALYSES_PER_DAY
    digests_at = {datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC) + timedelta(minutes=n)
                  for n in range(DIGESTS_PER_DAY)}
    schedule = sorted([(clock.now + step * n, "slack") for n in range(ANALYSES_PER_DAY)]
                      + [(moment, "digest") for moment in digests_at])
    misses = 0
    for moment, origin in schedule:
        clock.now = moment
        _, period, breakdown, scope = picker.choices(QUESTION_MIX, weights)[0] if origin == "slack" else \
            QUESTION_MIX[0]
        request = AnalysisRequest(period=period, as_of=moment.date(), group_by=breakdown, accounts=scopes[scope],
                                  source="aws")
        before = stages.runs
        report = analysis.answer(request)
        missed = stages.runs > before
        misses += missed
        if origin == "digest":
            times["digest"].append(moment)
        else:
            times["bot"] += [moment, moment]  # the ack, then the lazy listener
        if missed:
            times["mapper"].append(moment)
            times["aggregator"].append(moment)
            times["worker"].append(moment)
            if origin == "slack":
                times["notifier"].append(moment)
        assert report is not None
        render.append(_timed(lambda r=report: render_text(build_cost_view(r, "en", service_label=service_label))))
        summary.append(_timed(lambda r=report: OfflineAssistant(glossary=load_catalog()).summarise(
            r, Persona.EXECUTIVE, "en").text()))
    return Day(len(schedule), misses, client.requests, store, stages, times, statistics.median(render),
               statistics.median(summary))


def success_path_transitions() -> tuple[int, int]:
    """(transitions in the parent execution, Task states per batch in the child) on the success path."""
    assert stack.ASL.is_file(), f"{stack.ASL} is missing: the model counts state transitions from it"
    document = json.loads(Path(stack.ASL).read_text())
    states, name, parent = document["States"], document["StartAt"], 0
    child = 0
    while True:
        state = states[name]
        parent += 1
        processor = state.get("ItemProcessor")
        if processor:
            child = _path_length(processor)
        if state.get("End") or state["Type"] in ("Succeed", "Fail") or "Next" not in state:
            return parent, child
        name = state["Next"]


def _path_length(machine: dict[str, Any]) -> int:
    name, count = machine["StartAt"], 0
    while True:
        count += 1
        state = machine["States"][name]
        if state.get("End") or "Next" not in state:
            return count
        name = state["Next"]


def init_ms(modules: list[str]) -> float:
    """Import time of an entry point in a fresh interpreter: what a cold start runs (INIT is billed)."""
    code = ("import time; t = time.perf_counter()\n" + "".join(f"import {m}\n" for m in modules)
            + "print((time.perf_counter() - t) * 1000)")
    samples = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
                     .stdout) for _ in range(3)]
    return statistics.median(samples)


# What a cold container loads before it answers: the handler module, and the libraries its first call
# imports lazily (the handlers keep imports light; the cost still falls on the first invocation).
FIRST_CALL_IMPORTS = {
    "bot": ["slack_bolt", "bot.app", "bot.bootstrap", "boto3"],
    "mapper": ["analysis.pipeline.bootstrap", "boto3"],
    "worker": ["analysis.pipeline.bootstrap", "analysis.sources.cost_explorer", "analysis.sources.inventory", "boto3"],
    "aggregator": ["analysis.pipeline.bootstrap", "boto3"],
    "notifier": ["bot.bootstrap", "bot.delivery", "slack_sdk", "boto3"],
    "digest": ["bot.digests.bootstrap", "matplotlib.pyplot", "boto3"],
}


def init_modules(key: str) -> list[str]:
    module = stack.functions()[key].module
    return [module, *FIRST_CALL_IMPORTS[key]] if _module_exists(module) else FIRST_CALL_IMPORTS[key]


def _module_exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def cold_starts(moments: list[datetime]) -> int:
    starts, last = 0, None
    for moment in sorted(moments):
        if last is None or moment - last > timedelta(minutes=IDLE_BEFORE_COLD_MIN):
            starts += 1
        last = moment
    return starts


def lambda_ms(cpu_ms: float, memory_mb: int, **calls: float) -> float:
    share = max(1.0, CPU_MB_PER_VCPU / memory_mb)
    return cpu_ms * share + sum(LATENCY_MS[kind] * count for kind, count in calls.items())


def chart_ms() -> float:
    from bot.charts import daily_chart, services_chart

    period = parse_period("last-30d", DAY)
    report = build_report(DemoCostSource().fetch_costs(CostQuery(period)), period, CostBasis())
    daily_chart(report, "en")  # first call pays matplotlib's import: counted in init, not here
    return statistics.median(_timed(lambda: (daily_chart(report, "en"), services_chart(report, "en")))
                             for _ in range(3))


def test_monthly_cost_of_the_stack_at_100_analyses_a_day() -> None:
    functions = stack.functions()
    memory = {key: fn.memory_mb for key, fn in functions.items()}
    day = simulate_day()
    stages = day.stages
    runs = max(stages.runs, 1)
    parent_transitions, child_states = success_path_transitions()
    inits = {key: init_ms(init_modules(key)) for key in functions}
    charts = chart_ms()
    ce_pages_per_run = day.ce_requests / runs
    s3_per_run = {stage: count / runs for stage, count in stages.s3.items()}
    cached_answers = day.questions - DIGESTS_PER_DAY - sum(1 for _ in day.times["notifier"])
    durations = {  # per invocation, in Lambda
        "mapper": lambda_ms(statistics.median(stages.mapper_ms), memory["mapper"], s3=s3_per_run["mapper"]),
        "worker": lambda_ms(statistics.median(stages.worker_ms), memory["worker"], s3=s3_per_run["worker"],
                            cost_explorer_page=ce_pages_per_run),
        "aggregator": lambda_ms(statistics.median(stages.aggregator_ms), memory["aggregator"],
                                s3=s3_per_run["aggregator"]),
        "notifier": lambda_ms(day.render_ms + day.summary_ms, memory["notifier"], s3=2,
                              slack_call=SLACK_CALLS["notifier"]),
        "digest": lambda_ms(day.render_ms + day.summary_ms + charts, memory["digest"], s3=3,
                            slack_call=SLACK_CALLS["digest"], ses=EMAIL_COPIES_PER_DAY / DIGESTS_PER_DAY),
    }
    # the bot: an ack, then a lazy listener that answers from the fresh report or starts an execution
    lazy_ms = (cached_answers * lambda_ms(day.render_ms + day.summary_ms, memory["bot"], s3=3,
                                          slack_call=SLACK_CALLS["cached_answer"])
               + len(day.times["notifier"]) * lambda_ms(5, memory["bot"], s3=2, states_start=1,
                                                        slack_call=SLACK_CALLS["miss_ack"])) / max(
        cached_answers + len(day.times["notifier"]), 1)
    durations["bot"] = (lambda_ms(5, memory["bot"]) + lazy_ms) / 2
    usage_functions = []
    for key in functions:
        invocations = len(day.times[key]) * DAYS
        colds = cold_starts(day.times[key]) * DAYS
        average = durations[key] + (colds * inits[key] / invocations if invocations else 0)
        usage_functions.append(FunctionUsage(key, invocations, average, memory[key]))
    stored_gb = Decimal(sum(day.store.bytes_by_prefix.values())) / 1024**3
    retention_days = {"reports": 400, "jobs": 14, "cache": 14}
    storage = sum((Decimal(day.store.bytes_by_prefix[prefix]) / 1024**3 * min(days, DAYS) for prefix, days in
                   retention_days.items()), Decimal(0))  # steady state after a month; reports keep growing
    invocations = sum(fn.invocations for fn in usage_functions)
    usage = MonthlyUsage(
        functions=usage_functions,
        standard_transitions=day.misses * parent_transitions * DAYS,
        express_requests=stages.batches * DAYS,
        express_average_ms=durations["worker"] * child_states,
        s3_put_requests=(day.store.puts + day.store.lists) * DAYS,
        s3_get_requests=day.store.gets * DAYS,
        s3_storage_gb=storage,
        cost_explorer_requests=day.ce_requests * DAYS,
        scheduler_invocations=DIGESTS_PER_DAY * DAYS,
        emails=EMAIL_COPIES_PER_DAY * DAYS,
        secrets=1,
        secret_reads=sum(cold_starts(day.times[key]) for key in ("bot", "notifier", "digest")) * DAYS,
        alarms=1,
        log_gb=Decimal(invocations * LOG_BYTES_PER_INVOCATION) / 1024**3,
        traces=(day.questions + day.misses) * DAYS,
    )
    prices = load_prices()
    items = line_items(usage, prices)
    listed, after_free = total(items), total_after_free_tiers(items)
    ce_cost = next(item.cost for item in items if item.service == "Cost Explorer")

    print(f"\n[cost model] {ANALYSES_PER_DAY} analyses/day + {DIGESTS_PER_DAY} digests/day, {DAYS} days, "
          f"org {ORG['accounts']} accounts × {ORG['services']} services, LLM excluded; prices: tools/aws_prices.csv")
    print(f"  counted per day: {day.misses} pipeline runs (cache misses) of {day.questions} questions, "
          f"{day.ce_requests} Cost Explorer requests, {day.store.gets} S3 GET / {day.store.puts} PUT / "
          f"{day.store.lists} LIST, {stored_gb * 1024**2:.0f} KiB written")
    print(f"  ASL success path: {parent_transitions} transitions per execution, {child_states} Task per batch "
          f"(Express child); batches per run {stages.batches / runs:.1f}")
    print("  measured here (median, ms): " + ", ".join(
        f"{name} {value:.1f}" for name, value in [("mapper", statistics.median(stages.mapper_ms)),
                                                  ("worker", statistics.median(stages.worker_ms)),
                                                  ("aggregator", statistics.median(stages.aggregator_ms)),
                                                  ("render", day.render_ms), ("summary", day.summary_ms),
                                                  ("charts", charts)]))
    print("  cold start: handler + first-call imports (ms): " + ", ".join(
        f"{key} {value:.0f}{'' if _module_exists(functions[key].module) else ' (handler missing)'}"
        for key, value in inits.items()))
    print(f"  assumptions: CPU share = min(1, memory/{CPU_MB_PER_VCPU} MB); latency ms {LATENCY_MS}; "
          f"cold after {IDLE_BEFORE_COLD_MIN} min idle; {LOG_BYTES_PER_INVOCATION} B of logs per invocation")
    print(f"  {'function':<11}{'memory':>7}{'calls/mo':>10}{'avg ms':>9}{'GB-s/mo':>10}")
    for fn in usage_functions:
        print(f"  {fn.name:<11}{fn.memory_mb:>7}{fn.invocations:>10}{fn.average_ms:>9.0f}{fn.gb_seconds:>10.1f}")
    print(f"  {'service':<22}{'item':<26}{'quantity/mo':>14}{'US$/mo':>10}")
    for item in items:
        print(f"  {item.service:<22}{item.what:<26}{item.quantity:>14.2f}{item.cost.amount:>10.4f}")
    infrastructure = after_free - ce_cost
    ce_price = prices["ce_api_request"].usd
    break_even = int((TARGET - infrastructure.amount) / ce_price / DAYS)
    verdict = "within" if after_free.amount <= TARGET else "OVER"
    print(f"  monthly total: US$ {listed.amount:.2f} at list price, US$ {after_free.amount:.2f} after the always-free "
          f"tiers — {verdict} the US$ {TARGET} target")
    print(f"    running the stack: US$ {infrastructure.amount:.2f}; Cost Explorer's own API: US$ {ce_cost.amount:.2f} "
          f"({day.ce_requests} requests/day); the total stays within US$ {TARGET} up to {break_even} Cost Explorer "
          f"requests a day")

    assert listed == sum((item.cost for item in items), type(listed).zero())
    assert day.misses < day.questions  # the fresh-report cache answers repeats without Cost Explorer
    # What the stack itself costs must stay within the target; what Cost Explorer charges depends on how many
    # distinct questions people ask per freshness window, and is printed above against the same target.
    assert infrastructure.amount <= TARGET, f"running the stack costs US$ {infrastructure.amount:.2f} a month"


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000
