import csv
import threading
from importlib import resources

import pytest

from analysis.catalog import (
    CHECK_FAMILIES,
    CatalogEntry,
    CatalogError,
    Category,
    ServiceCatalog,
    load_catalog,
    parse_catalog,
)

HEADER = "service,short_name,category,check_family,security_service\n"


def _raw_rows(name: str) -> list[list[str]]:
    text = resources.files("analysis.catalog").joinpath(name).read_text(encoding="utf-8")
    return list(csv.reader(text.splitlines()))


@pytest.fixture()
def catalog() -> ServiceCatalog:
    # A fresh instance per test, so unknown names one test records never leak into another.
    csv_dir = resources.files("analysis.catalog")
    return parse_catalog(
        csv_dir.joinpath("services.csv").read_text(encoding="utf-8"),
        csv_dir.joinpath("aliases.csv").read_text(encoding="utf-8"),
    )


# --- the data file --------------------------------------------------------------------------


def test_catalog_has_at_least_253_services(catalog: ServiceCatalog) -> None:
    assert len(catalog) >= 253
    assert len(list(catalog)) == len(catalog)


def test_service_names_are_unique() -> None:
    names = [row[0] for row in _raw_rows("services.csv")[1:]]
    assert len(names) == len({name.casefold() for name in names})


def test_short_names_are_unique_ignoring_case() -> None:
    shorts = [row[1] for row in _raw_rows("services.csv")[1:]]
    assert len(shorts) == len({short.casefold() for short in shorts})


def test_every_row_has_a_valid_category_family_and_flag() -> None:
    categories = {c.value for c in Category}
    for service, short_name, category, family, security in _raw_rows("services.csv")[1:]:
        assert service and short_name, service
        assert category in categories, service
        assert family == "" or family in CHECK_FAMILIES, service
        assert security in {"true", "false"}, service


def test_csv_files_have_no_stray_whitespace() -> None:
    for name in ("services.csv", "aliases.csv"):
        for row in _raw_rows(name):
            for value in row:
                assert value == value.strip() and "  " not in value, (name, value)


def test_every_alias_resolves_to_a_catalog_row(catalog: ServiceCatalog) -> None:
    for alias, service in _raw_rows("aliases.csv")[1:]:
        assert catalog.entry(alias).service == service
    assert catalog.unknown_services() == ()


@pytest.mark.parametrize(
    ("service", "short_name", "category", "family", "security"),
    [
        ("Amazon Elastic Compute Cloud - Compute", "EC2", Category.COMPUTE, "ec2", False),
        ("EC2 - Other", "EC2-Other", Category.COMPUTE, "ebs", False),
        ("Amazon Simple Storage Service", "S3", Category.STORAGE, "s3", False),
        ("AWS Lambda", "Lambda", Category.COMPUTE, "lambda", False),
        ("Amazon Relational Database Service", "RDS", Category.DATABASE, "rds", False),
        ("AmazonCloudWatch", "CloudWatch", Category.MANAGEMENT, "logs", False),
        ("Amazon Virtual Private Cloud", "VPC", Category.NETWORKING, "nat", False),
        ("Amazon Elastic Load Balancing", "ELB", Category.NETWORKING, "elb", False),
        ("Amazon DynamoDB", "DynamoDB", Category.DATABASE, "dynamodb", False),
        ("Amazon ElastiCache", "ElastiCache", Category.DATABASE, "elasticache", False),
        ("Amazon Redshift", "Redshift", Category.ANALYTICS, "redshift", False),
        ("Amazon Elastic MapReduce", "EMR", Category.ANALYTICS, "emr", False),
        ("AWS Key Management Service", "KMS", Category.SECURITY, None, False),
        ("Amazon CloudFront", "CloudFront", Category.NETWORKING, None, False),
        ("Tax", "Tax", Category.BILLING, None, False),
        ("Savings Plans for AWS Compute usage", "Compute Savings Plans", Category.BILLING, None, False),
        ("AWS Security Hub", "Security Hub", Category.SECURITY, None, True),
        ("Amazon GuardDuty", "GuardDuty", Category.SECURITY, None, True),
        ("Amazon Macie", "Macie", Category.SECURITY, None, True),
        ("Amazon Inspector", "Inspector", Category.SECURITY, None, True),
        ("Amazon Detective", "Detective", Category.SECURITY, None, True),
        ("Amazon Bedrock", "Bedrock", Category.ML_AI, None, False),
        ("Amazon SageMaker", "SageMaker", Category.ML_AI, None, False),
        ("Amazon Q", "Amazon Q", Category.ML_AI, None, False),
        ("AWS Support (Business)", "Support (Business)", Category.SUPPORT, None, False),
    ],
)
def test_well_known_service_has_expected_row(
    catalog: ServiceCatalog,
    service: str,
    short_name: str,
    category: Category,
    family: str | None,
    security: bool,
) -> None:
    assert catalog.entry(service) == CatalogEntry(
        service=service,
        short_name=short_name,
        category=category,
        check_family=family,
        security_service=security,
        known=True,
    )


