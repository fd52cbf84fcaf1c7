"""Progress of a long analysis, shown in the thread (a status message edited as batches finish) or, in a
DM assistant thread, as Slack's "is thinking…" status line."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from analysis.pipeline.progress import ProgressEvent
from bot.conversation import Conversation
from bot.errors import ChatError

log = logging.getLogger(__name__)
EDIT_INTERVAL = 1.0  # seconds between edits of the status message (chat.update is rate limited)


class ThreadProgress:
    def __init__(self, convo: Conversation, *, monotonic: Callable[[], float] = time.monotonic,
                 interval: float = EDIT_INTERVAL) -> None:
        self.convo = convo
        self.ts: str | None = None  # the status message, replaced by the numbers when they are ready
        self._monotonic = monotonic
        self._interval = interval
        self._last = float("-inf")

    def __call__(self, event: ProgressEvent) -> None:
        if event.stage == "cached":
            return  # a fresh report: the numbers come at once, nothing to wait for
        t = self.convo.t
        failed = " " + t("progress.failed") if event.stage == "batch_failed" else ""
        text = (t("progress.done", done=event.done, total=event.total) if event.stage == "aggregated"
                else t("progress.reading", done=event.done, total=event.total) + failed)
        final = event.stage in ("planned", "aggregated") or event.done == event.total
        if not final and self._monotonic() - self._last < self._interval:
            return
        self._last = self._monotonic()
        self._show(text)

    def _show(self, text: str) -> None:
        convo = self.convo
        thread = convo.thread_ts
        if thread is None:
            return
        if convo.asker.assistant_thread:
            try:
                convo.bot.chat.set_status(convo.asker.channel, thread, text)
            except ChatError as exc:  # the status line is a courtesy; the answer still comes
                log.warning("assistant status not shown: %s", exc.code)
            return
        if self.ts is None:
            self.ts = convo.bot.chat.post(convo.asker.channel, f":hourglass_flowing_sand: {text}", None, thread)
        else:
            convo.bot.chat.update(convo.asker.channel, self.ts, f":hourglass_flowing_sand: {text}")
