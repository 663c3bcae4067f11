"""What keeps untrusted articles and clients in their place: headers, a body limit, the token.

Article text is written by strangers and shown in the browser. Templates escape everything;
the Content-Security-Policy below is the second wall: scripts only from this server's own
files (never inline, never ``eval``), no plugins, no framing, forms only back to this server.
"""

from __future__ import annotations

import secrets

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline.errors import TooLargeError
from dateline.settings import Settings
from dateline.web.errors import APIError, error_response

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class SecurityHeaders:
    """Add the security headers to every answer, pages, API, static files and errors alike."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.encode("latin-1"), v.encode("latin-1"))
                        for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, before or while they are read.

    A declared Content-Length over the limit is refused at once; a body sent without one
    (chunked) is counted as it arrives and refused as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            response = error_response(Request(scope), 413, "too_large", self._message())
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise TooLargeError(self._message())
            return message

        await self.app(scope, receive, send) if scope["method"] in ("GET", "HEAD") else \
            await self.app(scope, counted, send)

    def _message(self) -> str:
        return (f"The request body is over the limit of {self.max_bytes:,} bytes (setting "
                "api_max_body). Send a smaller article or raise the limit.")


def require_extract_access(authorization: str | None, settings: Settings) -> None:
    """Allow an extraction with the token, like a write, unless ``api_open_extract`` is set.

    An extraction runs the model on the sender's text: seconds of CPU and hundreds of MB per
    request, which a server open to anyone would give to anyone.
    """
    if settings.api_open_extract:
        return
    if not settings.api_token:
        raise APIError(403, "Extraction is off on this server: it has no api_token. Start it "
                            "with DATELINE_API_TOKEN set (then send that token), or with "
                            "DATELINE_API_OPEN_EXTRACT=true to let anyone extract.",
                       code="extract_disabled")
    require_token(authorization, settings.api_token)


def require_token(authorization: str | None, token: str | None) -> None:
    """Allow a write only with ``Authorization: Bearer <token>``; writes are off without a token.

    ``authorization`` is the request's Authorization header (or the token typed into a form).
    """
    if not token:
        raise APIError(403, "Writes are disabled on this server: it has no api_token. Start it "
                            "with DATELINE_API_TOKEN set to enable POST /api/articles.",
                       code="writes_disabled")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise APIError(401, "This endpoint needs the header 'Authorization: Bearer <token>'.",
                       code="unauthorized", headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise APIError(401, "The bearer token is not valid for this server.",
                       code="unauthorized",
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def refuse_nul_parameters(request: Request) -> None:
    """Refuse a NUL character (%00) in the path or a query parameter with 400.

    No stored text holds one, and PostgreSQL refuses it in any text value: let through, it
    would turn a typo into a server error.
    """
    for name, value in [*request.path_params.items(), *request.query_params.multi_items()]:
        if isinstance(value, str) and "\x00" in value:
            raise APIError(400, f"Parameter {name} holds a NUL character (%00); give plain "
                                "text.", code="invalid_parameter")

