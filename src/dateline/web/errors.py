"""One error shape for every failure, and handlers that never let a traceback reach a client.

API paths (``/api/...``) answer JSON::

    {"error": {"status": 404, "code": "not_found", "message": "No event with id 'evt_1'."}}

Pages answer the same status with an HTML page that says the same thing.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline import errors

log = logging.getLogger("dateline.web")

_PHRASES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
            405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
            422: "invalid", 429: "too_many_requests", 500: "internal_error",
            503: "unavailable"}


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str


class ErrorResponse(BaseModel):
    """The body of every error answer of the API."""

    error: ErrorBody


class APIError(Exception):
    """An error with an HTTP status, raised by routes; ``code`` defaults from the status."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or _PHRASES.get(status, "error")
        self.headers = headers


def status_of(exc: errors.DatelineError) -> int:
    """The HTTP status for a dateline error: the client's fault (4xx) or the server's (5xx)."""
    if isinstance(exc, errors.TooLargeError):
        return 413
    if isinstance(exc, errors.ConfigError | errors.DateError | errors.FormatError):
        return 400
    if isinstance(exc, errors.InputError | errors.StageError):
        # Over a budget (errors.BudgetError, an InputError) or a stage that failed on it: this
        # article cannot be extracted, and sending it again will not help.
        return 422
    if isinstance(exc, errors.StoreError):
        return 503
    return 500


def code_of(exc: BaseException) -> str:
    """``LanguageError`` -> ``language``; ``ConfigError`` -> ``invalid_parameter``."""
    if isinstance(exc, errors.ConfigError):
        return "invalid_parameter"
    name = re.sub(r"Error$", "", type(exc).__name__)
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() or "error"


def error_response(request: Request, status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """Answer JSON under /api/ (and for clients that ask for JSON), else an HTML page."""
    if _wants_json(request):
        body = {"error": {"status": status, "code": code, "message": message}}
        return JSONResponse(body, status_code=status, headers=headers)
    try:
        templates = request.app.state.templates
        response: Response = templates.TemplateResponse(request, "error.html", {
            "status": status, "code": code, "message": message}, status_code=status,
            headers=headers)
        return response
    except Exception:  # the error page itself failed: answer plain text rather than nothing
        log.exception("cannot render the error page")
        return PlainTextResponse(f"{status} {code}: {message}", status_code=status,
                                 headers=headers)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json" \
        or request.headers.get("accept", "").startswith("application/json")


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(APIError)
    async def _api(request: Request, exc: APIError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(errors.DatelineError)
    async def _dateline(request: Request, exc: errors.DatelineError) -> Response:
        status = status_of(exc)
        if isinstance(exc, errors.StageError):  # the article's fault, but a defect to fix too
            log.error("stage failed on %s %s: %s", request.method, request.url.path, exc,
                      exc_info=exc)
        elif status >= 500:
            log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path,
                      exc)
        message = str(exc)
        if isinstance(exc, errors.ConfigError) and _wants_json(request):
            # The store words filter errors for the CLI ("--since"); here they are parameters.
            message = re.sub(r"--(?=[a-z])", "", message)
        return error_response(request, status, code_of(exc), message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing at {request.url.path}."
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}."
        return error_response(request, exc.status_code, _PHRASES.get(exc.status_code, "error"),
                              message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, "invalid", _describe(exc.errors()))



class CatchAll:
    """Turn any exception a route lets escape into the error shape, with status 500.

    Installed inside the security headers (so the answer still carries them) and outside
    FastAPI's own handlers; the traceback goes to the log, never to the client.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if started:  # too late to answer: the status line is gone
                raise
            request = Request(scope)
            log.exception("internal error on %s %s", request.method, request.url.path)
            response = error_response(request, 500, "internal_error",
                                      f"Internal error ({type(exc).__name__}). It has been "
                                      "logged; please report it.")
            await response(scope, receive, send)


def _describe(problems: Any) -> str:
    parts = []
    for problem in problems:
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "path",
                                                                           "body"))
        parts.append(f"{where}: {problem.get('msg', 'invalid')}" if where else
                     str(problem.get("msg", "invalid")))
    return "Invalid request: " + "; ".join(parts) + "."
