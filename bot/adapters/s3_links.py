"""Presigned S3 links to dashboards stored in the state bucket."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config


class S3LinkSigner:
    """Note: a URL signed with a Lambda role's temporary credentials stops working when they expire
    (hours), whatever `expires_seconds` says; the digest is re-signed on replay for that reason."""

    def __init__(self, bucket: str, expires_seconds: int, client: Any = None) -> None:
        self.bucket = bucket
        self.expires_seconds = expires_seconds
        # SigV4: the only presigning newer regions accept (boto3's S3 default can still be SigV2)
        self.client = client if client is not None else boto3.client("s3", config=Config(signature_version="s3v4"))

    def link(self, key: str) -> str:
        return str(self.client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self.bucket, "Key": key, "ResponseContentType": "text/html; charset=utf-8"},
            ExpiresIn=self.expires_seconds,
        ))
