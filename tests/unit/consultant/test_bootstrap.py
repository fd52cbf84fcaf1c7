import pytest

from consultant.adapters.offline import OfflineAssistant
from consultant.bootstrap import build_assistant
from consultant.errors import AssistantConfigError
from consultant.settings import ConsultantSettings


def test_offline_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FINOPS_LLM", raising=False)
    assistant = build_assistant()
    assert isinstance(assistant, OfflineAssistant)
    assert (assistant.name, assistant.uses_ai) == ("offline", False)


@pytest.mark.parametrize(
    ("backend", "variable"),
    [("bedrock", "FINOPS_BEDROCK_MODEL_ID"), ("qbusiness", "FINOPS_QBUSINESS_APPLICATION_ID")],
)
def test_a_misconfigured_backend_names_the_missing_variable_at_start(
    monkeypatch: pytest.MonkeyPatch, backend: str, variable: str
) -> None:
    monkeypatch.setenv("FINOPS_LLM", backend)
    monkeypatch.delenv(variable, raising=False)
    with pytest.raises(AssistantConfigError, match=f"FINOPS_LLM={backend} needs {variable}"):
        build_assistant(ConsultantSettings())


def test_the_default_glossary_gives_short_service_names(report) -> None:  # type: ignore[no-untyped-def]
    text = build_assistant(ConsultantSettings()).summarise(report, "analyst", "en").text()  # type: ignore[arg-type]
    assert "EC2-Other:" in text and "EC2 - Other:" not in text


def test_bedrock_is_built_from_settings_with_an_injected_client(monkeypatch: pytest.MonkeyPatch, report) -> None:  # type: ignore[no-untyped-def]
    from tests.fakes.bedrock_runtime import FakeBedrock, text_stream

    fake = FakeBedrock(reply=lambda body: text_stream("Fine."))
    settings = ConsultantSettings(llm="bedrock", bedrock_model_id="amazon.nova-lite-v1:0", bedrock_max_tokens=300)
    assistant = build_assistant(settings, client=fake.client())
    assert (assistant.name, assistant.uses_ai) == ("bedrock", True)
    assert assistant.answer("how much?", report, [], "en").text() == "Fine."
    assert fake.requests[0]["inferenceConfig"] == {"maxTokens": 300, "temperature": 0.2}


def test_a_q_business_application_id_of_the_wrong_length_is_refused_at_start() -> None:
    settings = ConsultantSettings(llm="qbusiness", qbusiness_application_id="my-app")
    with pytest.raises(AssistantConfigError, match="36-character FINOPS_QBUSINESS_APPLICATION_ID"):
        build_assistant(settings)
