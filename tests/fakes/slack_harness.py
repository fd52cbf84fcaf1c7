"""The real bot (bootstrap → Bolt app → `slack_handler`) wired to the fake Slack server, for integration tests."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from analysis.state import MemoryStateStore
from bot import handler
from bot.access import AccessPolicy
from bot.bootstrap import Bot, bootstrap
from bot.settings import Settings, SlackSettings
from tests.fakes.slack_requests import SIGNING_SECRET, LambdaContext
from tests.fakes.slack_server import FakeSlack

AS_OF = date(2026, 11, 15)
NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)


class DrainableExecutor(ThreadPoolExecutor):
    """Lazy listeners run here; `drain()` waits for them, so a test checks Slack after the work is done."""

    def __init__(self) -> None:
        super().__init__(max_workers=4)
        self._futures: list[Future[Any]] = []
        self._lock = threading.Lock()

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._futures.append(future)
        return future

    def drain(self, timeout: float = 60.0) -> None:
        while True:
            with self._lock:
                pending = [f for f in self._futures if not f.done()]
            if not pending:
                return
            for future in pending:
                future.result(timeout=timeout)


@dataclass
class SlackHarness:
    fake: FakeSlack
    bot: Bot
    assistant: Any
    executor: DrainableExecutor

    def send(self, event: dict[str, Any], *, drain: bool = True) -> dict[str, Any]:
        response = handler.slack_handler(event, LambdaContext())
        if drain:
            self.executor.drain()
        return response


def build_harness(fake: FakeSlack, analysis: Any, *, access: AccessPolicy | None = None,
                  assistant: Any = "offline", language: str = "en", mailer: Any = None,
                  state: Any = None, waste: Any = None) -> SlackHarness:
    """`assistant`: "offline" (the real template consultant), None (none deployed), or a fake."""
    state = state if state is not None else MemoryStateStore()
    settings = Settings(as_of=AS_OF, language=language)  # type: ignore[call-arg]
    if assistant == "offline":
        from bot.bootstrap import build_assistant

        assistant = build_assistant(settings, state)
    chosen = assistant
    bot = bootstrap(
        settings=settings,
        slack=SlackSettings(bot_token="xoxb-test", signing_secret=SIGNING_SECRET,  # type: ignore[arg-type]
                            api_url=fake.url),
        state=state,
        analysis=analysis,
        assistant_factory=lambda: chosen,
        access=access or AccessPolicy(),
        clock=lambda: NOW,
        mailer=mailer,
        waste=waste,
    )
    executor = DrainableExecutor()
    handler.install(bot, executor=executor)
    return SlackHarness(fake, bot, chosen, executor)
