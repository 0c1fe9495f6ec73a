"""The database key: random 256 bits in the OS keyring, or derived from a passphrase.

Decision order when a database is created:
1. A secure keyring backend (Windows Credential Locker, macOS Keychain, Secret Service, or any
   backend named explicitly in `PYTHON_KEYRING_BACKEND`): a random 256-bit key is stored there.
2. Otherwise (no backend, or only an insecure/plaintext one): the user is asked for a passphrase
   and the key is derived with scrypt; the key is never written anywhere.
The choice and the non-secret KDF parameters live in `<database>.keyinfo.json` beside the file, so
the next open knows which path to take. The demo database, which holds synthetic people only, uses
a published demo key when no secure keyring exists, so `make run` needs no prompt.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xzdesk.domain.errors import XzError

SERVICE = "xzdesk"
KEY_BYTES = 32
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
# Published on purpose: protects nothing but synthetic demo data when no keyring is available.
DEMO_KEY = hashlib.sha256(b"xzdesk demo database - synthetic data only").digest()

# A PassphraseProvider is asked for a passphrase; `new` is True when creating the database (the
# UI should ask twice). It returns None when the user cancels.
PassphraseProvider = Callable[[bool], "str | None"]


def __getattr__(name: str) -> Any:
    # `PYTHON_KEYRING_BACKEND=xzdesk.domain.store.keys.MemoryKeyring` names the class here; it
    # lives in its own module so that importing this one does not import keyring (which imports
    # the package-metadata machinery): the demo database and passphrase-keyed databases open
    # without it, and a keyring-keyed one imports it when its key is read.
    if name == "MemoryKeyring":
        from xzdesk.domain.store.memory_keyring import MemoryKeyring

        return MemoryKeyring
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def keyring_is_secure() -> bool:
    """True when secrets can go to the keyring without being written in plaintext. A backend
    named in PYTHON_KEYRING_BACKEND is the one used, and is judged like any other."""
    import keyring

    backend = keyring.get_keyring()
    backends = getattr(backend, "backends", None)
    candidates = list(backends) if backends is not None else [backend]
    for b in candidates:
        module = type(b).__module__
        if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
            continue
        if "plaintext" in type(b).__name__.lower() or module.startswith("keyrings.alt.file"):
            continue
        if getattr(b, "priority", 0) <= 0:
            continue
        return True
    return False


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    method: str  # "keyring" | "scrypt" | "demo"
    salt: str | None = None
    n: int | None = None
    r: int | None = None
    p: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def key_info_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keyinfo.json")


def read_key_info(db_path: Path) -> KeyInfo | None:
    path = key_info_path(db_path)
    if not path.exists():
        return None
    return KeyInfo(**json.loads(path.read_text("utf-8")))


def _write_key_info(db_path: Path, info: KeyInfo) -> None:
    path = key_info_path(db_path)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(info.to_json(), indent=1), "utf-8")
    tmp.replace(path)


def derive_key(passphrase: str, info: KeyInfo) -> bytes:
    if not passphrase:
        raise XzError("store.passphrase_empty")
    assert info.salt and info.n and info.r and info.p
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=bytes.fromhex(info.salt),
        n=info.n,
        r=info.r,
        p=info.p,
        maxmem=256 * 1024 * 1024,
        dklen=KEY_BYTES,
    )


def _ask(provider: PassphraseProvider | None, new: bool) -> str:
    if provider is None:
        raise XzError("store.passphrase_required")
    passphrase = provider(new)
    if passphrase is None:
        raise XzError("store.passphrase_cancelled")
    return passphrase


def is_new_database(db_path: Path) -> bool:
    """No database here yet: no key information and no (non-empty) file. Opening it creates one."""
    return read_key_info(db_path) is None and not (db_path.exists() and db_path.stat().st_size > 0)


def database_key(
    db_path: Path, *, passphrase: PassphraseProvider | None = None, demo: bool = False
) -> tuple[bytes, bool]:
    """The key for `db_path`, creating one when the database is new. Returns (key, created).

    Raises XzError `store.key_missing` when the keyring lost the key of an existing database,
    `store.passphrase_required` / `store.passphrase_cancelled` when a passphrase is needed.
    """
    info = read_key_info(db_path)
    if info is None:
        if not is_new_database(db_path):
            raise XzError("store.key_info_missing")
        return _create_key(db_path, passphrase=passphrase, demo=demo), True
    if info.method == "demo":
        return DEMO_KEY, False
    if info.method == "scrypt":
        return derive_key(_ask(passphrase, False), info), False
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(SERVICE, info.key_id)
    except KeyringError as exc:
        raise XzError("store.keyring_unavailable", backend=type(keyring.get_keyring()).__name__) from exc
    if not stored:
        raise XzError("store.key_missing")
    return bytes.fromhex(stored), False


def use_demo_key(db_path: Path) -> bytes:
    """Record that the (new) demo database at `db_path` is encrypted with the published demo key,
    as a demo database copied from the prepared template is. Returns the key."""
    _write_key_info(db_path, KeyInfo(key_id=f"db:{secrets.token_hex(8)}", method="demo"))
    return DEMO_KEY


def _create_key(db_path: Path, *, passphrase: PassphraseProvider | None, demo: bool) -> bytes:
    key_id = f"db:{secrets.token_hex(8)}"
    if keyring_is_secure():
        import keyring

        key = secrets.token_bytes(KEY_BYTES)
        keyring.set_password(SERVICE, key_id, key.hex())
        _write_key_info(db_path, KeyInfo(key_id=key_id, method="keyring"))
        return key
    if demo:
        return use_demo_key(db_path)
    info = KeyInfo(key_id=key_id, method="scrypt", salt=secrets.token_hex(16), **SCRYPT)
    key = derive_key(_ask(passphrase, True), info)
    _write_key_info(db_path, info)
    return key


def forget_key(db_path: Path) -> None:
    """Remove the key of a database that is being wiped (keyring entry and key info file)."""
    info = read_key_info(db_path)
    if info and info.method == "keyring":
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, info.key_id)
        except (PasswordDeleteError, KeyringError):
            pass
    key_info_path(db_path).unlink(missing_ok=True)
