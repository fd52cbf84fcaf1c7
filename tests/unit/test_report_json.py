import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from analysis.domain.basis import CostBasis
from analysis.domain.costs import CostQuery, GroupBy
from analysis.domain.period import parse_period
from analysis.domain.report import build_report
from analysis.domain.report_json import json_schema, report_from_json, report_to_json
from analysis.sources.demo import DemoCostSource

SCHEMA_FILE = Path(__file__).parents[2] / "docs" / "report.schema.json"


def test_published_schema_matches_the_model():
    """The documented schema is the model's: change one, regenerate the other (`make schema`)."""
    assert json.loads(SCHEMA_FILE.read_text()) == json.loads(json.dumps(json_schema(), sort_keys=True))


@pytest.mark.parametrize("group_by", ["service", "region", "tag:team"])
def test_report_round_trips_through_json(group_by):
    period = parse_period("last-30d", date(2026, 11, 25))
    query = CostQuery(period, CostBasis(), GroupBy.parse(group_by))
    report = build_report(DemoCostSource().fetch_costs(query), period, CostBasis(), query.group_by)
    again = report_from_json(report_to_json(report))
    assert again.total == report.total and again.comparison_total == report.comparison_total
    assert again.by_service == report.by_service
    assert again.by_dimension == report.by_dimension
    assert again.anomalies == report.anomalies
    assert again.period == report.period
    assert report_to_json(again) == report_to_json(report)


def test_cli_json_output_validates_against_the_documented_schema(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "costs", "last-30d", "--source", "demo", "--format", "json",
         "--as-of", "2026-11-25"],
        capture_output=True, text=True, check=True, env={"FINOPS_STATE_DIR": str(tmp_path), "PATH": ""},
    )
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(SCHEMA_FILE.read_text()))
    assert document["period"] == {"start": "2026-10-26", "end": "2026-11-25"}
    assert document["comparison_period"] == {"start": "2026-09-26", "end": "2026-10-26"}
    assert document["basis"] == "amortized" and document["credits_included"] is False
    assert document["partial"] is False
    assert isinstance(document["total"], str)
