"""S3 state store: execution state, caches and reports in one bucket, shared by every Lambda.

Idempotent writes use S3 conditional PUT (`If-None-Match: *`): of two writers racing for the same key,
exactly one wins and the other learns it lost (412), so a job writes one report however often it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from analysis.errors import StateError
from analysis.resilience import error_code

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

MISSING_CODES = frozenset({"NoSuchKey", "404", "NotFound"})
LOST_RACE_CODES = frozenset({"PreconditionFailed", "412"})
CONCURRENT_WRITE = "ConditionalRequestConflict"  # 409: another conditional write to the key is in flight


class S3StateStore:
    def __init__(self, bucket: str, client: S3Client | Any | None = None, prefix: str = "") -> None:
        if client is None:
            import boto3

            client = boto3.client("s3")  # honours AWS_ENDPOINT_URL (a moto server in tests)
        self.bucket = bucket
        self.client = client
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        # S3 asks callers to retry a 409 on conditional writes; the retry then sees 412 or succeeds.
        self._conflict_retry = Retrying(
            retry=retry_if_exception(lambda exc: error_code(exc) == CONCURRENT_WRITE),
            wait=wait_random_exponential(multiplier=0.05, max=1), stop=stop_after_attempt(4), reraise=True,
        )

    def location(self, key: str) -> tuple[str, str]:
        """Bucket and object key, for Step Functions states that read S3 directly (ItemReader)."""
        return self.bucket, self.prefix + key

    def get(self, key: str) -> bytes | None:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)
        except ClientError as exc:
            if error_code(exc) in MISSING_CODES:
                return None
            raise self._error("read", key, exc) from exc
        body: bytes = response["Body"].read()
        return body

    def put(self, key: str, data: bytes, *, if_absent: bool = False) -> bool:
        extra = {"IfNoneMatch": "*"} if if_absent else {}
        try:
            self._conflict_retry(self.client.put_object, Bucket=self.bucket, Key=self.prefix + key, Body=data,
                                 **extra)
        except ClientError as exc:
            if if_absent and (error_code(exc) in LOST_RACE_CODES or _status(exc) == 412):
                return False
            raise self._error("write", key, exc) from exc
        return True

    def list(self, prefix: str) -> list[str]:
        keys: list[str] = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                         Prefix=self.prefix + prefix)
            for page in pages:
                keys.extend(item["Key"][len(self.prefix):] for item in page.get("Contents", []))
        except ClientError as exc:
            raise self._error("list", prefix, exc) from exc
        return sorted(keys)

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self.prefix + key)
        except ClientError as exc:
            raise self._error("delete", key, exc) from exc

    def _error(self, verb: str, key: str, exc: ClientError) -> StateError:
        code = error_code(exc) or "unknown"
        where = f"s3://{self.bucket}/{self.prefix}{key}"
        hints = {
            "AccessDenied": "the role lacks the S3 permission for this bucket",
            "NoSuchBucket": f"the bucket {self.bucket} does not exist (check FINOPS_BUCKET)",
        }
        return StateError(f"could not {verb} {where}: {code}" + (f" — {hints[code]}" if code in hints else ""))


def _status(exc: ClientError) -> int | None:
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return status if isinstance(status, int) else None
