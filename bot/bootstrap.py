"""Composition root of the Slack bot: every dependency can be passed in; the rest comes from settings.

Heavy parts (the full pydantic settings, the analysis pipeline, the consultant) are built on first use, never
on the ack path: the acknowledgement reads `AckSettings`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bot.access import AccessPolicy, load_access
from bot.ack_settings import AckSettings
from bot.preferences import Preferences

if TYPE_CHECKING:
    from slack_sdk import WebClient

    from analysis.domain.basis import CostBasis
    from analysis.ports import StateStore
    from analysis.service import CostAnalysis
    from analysis.waste_service import WasteFindings
    from bot.outlook import Outlook
    from bot.ports import Chat, ReportMailer
    from bot.settings import Settings, SlackSettings
    from bot.threads import ThreadStore
    from consultant.ports import Assistant

log = logging.getLogger(__name__)
GROUP_CACHE_SECONDS = 300.0


@dataclass(frozen=True)
class SlackCredentials:
    bot_token: str | None
    signing_secret: str
    app_token: str | None = None


@dataclass
class Bot:
    """Everything a listener or use case needs, built once per process (per Lambda container).

    `basics` is what the acknowledgement reads; `settings` (every FINOPS_* variable, validated) is built the
    first time the slow half of a request needs it."""

    basics: AckSettings
    settings_factory: Callable[[], Settings]
    credentials: SlackCredentials
    client: WebClient | None
    chat: Chat
    state: StateStore
    access: AccessPolicy
    clock: Callable[[], datetime]
    analysis_factory: Callable[[], CostAnalysis]
    assistant_factory: Callable[[], Assistant | None]
    mailer: ReportMailer | None = None
    waste_factory: Callable[[], WasteFindings] | None = None  # None: from settings
    _groups: dict[str, tuple[float, frozenset[str]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @cached_property
    def settings(self) -> Settings:
        return self.settings_factory()

    @cached_property
    def analysis(self) -> CostAnalysis:
        return self.analysis_factory()

    @cached_property
    def assistant(self) -> Assistant | None:
        """The consultant (summaries, answers, feedback), built on first use: its templates are heavy."""
        return self.assistant_factory()

    @cached_property
    def waste(self) -> WasteFindings:
        """Stored waste reports (and, for the demo organisation, a scan on the spot) for other answers to cite."""
        if self.waste_factory is not None:
            return self.waste_factory()
        from analysis.bootstrap import build_waste_findings

        return build_waste_findings(self.settings, self.state, self.clock)

    def outlook(self, accounts: tuple[str, ...] | None, basis: CostBasis) -> Outlook:
        """Savings and forecast for these accounts, looked up on threads from now on."""
        from bot.outlook import start_outlook

        return start_outlook(self.settings, self.state, self.waste, accounts, basis, self.today())

    @cached_property
    def preferences(self) -> Preferences:
        return Preferences(self.state, self.basics.language)

    @cached_property
    def threads(self) -> ThreadStore:
        from bot.threads import ThreadStore  # thread records: the slow half of a request reads them

        return ThreadStore(self.state)

    def today(self) -> date:
        return self.basics.as_of or self.clock().date()

    def group_members(self, group: str) -> frozenset[str]:
        """User-group members, cached per container: the allowlist check runs on the ack path."""
        with self._lock:
            cached = self._groups.get(group)
        if cached and time.monotonic() - cached[0] < GROUP_CACHE_SECONDS:
            return cached[1]
        members = self.chat.group_members(group)
        with self._lock:
            self._groups[group] = (time.monotonic(), members)
        return members


def bootstrap(
    *, settings: Settings | None = None, slack: SlackSettings | None = None, client: WebClient | None = None,
    chat: Chat | None = None, state: StateStore | None = None, analysis: CostAnalysis | None = None,
    assistant: Assistant | None = None, assistant_factory: Callable[[], Assistant | None] | None = None,
    access: AccessPolicy | None = None,
    clock: Callable[[], datetime] | None = None, mailer: ReportMailer | None = None, secrets_client: Any = None,
    waste: WasteFindings | None = None,
) -> Bot:
    basics = _basics(settings, slack)
    credentials = _credentials(basics, secrets_client)
    if chat is None:
        from bot.adapters.slack_chat import SlackChat
        from bot.adapters.slack_client import build_web_client

        client = client or build_web_client(credentials.bot_token, basics.api_url)
        chat = SlackChat(client)
    if state is None:
        state = build_state(basics)
    settings_factory = (lambda: settings) if settings is not None else _full_settings
    bot = Bot(
        basics=basics, settings_factory=settings_factory, credentials=credentials, client=client, chat=chat,
        state=state, access=access if access is not None else load_access(basics.access, basics.access_file),
        clock=clock or (lambda: datetime.now(UTC)),
        analysis_factory=(lambda: analysis) if analysis is not None else (lambda: _analysis(bot.settings, state)),
        assistant_factory=assistant_factory or ((lambda: assistant) if assistant is not None
                                                else (lambda: build_assistant(bot.settings, state))),
        mailer=mailer if mailer is not None else build_mailer(),
        waste_factory=(lambda: waste) if waste is not None else None,
    )
    return bot


def _basics(settings: Settings | None, slack: SlackSettings | None) -> AckSettings:
    """Given settings win; what is not given comes from the environment, read the light way."""
    if settings is None and slack is None:
        return AckSettings.read()
    from bot.settings import Settings, SlackSettings

    return AckSettings.of(settings or Settings(), slack or SlackSettings())  # type: ignore[call-arg]


def _full_settings() -> Settings:
    from pydantic import ValidationError

    from bot.errors import SettingsError
    from bot.settings import Settings

    try:
        return Settings()  # type: ignore[call-arg]
    except ValidationError as exc:  # the ack read only its own variables; the rest are judged here
        log.error("invalid settings: %s", exc)
        names = sorted({f"FINOPS_{str(error['loc'][0]).upper()}" for error in exc.errors() if error["loc"]})
        raise SettingsError(", ".join(names)) from exc


def build_state(settings: Settings | AckSettings) -> StateStore:
    """S3 with FINOPS_BUCKET, else the local folder: the choice `analysis.bootstrap.build_state` makes, without
    importing the analysis pipeline at cold start (the acknowledgement never runs it)."""
    if settings.bucket:
        from analysis.state.s3 import S3StateStore

        return S3StateStore(settings.bucket)
    from analysis.state import LocalStateStore

    return LocalStateStore(settings.state_dir)


def _credentials(basics: AckSettings, secrets_client: Any) -> SlackCredentials:
    token, secret, app_token = basics.bot_token, basics.signing_secret or "", basics.app_token
    if basics.secret_arn:
        from bot.adapters.secrets import read_slack_secret

        stored = read_slack_secret(basics.secret_arn, secrets_client)
        token, secret = stored["bot_token"], stored["signing_secret"]
        app_token = stored.get("app_token", app_token)
    return SlackCredentials(token, secret, app_token)


def _analysis(settings: Settings, state: StateStore) -> CostAnalysis:
    from analysis.bootstrap import build_cost_analysis

    return build_cost_analysis(settings, state=state)


def build_assistant(settings: Settings, state: StateStore) -> Assistant:
    """The backend FINOPS_LLM names (offline by default); feedback is kept in the state store."""
    from analysis.catalog import load_catalog
    from consultant.bootstrap import build_assistant as build

    return build(settings, glossary=load_catalog(), state=state)


def build_mailer() -> ReportMailer | None:
    """The "email me this" sender (SES, from the digests/email module); None: email is not configured."""
    return None
