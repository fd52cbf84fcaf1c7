import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from analysis.checks import all_rules
from analysis.checks.docs import END, START, checks_markdown
from analysis.domain.waste_json import waste_report_from_json
from bot.cli import main
from bot.i18n.catalog import catalog_keys


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_waste_shows_the_demo_findings_largest_saving_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "waste", "--as-of", "2026-05-01")
    assert code == 0
    assert out.startswith("AWS waste · 13 account(s) · 3 region(s)")
    assert re.search(r"Estimated savings: US\$ [\d,]+\.\d\d per month across \d+ finding\(s\)", out)
    first = next(line for line in out.splitlines() if line.strip().startswith("1 "))
    assert "Idle Redshift cluster" in first and "analytics-sandbox" in first and "US$ 1,585.56" in first
    assert "(also recommended by Cost Optimization Hub)" in out
    assert "aws redshift pause-cluster --region us-east-1 --cluster-identifier analytics-sandbox" in out
    assert "price table as of 2025-06-01" in out and "source: demo organisation" in out
    assert "* priced at us-east-1 rates" in out


def test_waste_speaks_portuguese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "waste", "--as-of", "2026-05-01", "--lang", "pt-BR", "--checks", "redshift")
    assert code == 0
    assert "Desperdício na AWS" in out and "Economia estimada: US$ 1.585,56 por mês em 1 achado(s)" in out
    assert "Cluster Redshift ocioso" in out and "não teve conexão em 14 dias" in out


def test_waste_json_is_the_report_document_and_adds_up(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "waste", "--as-of", "2026-05-01", "--format", "json", "--min-saving", "20")
    assert code == 0
    report = waste_report_from_json(out)
    doc = json.loads(out)
    assert doc["kind"] == "waste" and doc["partial"] is False
    assert all(f.estimated_monthly_saving.amount >= 20 for f in report.findings)
    assert sum(Decimal(row["estimated_monthly_saving"]) for row in doc["by_account"]) == Decimal(
        doc["total_monthly_saving"])


def test_single_checks_and_families_can_be_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "waste", "--as-of", "2026-05-01", "--checks", "eip-unassociated,nat", "--format",
                       "json")
    assert code == 0
    assert {row["check_id"] for row in json.loads(out)["findings"]} == {"eip-unassociated", "nat-idle",
                                                                       "nat-unrouted"}


@pytest.mark.parametrize(("argv", "message"), [
    (["--checks", "gp2"], "`gp2` is neither a check family"),
    (["--accounts", "1234"], "1234: an AWS account id is 12 digits"),
])
def test_bad_input_is_one_line_and_exit_code_2(capsys: pytest.CaptureFixture[str], argv: list[str],
                                               message: str) -> None:
    code, out, err = run(capsys, "waste", *argv)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_negative_minimum_saving_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["waste", "--min-saving", "-3"])
    assert exit_info.value.code == 2
    assert "cannot be negative" in capsys.readouterr().err


def test_list_checks_names_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "waste", "--list-checks")
    assert code == 0
    assert out.startswith(f"{len(all_rules())} waste checks")
    assert all(rule.check_id in out for rule in all_rules())


def test_readme_table_of_checks_is_generated_from_the_rule_data() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(START) + len(START):readme.index(END)].strip()
    assert section == checks_markdown(), "run `python -m analysis.checks.docs` and paste the table into README.md"


def test_english_catalog_says_what_the_rules_say() -> None:
    """The rule rows carry the English text; the catalog must not drift from them."""
    en = catalog_keys("en")
    for rule in all_rules():
        assert en[f"waste.check.{rule.check_id}"] == rule.title
        assert en[f"waste.reason.{rule.check_id}"] == rule.reason
