"""Requests written by hand on a socket, for what httpx will not send: a Content-Length the body
never reaches, a chunked body that stops half-way, bytes that are not UTF-8. Bounded: every read
has a timeout and a response is read until its Content-Length or the connection closes."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def connect(url: str, timeout: float = 10.0) -> socket.socket:
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    return sock


def head(method: str, path: str, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def send(sock: socket.socket, parts: Iterable[bytes]) -> int:
    """Send the parts; stops quietly when the server has closed its side. Returns bytes sent."""
    sent = 0
    for part in parts:
        try:
            sock.sendall(part)
        except (BrokenPipeError, ConnectionResetError):
            break
        sent += len(part)
    return sent


def read_response(sock: socket.socket) -> RawResponse:
    buf = b""
    while b"\r\n\r\n" not in buf:
        data = sock.recv(65536)
        if not data:
            break
        buf += data
    raw_head, _, body = buf.partition(b"\r\n\r\n")
    lines = raw_head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "-1"))
    while length < 0 or len(body) < length:
        try:
            data = sock.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not data:
            break
        body += data
    return RawResponse(status, headers, body if length < 0 else body[:length])


def request(url: str, method: str, path: str, headers: dict[str, str], body_parts: Iterable[bytes] = ()) -> RawResponse:
    with connect(url) as sock:
        send(sock, [head(method, path, headers), *body_parts])
        return read_response(sock)
