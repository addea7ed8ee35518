"""Dependencies reached through ``Annotated`` aliases."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from weedgo.errors import Forbidden, Unauthorized
from weedgo.services import Services

_bearer = HTTPBearer(auto_error=False)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def require_admin(services: ServicesDep, credentials: BearerDep) -> None:
    """Bearer ``WEEDGO_ADMIN_API_KEY``; without a key the admin endpoints are off.

    No address is trusted instead: behind a reverse proxy on the same host every client
    looks like loopback, and forwarded headers can be forged. Operators on the machine
    itself use the command line (``weedgo catalog import``, ``weedgo perf``).
    """
    key = services.settings.admin_api_key
    if not key:
        raise Forbidden(
            "Admin endpoints are off: set WEEDGO_ADMIN_API_KEY to use them, or use the "
            "weedgo command line on the store's machine."
        )
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), key.encode()):
        raise Unauthorized("This endpoint needs 'Authorization: Bearer <admin API key>'.")


AdminDep = Annotated[None, Depends(require_admin)]
