"""Every error code the product can show, collected by reading xzdesk/'s source (no import).

A code is the string literal given to an error's constructor (XzError and its kinds, the sync
client's and the server's errors, refusals and problem rows that carry a code to a screen or a
terminal), or assigned to a sync report's `error`. Tests use it to prove that every code has
words on the command line and in the GUI.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "xzdesk"
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
# Constructors whose first code-like literal argument is an error code shown to someone.
CONSTRUCTORS = frozenset({
    "XzError", "FieldProblem", "NotFound", "Conflict", "PermissionDenied", "Cancelled", "SyncError",
    "ApiError", "_error", "Reject", "PushRefused", "CursorError", "IntakeError", "SignInResult",
    "ProblemRow", "PairProblemRow", "ImportFailureInfo", "SkippedRow", "SyncRejected", "_Refused", "LoginRefused",
})  # fmt: skip
# Variables and attributes assigned a code that is raised or reported a few lines later
# (`code = "events.a" if ... else "events.b"`, `report.error = "sync.not_enrolled"`).
CODE_NAMES = frozenset({"code", "error"})
# The GUI phrases codes, it does not raise new ones; the member web app shows only its own codes,
# each phrased in server/h5/messages.py (tests/server/h5/test_messages.py checks them).
SKIP = ("ui/", "server/h5/")


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _assigned(target: ast.expr) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return None


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        return node.value
    return None


def _literals_in(nodes: list[ast.expr]) -> set[str]:
    """Code literals in expressions, also inside `a if c else b` and `x or "code"`."""
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Constant | ast.IfExp | ast.BoolOp):
            out.update(c for sub in ast.walk(node) if isinstance(sub, ast.expr) and (c := _literal(sub)))
    return out


def _codes_in(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in CONSTRUCTORS:
            given = [*node.args[:3], *(kw.value for kw in node.keywords if kw.arg == "code")]
            found.update(_literals_in(given))
        if isinstance(node, ast.Return) and node.value is not None:  # validators returning a code
            found.update(_literals_in([node.value]))
        if isinstance(node, ast.Assign) and any(_assigned(t) == "default_code" for t in node.targets):
            found.add(node.value.value)  # type: ignore[attr-defined]  # XzError kinds: "not_found", "cancelled"
        if isinstance(node, ast.Assign) and any(_assigned(t) in CODE_NAMES for t in node.targets):
            found.update(_literals_in([node.value]))
    return found


@cache
def error_codes(*, skip: tuple[str, ...] = SKIP) -> frozenset[str]:
    """Codes raised in xzdesk/ outside the folders in `skip` (relative to xzdesk/)."""
    out: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if path.relative_to(ROOT).as_posix().startswith(skip):
            continue
        out |= _codes_in(ast.parse(path.read_text("utf-8")))
    return frozenset(out)


@cache
def progress_codes() -> frozenset[str]:
    """The steps long work reports (`progress(fraction, "import.analyse")`, `code=` of run_items)."""
    out: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if path.relative_to(ROOT).as_posix().startswith(SKIP):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name == "progress" and len(node.args) >= 2:
                out.update(_literals_in([node.args[1]]))
            out.update(c for kw in node.keywords if kw.arg == "code" and name == "run_items"
                       for c in _literals_in([kw.value]))  # fmt: skip
    return frozenset(out)
