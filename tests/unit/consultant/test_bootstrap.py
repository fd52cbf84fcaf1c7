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
