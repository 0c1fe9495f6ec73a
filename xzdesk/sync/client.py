"""HTTP client for the sync protocol (httpx). No retries here: the engine decides.

Every failure becomes a `SyncError` with a stable code: the server's `ErrorOut.code` when it
answered, `sync.offline` / `sync.timeout` when it could not be reached, `sync.server_error` for a
5xx without a code, `sync.bad_response` for an answer that does not fit the protocol.
"""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import ValidationError as PydanticError

from xzdesk.domain.errors import XzError
from xzdesk.sync import protocol as p

TIMEOUT = httpx.Timeout(60.0, connect=10.0)


class SyncError(XzError):
    """A sync call failed. `status` is the HTTP status (0 when none), `wipe` is the server's
    instruction to wipe personal data (revoked device), `transient` says a retry may succeed."""

    def __init__(self, code: str, *, status: int = 0, wipe: bool = False, **params: Any) -> None:
        super().__init__(code, **params)
        self.status = status
        self.wipe = wipe

    @property
    def transient(self) -> bool:
        return self.status == 0 or self.status >= 500 or self.status == 429


class ServerClient:
    """One server, one device token. Not thread-safe: use from the sync worker only."""

    def __init__(
        self, base_url: str, token: str | None = None, *, transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = TIMEOUT,
    ) -> None:  # fmt: skip
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base_url, headers=headers, transport=transport, timeout=timeout,
                                  follow_redirects=False)  # fmt: skip

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise SyncError("sync.timeout") from exc
        except httpx.TransportError as exc:
            raise SyncError("sync.offline") from exc
        if response.status_code >= 400:
            raise _error_from(response)
        return response

    def health(self) -> p.HealthOut:
        return _parse(p.HealthOut, self._call("GET", "/health"))

    def enrol(self, body: p.EnrolIn) -> p.EnrolOut:
        return _parse(p.EnrolOut, self._call("POST", f"{p.API}/enrol", json=body.model_dump(mode="json")))

    def device(self) -> p.DeviceOut:
        return _parse(p.DeviceOut, self._call("GET", f"{p.API}/device"))

    def push(self, body: p.PushIn) -> p.PushOut:
        content = body.model_dump_json().encode("utf-8")
        response = self._call("POST", f"{p.API}/push", content=content, headers={"Content-Type": "application/json"})
        return _parse(p.PushOut, response)

    def pull(self, cursor: str | None, *, limit: int | None = None) -> p.PullOut:
        params: dict[str, Any] = {}
        if cursor:
            params["cursor"] = cursor
        if limit:
            params["limit"] = limit
        return _parse(p.PullOut, self._call("GET", f"{p.API}/pull", params=params))

    def rejected(self) -> list[p.RejectedOut]:
        response = self._call("GET", f"{p.API}/rejected")
        try:
            return [p.RejectedOut.model_validate(item) for item in response.json()]
        except (ValueError, PydanticError) as exc:
            raise SyncError("sync.bad_response") from exc

    def erase(self, member_id: str) -> p.ErasureOut:
        body = p.ErasureIn(member_id=member_id).model_dump(mode="json")
        return _parse(p.ErasureOut, self._call("POST", f"{p.API}/erasures", json=body))

    def ack_erasures(self, member_ids: list[str]) -> None:
        self._call("POST", f"{p.API}/erasures/ack", json={"member_ids": member_ids})


def _parse(model: Any, response: httpx.Response) -> Any:
    try:
        return model.model_validate_json(response.content)
    except PydanticError as exc:
        raise SyncError("sync.bad_response") from exc


def _error_from(response: httpx.Response) -> SyncError:
    try:
        body = p.ErrorOut.model_validate_json(response.content)
    except PydanticError:
        code = "sync.server_error" if response.status_code >= 500 else f"http.{response.status_code}"
        return SyncError(code, status=response.status_code)
    return SyncError(body.code, status=response.status_code, wipe=body.wipe)