def test_former_service_names_resolve_to_the_current_row(catalog: ServiceCatalog) -> None:
    assert catalog.entry("Elastic Load Balancing").service == "Amazon Elastic Load Balancing"
    assert catalog.entry("Amazon Elasticsearch Service").short_name == "OpenSearch"
    assert catalog.unknown_services() == ()


def test_only_security_tooling_is_flagged_as_security_service(catalog: ServiceCatalog) -> None:
    flagged = [e for e in catalog if e.security_service]
    names = {e.short_name for e in flagged}
    assert {"Security Hub", "GuardDuty", "Macie", "Inspector", "Detective"} <= names
    assert not {"KMS", "Secrets Manager", "EC2", "Cognito"} & names
    assert all(e.category is Category.SECURITY for e in flagged)


# --- unknown names --------------------------------------------------------------------------


def test_unknown_service_gets_generic_entry_with_prefix_stripped(catalog: ServiceCatalog) -> None:
    entry = catalog.entry("AWS Shiny New Service")

    assert entry == CatalogEntry(
        service="AWS Shiny New Service",
        short_name="Shiny New Service",
        category=Category.OTHER,
        check_family=None,
        security_service=False,
        known=False,
    )
    assert catalog.entry("Amazon Quantum Teleporter").short_name == "Quantum Teleporter"
    assert catalog.entry("Acme Firewall (BYOL)").short_name == "Acme Firewall (BYOL)"


def test_unknown_services_are_remembered_once_in_first_seen_order(catalog: ServiceCatalog) -> None:
    catalog.entry("Amazon Brand New")
    catalog.entry("AWS Lambda")
    catalog.entry("Some Marketplace Product")
    catalog.entry("Amazon Brand New")

    assert catalog.unknown_services() == ("Amazon Brand New", "Some Marketplace Product")


def test_unknown_service_stays_out_of_the_known_catalog(catalog: ServiceCatalog) -> None:
    before = len(catalog)
    catalog.entry("Amazon Brand New")

    assert len(catalog) == before
    assert all(e.known for e in catalog)
    assert catalog.by_category(Category.OTHER) == tuple(e for e in catalog if e.category is Category.OTHER)


