"""`xzdesk match suggest` loads no scipy or scikit-learn while the rule ranks (they cost half a
second of its one-second budget and only a model's signals and fitting need them), nor the
matcher's batch previews, fitting, evaluation, synthetic data or model keeping (ranking one
member needs none of them), and still prints the member's candidates."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import select

from xzdesk.app_context import AppContext, _create_demo_accounts
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.store import keys

NOT_FOR_RANKING = {f"xzdesk.domain.matching.{m}" for m in ("batch", "evaluation", "metrics", "synthetic", "retraining",
                                                            "service", "tables")}  # fmt: skip


def test_suggest_ranked_by_the_rule_imports_no_scipy_or_sklearn(_private_home, monkeypatch):
    # The command runs in its own process, which cannot see this process's in-memory keyring:
    # a demo database with the published demo key, as on a machine without a keyring.
    monkeypatch.setattr(keys, "keyring_is_secure", lambda: False)
    demo_home = _private_home
    ctx = AppContext.open(demo=True, home=demo_home)
    with ctx.uow() as uow:
        _create_demo_accounts(uow)
        seed_members(uow, count=60, seed=2026)
    ctx.close()
    numbers = []
    for member_no in _active_numbers(demo_home):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "xzdesk", "--demo", "match", "suggest",
                               "--member", member_no], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "XZDESK_HOME": str(demo_home),
                                   "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})  # fmt: skip
        loaded = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
        assert "xzdesk.domain.matching.ranking" in loaded, proc.stdout + proc.stderr[-600:]  # the log is read right
        heavy = sorted(m for m in loaded if m.split(".")[0] in ("scipy", "sklearn") or m in NOT_FOR_RANKING)
        assert not heavy, heavy
        if proc.returncode == 0 and "得分 score" in proc.stdout:
            numbers.append(member_no)
            break
    assert numbers, "no member with candidates among the seeded ones"


def _active_numbers(home):
    ctx = AppContext.open(demo=True, home=home)
    try:
        with ctx.store.read() as s:
            return list(s.execute(select(Member.member_no).where(Member.status == "active").limit(8)).scalars())
    finally:
        ctx.close()
