"""The digest's persona summary is given what Slack's is: the savings of the same scan and the month's forecast."""

from __future__ import annotations

from analysis.state import MemoryStateStore
from bot.digests.bootstrap import build_summary_writer
from bot.digests.settings import DigestSettings
from tests.unit.consultant.conftest import AS_OF, demo_insights, demo_report


def test_the_digest_summary_cites_the_forecast_and_the_top_savings_in_the_readers_language():
    from analysis.bootstrap import waste_scanner

    settings = DigestSettings.model_validate({"as_of": AS_OF})
    waste = waste_scanner(settings)(None)
    summarise = build_summary_writer(settings, MemoryStateStore())
    for language in ("en", "pt-BR"):
        text = "".join(summarise(demo_report(), "executive", language, waste))
        insights = demo_insights(language)
        assert insights.forecast is not None and insights.forecast.amount.format(language) in text
        assert f"{insights.savings[0].title} ({insights.savings[0].monthly.format(language)})" in text
    assert "Cluster Redshift ocioso" in text  # the check's name in Portuguese, as the bot writes it
