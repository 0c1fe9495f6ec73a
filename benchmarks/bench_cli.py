"""The command line's speed, as a user runs it: a new process each time, through the installed
entry point's code path (`python -m xzdesk`).

- cli.help: `xzdesk --help` (target 0.5 s), beside `python -c pass` (the floor of any process).
- cli.match_suggest: `xzdesk --demo match suggest --member NO` on the demo database of 5,000
  members (target 1 s), beside a process that only imports what the job cannot avoid (numpy,
  SQLAlchemy's ORM and the domain models): the ratio is the figure to trust on a busy machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import report, scale

REPEAT = 7


def _times(argv: list[str], env: dict[str, str], repeat: int = REPEAT) -> list[float]:
    out = []
    for n in range(repeat + 1):
        started = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        if n:  # the first run warms the file cache and writes the bytecode
            out.append((time.perf_counter() - started) * 1000)
    return out


def _demo_home(members: int) -> tuple[Path, str]:
    from sqlalchemy import select

    from xzdesk.app_context import AppContext, _create_demo_accounts
    from xzdesk.domain.members.models import Member
    from xzdesk.domain.members.seed import seed_members

    home = Path(tempfile.mkdtemp(prefix="xzdesk-bench-cli-"))
    ctx = AppContext.open(demo=True, home=home)
    with ctx.uow() as uow:
        _create_demo_accounts(uow)
        seed_members(uow, count=members, seed=2026)
    from xzdesk.domain.matching.index import MatchIndex

    with ctx.store.read() as s:
        active = s.execute(select(Member.id, Member.member_no).where(Member.status == "active")
                           .order_by(Member.member_no).limit(50)).all()  # fmt: skip
    # the first member who can be matched (suggest answers "not matchable now" for the others)
    number = next(no for member_id, no in active if not MatchIndex.for_member(ctx.store, member_id).ineligibility(member_id))
    ctx.close()
    return home, number


def main() -> None:
    members = scale(5000)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHON_KEYRING_BACKEND")}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # the demo database's published key
    os.environ.update(env)
    home, number = _demo_home(members)
    env["XZDESK_HOME"] = str(home)
    python = [sys.executable]
    floor = _times([*python, "-c", "pass"], env)
    report("cli.help", n=1, samples_ms=_times([*python, "-m", "xzdesk", "--help"], env), target_ms=500,
           baseline_ms=sorted(floor)[len(floor) // 2], baseline="python -c pass")  # fmt: skip
    needed = _times([*python, "-c", "import numpy, sqlalchemy.orm, xzdesk.domain.models"], env)
    suggest = _times([*python, "-m", "xzdesk", "--demo", "match", "suggest", "--member", number], env)
    report("cli.match_suggest", n=members, samples_ms=suggest, target_ms=1000,
           baseline_ms=sorted(needed)[len(needed) // 2], baseline="importing numpy, SQLAlchemy ORM, the models",
           floor_ms=sorted(floor)[len(floor) // 2], floor="python -c pass",
           load_avg=round(os.getloadavg()[0], 2))  # fmt: skip


if __name__ == "__main__":
    main()
