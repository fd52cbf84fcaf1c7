"""botocore errors from an LLM service, as named consultant errors that say what to do."""

from __future__ import annotations

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)

from consultant.errors import (
    BackendAccessDeniedError,
    BackendError,
    BackendThrottledError,
    BackendUnavailableError,
)

# What a call to the service may raise that is not a bug of ours (ParamValidationError is one: let it surface).
CALL_ERRORS = (ClientError, EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError, ConnectionClosedError,
               NoCredentialsError)

_THROTTLED = {"ThrottlingException", "throttlingException", "ServiceQuotaExceededException", "TooManyRequestsException"}
_DENIED = {"AccessDeniedException", "UnrecognizedClientException", "ExpiredTokenException"}
_UNAVAILABLE = {"ResourceNotFoundException", "ModelNotReadyException", "ServiceUnavailableException",
                "serviceUnavailableException", "ModelTimeoutException", "LicenseNotFoundException"}


def backend_error(exc: ClientError | BotoCoreError, service: str, action: str, resource: str) -> BackendError:
    """`raise backend_error(exc, …) from exc`."""
    if isinstance(exc, NoCredentialsError):
        return BackendAccessDeniedError(f"no AWS credentials found to call {service}; configure a role or profile")
    if isinstance(exc, BotoCoreError):
        return BackendUnavailableError(f"{service} could not be reached for {resource}: {exc}")
    code = exc.response.get("Error", {}).get("Code", "")
    message = exc.response.get("Error", {}).get("Message", "") or str(exc)
    if code in _DENIED:
        return BackendAccessDeniedError(
            f"{service} refused {action} on {resource} ({code}: {message}). Grant {action} to this role"
            + (" and enable access to the model in the Bedrock console." if service == "Bedrock" else ".")
        )
    if code in _THROTTLED:
        return BackendThrottledError(f"{service} is throttling requests ({code}); try again in a minute.")
    if code in _UNAVAILABLE:
        return BackendUnavailableError(f"{service} cannot serve {resource} now ({code}: {message}).")
    return BackendError(f"{service} failed on {resource} ({code or type(exc).__name__}: {message}).")
