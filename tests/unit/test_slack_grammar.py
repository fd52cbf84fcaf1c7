"""The `/finops` grammar: what people type → a command, a usage hint with suggestions, or a question."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.domain.basis import Metric
from bot.commands import Choice, Command, CommandSpec, DuplicateCommandError, Grammar, Usage, parse_command
from bot.grammar.conversation import AskCommand, ReportCommand
from bot.grammar.costs import QueryCommand
from bot.grammar.planned import PlannedCommand
from bot.grammar.settings import HelpCommand, SettingsCommand

TODAY = date(2026, 11, 15)


def parse(text):
    return parse_command(text, TODAY)


@pytest.mark.parametrize(
    ("text", "name", "period", "group_by", "metric", "credits"),
    [
        ("costs", "costs", "last-30d", "service", Metric.AMORTIZED, False),
        ("costs last-7d", "costs", "last-7d", "service", Metric.AMORTIZED, False),
        ("custos mês passado por conta", "costs", "last-month", "account", Metric.AMORTIZED, False),
        ("costs last 30 days basis unblended credits include", "costs", "last-30d", "service", Metric.UNBLENDED, True),
        ("Custos últimos 30 dias base liquido creditos incluir", "costs", "last-30d", "service",
         Metric.NET_AMORTIZED, True),
        ("top mtd by region", "top", "mtd", "region", Metric.AMORTIZED, False),
        ("top by tag team", "top", "last-30d", "tag:team", Metric.AMORTIZED, False),
        ("anomalias ultimos 7 dias", "anomalies", "last-7d", "service", Metric.AMORTIZED, False),
        ("costs 2026-10 by cost-category:Teams", "costs", "2026-10", "cost-category:Teams", Metric.AMORTIZED, False),
        ("previsão", "forecast", "last-30d", "service", Metric.AMORTIZED, False),
        ("desperdicio", "waste", "last-30d", "service", Metric.AMORTIZED, False),
        ("compromissos", "commitments", "last-30d", "service", Metric.AMORTIZED, False),
    ],
)
def test_query_commands_in_english_and_portuguese(text, name, period, group_by, metric, credits):
    command = parse(text)
    assert isinstance(command, QueryCommand)
    assert (command.name, command.query.period, command.query.group_by) == (name, period, group_by)
    assert (command.query.metric, command.query.credits_included) == (metric, credits)


def test_command_text_is_canonical_and_reparses_to_the_same_command():
    command = parse("CUSTOS mes passado por conta base unblended creditos sim imposto nao contas 111111111111")
    assert command.text == ("costs last-month by account basis unblended credits include tax exclude "
                            "accounts 111111111111")
    assert parse(command.text) == command


def test_report_ask_settings_and_help():
    assert parse("relatorio analista last-7d") == ReportCommand(
        "report", "report analyst last-7d", "analyst", parse("costs last-7d").query)
    assert parse("report sre").persona == "devops"
    assert parse("ask why did EC2 go up?") == AskCommand("ask", "ask why did EC2 go up?", "why did EC2 go up?")
    assert parse("settings language pt") == SettingsCommand("settings", "settings language pt-BR", "pt-BR")
    assert parse("config") == SettingsCommand("settings", "settings")
    assert parse("ajuda custos") == HelpCommand("help", "help costs", "costs")


def test_a_planned_command_is_a_placeholder_until_a_module_registers_the_real_one():
    from bot.grammar.planned import SPECS as PLANNED

    placeholder = Grammar(PLANNED).parse("digest add #finops daily 09:00", TODAY)
    assert isinstance(placeholder, PlannedCommand) and placeholder.words == ("add", "#finops", "daily", "09:00")
    command = parse("digest add #finops daily 09:00")  # the digests module replaced it
    assert not isinstance(command, PlannedCommand)
    assert (command.action, command.words) == ("add", ("#finops", "daily", "09:00"))


def test_slack_entities_are_decoded_and_mentions_keep_their_ids():
    assert parse("digest add <#C123|finops> daily").words == ("<#C123|finops>", "daily")
    assert parse("ask is R&amp;D &lt;growing&gt;?").question == "is R&D <growing>?"


@pytest.mark.parametrize(
    ("text", "message_id", "suggestion"),
    [
        ("cots last-7d", "usage.unknown_command", "costs last-7d"),
        ("relatoro cto", "usage.unknown_command", "report cto"),
        ("costs lastt-30d by account", "usage.bad_period", "costs last-30d by account"),
        ("costs last-30d by colour", "usage.bad_group_by", "costs last-30d by service"),
        ("costs basis amortised", "usage.bad_basis", "costs basis amortized"),
        ("why did EC2 go up so much?", "usage.unknown_command", "ask why did EC2 go up so much?"),
        ("", "usage.empty", "costs last-30d"),
        ("help nope", "usage.unknown_help", "help"),
        ("settings colour", "usage.unknown_setting", "settings language en"),
        ("settings language klingon", "usage.bad_language", "settings language pt-BR"),
        ("ask", "usage.ask_needs_question", "ask why did costs go up?"),
        ("forecast mtd", "usage.no_period", "forecast"),
    ],
)
def test_unknown_words_get_usage_and_a_did_you_mean(text, message_id, suggestion):
    usage = parse(text)
    assert isinstance(usage, Usage)
    assert usage.message_id == message_id
    assert suggestion in usage.suggestions


def test_accounts_must_be_twelve_digit_ids():
    usage = parse("costs accounts 123,abc")
    assert isinstance(usage, Usage) and usage.message_id == "usage.bad_accounts"


def test_a_period_that_has_not_started_is_refused():
    assert parse("costs 2027-01").message_id == "usage.bad_period"


@pytest.mark.parametrize(
    ("text", "question", "runs"),
    [
        ("costs 30", "choice.number_period", ["costs last-30d", "costs last-30w", "costs last-30m"]),
        ("report", "choice.persona", ["report executive last-30d", "report cto last-30d",
                                      "report devops last-30d", "report analyst last-30d"]),
        ("report last-7d", "choice.persona", ["report executive last-7d", "report cto last-7d",
                                              "report devops last-7d", "report analyst last-7d"]),
        ("costs by", "choice.by", ["costs by service", "costs by account", "costs by region"]),
        ("costs basis", "choice.basis", ["costs basis unblended", "costs basis amortized",
                                         "costs basis net-unblended", "costs basis net-amortized"]),
        ("costs credits", "choice.include", ["costs credits include", "costs credits exclude"]),
        ("settings language", "choice.language", ["settings language en", "settings language pt-BR"]),
        ("co", "choice.which_command", ["commitments", "costs"]),
    ],
)
def test_missing_or_ambiguous_parts_are_asked_with_one_button_per_reading(text, question, runs):
    choice = parse(text)
    assert isinstance(choice, Choice)
    assert choice.question_id == question
    assert [o.run for o in choice.options] == runs
    assert all(isinstance(parse(o.run), Command | Choice) for o in choice.options)


def test_every_choice_runs_a_command_the_grammar_accepts():
    for text in ("costs 7", "report", "costs by", "costs basis", "costs tax"):
        for option in parse(text).options:
            assert isinstance(parse(option.run), Command), option.run


def _spec(name, aliases=(), planned=False):
    return CommandSpec(name, aliases, lambda words, ctx: Command(ctx.name, ctx.name), "x:y", planned=planned)


def test_a_module_can_replace_a_planned_command_but_not_clash_with_a_real_one():
    grammar = Grammar([_spec("digest", ("boletim",), planned=True)])
    grammar.register(_spec("digest", ("digests", "boletim")))
    assert not grammar.spec("digest").planned
    grammar.register(_spec("digest", planned=True))  # a placeholder never replaces the real command
    assert not grammar.spec("digest").planned
    with pytest.raises(DuplicateCommandError):
        grammar.register(_spec("digest"))
    with pytest.raises(DuplicateCommandError):
        grammar.register(_spec("email", ("digests",)))
