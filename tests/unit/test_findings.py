from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

import pytest

from analysis.domain.findings import (
    ActionKind,
    Finding,
    ScanScope,
    build_waste_report,
    merge_duplicates,
)
from analysis.domain.money import Money
from analysis.domain.report import MissingPart
from analysis.domain.waste_json import (
    findings_from_json,
    findings_to_json,
    json_schema,
    waste_report_from_json,
    waste_report_to_json,
)

NOW = datetime(2026, 5, 1, 6, tzinfo=UTC)
SCOPE = ScanScope(("111111111111",), ("us-east-1",), ("ebs",))


def finding(resource: str = "vol-1", saving: str = "10.00", *, check: str = "ebs-unattached",
            source: str = "rule", kind: ActionKind = ActionKind.DELETE, account: str = "111111111111") -> Finding:
    return Finding(check, "title", resource, "AWS::EC2::Volume", account, "us-east-1", "reason",
                   Money(Decimal(saving)), "note", source, "aws ec2 delete-volume", kind,  # type: ignore[arg-type]
                   {"size_gib": "100"})


def test_same_advice_from_two_sources_keeps_the_smaller_saving_and_says_both_agreed() -> None:
    ours = finding(saving="12.50")
    hub = finding(saving="10.00", check="cost-optimization-hub-delete", source="cost-optimization-hub")
    [merged] = merge_duplicates([ours, hub])
    assert merged.source == "cost-optimization-hub"
    assert merged.estimated_monthly_saving == Money(Decimal("10.00"))
    assert [(c.source, c.check_id, c.estimated_monthly_saving.amount) for c in merged.agreed_by] == [
        ("rule", "ebs-unattached", Decimal("12.50"))]


def test_different_action_kinds_on_one_resource_stay_separate() -> None:
    delete = finding(saving="10.00")
    upgrade = finding(saving="2.00", check="ebs-gp2-to-gp3", kind=ActionKind.UPGRADE)
    assert len(merge_duplicates([delete, upgrade])) == 2


def test_equal_savings_prefer_our_rule_so_the_choice_is_stable() -> None:
    ours = finding(saving="5.00")
    optimizer = finding(saving="5.00", check="compute-optimizer-ebs", source="compute-optimizer")
    assert merge_duplicates([optimizer, ours])[0].source == "rule"


def test_total_counts_each_resource_once_at_its_largest_finding() -> None:
    report = build_waste_report(
        [finding("vol-1", "10.00"), finding("vol-1", "2.00", check="ebs-gp2-to-gp3", kind=ActionKind.UPGRADE),
         finding("vol-2", "3.00", account="222222222222")], SCOPE, NOW, "demo")
    assert report.total_saving == Money(Decimal("13.00"))
    assert [(g.key, g.saving.amount) for g in report.by_account] == [("111111111111", Decimal("10.00")),
                                                                   ("222222222222", Decimal("3.00"))]
    assert sum((g.saving.amount for g in report.by_account), Decimal(0)) == report.total_saving.amount
    assert {g.key: g.saving.amount for g in report.by_check} == {"ebs-unattached": Decimal("13.00"),
                                                                 "ebs-gp2-to-gp3": Decimal("2.00")}


def test_findings_are_sorted_by_saving_and_filtered_by_minimum() -> None:
    report = build_waste_report([finding("a", "1.00"), finding("b", "30.00"), finding("c", "7.50")], SCOPE, NOW,
                                "demo", min_saving=Money(Decimal("5")))
    assert [f.resource_id for f in report.findings] == ["b", "c"]


def test_report_with_missing_parts_is_partial() -> None:
    report = build_waste_report([], SCOPE, NOW, "aws",
                                missing=[MissingPart("waste-1-eu-west-1-compute", "ebs in eu-west-1", "denied")])
    assert report.partial
    assert report.total_saving == Money.zero()


def test_waste_report_json_round_trips_exactly() -> None:
    hub = finding(saving="10.00", check="cost-optimization-hub-delete", source="cost-optimization-hub")
    report = build_waste_report([finding(saving="12.345"), hub, finding("vol-9", "0.10")], SCOPE, NOW, "aws",
                                missing=[MissingPart("b1", "desc", "SourceAccessDeniedError: no")],
                                account_names={"111111111111": "acme"})
    text = waste_report_to_json(report)
    again = waste_report_from_json(text)
    assert again == report
    assert waste_report_to_json(again) == text
    doc = __import__("json").loads(text)
    assert doc["total_monthly_saving"] == "10.10"
    assert doc["partial"] is True
    assert doc["findings"][0]["agreed_by"][0]["source"] == "rule"


def test_findings_json_round_trips_for_pipeline_results() -> None:
    items = [finding(saving="1.23"), finding("vol-2", "0", kind=ActionKind.CONFIGURE)]
    assert findings_from_json(findings_to_json(items)) == items


def test_waste_schema_names_the_money_fields() -> None:
    schema = json_schema()
    assert "total_monthly_saving" in schema["properties"]
    assert schema["properties"]["kind"]["const"] == "waste"


def test_findings_json_rejects_money_that_is_not_a_decimal() -> None:
    text = findings_to_json([finding()]).replace('"10.00"', '"ten dollars"')
    with pytest.raises(InvalidOperation):
        findings_from_json(text)
