"""A process-local keyring backend for tests and throwaway sessions.

Named as `PYTHON_KEYRING_BACKEND=xzdesk.domain.store.keys.MemoryKeyring` (keys.py hands this class
out under that name, so that importing keys.py does not import keyring)."""

from __future__ import annotations

import os

from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A process-local keyring for tests and throwaway sessions, used only when named in
    `PYTHON_KEYRING_BACKEND=xzdesk.domain.store.keys.MemoryKeyring`. It is never chosen
    automatically: a key kept here is gone when the process ends."""

    _store: dict[tuple[str, str], str] = {}

    @properties.classproperty
    def priority(cls) -> float:  # type: ignore[override]
        if os.environ.get("PYTHON_KEYRING_BACKEND", "").endswith(".MemoryKeyring"):
            return 1
        raise RuntimeError("MemoryKeyring is used only when configured explicitly")

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)
