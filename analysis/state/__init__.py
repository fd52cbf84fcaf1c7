"""State stores: a local folder (embedded mode) and, in production, S3 (`analysis.state.s3`, imports boto3)."""

from analysis.state.local import LocalStateStore, MemoryStateStore

__all__ = ["LocalStateStore", "MemoryStateStore"]
