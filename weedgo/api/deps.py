"""Dependencies reached through ``Annotated`` aliases."""

from __future__ import annotations

import hmac
import ipaddress
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


def _is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host in ("testclient", "localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def require_admin(
    request: Request,
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Bearer ``WEEDGO_ADMIN_API_KEY`` when set; otherwise loopback clients only."""
    key = services.settings.admin_api_key
    if key:
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), key.encode()):
            raise Unauthorized("This endpoint needs 'Authorization: Bearer <admin API key>'.")
        return
    client = request.client.host if request.client else None
    if not _is_loopback(client):
        raise Forbidden(
            "Admin endpoints answer loopback clients only unless WEEDGO_ADMIN_API_KEY is set."
        )


AdminDep = Annotated[None, Depends(require_admin)]
