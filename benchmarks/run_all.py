"""Run every benchmarks/bench_*.py in its own process; pass their JSON lines through.

A benchmark that crashes is reported as a line with "ok": false and the rest still run.
Exit status is 0 when every benchmark ran, whatever the figures (`"ok"` says whether a target
was met); a summary line comes last.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    wanted = set(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    if wanted:
        scripts = [s for s in scripts if s.stem in wanted or s.stem.removeprefix("bench_") in wanted]
    rows = []
    crashed = 0
    for script in scripts:
        proc = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, cwd=HERE.parent, check=False
        )
        for line in proc.stdout.splitlines():
            line = line.strip()
            if line.startswith("{"):
                print(line, flush=True)
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    pass
        if proc.returncode != 0:
            crashed += 1
            tail = proc.stderr.strip().splitlines()[-3:]
            print(json.dumps({"bench": script.stem, "ok": False, "error": " | ".join(tail)}, ensure_ascii=False))
    met = sum(1 for r in rows if r.get("ok") is True)
    missed = [r["bench"] for r in rows if r.get("ok") is False]
    print(json.dumps({"summary": True, "benchmarks": len(rows), "targets_met": met, "targets_missed": missed,
                      "scripts_crashed": crashed}, ensure_ascii=False))
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
