"""Named errors of the AWS sources, beyond the general ones in `analysis.errors`."""

from __future__ import annotations

from analysis.errors import SourceError


class CostDataUnavailableError(SourceError):
    """Cost Explorer has no data for the request (not enabled yet, or the account is too new)."""


class BillExpiredError(SourceError):
    """The requested bill has expired in Cost Explorer; ask for a more recent period."""


class PageTokenExpiredError(SourceError):
    """A NextPageToken was rejected (expired, or the data changed while paging); ask again."""


class CostExplorerRequestError(SourceError):
    """Cost Explorer rejected the request as invalid; the message carries its reason."""


class CostExplorerResponseError(SourceError):
    """Cost Explorer answered something the plan did not ask for."""
