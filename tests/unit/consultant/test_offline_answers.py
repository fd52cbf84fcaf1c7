"""The offline backend answers the common questions in both languages with the report's own figures."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from analysis.domain.money import Money
from analysis.domain.report import CostReport, LineItem
from consultant.adapters.offline import OfflineAssistant
from consultant.insights import Forecast, Insights, Saving

Expect = Callable[[CostReport, str], list[str]]


def _money(value: Money, lang: str) -> str:
    return value.format(lang)


def _item(report: CostReport, key: str) -> LineItem:
    item = report.service(key)
    assert item is not None
    return item


def _service(report: CostReport, key: str) -> Money:
    return _item(report, key).cost


def _abs(value: Money) -> Money:
    return Money(abs(value.amount), value.currency)


def _run_rate(report: CostReport) -> Money:
    recent = report.daily[-7:]
    return Money(sum((p.cost.amount for p in recent), Decimal(0)) / len(recent) * 30, report.currency)


CASES: list[tuple[str, str, str, Expect]] = [
    # (question in English, question in Portuguese, what it is, figures that must appear)
    ("How much did we spend?", "Quanto gastamos?", "total",
     lambda r, lang: [_money(r.total, lang), _money(r.comparison_total, lang)]),
    ("What are the top services?", "Quais são os maiores serviços?", "top services",
     lambda r, lang: [_money(r.by_service[0].cost, lang), _money(r.by_service[4].cost, lang)]),
    ("Why did EC2-Other go up?", "Por que o EC2-Other subiu?", "why a service changed",
     lambda r, lang: [_money(_abs(_item(r, "EC2 - Other").delta), lang), _money(Money(r.anomalies[0].actual), lang)]),
    ("Why did costs increase?", "Por que o custo aumentou?", "drivers of the total",
     lambda r, lang: ["+" + _money(r.delta, lang), "+" + _money(r.movers_up[0].delta, lang)]),
    ("What's the forecast for next month?", "Qual a previsão para o próximo mês?", "forecast",
     lambda r, lang: [_money(_run_rate(r), lang)]),
    ("What is the forecast?", "O que é a previsão?", "our forecast, not Amazon Forecast",
     lambda r, lang: [_money(_run_rate(r), lang)]),
    ("What is Forecast?", "O que é o Forecast?", "Amazon Forecast, the service",
     lambda r, lang: ["Amazon Forecast"]),
    ("Where can we save money?", "Onde podemos economizar?", "savings",
     lambda r, lang: [_money(r.by_service[0].cost, lang)]),
    ("Compare with the previous period", "Compare com o período anterior", "compare periods",
     lambda r, lang: [_money(r.total, lang), _money(r.comparison_total, lang)]),
    ("Which account costs the most?", "Qual conta custa mais?", "which account",
     lambda r, lang: [r.by_account[0].label, _money(r.by_account[0].cost, lang)]),
    ("What is S3?", "O que é o S3?", "what is this service",
     lambda r, lang: [_money(_service(r, "Amazon Simple Storage Service"), lang),
                      "storage" if lang == "en" else "armazenamento"]),
    ("How much did we spend on S3?", "Quanto gastamos com S3?", "spend on one service",
     lambda r, lang: [_money(_service(r, "Amazon Simple Storage Service"), lang)]),
    ("Any anomalies?", "Alguma anomalia?", "anomalies",
     lambda r, lang: [_money(Money(r.anomalies[0].actual), lang), _money(Money(r.anomalies[0].expected), lang)]),
    ("Which new services appeared?", "Quais serviços novos apareceram?", "appeared and vanished",
     lambda r, lang: ["Bedrock", "EMR"]),
    ("Which day was the most expensive?", "Qual foi o dia mais caro?", "peak day",
     lambda r, lang: [_money(Money(max(p.cost.amount for p in r.daily)), lang)]),
]


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
@pytest.mark.parametrize(("english", "portuguese", "kind", "expect"), CASES, ids=[c[2] for c in CASES])
def test_offline_answers_common_questions_with_the_reports_figures(
    report: CostReport, catalog: object, lang: str, english: str, portuguese: str, kind: str, expect: Expect
) -> None:
    assistant = OfflineAssistant(glossary=catalog)  # type: ignore[arg-type]
    text = assistant.answer(english if lang == "en" else portuguese, report, [], lang).text()
    for figure in expect(report, lang):
        assert figure in text, f"{kind}: {figure!r} missing from:\n{text}"
    assert ("not by an AI model" if lang == "en" else "sem modelo de IA") in text


def test_answers_in_each_language_use_that_languages_number_format(report: CostReport) -> None:
    english = OfflineAssistant().answer("how much did we spend?", report, [], "en").text()
    portuguese = OfflineAssistant().answer("quanto gastamos?", report, [], "pt-BR").text()
    assert report.total.format("en") in english and report.total.format("pt-BR") not in english
    assert report.total.format("pt-BR") in portuguese and report.total.format("en") not in portuguese


def test_savings_and_forecast_come_from_insights_when_given(report: CostReport) -> None:
    start, end = report.period.end, report.period.end.replace(day=1).replace(month=12)
    insights = Insights(
        savings=(Saving("Delete 12 unattached EBS volumes", Money.of("412.80"), action="aws ec2 delete-volume …"),
                 Saving("Release 3 idle Elastic IPs", Money.of("10.80"))),
        forecast=Forecast(start, end, Money.of("71234.50"), Money.of("68000"), Money.of("74500")),
    )
    assistant = OfflineAssistant()
    savings = assistant.answer("where can we save?", report, [], "en", insights=insights).text()
    assert "US$ 423.60 a month" in savings and "Delete 12 unattached EBS volumes: US$ 412.80" in savings
    forecast = assistant.answer("previsão", report, [], "pt-BR", insights=insights).text()
    assert "US$ 71.234,50" in forecast and "US$ 68.000,00" in forecast and "US$ 74.500,00" in forecast


def test_unrecognised_question_says_what_can_be_asked(report: CostReport) -> None:
    text = OfflineAssistant().answer("tell me a joke", report, [], "en").text()
    assert "I answer from this report only" in text and report.total.format("en") in text


def test_answer_streams_in_more_than_one_chunk(report: CostReport) -> None:
    chunks = list(OfflineAssistant().answer("top services", report, [], "en"))
    assert len(chunks) > 1
