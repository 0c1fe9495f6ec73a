"""Health and device enrolment: GET /health, POST /sync/v1/enrol, GET /sync/v1/device."""

from __future__ import annotations

from fastapi import APIRouter, Request

from xzdesk.domain.store.ids import new_id
from xzdesk.server import auth
from xzdesk.server.hardening import client_address
from xzdesk.server.models import Device, ServerMeta
from xzdesk.server.web import ERRORS, AnyCaller, Server, now_utc, staff_out
from xzdesk.sync import protocol as p

router = APIRouter()


@router.get("/health", response_model=p.HealthOut, tags=["health"])
def health(server: Server) -> p.HealthOut:
    return p.HealthOut(status="ok", server_id=server.server_id, api=p.API)


@router.post(f"{p.API}/enrol", response_model=p.EnrolOut, responses=ERRORS, tags=["sync"])
def enrol(body: p.EnrolIn, request: Request, server: Server) -> p.EnrolOut:
    user = request.app.state.login.sign_in(username=body.username, password=body.password, address=client_address(request))
    events = [e for e in body.events if e]
    scope = auth.scope_for(user, events=events)
    token = auth.new_token()
    now = now_utc()
    device = Device(
        id=new_id(), user_id=user.id, token_hash=auth.token_hash(token), label=body.label.strip()[:64],
        districts=None if scope.districts is None else list(scope.districts), events=list(scope.events),
        aggregate_only=scope.aggregate_only, scope_hash=scope.hash, created_at=now, last_seen_at=now,
        last_pull_at=None, revoked_at=None,
    )  # fmt: skip
    with server.db.write() as s:
        s.add(device)
        key = s.get(ServerMeta, "blind_index_key")
    return p.EnrolOut(
        device_id=device.id, token=token, staff=staff_out(user), scope=p.ScopeOut(**scope.to_json()),
        blind_index_key="" if user.role == auth.INTAKE_ROLE else key.value,  # type: ignore[union-attr]
        server_id=server.server_id, offline_window_days=server.settings.offline_window_days,
        password_hash="" if user.role == auth.INTAKE_ROLE else user.password_hash,
    )  # fmt: skip


@router.get(f"{p.API}/device", response_model=p.DeviceOut, responses=ERRORS, tags=["sync"])
def device_info(c: AnyCaller, server: Server) -> p.DeviceOut:
    scope = auth.device_scope(c.device)
    return p.DeviceOut(device_id=c.device.id, staff=staff_out(c.user), scope=p.ScopeOut(**scope.to_json()),
                       last_seen_at=c.device.last_seen_at, offline_window_days=server.settings.offline_window_days)  # fmt: skip
