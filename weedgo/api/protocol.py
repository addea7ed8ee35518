"""uvicorn's HTTP protocol with its one plain-text answer made JSON.

uvicorn answers a request it cannot parse (a malformed request line or header) itself,
before any application code runs, with ``400 Invalid HTTP request received.`` as
``text/plain``. Serving with ``http=HTTP_PROTOCOL`` (``weedgo serve`` does) makes that
answer ``{"error": {"code": "invalid_http", ...}}`` like every other error.

What stays outside the JSON shape: a malformed WebSocket upgrade on ``/ws/chat``, which
the ``websockets`` library refuses with its own plain-text 400 before the app sees it,
and uvicorn's ``h11`` parser when chosen by hand (``uvicorn --http h11``).
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HTTP_PROTOCOL = "weedgo.api.protocol:JSONErrorsHttpToolsProtocol"


def invalid_http_body(message: str) -> bytes:
    error = {"code": "invalid_http", "message": message, "type": "InvalidRequest"}
    return json.dumps({"error": error}).encode()


class JSONErrorsHttpToolsProtocol(HttpToolsProtocol):
    """httptools (uvicorn's default parser) with a JSON body on its own 400 answer."""

    def send_400_response(self, msg: str) -> None:
        body = invalid_http_body(msg)
        content = [b"HTTP/1.1 400 Bad Request\r\n"]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: application/json\r\n",
                b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                b"connection: close\r\n",
                b"\r\n",
                body,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()
