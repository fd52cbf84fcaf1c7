"""S3 buckets without lifecycle rules: everything stays in S3 Standard forever."""

from __future__ import annotations

from decimal import Decimal

from analysis.checks.prices import Quoter
from analysis.checks.resources import Bucket
from analysis.checks.rules import CheckContext, Quote, Rule, RuleFamily, iso_day
from analysis.domain.findings import ActionKind

BUCKET = "AWS::S3::Bucket"
GB = Decimal(1024**3)


def _tiering(bucket: Bucket, price: Quoter, ctx: CheckContext) -> Quote:
    cold = ctx.thresholds.s3_cold_share
    if bucket.standard_bytes is None:
        price("s3", "standard")  # cite the price even when the size is unknown
        return Quote(Decimal(0), assumption="size unknown: CloudWatch had no BucketSizeBytes datapoint")
    difference = price("s3", "standard") - price("s3", "standard-ia")
    return Quote(Decimal(bucket.standard_bytes) / GB * difference * cold,
                 assumption=f"assumes {cold * 100:.0f}% of the data is older than 30 days and rarely read")


def _facts(bucket: Bucket, ctx: CheckContext) -> dict[str, str]:
    size = "unknown" if bucket.standard_bytes is None else f"{Decimal(bucket.standard_bytes) / GB:.1f}"
    return {"id": bucket.name, "region": bucket.region, "standard_gib": size, "created": iso_day(bucket.created)}


RULES: tuple[Rule[Bucket], ...] = (
    Rule("s3-no-lifecycle", "Bucket without lifecycle rules", BUCKET,
         "no lifecycle configuration at all",
         lambda bucket, ctx: not bucket.has_lifecycle,
         "Standard GB × (Standard − Standard-IA price) × 50% assumed cold", _tiering,
         "{standard_gib} GiB in S3 Standard with no lifecycle rule to tier or expire it",
         "aws s3api put-bucket-lifecycle-configuration --bucket {id} --lifecycle-configuration "
         "file://lifecycle.json  # transition to STANDARD_IA after 30 days, abort multipart uploads after 7",
         ActionKind.CONFIGURE),
)

PARTS = (RuleFamily[Bucket]("s3", "global", lambda inventory: inventory.buckets(), _facts, RULES),)
