"""Each persona × language on the demo organisation, offline, for a fixed day: reviewed once, then pinned."""

from __future__ import annotations

import pytest

from analysis.domain.report import CostReport
from consultant.adapters.offline import OfflineAssistant
from consultant.personas import Persona


@pytest.mark.parametrize("language", ["en", "pt-BR"])
@pytest.mark.parametrize("persona", list(Persona))
def test_offline_persona_summary_matches_snapshot(
    report: CostReport, catalog: object, persona: Persona, language: str, snapshot: object
) -> None:
    text = OfflineAssistant(glossary=catalog).summarise(report, persona, language).text()  # type: ignore[arg-type]
    assert text == snapshot
