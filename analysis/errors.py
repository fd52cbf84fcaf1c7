"""Named errors of the analysis package. Step Functions Retry/Catch refer to these class names."""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class for failures the user should hear about in words, not a stack trace."""


class SourceError(AnalysisError):
    """A cost or inventory source could not answer."""


class SourceAccessDeniedError(SourceError):
    """The credentials lack a permission; the message names it."""


class SourceThrottledError(SourceError):
    """The service throttled us after our own retries; Step Functions retries the state."""


class SourceUnavailableError(SourceError):
    """The source is not configured or not implemented for this request."""


class StateError(AnalysisError):
    """The state store could not read or write."""


class CircuitOpenError(SourceUnavailableError):
    """An AWS service failed repeatedly; calls to it are skipped until its circuit half-opens."""

    def __init__(self, service: str, failures: int, retry_after: str) -> None:
        super().__init__(
            f"{service} failed {failures} times in a row (throttled or unavailable); calls to it are paused "
            f"until {retry_after} so we stop adding load. This part was skipped."
        )
        self.service = service
        self.failures = failures
        self.retry_after = retry_after


class PipelineError(AnalysisError):
    """The pipeline engine (Step Functions) refused or lost a job."""
