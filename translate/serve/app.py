"""The review web app (Starlette): pages, a JSON API and exports over one ``Workspace``.

Routes (every one behind ``auth.Guard``; writes also need JSON and the CSRF header):

* ``GET /`` documents with progress, the honest headline and the run's charts;
  ``GET /doc/{id}`` one document side by side (the page script loads ``/api/doc/{id}``);
* ``GET /api/summary``, ``GET /api/doc/{id}``, ``GET /api/doc/{id}/segment/{seg}/history``,
  ``GET /api/suggestions`` (decisions on ambiguous hits: suggested ``confirm``/``exclude`` phrases);
* ``POST /api/doc/{id}/segment/{seg}`` ``{"action": edit|accept|reject|final|undo, "version": n,
  "target"?, "comment"?, "reviewer"?}`` -> the segment; 409 with ``current`` on a stale version;
* ``POST .../check`` ``{"target"}`` -> the segment's terms and flags for that English, nothing saved;
* ``POST .../term`` ``{"term": i, "choice": entity|word}``; ``POST .../propose``
  ``{"source", "english", "category"}`` -> the new unapproved glossary entry;
* ``GET /export/{id}.{txt|md|xlf|tmx}``; the whole run: ``GET /api/exports`` (what there is) and
  ``GET /export-run/{text.zip|markdown.zip|run.LANG.xlf|reviewed.tmx}``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from translate.errors import DragomanError
from translate.serve import views
from translate.serve.assets import CSS, JS
from translate.serve.auth import COOKIE, HEADERS, Guard, strip_token
from translate.serve.exports import FORMATS, export_document, export_run, run_exports
from translate.serve.runs import NotFound
from translate.serve.store import VersionConflict
from translate.serve.summary import run_summary
from translate.serve.workspace import Workspace

MAX_BODY = 64 * 1024
Handler = Callable[[Request], Awaitable[Response]]


class GuardMiddleware(BaseHTTPMiddleware):
    """Host check, token, CSRF on writes and the security headers on every answer."""

    def __init__(self, app: Any, guard: Guard) -> None:
        super().__init__(app)
        self.guard = guard

    async def dispatch(self, request: Request, call_next: Any) -> Response:
        response = await self._check(request, call_next)
        for name, value in HEADERS.items():
            response.headers[name] = value
        return response

    async def _check(self, request: Request, call_next: Any) -> Response:
        guard = self.guard
        if not guard.host_allowed(request.headers.get("host", "")):
            return PlainTextResponse("host not allowed\n", status_code=421)
        allowed, from_query = guard.token_ok(dict(request.headers), request.cookies, request.url.query)
        if not allowed:
            return PlainTextResponse("token required: open the URL the server printed\n", status_code=401)
        if from_query and request.method == "GET":
            response = RedirectResponse(strip_token(request.url.path, request.url.query), status_code=303)
            response.set_cookie(COOKIE, guard.token or "", httponly=True, samesite="strict", path="/")
            return response
        if request.method not in ("GET", "HEAD"):
            problem = _write_problem(request, guard)
            if problem:
                return _error(*problem)
        return await call_next(request)


def _write_problem(request: Request, guard: Guard) -> tuple[int, str] | None:
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return 415, "writes take Content-Type: application/json"
    if not guard.csrf_ok(request.headers.get("x-csrf-token", "")):
        return 403, "missing or wrong X-CSRF-Token"
    origin = request.headers.get("origin")
    if origin and origin.split("://", 1)[-1] != request.headers.get("host", ""):
        return 403, "cross-origin write refused"
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        return 413, f"request body over {MAX_BODY} bytes"
    return None


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


async def _json_body(request: Request) -> dict[str, Any]:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise _HttpError(413, f"request body over {MAX_BODY} bytes")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise _HttpError(400, f"body is not JSON ({err})") from None
    if not isinstance(data, dict):
        raise _HttpError(400, "body must be a JSON object")
    return data


class _HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _field(data: dict[str, Any], name: str, kind: type, default: Any = ...) -> Any:
    value = data.get(name, default)
    if value is ...:
        raise _HttpError(400, f"missing field {name!r}")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _HttpError(400, f"field {name!r} must be {kind.__name__}")
    return value


def _api(handler: Callable[[Request], Awaitable[Any]]) -> Handler:
    """Turn a handler's result or error into JSON with the right status."""

    async def endpoint(request: Request) -> Response:
        try:
            result = await handler(request)
        except _HttpError as err:
            return _error(err.status, str(err))
        except VersionConflict as err:
            return _error(409, str(err), current=err.current.as_dict())
        except NotFound as err:
            return _error(404, str(err))
        except DragomanError as err:
            return _error(400, str(err))
        return result if isinstance(result, Response) else JSONResponse(result)

    return endpoint


