"""The command line's speed, as a user runs it: a new process each time, through the installed
entry point's code path (`python -m xzdesk`).

- cli.help: `xzdesk --help` (target 0.5 s), beside `python -c pass` (the floor of any process).
- cli.match_suggest: `xzdesk --demo match suggest --member NO` on the demo database of 5,000
  members (target 1 s), beside a process that only imports numpy, SQLAlchemy's ORM and the
  domain models (the composition root, `xzdesk.app_context`, imports every area's tables), with
  the garbage collector paused as the command pauses it while it loads (xzdesk.collector), and
  `python -c pass`, the three run in turn so that they see the same load; wall and CPU time
  (the CPU figure is the one a busy machine distorts least).
- cli.match_suggest.instructions (XZDESK_BENCH_INSTRUCTIONS=1 and valgrind installed; a minute
  or more per process): the instructions each of the three executes, counted by valgrind's
  callgrind, the same on a busy machine as on a quiet one; compare these between two versions.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import report, scale

REPEAT = 7


def _times(argv: list[str], env: dict[str, str], repeat: int = REPEAT) -> list[float]:
    return _alternating([argv], env, repeat)[0][0]


def _alternating(commands: list[list[str]], env: dict[str, str],
                 repeat: int = REPEAT) -> list[tuple[list[float], list[float]]]:  # fmt: skip
    """(wall ms, CPU ms) samples of each command, run in turn so that all of them see the same
    load; the first round warms the file cache and writes the bytecode and is not counted."""
    out: list[tuple[list[float], list[float]]] = [([], []) for _ in commands]
    for n in range(repeat + 1):
        for argv, (wall, cpu) in zip(commands, out, strict=True):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            took = (time.perf_counter() - started) * 1000
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if n:
                wall.append(took)
                cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return out


def _instructions(argv: list[str], env: dict[str, str]) -> int | None:
    """Instructions the process executes (callgrind's "I refs"; None without a count)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    proc = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)  # fmt: skip
    found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    return int(found.group(1).replace(",", "")) if found else None


def _p50(samples: list[float]) -> float:
    return round(statistics.median(samples), 1)


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
    # as the command loads them: the garbage collector paused (xzdesk.collector)
    imports = "from xzdesk import collector; collector.pause(); import numpy, sqlalchemy.orm, xzdesk.domain.models"
    commands = [[*python, "-m", "xzdesk", "--demo", "match", "suggest", "--member", number],
                [*python, "-c", imports], [*python, "-c", "pass"]]  # fmt: skip
    (suggest, suggest_cpu), (needed, needed_cpu), (floor, floor_cpu) = _alternating(commands, env)
    report("cli.match_suggest", n=members, samples_ms=suggest, target_ms=1000, baseline_ms=_p50(needed),
           baseline="importing numpy, SQLAlchemy ORM, the models (every area's tables), collector paused",
           floor_ms=_p50(floor), floor="python -c pass", cpu_p50_ms=_p50(suggest_cpu),
           baseline_cpu_p50_ms=_p50(needed_cpu), floor_cpu_p50_ms=_p50(floor_cpu),
           load_avg=round(os.getloadavg()[0], 2))  # fmt: skip
    if os.environ.get("XZDESK_BENCH_INSTRUCTIONS") == "1":
        counts = [_instructions(argv, env) for argv in commands]
        if None not in counts:
            ours, alone, none = (round(c / 1e6) for c in counts if c is not None)
            report("cli.match_suggest.instructions", n=members, millions=ours, imports_alone_millions=alone,
                   floor_millions=none, share_above_imports=round((ours - alone) / alone, 3))  # fmt: skip


if __name__ == "__main__":
    main()