def test_concurrent_lookups_remember_every_unknown_name_exactly_once(catalog: ServiceCatalog) -> None:
    names = [f"Amazon Service {i}" for i in range(200)]
    results: list[list[CatalogEntry]] = [[] for _ in range(8)]

    def look_up_all(slot: int) -> None:
        results[slot] = [catalog.entry(name) for name in names]

    threads = [threading.Thread(target=look_up_all, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(catalog.unknown_services()) == sorted(names)
    for per_thread in results[1:]:
        assert all(a is b for a, b in zip(per_thread, results[0], strict=True))


# --- find -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "service"),
    [
        ("ec2", "Amazon Elastic Compute Cloud - Compute"),
        ("EC2", "Amazon Elastic Compute Cloud - Compute"),
        ("s3", "Amazon Simple Storage Service"),
        ("Amazon Simple Storage Service", "Amazon Simple Storage Service"),
        ("amazon simple storage service", "Amazon Simple Storage Service"),
        ("simple storage service", "Amazon Simple Storage Service"),
        ("ec2 - other", "EC2 - Other"),
        ("EC2-Other", "EC2 - Other"),
        ("rds", "Amazon Relational Database Service"),
        ("CLOUDWATCH", "AmazonCloudWatch"),
        ("kms", "AWS Key Management Service"),
        ("elb", "Amazon Elastic Load Balancing"),
        ("Elastic Load Balancing", "Amazon Elastic Load Balancing"),
        ("q", "Amazon Q"),
        ("Cohere Command R+", "Cohere Command R+ (Amazon Bedrock Edition)"),
        ("cohere command r", "Cohere Command R (Amazon Bedrock Edition)"),
    ],
)
def test_find_resolves_short_and_full_names_ignoring_case(catalog: ServiceCatalog, typed: str, service: str) -> None:
    found = catalog.find(typed)
    assert found is not None
    assert found.service == service


def test_find_returns_none_for_text_that_names_no_service(catalog: ServiceCatalog) -> None:
    assert catalog.find("definitely not a service") is None
    assert catalog.find("   ") is None
    assert catalog.unknown_services() == ()


def test_find_resolves_unknown_services_already_seen_in_cost_data(catalog: ServiceCatalog) -> None:
    catalog.entry("Acme Observability Suite")

    found = catalog.find("acme observability suite")

    assert found is not None
    assert found.known is False


# --- grouping -------------------------------------------------------------------------------


def test_by_category_returns_only_that_category(catalog: ServiceCatalog) -> None:
    security = catalog.by_category(Category.SECURITY)

    assert security and all(e.category is Category.SECURITY for e in security)
    assert catalog.by_category("security") == security
    assert sum(len(catalog.by_category(c)) for c in Category) == len(catalog)


def test_by_category_rejects_an_unknown_category(catalog: ServiceCatalog) -> None:
    with pytest.raises(ValueError):
        catalog.by_category("bogus")


def test_services_for_family_lists_the_services_a_check_analyses(catalog: ServiceCatalog) -> None:
    assert catalog.services_for_family("ec2") == ("Amazon Elastic Compute Cloud - Compute",)
    assert "EC2 - Other" in catalog.services_for_family("ebs")
    assert catalog.services_for_family("nat") == ("Amazon Virtual Private Cloud",)
    assert catalog.services_for_family("logs") == ("AmazonCloudWatch",)


def test_services_for_family_rejects_a_misspelt_family(catalog: ServiceCatalog) -> None:
    with pytest.raises(ValueError, match="unknown check family"):
        catalog.services_for_family("ec3")


# --- loading --------------------------------------------------------------------------------


def test_load_catalog_reads_the_csv_once_and_shares_it() -> None:
    first = load_catalog()

    assert load_catalog() is first
    assert len(first) >= 253


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("AWS Lambda,Lambda,compute,lambda,false\nAWS Lambda,Lambda2,compute,,false\n", "clashes"),
        ("AWS Lambda,Lambda,compute,,false\nAWS Glue,lambda,analytics,,false\n", "clashes"),
        ("AWS Lambda,Lambda,computing,,false\n", "unknown category"),
        ("AWS Lambda,Lambda,compute,lambdas,false\n", "unknown check family"),
        ("AWS Lambda,Lambda,compute,,yes\n", "true or false"),
        ("AWS Lambda ,Lambda,compute,,false\n", "stray whitespace"),
        ("AWS Lambda,Lambda,compute\n", "expected 5 fields"),
    ],
)
def test_parse_catalog_rejects_malformed_rows(rows: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        parse_catalog(HEADER + rows)


def test_parse_catalog_rejects_an_alias_to_a_missing_row() -> None:
    with pytest.raises(CatalogError, match="has no row"):
        parse_catalog(HEADER + "AWS Lambda,Lambda,compute,,false\n", "alias,service\nOld Name,AWS Glue\n")
