"""The request guard: limits and text checks in front of every endpoint (a pure ASGI middleware).

In order, before any endpoint code runs:
1. Headers: more than `max_headers` fields, or more than `max_header_bytes` in all, is answered
   431. (uvicorn's own parser stops buffering an unfinished request head past
   `transport_head_bytes`, with a plain 400; `runner` sets that bound from the same settings.)
2. Body size: a Content-Length over the endpoint's limit (8 MiB for a push, 64 KiB for the rest)
   is answered 413 at once, before a byte of the body is read; a chunked body is counted while it
   streams and answered 413 as soon as it passes the limit (what was read is dropped).
3. Text: a JSON body must be UTF-8 and every string in it, keys included, well-formed Unicode. A
   lone surrogate (escaped as "\\ud800" or encoded raw) or bytes that are not UTF-8 are answered
   422 `request.bad_text`, naming where (e.g. `mutations.0.fields.name`), never echoing a value.
   Control characters are refused by the field types that forbid them (sync.protocol `Plain` /
   `Text`; record values by the entity's column checks).

Every refusal is an `ErrorOut` body with Chinese and English words (`words.error_body`). The
body is read here in full (it is bounded) and handed on unchanged, so endpoints see exactly the
bytes that were checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from xzdesk.server.words import error_body
from xzdesk.sync import protocol as p

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KIB = 1024


@dataclass(frozen=True)
class RequestLimits:
    """Size limits of requests (settings: `xzdesk server --max-body-kib/--max-push-kib`)."""

    max_body_bytes: int = p.MAX_BODY_BYTES
    max_push_bytes: int = p.MAX_PUSH_BYTES
    max_headers: int = 100
    max_header_bytes: int = 16 * KIB
    push_paths: tuple[str, ...] = (f"{p.API}/push",)

    def body_limit(self, path: str) -> int:
        return self.max_push_bytes if path in self.push_paths else self.max_body_bytes

    @property
    def transport_head_bytes(self) -> int:
        """What uvicorn buffers of a request head before giving up (a backstop well above the
        limit answered here in words)."""
        return 4 * self.max_header_bytes


class _Refused(Exception):
    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.params = params


# An escaped surrogate (\ud800-\udfff) or NUL can only appear in JSON text as an escape; a raw
# encoded surrogate is not UTF-8 and fails the strict decode. Only bodies with such an escape
# are parsed here, to find out whether a surrogate is lone (a pair is a valid character).
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


class RequestGuard:
    """ASGI middleware; see the module docstring."""

    def __init__(self, app: ASGIApp, limits: RequestLimits | None = None) -> None:
        self.app = app
        self.limits = limits or RequestLimits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            self._check_head(scope)
            body = await self._read_body(scope, receive)
            if body is None:
                return  # the client went away
            if _is_json(scope) and body:
                _check_text(body)
        except _Refused as refusal:
            await _refuse(send, refusal)
            return
        await self.app(scope, _replay(body, receive), send)

    def _check_head(self, scope: Scope) -> None:
        headers: list[tuple[bytes, bytes]] = scope.get("headers") or []
        size = sum(len(k) + len(v) + 4 for k, v in headers)
        if len(headers) > self.limits.max_headers or size > self.limits.max_header_bytes:
            raise _Refused(431, "request.headers_too_large", max_headers=self.limits.max_headers,
                           max_bytes=self.limits.max_header_bytes)  # fmt: skip
        limit = self.limits.body_limit(scope.get("path", ""))
        declared = _content_length(headers)
        if declared is not None and declared > limit:
            raise _Refused(413, "request.too_large", limit_kib=limit // KIB)

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, counted as it streams (413 once past the limit); None when the
        client disconnected."""
        limit = self.limits.body_limit(scope.get("path", ""))
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > limit:
                raise _Refused(413, "request.too_large", limit_kib=limit // KIB)
            if chunk:
                chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _content_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    for key, value in headers:
        if key.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # uvicorn refuses a malformed length before we are called
    return None


def _is_json(scope: Scope) -> bool:
    """FastAPI reads a body without a content type as JSON too."""
    for key, value in scope.get("headers") or []:
        if key.lower() == b"content-type":
            kind = value.split(b";", 1)[0].strip().lower()
            return kind == b"application/json" or kind.endswith(b"+json")
    return True


def _check_text(body: bytes) -> None:
    try:
        text = body.decode("utf-8")  # strict: encoded surrogates and stray bytes fail
    except UnicodeDecodeError as exc:
        raise _Refused(422, "request.bad_text", where=f"byte {exc.start}", problem="encoding") from exc
    if not _ESCAPED_SURROGATE.search(text):
        return
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return  # not JSON: the endpoint's own parser answers
    where = lone_surrogate_at(value)
    if where is not None:
        raise _Refused(422, "request.bad_text", where=where or "-", problem="surrogate")


def lone_surrogate_at(value: Any) -> str | None:
    """The dotted path of the first string (key or value) holding a lone surrogate, else None.
    A key holding one is named by its position (`fields.<key 2>`): its text cannot be echoed."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return path
        elif isinstance(item, dict):
            for n, (key, sub) in enumerate(item.items()):
                if _SURROGATE.search(key):
                    return _join(path, f"<key {n}>")
                stack.append((_join(path, key), sub))
        elif isinstance(item, list):
            stack.extend((_join(path, str(n)), sub) for n, sub in enumerate(item))
    return None


def _join(path: str, part: str) -> str:
    part = part[:64]  # a key is named, never echoed at length
    return f"{path}.{part}" if path else part


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands on the checked body once, then the client's later messages
    (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(send: Send, refusal: _Refused) -> None:
    body = json.dumps(error_body(refusal.code, refusal.params), ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]  # fmt: skip
    await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
