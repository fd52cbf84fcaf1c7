"""The environment Terraform gives each Lambda is what its settings classes read, and builds them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tests.contract import stack
from tests.contract.settings_scan import env_names, settings_classes

FUNCTIONS = sorted(stack.functions())
VARIANTS = {  # terraform variables that change the environment
    "defaults": {},
    "bedrock": {"llm_backend": "bedrock"},
    "qbusiness": {"llm_backend": "qbusiness", "qbusiness_application_id": "a" * 8 + "-bbbb-cccc-dddd-" + "e" * 12},
    "email": {"email_sender": "finops@example.com"},
}
# What a Lambda cannot run without, whenever its code can read the variable: Terraform must set it.
_PIPELINE = ("mapper", "worker", "aggregator")
_SLACK = ("bot", "notifier", "digest")
NEEDED_IN_LAMBDA = {
    "FINOPS_BUCKET": ("state lives in S3: /tmp does not survive the container", (*_PIPELINE, *_SLACK)),
    "FINOPS_SOURCE": ("costs come from Cost Explorer, not the demo organisation", (*_PIPELINE, *_SLACK)),
    "FINOPS_PIPELINE": ("analyses run on Step Functions, not in the Slack function", ("bot", "digest")),
    "FINOPS_STATE_MACHINE_ARN": ("analyses run on Step Functions", ("bot", "digest")),
    "SLACK_SECRET_ARN": ("Slack credentials come from Secrets Manager, never plain variables", _SLACK),
    "FINOPS_DIGEST_FUNCTION_ARN": ("digest schedules target the digest function", ("bot",)),
    "FINOPS_SCHEDULER_ROLE_ARN": ("EventBridge Scheduler needs a role to invoke it", ("bot",)),
    "FINOPS_SCHEDULE_GROUP": ("schedules go into the stack's group, where the role may manage them", ("bot",)),
    "FINOPS_DIGEST_DLQ_URL": ("undelivered digests go to the dead-letter queue", ("digest",)),
    "FINOPS_DIGEST_DLQ_ARN": ("schedules name the dead-letter queue by ARN", ("bot",)),
}
NEVER_IN_LAMBDA_ENVIRONMENT = {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"}


@pytest.mark.parametrize("key", FUNCTIONS)
def test_every_variable_terraform_sets_is_read_by_a_settings_class_of_the_function(key: str) -> None:
    readable = set().union(*(env_names(settings) for settings in settings_classes(key)))
    unread = stack.environment_keys(key) - readable
    assert not unread, f"terraform sets {sorted(unread)} on {key}, but no settings class its code imports reads them"


@pytest.mark.parametrize("key", FUNCTIONS)
def test_variables_a_lambda_needs_are_set_whenever_its_code_reads_them(key: str) -> None:
    readable = set().union(*(env_names(settings) for settings in settings_classes(key)))
    missing = {name: why for name, (why, needed_by) in NEEDED_IN_LAMBDA.items()
               if key in needed_by and name in readable and name not in stack.environment_keys(key)}
    assert not missing, f"{key} reads but terraform does not set: {missing}"


@pytest.mark.parametrize("key", FUNCTIONS)
def test_secrets_never_travel_as_plain_environment_variables(key: str) -> None:
    assert not stack.environment_keys(key) & NEVER_IN_LAMBDA_ENVIRONMENT


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("key", FUNCTIONS)
def test_settings_build_from_the_deployed_environment(
    key: str, variant: str, clean_environment: pytest.MonkeyPatch
) -> None:
    environment = stack.environment(key, VARIANTS[variant])
    for name, value in environment.items():
        clean_environment.setenv(name, value)
    for settings in settings_classes(key):
        try:
            built = settings()
        except ValidationError as exc:
            pytest.fail(f"{settings.__name__} of {key} rejects the {variant} environment {environment}: {exc}")
        for name, value in environment.items():
            field = _field_for(settings, name)
            read = getattr(built, field) if field is not None else None
            if isinstance(read, str | bool | int | float):
                assert str(read).lower() == value.lower() or _numeric_equal(read, value), f"{name}: {read!r}"


def _field_for(settings: type, env_name: str) -> str | None:
    prefix = settings.model_config.get("env_prefix", "").upper()  # type: ignore[attr-defined]
    for field_name in settings.model_fields:  # type: ignore[attr-defined]
        if (prefix + field_name).upper() == env_name:
            return field_name
    return None


def _numeric_equal(value: object, text: str) -> bool:
    try:
        return float(value) == float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


SLACK_POSTERS = ("bot", "notifier", "digest")
KNOWN_GAPS: dict[str, str] = {}  # function → why it cannot read the secret yet (a strict xfail)


@pytest.mark.parametrize("key", SLACK_POSTERS)
def test_functions_that_post_to_slack_get_the_token_from_secrets_manager(
    key: str, request: pytest.FixtureRequest
) -> None:
    if key in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[key]))
    readable = set().union(*(env_names(settings) for settings in settings_classes(key)))
    assert "SLACK_SECRET_ARN" in readable, f"{key} has no way to read the Slack secret"
    assert "SLACK_SECRET_ARN" in stack.environment_keys(key), f"terraform does not give {key} the Slack secret"
