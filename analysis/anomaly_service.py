"""The anomalies use case: our detector's spikes (in the cost report) merged with AWS Cost Anomaly Detection."""

from __future__ import annotations

import logging

from analysis.domain.cost_anomalies import AnomalyReport, in_scope, merge_anomalies
from analysis.errors import SourceAccessDeniedError, SourceUnavailableError
from analysis.pipeline.contracts import AnalysisRequest
from analysis.ports import AnomalySource
from analysis.service import CostAnalysis

log = logging.getLogger(__name__)
DETECTION_UNAVAILABLE = "anomaly-detection-unavailable"


def anomaly_report(analysis: CostAnalysis, detection: AnomalySource | None, request: AnalysisRequest) -> AnomalyReport:
    """Anomalies in the request's period for the accounts it may see.

    Without `ce:GetAnomalies` the answer still comes, from our detector, with a warning that says so;
    other failures of Cost Anomaly Detection are errors (a throttled answer is not "no anomalies").
    """
    report = analysis.answer(request)
    if report is None:
        raise SourceUnavailableError("anomalies need the report now; run them with the local pipeline")
    warnings = list(report.warnings)
    found = None
    if detection is not None:
        try:
            found = detection.anomalies(report.period)
        except SourceAccessDeniedError as exc:
            log.info("Cost Anomaly Detection not readable, our detector only: %s", exc)
            warnings.append(DETECTION_UNAVAILABLE)
    aws = in_scope(found.anomalies, report.accounts_in_scope) if found is not None else []
    return AnomalyReport(
        period=report.period,
        currency=report.currency,
        anomalies=tuple(merge_anomalies(aws, report.anomalies)),
        fetched_at=min(report.fetched_at, found.fetched_at) if found is not None else report.fetched_at,
        source=report.source,
        aws_detection=found is not None,
        warnings=tuple(warnings),
        requests=report.requests + (found.requests if found is not None else 0),
    )
