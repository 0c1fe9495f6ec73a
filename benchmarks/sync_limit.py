"""The limit for a first pull in Python (issue 15): the least work the job needs, one process per side.

- The serving side (`serve`, a child process): the server database's rows of the scope, read once
  and rendered into the pull pages' JSON text before the clock starts, then served over loopback
  HTTP by the standard library's HTTP server (nothing computed per request).
- The pulling side (this process, timed): each page fetched over one keep-alive connection,
  parsed with json.loads, and inserted with executemany into a new SQLCipher database with the
  real schema (Store.open migrates it), one transaction per ~20,000 rows like the app's
  bootstrap. Values go in as the wire has them, except what SQLite cannot bind as it is: JSON
  lists and objects (json.dumps) and bytes (hex on the wire). Nothing is checked or converted
  beyond that, so the figure is a floor, not a second implementation.

    python benchmarks/sync_limit.py SERVER.db [--page 2000]      one JSON line: sync.limit_first_pull

bench_sync.py runs it on the server database of its own first pull, so both figures come from
the same rows in the same run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "xzdesk.domain.store.keys.MemoryKeyring")

GROUP_ROWS = 20_000


def render_pages(db: Path, page_rows: int) -> list[bytes]:
    """Every live record in server_seq order, as pull pages ({"changes": [...], "has_more": ...})."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT server_seq, entity, id, version, member_id, fields FROM record WHERE deleted = 0 ORDER BY server_seq, id"
    ).fetchall()
    conn.close()
    pages = []
    for start in range(0, len(rows), page_rows):
        part = rows[start : start + page_rows]
        changes = ",".join(
            f'{{"seq":{seq},"kind":"upsert","entity":"{entity}","id":"{rid}","version":{version},'
            f'"member_id":{json.dumps(member)},"fields":{fields}}}'
            for seq, entity, rid, version, member, fields in part
        )
        more = "true" if start + page_rows < len(rows) else "false"
        pages.append(f'{{"changes":[{changes}],"cursor":"{start}","has_more":{more}}}'.encode())
    return pages


def serve(db: Path, page_rows: int) -> None:
    pages = render_pages(db, page_rows)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = pages[int(self.path.rsplit("/", 1)[1])]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], len(pages), flush=True)  # the parent reads the port
    server.serve_forever()


def _statements() -> dict[str, tuple[str, list[str], set[str], set[str]]]:
    """Per entity: the INSERT, its column order, and the JSON and bytes columns."""
    from xzdesk.sync.registry import all_specs

    out = {}
    for spec in all_specs():
        cols = [*spec.columns, "version"]
        sql = f"INSERT INTO {spec.model.__table__.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"  # type: ignore[attr-defined]
        out[spec.name] = (sql, cols, {n for n, c in spec.columns.items() if c.kind == "json"},
                          {n for n, c in spec.columns.items() if c.kind == "bytes"})  # fmt: skip
    return out


def pull(port: int, pages: int, folder: Path) -> tuple[float, int]:
    """Fetch, parse and insert every page; returns (milliseconds, rows)."""
    from xzdesk.domain.store.engine import Store

    store = Store.open(folder / "limit.db", key=os.urandom(32))
    statements = _statements()
    conn = http.client.HTTPConnection("127.0.0.1", port)
    raw = store.engine.raw_connection()
    cur = raw.cursor()
    t0 = time.perf_counter()
    rows = pending = 0
    cur.execute("BEGIN")
    for n in range(pages):
        conn.request("GET", f"/page/{n}")
        page = json.loads(conn.getresponse().read())
        by_entity: dict[str, list[tuple[object, ...]]] = {}
        for change in page["changes"]:
            sql, cols, as_json, as_bytes = statements[change["entity"]]
            fields = change["fields"]
            fields["version"] = change["version"]
            values = [fields.get(c) for c in cols]
            for i, c in enumerate(cols):
                if values[i] is not None and (c in as_json or c in as_bytes):
                    values[i] = json.dumps(values[i]) if c in as_json else bytes.fromhex(values[i])
            by_entity.setdefault(change["entity"], []).append(tuple(values))
        for entity, params in by_entity.items():
            cur.executemany(statements[entity][0], params)
            rows += len(params)
            pending += len(params)
        if pending >= GROUP_ROWS or n == pages - 1:
            cur.execute("COMMIT")
            if n < pages - 1:
                cur.execute("BEGIN")
            pending = 0
    elapsed = (time.perf_counter() - t0) * 1000
    raw.close()
    store.close()
    conn.close()
    return elapsed, rows


def limit_first_pull(db: Path, page_rows: int = 2000) -> tuple[float, int, int]:
    """(milliseconds, rows, pages) of the limit on this server database."""
    child = subprocess.Popen([sys.executable, __file__, "serve", str(db), "--page", str(page_rows)],
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert child.stdout is not None
        port, pages = (int(v) for v in child.stdout.readline().split())
        with tempfile.TemporaryDirectory(prefix="xzdesk-limit-") as tmp:
            elapsed, rows = pull(port, pages, Path(tmp))
        return elapsed, rows, pages
    finally:
        child.terminate()
        child.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="pull", choices=("pull", "serve"))
    parser.add_argument("db", type=Path)
    parser.add_argument("--page", type=int, default=2000)
    args = parser.parse_args(sys.argv[1:] if sys.argv[1] in ("pull", "serve") else ["pull", *sys.argv[1:]])
    if args.mode == "serve":
        serve(args.db, args.page)
        return 0
    from benchmarks._common import report

    elapsed, rows, pages = limit_first_pull(args.db, args.page)
    report("sync.limit_first_pull", n=rows, value_ms=elapsed, rows=rows, pages=pages,
           what="loopback HTTP pages, json.loads, executemany into SQLCipher, real schema")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
