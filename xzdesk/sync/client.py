"""HTTP client for the sync protocol (httpx). No retries here: the engine decides.

Every failure becomes a `SyncError` with a stable code: the server's `ErrorOut.code` (and its
params) when it answered, `sync.offline` / `sync.timeout` when it could not be reached,
`sync.certificate_*` / `sync.tls_failed` when the server's certificate is not trusted,
`sync.server_error` for a 5xx without a code, `sync.bad_response` for an answer that does not fit
the protocol.

Transport: the server's address must be https, except on this computer (127.0.0.0/8, ::1,
localhost); anything else is refused before any connection (`sync.https_required`). Certificates
are verified against the system's store, or only against the union's CA when one was given at
enrolment (`ca_pem`, kept with the enrolment).
"""

from __future__ import annotations

import functools
import ipaddress
import re
import ssl
from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import ValidationError as PydanticError

from xzdesk.domain.errors import XzError
from xzdesk.sync import protocol as p

TIMEOUT = httpx.Timeout(60.0, connect=10.0)
RESERVED_PARAMS = frozenset({"code", "status", "wipe"})
# OpenSSL verification results with their own words; any other is "not trusted"
_CERT_CODES = {62: "sync.certificate_wrong_host", 64: "sync.certificate_wrong_host", 10: "sync.certificate_expired"}
_PEM = re.compile(r"-----BEGIN CERTIFICATE-----\s.*?-----END CERTIFICATE-----", re.DOTALL)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """The server's address without a trailing slash. Raises XzError `sync.bad_url` (not an
    http(s) address with a host) or `sync.https_required` (plain http to another computer)."""
    try:
        parts = urlsplit((url or "").strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018 - a malformed port raises here
    except ValueError as exc:
        raise XzError("sync.bad_url") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise XzError("sync.bad_url")
    if parts.scheme == "http" and not is_loopback(host):
        raise XzError("sync.https_required")
    return url.strip().rstrip("/")


def ca_certificates(data: bytes) -> str:
    """The CA certificates in a file's bytes (PEM, one or several; or one DER certificate) as
    PEM text, nothing else of the file (a private key in it is never kept). Raises XzError
    `sync.ca_file_invalid` when there is no usable certificate."""
    text = data.decode("ascii", "ignore")
    blocks = _PEM.findall(text)
    pem = "\n".join(blocks) + "\n" if blocks else ""
    if not pem:
        try:
            pem = ssl.DER_cert_to_PEM_cert(data)
        except ValueError:
            pem = ""
    try:
        tls_context(pem or None, require=True)
    except (ssl.SSLError, ValueError) as exc:
        raise XzError("sync.ca_file_invalid") from exc
    return pem


def tls_context(ca_pem: str | None, *, require: bool = False) -> ssl.SSLContext:
    """Verification by the system's store, or by exactly the union's CA certificates."""
    if not ca_pem:
        if require:
            raise ValueError("no certificate")
        return ssl.create_default_context()
    return ssl.create_default_context(cadata=ca_pem)


@functools.lru_cache(maxsize=4)
def _shared_tls_context(ca_pem: str | None) -> ssl.SSLContext:
    """`tls_context` made once per set of trusted certificates: loading the system's store takes
    about 50 ms, which every sync run paid when it opened its client. (A context is not changed
    after it is made, and may serve several connections and threads.)"""
    return tls_context(ca_pem)


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
        timeout: httpx.Timeout = TIMEOUT, ca_pem: str | None = None,
    ) -> None:  # fmt: skip
        """Raises XzError sync.https_required / sync.bad_url before any connection."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.base_url = check_server_url(base_url)
        self._http = httpx.Client(base_url=self.base_url, headers=headers, transport=transport, timeout=timeout,
                                  follow_redirects=False, verify=_shared_tls_context(ca_pem))  # fmt: skip

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
            raise SyncError(_tls_code(exc) or "sync.offline") from exc
        if response.status_code >= 400:
            raise _error_from(response)
        return response

    def health(self) -> p.HealthOut:
        return _parse(p.HealthOut, self._call("GET", "/health"))

    def enrol(self, body: p.EnrolIn) -> p.EnrolOut:
        return _parse(p.EnrolOut, self._call("POST", f"{p.API}/enrol", json=body.model_dump(mode="json")))

    def device(self) -> p.DeviceOut:
        return _parse(p.DeviceOut, self._call("GET", f"{p.API}/device"))

    def push(self, body: p.PushIn, *, cursor: str | None = None) -> p.PushOut:
        """Raises SyncError request.too_large (413) without sending when the batch is over the
        server's default limit: the engine sends fewer changes at a time. With `cursor` (this
        laptop's pull cursor) the answer's `page` is the pull page after it, when the server could
        read after it."""
        content = body.model_dump_json().encode("utf-8")
        if len(content) > p.MAX_PUSH_BYTES:
            raise SyncError("request.too_large", status=413, limit_kib=p.MAX_PUSH_BYTES // 1024)
        params: dict[str, Any] = {"echo": 1}
        if cursor:
            params["cursor"] = cursor
        response = self._call("POST", f"{p.API}/push", content=content, headers={"Content-Type": "application/json"},
                              params=params)  # fmt: skip
        return _parse(p.PushOut, response)

    def pull(self, cursor: str | None, *, limit: int | None = None) -> p.PullOut:
        params: dict[str, Any] = {"echo": 1}  # leave out what this laptop pushed and holds as stored
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

    def fit_model(self) -> p.ModelFitOut:
        """Retrain the matching model on the server's outcomes (long: give the client a long
        read timeout)."""
        return _parse(p.ModelFitOut, self._call("POST", f"{p.API}/matching/fit"))

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
    params = {k: v for k, v in body.params.items() if k not in RESERVED_PARAMS}
    return SyncError(body.code, status=response.status_code, wipe=body.wipe, **params)


def _tls_code(exc: BaseException) -> str | None:
    """The code of a failed TLS handshake found in an exception's chain, else None."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, ssl.SSLCertVerificationError):
            return _CERT_CODES.get(cur.verify_code, "sync.certificate_untrusted")
        if isinstance(cur, ssl.SSLError):
            return "sync.tls_failed"
        cur = cur.__cause__ or cur.__context__
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return "sync.certificate_wrong_host" if "match" in text else "sync.certificate_untrusted"
    return "sync.tls_failed" if "SSL" in text else None
