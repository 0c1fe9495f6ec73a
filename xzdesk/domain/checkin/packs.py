"""Venue packs: preparing a venue laptop and bringing its records back without any network.

Two kinds of file travel on a USB stick:

- an **event pack** (office -> venue): the event row (with its token key), the venue roster
  (plate, masked name, badge name, nickname, sex, table, phone last 4, status, token), the
  check-ins and interest cards the office has already, this venue laptop's station letter, and a
  fresh random **return key**;
- a **return pack** (venue -> office): the venue's scans, annulments, walk-ins (with the minimum
  case-file fields typed there), their roster rows and the interest cards entered.

Trust. The office and the venue share a secret the venue cannot guess: the **pack passphrase**,
shown once when the event pack is made (`new_passphrase`, 100 random bits in Crockford groups;
told by phone or written on paper kept apart from the stick) and typed on the venue laptop.
Whoever can open the event pack therefore got it from the office. The event pack carries a return
key that only the office (which stored it with the export) and that venue laptop know; the return
pack is sealed with it, so the office accepts a return pack only from a laptop that opened one of
its own event packs for that event, and no passphrase is typed on the way back. A venue laptop
that was prepared by sync instead seals its return pack with a passphrase typed on both sides.

File layout (format 1):

    MAGIC | u32 header length | header (UTF-8 JSON, no secrets) | AES-256-GCM ciphertext | HMAC-SHA256

The header names the kind, pack id, event id and code, origin laptop, creation time, the event
pack's number (`seq`) and the key source: `{"source": "passphrase", "salt", "n", "r", "p"}` (scrypt) or `{"source": "pack",
"pack_id", "salt"}` (the return key of that event pack). HKDF-SHA256 expands the scrypt output
or the return key into an encryption key, a MAC key and a 16-byte check value stored in the
header. On import: a wrong check value is a wrong passphrase; a wrong HMAC over everything before
it (header included), a failed GCM tag (the header is its associated data) or an inconsistent
payload is tampering. The payload is zlib-compressed JSON. File names carry the event code and a
date only.

Replay. Every event pack carries a number (`seq` in its header), counted per event by the office
that makes them (1, 2, 3 ...). A venue laptop applies an event pack only when its number is above
every pack it imported for that event from the same office: an older pack, or the same one again,
changes nothing and says so (`PackImportInfo.stale`), so replaying yesterday's pack cannot bring a
cancelled registration back to "approved". Within a newer pack each roster row (and the event row)
replaces the copy here only when it is newer: a higher server version, or the same version and a
later `updated_at` (an office that never synced keeps version 0 on every row, so the time of the
office's last change to the row decides), and never over a local edit waiting to be pushed.
Facts (scans, annulments, cards, walk-ins) are keyed by their ids and only ever added, so
importing a return pack twice adds nothing.

Key derivation. The scrypt settings in a header are not trusted: a pack is opened only with the
settings this version writes (SCRYPT_N, SCRYPT_R, SCRYPT_P); any other header is refused before
anything is derived (a forged header could otherwise ask for gigabytes of memory and minutes of
work before "wrong passphrase").

Passphrase-sealed return packs. The return key is the strong path: it proves the return pack comes
from a laptop that opened one of this office's event packs, and nobody types a secret on the way
back. A passphrase-sealed return pack is only for a venue laptop prepared by sync (it never opened
an event pack, so it has no return key): the venue laptop refuses a passphrase when it holds the
return key of an event pack for the event (`checkin.pack_has_return_key`), and both sides refuse it
on a laptop that is not connected to a union server (`checkin.pack_passphrase_sync_only`), since
an office without a server prepares its venue laptops with event packs only.

Office data imported on a venue laptop writes no sync outbox (like pulled changes); venue data
imported at the office does (it goes on to the server).

Errors (XzError codes): checkin.pack_not_a_pack, checkin.pack_version (version),
checkin.pack_wrong_passphrase, checkin.pack_tampered, checkin.pack_foreign,
checkin.pack_own, checkin.pack_passphrase_required, checkin.pack_passphrase_short (minimum),
checkin.pack_kdf_unsupported, checkin.pack_has_return_key, checkin.pack_passphrase_sync_only,
checkin.pack_event_unknown, checkin.event_not_found, PermissionDenied.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import struct
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.checkin import queries
from xzdesk.domain.checkin.codes import PackKind
from xzdesk.domain.checkin.dto import PackExportInfo, PackHeaderInfo, PackImportInfo
from xzdesk.domain.checkin.models import (
    CheckinAnnulment,
    CheckinRoster,
    CheckinScan,
    CheckinWalkIn,
    InterestCard,
    VenuePack,
)
from xzdesk.domain.checkin.service import check_scope, get_event, publish_roster
from xzdesk.domain.errors import XzError
from xzdesk.domain.events.models import Event
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.store.base import from_jsonable, to_jsonable
from xzdesk.domain.store.ids import CROCKFORD, new_id
from xzdesk.domain.store.models import LocalMeta, OutboxRow, is_enrolled
from xzdesk.domain.uow import CHINA_TZ, UnitOfWork

MAGIC = b"XZDESK-PACK\n"
FORMAT = 1
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1  # 32 MiB, ~0.1 s: the only settings a pack is opened with
PASSPHRASE_MIN = 12
MAX_HEADER = 4096
MAC_LEN = 32
SUFFIX = ".xzpack"
_CONFUSABLES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_HKDF_INFO = b"xzdesk.venue-pack.v1|"

# What each pack kind carries, in apply order (walk-ins before the roster rows made for them).
EVENT_TABLES: tuple[type[Any], ...] = (CheckinRoster, CheckinScan, CheckinAnnulment, InterestCard)
RETURN_TABLES: tuple[type[Any], ...] = (CheckinWalkIn, CheckinRoster, CheckinScan, CheckinAnnulment, InterestCard)


# --- passphrases and keys ---------------------------------------------------------------------------
def new_passphrase() -> str:
    """A random pack passphrase: 20 Crockford characters (100 bits) in groups of four."""
    chars = "".join(secrets.choice(CROCKFORD) for _ in range(20))
    return "-".join(chars[i : i + 4] for i in range(0, 20, 4))


def normalise_passphrase(text: str) -> str:
    """Typed passphrase -> the bytes' source: NFKC, no spaces or hyphens, upper case, I/L read as
    1 and O as 0 (so a generated passphrase survives Caps Lock and handwriting)."""
    canon = unicodedata.normalize("NFKC", text or "").upper().translate(_CONFUSABLES)
    canon = "".join(c for c in canon if not c.isspace() and c != "-")
    if len(canon) < PASSPHRASE_MIN:
        raise XzError("checkin.pack_passphrase_short", minimum=PASSPHRASE_MIN)
    return canon


def _expand(master: bytes, salt: bytes, kind: str) -> tuple[bytes, bytes, bytes]:
    okm = HKDF(algorithm=hashes.SHA256(), length=80, salt=salt, info=_HKDF_INFO + kind.encode()).derive(master)
    return okm[:32], okm[32:64], okm[64:80]


def _passphrase_master(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(normalise_passphrase(passphrase).encode("utf-8"))


# --- file format ------------------------------------------------------------------------------------
def _seal(header: dict[str, Any], payload: dict[str, Any], *, enc: bytes, mac: bytes, check: bytes) -> bytes:
    header = {**header, "check": check.hex()}
    nonce = os.urandom(12)
    header["nonce"] = nonce.hex()
    head = json.dumps(header, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii")
    prefix = MAGIC + struct.pack(">I", len(head)) + head
    body = zlib.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)
    cipher = AESGCM(enc).encrypt(nonce, body, MAGIC + head)
    signed = prefix + cipher
    return signed + hmac.new(mac, signed, hashlib.sha256).digest()


def _split(data: bytes) -> tuple[dict[str, Any], bytes, bytes, bytes]:
    """(header, header bytes, ciphertext, mac) or checkin.pack_not_a_pack / pack_version."""
    if not isinstance(data, bytes | bytearray) or not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4 + MAC_LEN:
        raise XzError("checkin.pack_not_a_pack")
    (size,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    if size > MAX_HEADER or start + size + MAC_LEN > len(data):
        raise XzError("checkin.pack_not_a_pack")
    head = bytes(data[start : start + size])
    try:
        header = json.loads(head.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise XzError("checkin.pack_not_a_pack") from None
    if not isinstance(header, dict):
        raise XzError("checkin.pack_not_a_pack")
    if header.get("format") != FORMAT:
        raise XzError("checkin.pack_version", version=str(header.get("format"))[:8])
    return header, head, bytes(data[start + size : -MAC_LEN]), bytes(data[-MAC_LEN:])


def _header_info(header: dict[str, Any]) -> PackHeaderInfo:
    try:
        key = header["key"]
        return PackHeaderInfo(
            version=int(header["format"]), kind=str(header["kind"]), pack_id=str(header["pack_id"]),
            event_id=str(header["event_id"]), event_code=str(header["event_code"]),
            created_at=datetime.fromisoformat(header["created_at"]), origin_device=str(header["origin_device"]),
            key_source=str(key["source"]), source_pack_id=key.get("pack_id"), station=header.get("station"),
            sequence=_sequence(header.get("seq")),
        )  # fmt: skip
    except (KeyError, TypeError, ValueError):
        raise XzError("checkin.pack_not_a_pack") from None


def _sequence(value: Any) -> int:
    """An event pack's number from its header (absent in packs of older versions: 0)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise ValueError("seq")
    return value


