"""What the catalog knows about one AWS service, as Cost Explorer names it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    COMPUTE = "compute"
    CONTAINERS = "containers"
    STORAGE = "storage"
    DATABASE = "database"
    NETWORKING = "networking"
    ANALYTICS = "analytics"
    ML_AI = "ml_ai"
    SECURITY = "security"
    MANAGEMENT = "management"
    DEVELOPER_TOOLS = "developer_tools"
    APPLICATION_INTEGRATION = "application_integration"
    END_USER = "end_user"
    IOT = "iot"
    MEDIA = "media"
    MIGRATION = "migration"
    BUSINESS_APPS = "business_apps"
    GAME_TECH = "game_tech"
    BLOCKCHAIN = "blockchain"
    QUANTUM = "quantum"
    SATELLITE = "satellite"
    ROBOTICS = "robotics"
    BILLING = "billing"
    SUPPORT = "support"
    MARKETPLACE = "marketplace"
    OTHER = "other"


# The waste-check families; a catalog row names at most one of them.
CHECK_FAMILIES: frozenset[str] = frozenset(
    {
        "ec2",
        "ebs",
        "snapshots",
        "eip",
        "nat",
        "elb",
        "rds",
        "logs",
        "s3",
        "dynamodb",
        "lambda",
        "redshift",
        "elasticache",
        "emr",
    }
)

_VENDOR_PREFIXES = ("Amazon ", "AWS ")


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    service: str
    short_name: str
    category: Category
    check_family: str | None
    security_service: bool
    known: bool


def strip_vendor_prefix(service: str) -> str:
    """'Amazon Foo' and 'AWS Foo' become 'Foo'; anything else is returned trimmed."""
    name = service.strip()
    for prefix in _VENDOR_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :].strip()
    return name


def generic_entry(service: str) -> CatalogEntry:
    """The entry for a service name the catalog has no row for."""
    return CatalogEntry(
        service=service,
        short_name=strip_vendor_prefix(service) or "(unnamed)",
        category=Category.OTHER,
        check_family=None,
        security_service=False,
        known=False,
    )
