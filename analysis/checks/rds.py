"""RDS: idle databases, previous-generation or x86 classes, and manual snapshots nobody needs."""

from __future__ import annotations

from analysis.checks.prices import HOURS_PER_MONTH, Quoter
from analysis.checks.resources import DbInstance, DbSnapshot
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day, move_to, successor
from analysis.domain.findings import ActionKind

DB_INSTANCE = "AWS::RDS::DBInstance"
DB_SNAPSHOT = "AWS::RDS::DBSnapshot"
PREVIOUS_GENERATION = {"db.t2": "db.t3", "db.m1": "db.m5", "db.m2": "db.r5", "db.m3": "db.m5", "db.m4": "db.m5",
                       "db.r3": "db.r5", "db.r4": "db.r5"}
GRAVITON = {"db.t3": "db.t4g", "db.m5": "db.m6g", "db.r5": "db.r6g"}
GRAVITON_ENGINES = ("mysql", "postgres", "mariadb", "aurora-mysql", "aurora-postgresql")
PRICE_NOTE = "MySQL on-demand price; other engines differ"


def _class(db: DbInstance) -> str:
    return db.instance_class


def _copies(db: DbInstance) -> int:
    return 2 if db.multi_az else 1


def _instance_hours(db: DbInstance, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(HOURS_PER_MONTH * price("rds", db.instance_class) * _copies(db),
                 assumption=f"{PRICE_NOTE}; storage still bills while stopped")


def _available(db: DbInstance) -> bool:
    return db.status == "available"


def _db_facts(db: DbInstance, ctx: CheckContext) -> dict[str, str]:
    return {"id": db.identifier, "instance_class": db.instance_class, "engine": db.engine,
            "multi_az": "Multi-AZ" if db.multi_az else "Single-AZ", "created": iso_day(db.created),
            "window_days": str(ctx.thresholds.window_days), "target": ""}


_MODIFY = ("aws rds modify-db-instance --region {region} --db-instance-identifier {id} "
           "--db-instance-class {target} --apply-immediately")

INSTANCE_RULES: tuple[Rule[DbInstance], ...] = (
    Rule("rds-idle", "Idle RDS instance", DB_INSTANCE,
         "available for the whole window with no database connection",
         lambda db, ctx: _available(db) and ctx.older_than_window(db.created) and not db.connections_max,
         "730 h × instance-class price (× 2 for Multi-AZ)", _instance_hours,
         "{engine} {instance_class} ({multi_az}) had no connection in {window_days} days",
         "aws rds stop-db-instance --region {region} --db-instance-identifier {id}", ActionKind.STOP),
    Rule("rds-previous-generation", "Previous-generation RDS class", DB_INSTANCE,
         "a previous-generation class (db.t2, db.m4, db.r4, …)",
         lambda db, ctx: _available(db) and successor(db.instance_class, PREVIOUS_GENERATION) is not None,
         "730 h × (class price − successor price) (× 2 for Multi-AZ)",
         move_to("rds", PREVIOUS_GENERATION, _class, copies=_copies, assumption=PRICE_NOTE),
         "{instance_class} is a previous generation; {target} is faster and costs less",
         _MODIFY, ActionKind.UPGRADE),
    Rule("rds-graviton", "RDS Graviton candidate", DB_INSTANCE,
         "MySQL, PostgreSQL or MariaDB on db.t3, db.m5 or db.r5",
         lambda db, ctx: (_available(db) and db.engine in GRAVITON_ENGINES
                          and successor(db.instance_class, GRAVITON) is not None),
         "730 h × (x86 class price − Graviton class price) (× 2 for Multi-AZ)",
         move_to("rds", GRAVITON, _class, copies=_copies, assumption=PRICE_NOTE),
         "{engine} on {instance_class}: {target} (Graviton) costs less for the same size",
         _MODIFY, ActionKind.MIGRATE_TO_GRAVITON),
)


def _snapshot_storage(s: DbSnapshot, price: Quoter, ctx: CheckContext) -> Quote:
    return Quote(s.allocated_gib * price("rds", "snapshot"),
                 assumption="upper bound: allocated storage; manual snapshots bill for what they hold")


def _snapshot_facts(s: DbSnapshot, ctx: CheckContext) -> dict[str, str]:
    return {"id": s.identifier, "instance": s.instance_identifier, "created": iso_day(s.created),
            "age_days": str(ctx.days_since(s.created)), "size_gib": str(s.allocated_gib)}


_DELETE_SNAPSHOT = "aws rds delete-db-snapshot --region {region} --db-snapshot-identifier {id}"

SNAPSHOT_RULES: tuple[Rule[DbSnapshot], ...] = (
    Rule("rds-snapshot-orphaned", "RDS snapshot of a deleted database", DB_SNAPSHOT,
         "manual snapshot whose DB instance no longer exists",
         lambda s, ctx: s.snapshot_type == "manual" and not s.source_instance_exists,
         "allocated GiB × RDS snapshot price per GB-month (upper bound)", _snapshot_storage,
         "manual snapshot of {instance} ({size_gib} GiB, {created}); that database no longer exists",
         _DELETE_SNAPSHOT, ActionKind.DELETE),
    Rule("rds-snapshot-old", "RDS manual snapshot older than a year", DB_SNAPSHOT,
         "manual snapshot older than 365 days of a database that still exists",
         lambda s, ctx: (s.snapshot_type == "manual" and s.source_instance_exists
                         and ctx.days_since(s.created) >= ctx.thresholds.snapshot_age_days),
         "allocated GiB × RDS snapshot price per GB-month (upper bound)", _snapshot_storage,
         "manual snapshot of {instance} is {age_days} days old ({size_gib} GiB)",
         _DELETE_SNAPSHOT, ActionKind.DELETE),
)

PARTS = (
    RuleFamily[DbInstance]("rds", "regional", lambda inventory: inventory.db_instances(), _db_facts, INSTANCE_RULES),
    RuleFamily[DbSnapshot]("rds", "regional", lambda inventory: inventory.db_snapshots(), _snapshot_facts,
                           SNAPSHOT_RULES),
)