def create_app(workspace: Workspace, guard: Guard) -> Starlette:
    """The ASGI app for ``workspace``."""

    async def index(request: Request) -> Response:
        summary = await run_in_threadpool(run_summary, workspace)
        return HTMLResponse(views.index_page(summary, workspace))

    async def document(request: Request) -> Response:
        doc_id = request.path_params["doc"]
        if doc_id not in workspace.runs.documents:
            return PlainTextResponse("no such document\n", status_code=404)
        return HTMLResponse(
            views.document_page(workspace.runs.document(doc_id), guard.csrf, workspace.reviewer)
        )

    async def summary(request: Request) -> Any:
        return await run_in_threadpool(run_summary, workspace)

    async def suggestions(request: Request) -> Any:
        decisions = await run_in_threadpool(workspace.store.term_decisions)
        return {
            "decisions": [
                {**d, "suggest": "confirm" if d["choice"] == "entity" else "exclude"} for d in decisions
            ]
        }

    async def doc_data(request: Request) -> Any:
        return await run_in_threadpool(workspace.document_view, request.path_params["doc"])

    async def history(request: Request) -> Any:
        doc, seg = request.path_params["doc"], request.path_params["seg"]
        workspace.runs.record(doc, seg)
        events = await run_in_threadpool(workspace.store.history, doc, seg)
        return {"events": [e.as_dict() for e in events]}

    async def act(request: Request) -> Any:
        data = await _json_body(request)
        doc, seg = request.path_params["doc"], request.path_params["seg"]
        return await run_in_threadpool(
            lambda: workspace.act(
                doc, seg, _field(data, "action", str), version=_field(data, "version", int),
                reviewer=_field(data, "reviewer", str, ""), target=_field(data, "target", str, None)
                if data.get("target") is not None else None,
                comment=_field(data, "comment", str, ""),
            )
        )  # fmt: skip

    async def check(request: Request) -> Any:
        data = await _json_body(request)
        doc, seg = request.path_params["doc"], request.path_params["seg"]
        target = _field(data, "target", str)
        return await run_in_threadpool(workspace.check, doc, seg, target)

    async def term(request: Request) -> Any:
        data = await _json_body(request)
        doc, seg = request.path_params["doc"], request.path_params["seg"]
        return await run_in_threadpool(
            workspace.resolve_term, doc, seg, _field(data, "term", int), _field(data, "choice", str),
            _field(data, "reviewer", str, ""),
        )  # fmt: skip

    async def propose(request: Request) -> Any:
        data = await _json_body(request)
        doc, seg = request.path_params["doc"], request.path_params["seg"]
        return await run_in_threadpool(
            workspace.propose_term, doc, seg, _field(data, "source", str), _field(data, "english", str),
            _field(data, "category", str), _field(data, "reviewer", str, ""),
        )  # fmt: skip

    async def export(request: Request) -> Any:
        doc, fmt = request.path_params["doc"], request.path_params["fmt"]
        if fmt not in FORMATS:
            raise _HttpError(404, f"unknown export format {fmt!r}")
        workspace.runs.document(doc)
        text = await run_in_threadpool(export_document, workspace, doc, fmt)
        name = "".join(c if c.isalnum() or c in "._-" else "_" for c in doc) or "document"
        return Response(
            text, media_type=f"{FORMATS[fmt]}; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}.reviewed.{fmt}"'},
        )  # fmt: skip

    async def exports(request: Request) -> Any:
        return {
            "exports": [
                {"name": e.name, "url": f"/export-run/{e.name}", "media_type": e.media_type, "what": e.what}
                for e in run_exports(workspace)
            ]
        }

    async def export_all(request: Request) -> Any:
        name = request.path_params["name"]
        offered = {e.name: e for e in run_exports(workspace)}
        if name not in offered:
            raise _HttpError(404, f"unknown run export {name!r}; one of {', '.join(offered)}")
        data = await run_in_threadpool(export_run, workspace, name)
        media = offered[name].media_type
        return Response(
            data, media_type=media if media.endswith("zip") else f"{media}; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="dragoman-run.{name}"'},
        )  # fmt: skip

    async def script(request: Request) -> Response:
        return Response(JS, media_type="text/javascript; charset=utf-8")

    async def style(request: Request) -> Response:
        return Response(CSS, media_type="text/css; charset=utf-8")

    segment = "/api/doc/{doc:str}/segment/{seg:str}"
    routes = [
        Route("/", index),
        Route("/doc/{doc:str}", document),
        Route("/api/summary", _api(summary)),
        Route("/api/suggestions", _api(suggestions)),
        Route("/api/doc/{doc:str}", _api(doc_data)),
        Route(segment + "/history", _api(history)),
        Route(segment, _api(act), methods=["POST"]),
        Route(segment + "/check", _api(check), methods=["POST"]),
        Route(segment + "/term", _api(term), methods=["POST"]),
        Route(segment + "/propose", _api(propose), methods=["POST"]),
        Route("/export/{doc:str}.{fmt:str}", _api(export)),
        Route("/api/exports", _api(exports)),
        Route("/export-run/{name:str}", _api(export_all)),
        Route("/assets/app.js", script),
        Route("/assets/app.css", style),
    ]
    return Starlette(routes=routes, middleware=[Middleware(GuardMiddleware, guard=guard)])
