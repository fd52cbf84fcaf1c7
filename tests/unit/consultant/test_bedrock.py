"""Bedrock ConverseStream through the real boto3 client: requests serialised and validated against the
service model, responses parsed by botocore's event-stream parser from bytes our fake encodes."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from botocore.exceptions import ParamValidationError

from analysis.domain.report import CostReport
from consultant.adapters.bedrock import BedrockAssistant
from consultant.errors import BackendAccessDeniedError, BackendThrottledError, BackendUnavailableError
from consultant.personas import Persona
from consultant.prompting import system_prompt
from tests.fakes.bedrock_runtime import FakeBedrock, text_stream

MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0"


def _assistant(fake: FakeBedrock, **kwargs: Any) -> BedrockAssistant:
    return BedrockAssistant(fake.client(), MODEL, max_tokens=900, temperature=0.1, **kwargs)


def test_summary_streams_the_models_text_deltas_in_order(report: CostReport) -> None:
    total = report.total.format("en")
    fake = FakeBedrock(reply=lambda body: text_stream("*Executive summary*\n", f"We spent {total}", ". Approve it."))
    reply = _assistant(fake).summarise(report, Persona.EXECUTIVE, "en")
    chunks = list(reply)
    assert "".join(chunks) == f"*Executive summary*\nWe spent {total}. Approve it."
    assert len(chunks) >= 2  # sentence by sentence, not one block at the end
    assert reply.info.unverified_figures == []


def test_request_carries_model_system_prompt_inference_config_and_the_report_data(report: CostReport) -> None:
    fake = FakeBedrock()
    _assistant(fake).summarise(report, Persona.CTO, "pt-BR").text()
    (body,) = fake.requests
    assert fake.urls[0].endswith("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream")
    assert body["system"] == [{"text": system_prompt(Persona.CTO, "pt-BR")}]
    assert body["inferenceConfig"] == {"maxTokens": 900, "temperature": 0.1}
    (message,) = body["messages"]
    assert message["role"] == "user"
    assert "<report-data>" in message["content"][0]["text"]
    assert f"TOTAL: {report.total.format('pt-BR')}" in message["content"][0]["text"]


def test_token_usage_is_recorded_and_logged(report: CostReport, caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeBedrock(reply=lambda body: text_stream("Fine.", input_tokens=1500, output_tokens=42))
    with caplog.at_level(logging.INFO, logger="consultant.bedrock"):
        reply = _assistant(fake).answer("how much?", report, [], "en")
        reply.text()
    assert (reply.info.input_tokens, reply.info.output_tokens) == (1500, 42)
    assert f"model={MODEL} input_tokens=1500 output_tokens=42" in caplog.text


def test_a_fake_model_inventing_a_figure_gets_it_flagged(report: CostReport) -> None:
    total = report.total.format("en")
    fake = FakeBedrock(reply=lambda body: text_stream(f"We spent {total}. ", "EC2 alone was US$ 12,", "345."))
    reply = _assistant(fake).answer("how much did we spend?", report, [], "en")
    text = reply.text()
    assert "US$ 12,345 (⚠ unverified)." in text
    assert f"{total}. " in text and f"{total} (⚠" not in text
    assert reply.info.unverified_figures == ["US$ 12,345"]


def test_access_denied_is_a_named_error_before_anything_streams(report: CostReport) -> None:
    fake = FakeBedrock(error=(403, "AccessDeniedException", "You don't have access to the model"))
    with pytest.raises(BackendAccessDeniedError, match="bedrock:InvokeModelWithResponseStream") as caught:
        _assistant(fake).summarise(report, Persona.EXECUTIVE, "en")
    assert "enable access to the model in the Bedrock console" in str(caught.value)


def test_unknown_model_is_unavailable_not_empty(report: CostReport) -> None:
    fake = FakeBedrock(error=(404, "ResourceNotFoundException", "Model not found"))
    with pytest.raises(BackendUnavailableError, match=MODEL):
        _assistant(fake).summarise(report, Persona.EXECUTIVE, "en")


def test_throttling_inside_the_stream_raises_a_named_error(report: CostReport) -> None:
    fake = FakeBedrock(reply=lambda body: [
        {"contentBlockDelta": {"delta": {"text": "Partial answer. "}, "contentBlockIndex": 0}},
        {"throttlingException": {"message": "Too many tokens"}},
    ])
    reply = _assistant(fake).answer("how much?", report, [], "en")
    with pytest.raises(BackendThrottledError):
        reply.text()


def test_the_request_shape_is_validated_against_the_service_model(report: CostReport) -> None:
    fake = FakeBedrock()
    assistant = BedrockAssistant(fake.client(), MODEL, max_tokens=900)
    assistant.inference = {"maxTokens": "lots"}  # type: ignore[dict-item]  # a wrong type never leaves the client
    with pytest.raises(ParamValidationError):
        assistant.summarise(report, Persona.EXECUTIVE, "en")
    assert fake.requests == []
