"""The engine's error classes.

Every error a caller can see derives from :class:`WeedGoError`, which carries an HTTP
status, a stable machine-readable ``code`` and a message a person understands. The API
renders them once, in one handler, as ``{"error": {"code", "message", "type"}}``.

    WeedGoError
    ├── InvalidRequest (400)          bad input the client can fix
    │   └── InvalidSessionId (400)
    ├── Unauthorized (401)            admin endpoint without a valid key
    ├── Forbidden (403)               admin endpoint from a non-loopback client
    ├── NotFound (404)
    ├── PayloadTooLarge (413)
    └── Unavailable (503)             a required part (model, database) is down;
        │                             carries Retry-After
        ├── Overloaded (503)          the model queue is full
        ├── EngineError (503)         the model runtime failed
        └── StoreError (503)          the database failed
            └── StoreTimeout (503)    the database did not answer in time
"""

from __future__ import annotations


class WeedGoError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    @property
    def type(self) -> str:
        return type(self).__name__


class InvalidRequest(WeedGoError):
    status_code = 400
    code = "invalid_request"


class InvalidSessionId(InvalidRequest):
    code = "invalid_session_id"


class Unauthorized(WeedGoError):
    status_code = 401
    code = "unauthorized"


class Forbidden(WeedGoError):
    status_code = 403
    code = "forbidden"


class NotFound(WeedGoError):
    status_code = 404
    code = "not_found"


class PayloadTooLarge(WeedGoError):
    status_code = 413
    code = "payload_too_large"


class Unavailable(WeedGoError):
    status_code = 503
    code = "unavailable"
    retry_after = 5  # seconds, sent as Retry-After


class Overloaded(Unavailable):
    code = "overloaded"

    def __init__(self, message: str, *, retry_after: int = 2) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class EngineError(Unavailable):
    code = "engine_error"


class StoreError(Unavailable):
    code = "store_error"


class StoreTimeout(StoreError):
    code = "store_timeout"