def _scrypt_settings(key: dict[str, Any]) -> tuple[int, int, int]:
    """The scrypt settings of a passphrase pack, accepted only when they are exactly the ones this
    version writes: anything else is refused before deriving (`checkin.pack_kdf_unsupported`)."""
    wanted = (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    got = tuple(key.get(name) for name in ("n", "r", "p"))
    if got != wanted or any(isinstance(v, bool) for v in got):
        raise XzError("checkin.pack_kdf_unsupported")
    return wanted


def read_pack_header(data: bytes) -> PackHeaderInfo:
    """What a pack says about itself (kind, event, origin, key source), without opening it."""
    header, _head, _cipher, _mac = _split(data)
    return _header_info(header)


def _open(data: bytes, *, master_for: Any) -> tuple[PackHeaderInfo, dict[str, Any]]:
    header, head, cipher, mac_value = _split(data)
    info = _header_info(header)
    key = header["key"]
    try:
        salt = bytes.fromhex(key["salt"])
        check = bytes.fromhex(header["check"])
        nonce = bytes.fromhex(header["nonce"])
    except (KeyError, TypeError, ValueError):
        raise XzError("checkin.pack_not_a_pack") from None
    master = master_for(info, key, salt)
    enc, mac, expected = _expand(master, salt, info.kind)
    if not hmac.compare_digest(expected, check):
        raise XzError("checkin.pack_wrong_passphrase" if info.key_source == "passphrase" else "checkin.pack_tampered")
    signed = data[: len(data) - MAC_LEN]
    if not hmac.compare_digest(hmac.new(mac, signed, hashlib.sha256).digest(), mac_value):
        raise XzError("checkin.pack_tampered")
    try:
        body = AESGCM(enc).decrypt(nonce, cipher, MAGIC + head)
        payload = json.loads(zlib.decompress(body).decode("utf-8"))
    except (InvalidTag, zlib.error, UnicodeDecodeError, ValueError):
        raise XzError("checkin.pack_tampered") from None
    if not isinstance(payload, dict) or payload.get("pack_id") != info.pack_id or payload.get("kind") != info.kind:
        raise XzError("checkin.pack_tampered")
    if payload.get("event_id") != info.event_id:
        raise XzError("checkin.pack_tampered")
    return info, payload


def write_pack(data: bytes, path: Path | str) -> Path:
    """Write a pack file atomically (temporary file beside it, then rename)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
    return path


def suggested_name(header: PackHeaderInfo) -> str:
    """`xzdesk-event-<CODE>-<date>.xzpack` / `xzdesk-return-<CODE>-<station>-<time>.xzpack`, the
    date and time as the clocks in Xuzhou show them (the day's pack is not dated yesterday)."""
    stamp = header.created_at.astimezone(CHINA_TZ)
    if header.kind == "event":
        return f"xzdesk-event-{header.event_code}-{stamp:%Y%m%d}-{header.station or 'X'}{SUFFIX}"
    return f"xzdesk-return-{header.event_code}-{header.station or 'X'}-{stamp:%Y%m%d%H%M}{SUFFIX}"


# --- rows <-> JSON ---------------------------------------------------------------------------------
def _columns(model: type[Any]) -> list[Any]:
    return list(model.__table__.columns)


def row_to_json(obj: Any) -> dict[str, Any]:
    return {c.key: to_jsonable(getattr(obj, c.key)) for c in _columns(type(obj))}


def _row_values(model: type[Any], data: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise XzError("checkin.pack_tampered")
    out = {}
    for c in _columns(model):
        if c.key in data:
            try:
                out[c.key] = from_jsonable(c, data[c.key])
            except (TypeError, ValueError):
                raise XzError("checkin.pack_tampered") from None
    return out


def _table_key(model: type[Any]) -> str:
    return str(model.__tablename__)


@contextlib.contextmanager
def _no_outbox(session: Session) -> Iterator[None]:
    """Write office data on a venue laptop like pulled changes: no outbox rows."""
    before = session.info.get("sync_apply")
    session.flush()
    session.info["sync_apply"] = True
    try:
        yield
        session.flush()
    finally:
        session.info["sync_apply"] = before


def _event_rows(session: Session, model: type[Any], event_id: str) -> list[Any]:
    return list(session.execute(select(model).where(model.event_id == event_id)).scalars())


# --- export ----------------------------------------------------------------------------------------
def _next_station(session: Session, event_id: str, device_id: str) -> str:
    """The first letter neither an earlier venue pack nor this (office) laptop itself uses: the
    office may check people in too, and two laptops with one letter would hand out the same
    walk-in plates."""
    used = set(
        session.execute(
            select(VenuePack.station).where(VenuePack.event_id == event_id, VenuePack.kind == PackKind.EVENT_OUT.value)
        ).scalars()
    ) | {queries.station_of(session, event_id=event_id, device_id=device_id)}
    for letter in queries.STATION_LETTERS:
        if letter not in used:
            return letter
    return queries.STATION_LETTERS[len(used) % len(queries.STATION_LETTERS)]


def _next_sequence(session: Session, event_id: str) -> int:
    """The number of the next event pack this office makes for the event (1, 2, 3 ...)."""
    last = session.execute(
        select(func.max(VenuePack.seq)).where(VenuePack.event_id == event_id, VenuePack.kind == PackKind.EVENT_OUT.value)
    ).scalar()  # fmt: skip
    return int(last or 0) + 1


def _latest_imported(session: Session, event_id: str, origin_device: str) -> int:
    """The highest event pack number imported here for the event from that office (0: none)."""
    last = session.execute(
        select(func.max(VenuePack.seq)).where(VenuePack.event_id == event_id, VenuePack.kind == PackKind.EVENT_IN.value,
                                              VenuePack.origin_device == origin_device)
    ).scalar()  # fmt: skip
    return int(last or 0)


def _header(uow: UnitOfWork, *, kind: str, pack_id: str, event: Event, key: dict[str, Any], station: str | None,
            seq: int | None = None) -> dict[str, Any]:  # fmt: skip
    header = {
        "format": FORMAT, "kind": kind, "pack_id": pack_id, "event_id": event.id, "event_code": event.code,
        "created_at": uow.now.astimezone(UTC).isoformat(), "origin_device": uow.device_id, "key": key,
        "station": station,
    }  # fmt: skip
    if seq is not None:
        header["seq"] = seq
    return header


def export_event_pack(
    uow: UnitOfWork,
    *,
    event_id: str,
    passphrase: str,
    station: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PackExportInfo:
    """Seal an event pack for one venue laptop (office). Publishes the roster first, gives the
    laptop the next free station letter (or `station`), and remembers the pack's return key so
    the venue's return pack can be checked. Returns the bytes to write (see `write_pack`)."""
    uow.require(Permission.EVENTS_MANAGE)
    event = get_event(uow.session, event_id)
    check_scope(uow, event)
    if not event.token_key:
        raise XzError("checkin.no_event_key")
    progress(0.05, "checkin.pack_roster")
    publish_roster(uow, event_id=event_id)
    cancel.check()
    if station is not None:
        station = station.strip().upper()
        if len(station) != 1 or station not in queries.STATION_LETTERS:
            raise XzError("checkin.station_invalid", allowed=queries.STATION_LETTERS)
    station = station or _next_station(uow.session, event_id, uow.device_id)
    seq = _next_sequence(uow.session, event_id)
    pack_id = new_id()
    return_key = secrets.token_bytes(32)
    payload: dict[str, Any] = {"pack_id": pack_id, "kind": "event", "event_id": event_id, "station": station,
                               "return_key": return_key.hex(), "event": row_to_json(event)}  # fmt: skip
    counts: dict[str, int] = {}
    for model in EVENT_TABLES:
        rows = [row_to_json(r) for r in _event_rows(uow.session, model, event_id)]
        payload[_table_key(model)] = rows
        counts[_table_key(model)] = len(rows)
        cancel.check()
    progress(0.4, "checkin.pack_sealing")
    salt = os.urandom(16)
    master = _passphrase_master(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    enc, mac, check = _expand(master, salt, "event")
    key = {"source": "passphrase", "salt": salt.hex(), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
    header = _header(uow, kind="event", pack_id=pack_id, event=event, key=key, station=station, seq=seq)
    data = _seal(header, payload, enc=enc, mac=mac, check=check)
    cancel.check()
    uow.session.add(VenuePack(id=pack_id, kind=PackKind.EVENT_OUT.value, event_id=event_id, return_key=return_key,
                              station=station, origin_device=uow.device_id, at=uow.now, counts=counts,
                              seq=seq))  # fmt: skip
    uow.audit("checkin.pack_export", fields=[f"event:{event_id}", "kind:event", f"seq:{seq}",
                                             f"roster:{counts['checkin_roster']}"])  # fmt: skip
    uow.mark(Area.CHECKIN)
    progress(1.0, "checkin.pack_done")
    info = _header_info(header)
    return PackExportInfo(info, data, suggested_name(info), counts)


def export_return_pack(
    uow: UnitOfWork,
    *,
    event_id: str,
    passphrase: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PackExportInfo:
    """Seal the venue's records of an event for the office: scans, annulments, walk-ins and their
    roster rows, interest cards. Sealed with the return key of the event pack this laptop opened;
    only a laptop prepared by sync (connected to a server, no event pack of this event opened)
    passes a `passphrase` instead, typed again at the office (see the module docstring)."""
    uow.require(Permission.CHECKIN)
    event = get_event(uow.session, event_id)
    source = uow.session.execute(
        select(VenuePack).where(VenuePack.event_id == event_id, VenuePack.kind == PackKind.EVENT_IN.value)
        .order_by(VenuePack.at.desc()).limit(1)
    ).scalar()  # fmt: skip
    if passphrase:
        _check_passphrase_allowed(uow.session, has_return_key=source is not None and source.return_key is not None)
    pack_id = new_id()
    station = queries.station_of(uow.session, event_id=event_id, device_id=uow.device_id)
    payload: dict[str, Any] = {"pack_id": pack_id, "kind": "return", "event_id": event_id}
    counts: dict[str, int] = {}
    for model in RETURN_TABLES:
        rows = _event_rows(uow.session, model, event_id)
        if model is CheckinRoster:
            rows = [r for r in rows if r.walk_in]
        payload[_table_key(model)] = [row_to_json(r) for r in rows]
        counts[_table_key(model)] = len(rows)
        cancel.check()
    progress(0.4, "checkin.pack_sealing")
    salt = os.urandom(16)
    if passphrase:
        master = _passphrase_master(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        key: dict[str, Any] = {"source": "passphrase", "salt": salt.hex(), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
    elif source is not None and source.return_key:
        master = source.return_key
        key = {"source": "pack", "pack_id": source.id, "salt": salt.hex()}
    else:  # no return key: only a laptop prepared by sync may seal with a passphrase
        _check_passphrase_allowed(uow.session, has_return_key=False)
        raise XzError("checkin.pack_passphrase_required")
    enc, mac, check = _expand(master, salt, "return")
    header = _header(uow, kind="return", pack_id=pack_id, event=event, key=key, station=station)
    data = _seal(header, payload, enc=enc, mac=mac, check=check)
    uow.session.add(VenuePack(id=pack_id, kind=PackKind.RETURN_OUT.value, event_id=event_id, return_key=None,
                              station=station, origin_device=uow.device_id, at=uow.now, counts=counts))  # fmt: skip
    uow.audit("checkin.pack_export", fields=[f"event:{event_id}", "kind:return",
                                             f"walk_ins:{counts['checkin_walk_in']}"])  # fmt: skip
    uow.mark(Area.CHECKIN)
    progress(1.0, "checkin.pack_done")
    info = _header_info(header)
    return PackExportInfo(info, data, suggested_name(info), counts)


def _check_passphrase_allowed(session: Session, *, has_return_key: bool) -> None:
    """A passphrase-sealed return pack belongs to a venue laptop prepared by sync only."""
    if has_return_key:
        raise XzError("checkin.pack_has_return_key")
    if not is_enrolled(session):
        raise XzError("checkin.pack_passphrase_sync_only")


# --- import ----------------------------------------------------------------------------------------
def _pending_ids(session: Session, entity: str, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    out: set[str] = set()
    for i in range(0, len(ids), 900):
        out.update(
            session.execute(
                select(OutboxRow.entity_id).where(OutboxRow.entity == entity, OutboxRow.entity_id.in_(list(ids[i : i + 900])))
            ).scalars()
        )
    return out


def _newer(values: dict[str, Any], obj: Any) -> bool:
    """Whether the pack's copy of a row is newer than the one here: a higher server version, or
    the same version and a later `updated_at` (rows of an office that never synced all keep
    version 0, so the time of the office's last change decides)."""
    theirs, mine = int(values.get("version") or 0), int(obj.version or 0)
    if theirs != mine:
        return theirs > mine
    stamp, here = values.get("updated_at"), getattr(obj, "updated_at", None)
    return stamp is not None and (here is None or stamp > here)


def _apply_rows(
    session: Session, model: type[Any], rows: list[Any], *, event_id: str, update: bool
) -> tuple[int, int, list[Any]]:
    """Insert rows not here; with `update`, bring existing ones up to the pack's copy when that is
    newer (`_newer`) and has no local edit waiting to be pushed. Returns (added, updated, new objects)."""
    values = [_row_values(model, r) for r in rows if isinstance(r, dict)]
    for v in values:
        if v.get("event_id") != event_id:
            raise XzError("checkin.pack_tampered")
    ids = [v["id"] for v in values]
    existing: dict[str, Any] = {}
    for i in range(0, len(ids), 900):
        for obj in session.execute(select(model).where(model.id.in_(ids[i : i + 900]))).scalars():
            existing[obj.id] = obj
    pending = _pending_ids(session, _table_key(model), list(existing)) if update else set()
    added = updated = 0
    new: list[Any] = []
    for v in values:
        obj = existing.get(v["id"])
        if obj is None:
            obj = model(**v)
            session.add(obj)
            new.append(obj)
            added += 1
        elif update and obj.id not in pending and _newer(v, obj):
            changes = {k: val for k, val in v.items() if k != "id" and getattr(obj, k) != val}
            if changes:
                for k, val in changes.items():
                    setattr(obj, k, val)
                updated += 1
    return added, updated, new


def _apply_event(session: Session, data: Any, event_id: str) -> tuple[int, int]:
    values = _row_values(Event, data)
    if values.get("id") != event_id:
        raise XzError("checkin.pack_tampered")
    event = session.get(Event, event_id)
    if event is None:
        session.add(Event(**values))
        return 1, 0
    if _pending_ids(session, "event", [event_id]) or not _newer(values, event):
        return 0, 0
    changes = {k: v for k, v in values.items() if k != "id" and getattr(event, k) != v}
    for k, v in changes.items():
        setattr(event, k, v)
    return 0, int(bool(changes))


def _mark_duplicates(session: Session, scans: list[CheckinScan]) -> int:
    """Mark imported check-ins whose natural key already has a check-in here: rows here before the
    import come first, then the imported ones by time (as the server does by its order)."""
    ordered = sorted(scans, key=lambda s: (s.scanned_at, s.id))
    later = {s.id for s in ordered}
    marked = 0
    for scan in ordered:
        later.discard(scan.id)
        if scan.checkin_key is None or scan.duplicate_of is not None:
            continue
        candidates = session.execute(
            select(CheckinScan.id).where(CheckinScan.event_id == scan.event_id, CheckinScan.checkin_key == scan.checkin_key,
                                         CheckinScan.id != scan.id, CheckinScan.duplicate_of.is_(None))
            .order_by(CheckinScan.scanned_at, CheckinScan.id)
        ).scalars()  # fmt: skip
        first = next((c for c in candidates if c not in later), None)
        if first is not None:
            scan.duplicate_of = first
            marked += 1
    return marked


def import_pack(
    uow: UnitOfWork,
    *,
    data: bytes,
    passphrase: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PackImportInfo:
    """Open and apply a pack of either kind (see the module docstring for the checks).

    Event pack (venue laptop, `checkin.record`): needs the passphrase; adds or refreshes the event,
    the roster and the office's check-ins and cards without writing sync outbox rows, and sets this
    laptop's station letter. A pack numbered at or below one already imported from the same
    office changes nothing (`stale`; audited). Return pack (office, `events.manage`): opened with
    the stored return key of the matching event pack (or a passphrase, on an office connected to a
    server); adds the venue's records (they then sync), marking check-ins that duplicate one
    already here. Importing a pack again changes nothing. Run `service.reconcile_event` after a
    return pack to create the walk-ins' case files and mark attendance."""
    header = read_pack_header(data)
    if header.kind == "event":
        uow.require(Permission.CHECKIN)
    elif header.kind == "return":
        uow.require(Permission.EVENTS_MANAGE)
    else:
        raise XzError("checkin.pack_not_a_pack")
    if header.origin_device == uow.device_id:
        raise XzError("checkin.pack_own")
    progress(0.05, "checkin.pack_opening")
    info, payload = _open(data, master_for=_master_finder(uow.session, passphrase))
    cancel.check()
    kind = PackKind.EVENT_IN if info.kind == "event" else PackKind.RETURN_IN
    session = uow.session
    seen = session.get(VenuePack, (info.pack_id, kind.value)) is not None
    latest = _latest_imported(session, info.event_id, info.origin_device) if info.kind == "event" else 0
    if info.kind == "event" and (seen or (latest and info.sequence <= latest)):
        return _refuse_stale(uow, info, seen=seen, latest=latest)
    if info.kind == "event":
        added, updated, return_key = _apply_event_pack(session, info, payload, cancel)
    else:
        added, updated = _apply_return_pack(session, info, payload, cancel)
        return_key = None
    if not seen:
        session.add(VenuePack(id=info.pack_id, kind=kind.value, event_id=info.event_id, return_key=return_key,
                              station=info.station, origin_device=info.origin_device, at=uow.now,
                              counts={**added, **{f"updated:{k}": v for k, v in updated.items()}},
                              seq=info.sequence if info.kind == "event" else None))  # fmt: skip
    result = PackImportInfo(info, _event_name(session, info.event_id), added, updated, seen, latest_sequence=latest)
    if result.changed or not seen:
        uow.audit("checkin.pack_import", fields=[f"event:{info.event_id}", f"kind:{info.kind}",
                                                 *(f"{k}:{v}" for k, v in sorted(added.items()) if v)])  # fmt: skip
        uow.mark(Area.CHECKIN, Area.EVENTS)
    progress(1.0, "checkin.pack_done")
    return result


def _master_finder(session: Session, passphrase: str | None) -> Any:
    """The key source of a pack being opened: the passphrase (with the only scrypt settings this
    version accepts) or, for a return pack, the return key of our own event pack."""

    def master_for(info: PackHeaderInfo, key: dict[str, Any], salt: bytes) -> bytes:
        if info.key_source == "passphrase":
            n, r, p = _scrypt_settings(key)
            if info.kind == "return":
                _check_passphrase_allowed(session, has_return_key=False)
            if not passphrase:
                raise XzError("checkin.pack_passphrase_required")
            return _passphrase_master(passphrase, salt, n, r, p)
        if info.key_source == "pack" and info.kind == "return":
            source = session.get(VenuePack, (info.source_pack_id or "", PackKind.EVENT_OUT.value))
            if source is None or source.return_key is None or source.event_id != info.event_id:
                raise XzError("checkin.pack_foreign")
            return source.return_key
        raise XzError("checkin.pack_not_a_pack")

    return master_for


def _refuse_stale(uow: UnitOfWork, info: PackHeaderInfo, *, seen: bool, latest: int) -> PackImportInfo:
    """An event pack no newer than one imported already: nothing is applied; a pack other than
    the very one imported last is audited (a replay)."""
    if not seen or info.sequence < latest:
        uow.audit("checkin.pack_stale", fields=[f"event:{info.event_id}", f"seq:{info.sequence}", f"latest:{latest}"])
    return PackImportInfo(info, _event_name(uow.session, info.event_id), {}, {}, seen, stale=True,
                          latest_sequence=latest)  # fmt: skip


def _apply_event_pack(
    session: Session, info: PackHeaderInfo, payload: dict[str, Any], cancel: CancelToken
) -> tuple[dict[str, int], dict[str, int], bytes]:
    """A venue laptop takes the office's event, roster, check-ins and cards (no outbox rows) and
    its station letter. Returns (added, updated, the return key)."""
    added: dict[str, int] = {}
    updated: dict[str, int] = {}
    with _no_outbox(session):
        added["event"], updated["event"] = _apply_event(session, payload.get("event"), info.event_id)
        session.flush()
        for model in EVENT_TABLES:
            a, u, _new = _apply_rows(session, model, _list(payload, model), event_id=info.event_id,
                                     update=model is CheckinRoster)  # fmt: skip
            added[_table_key(model)], updated[_table_key(model)] = a, u
            cancel.check()
    station = payload.get("station")
    if isinstance(station, str) and station in queries.STATION_LETTERS:
        session.merge(LocalMeta(key=queries.STATION_KEY.format(event_id=info.event_id), value=station))
    try:
        return_key = bytes.fromhex(str(payload.get("return_key")))
    except ValueError:
        raise XzError("checkin.pack_tampered") from None
    return added, updated, return_key


def _apply_return_pack(
    session: Session, info: PackHeaderInfo, payload: dict[str, Any], cancel: CancelToken
) -> tuple[dict[str, int], dict[str, int]]:
    """The office adds the venue's records (they go on by sync) and marks duplicate check-ins."""
    if session.get(Event, info.event_id) is None:
        raise XzError("checkin.pack_event_unknown", event_code=info.event_code)
    added: dict[str, int] = {}
    updated: dict[str, int] = {}
    new_scans: list[CheckinScan] = []
    for model in RETURN_TABLES:
        a, u, new = _apply_rows(session, model, _list(payload, model), event_id=info.event_id, update=False)
        added[_table_key(model)], updated[_table_key(model)] = a, u
        if model is CheckinScan:
            new_scans = new
        cancel.check()
    session.flush()
    updated["duplicates_marked"] = _mark_duplicates(session, new_scans)
    return added, updated


def _list(payload: dict[str, Any], model: type[Any]) -> list[Any]:
    rows = payload.get(_table_key(model), [])
    if not isinstance(rows, list):
        raise XzError("checkin.pack_tampered")
    return rows


def _event_name(session: Session, event_id: str) -> str:
    event = session.get(Event, event_id)
    return event.name if event else ""


def read_pack_file(path: Path | str) -> bytes:
    """The bytes of a pack file (checkin.pack_not_a_pack when it cannot be read)."""
    try:
        return Path(path).read_bytes()
    except OSError:
        raise XzError("checkin.pack_not_a_pack") from None


__all__ = [
    "export_event_pack",
    "export_return_pack",
    "import_pack",
    "new_passphrase",
    "normalise_passphrase",
    "read_pack_file",
    "read_pack_header",
    "suggested_name",
    "write_pack",
]
