"""Guards of the code's shape (issue 14): no function in xzdesk/ above cyclomatic complexity 15
(ruff's C901, the McCabe count), and no identical block of six or more lines twice in xzdesk/.

The block checker compares normalised lines of code: white space folded; blank lines, comments,
import statements, docstrings and lines of lone brackets or punctuation left out, and so are
declarations: function signatures (every long operation takes `progress` and `cancel`) and the
annotated fields of a class body (the wire model, the laptop DTO and the server row of one thing
each state their fields; sharing them would couple layers the import contracts keep apart).
Alembic revisions are left out too: they are frozen history (a later revision may not import an
earlier one), and the server's and the laptop's schemas are separate on purpose.

Until arch-b has finished the UI (issue 14), its remaining offenders are listed below; arch-b
removes them and the lead empties both lists at merge. Nothing outside xzdesk/ui may be listed.
"""

from __future__ import annotations

import ast
import io
import json
import re
import subprocess
import sys
import tokenize
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "xzdesk"
MAX_COMPLEXITY = 15
MIN_BLOCK = 6
FROZEN = "migrations/versions/"  # Alembic revisions

# Nothing is exempt: every function at complexity 15 or below, no repeated 6-line block anywhere.
COMPLEXITY_ALLOWED: frozenset[tuple[str, str]] = frozenset()
DUPLICATION_ALLOWED: frozenset[str] = frozenset()


# --- complexity ------------------------------------------------------------------------------------
def complex_functions() -> set[tuple[str, str]]:
    """(path, function name) of every function in xzdesk/ above MAX_COMPLEXITY, by ruff's C901."""
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "xzdesk", "--select", "C901", "--config",
         f"lint.mccabe.max-complexity={MAX_COMPLEXITY}", "--output-format", "json", "--no-cache", "--exit-zero"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = set()
    for item in json.loads(run.stdout):
        name = re.search(r"`([^`]+)`", item["message"])
        found.add((Path(item["filename"]).resolve().relative_to(ROOT).as_posix(), name.group(1) if name else "?"))
    return found


def test_no_function_is_above_complexity_15() -> None:
    found = complex_functions()
    assert found - COMPLEXITY_ALLOWED == set(), "split these into rule tables and small named helpers"
    assert all(path.startswith("xzdesk/ui/") for path, _ in COMPLEXITY_ALLOWED)


def test_the_complexity_check_sees_a_complex_function(tmp_path: Path) -> None:
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(MAX_COMPLEXITY + 1))
    source = tmp_path / "bad.py"
    source.write_text(f"def tangled(x):\n{branches}\n    return -1\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", str(source), "--select", "C901", "--config",
         f"lint.mccabe.max-complexity={MAX_COMPLEXITY}", "--output-format", "json", "--no-cache", "--exit-zero"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert [item["code"] for item in json.loads(run.stdout)] == ["C901"]


# --- repeated blocks -------------------------------------------------------------------------------
_PUNCTUATION = re.compile(r"^[\s()\[\]{},:;.]*$")


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                lines.update(_span(first))
    return lines


def _span(node: ast.stmt | ast.expr) -> range:
    return range(node.lineno, (node.end_lineno or node.lineno) + 1)


def _import_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            lines.update(_span(node))
    return lines


def _declaration_lines(tree: ast.AST) -> set[int]:
    """Function signatures (the `def` line to the line before the body) and the annotated fields
    of class bodies (dataclass, pydantic and ORM columns): each function and data shape states
    its own, and sharing them across layers would couple what the import contracts keep apart."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.body[0].lineno > node.lineno:
            lines.update(range(node.lineno, node.body[0].lineno))
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.AnnAssign):
                    lines.update(_span(item))
    return lines


def _without_comments(source: str) -> list[str]:
    """The source's lines with comments removed (strings untouched)."""
    lines = source.splitlines()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            row, col = tok.start
            lines[row - 1] = lines[row - 1][:col]
    return lines


@dataclass(frozen=True)
class Line:
    text: str
    number: int


def normalised_lines(source: str) -> list[Line]:
    """The lines that count, white space folded, with their line numbers."""
    tree = ast.parse(source)
    skip = _docstring_lines(tree) | _import_lines(tree) | _declaration_lines(tree)
    out = []
    for number, raw in enumerate(_without_comments(source), 1):
        text = " ".join(raw.split())
        if number in skip or not text or _PUNCTUATION.match(text):
            continue
        out.append(Line(text, number))
    return out


@dataclass(frozen=True)
class Repeat:
    first: tuple[str, int, int]  # path, first line, last line
    second: tuple[str, int, int]

    def __str__(self) -> str:
        (a, a1, a2), (b, b1, b2) = self.first, self.second
        return f"{a}:{a1}-{a2} ~ {b}:{b1}-{b2}"


def repeated_blocks(files: dict[str, str], *, size: int = MIN_BLOCK) -> list[Repeat]:
    """Pairs of places sharing `size` or more identical normalised lines (one pair per run)."""
    lines = {path: normalised_lines(source) for path, source in sorted(files.items())}
    seen: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for path, items in lines.items():
        texts = [line.text for line in items]
        for i in range(len(texts) - size + 1):
            seen[tuple(texts[i : i + size])].append((path, i))
    covered: set[tuple[str, int, str, int]] = set()
    out = []
    for places in seen.values():
        for x, (path_a, i) in enumerate(places):
            for path_b, j in places[x + 1 :]:
                if (path_a, i, path_b, j) in covered or (path_a == path_b and j < i + size):
                    continue
                n = size
                a, b = lines[path_a], lines[path_b]
                while i + n < len(a) and j + n < len(b) and a[i + n].text == b[j + n].text and (
                    path_a != path_b or j > i + n
                ):  # fmt: skip
                    n += 1
                covered.update((path_a, i + k, path_b, j + k) for k in range(n - size + 1))
                out.append(Repeat((path_a, a[i].number, a[i + n - 1].number), (path_b, b[j].number, b[j + n - 1].number)))
    return sorted(out, key=str)


def package_sources() -> dict[str, str]:
    return {
        path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if FROZEN not in path.relative_to(PACKAGE).as_posix()
    }


def test_no_identical_block_of_six_lines_appears_twice() -> None:
    sources = package_sources()
    assert "xzdesk/sync/merge.py" in sources and "xzdesk/domain/store/migrations/env.py" in sources
    assert not any("/versions/" in path for path in sources)
    repeats = [
        r for r in repeated_blocks(sources)
        if not (r.first[0] in DUPLICATION_ALLOWED and r.second[0] in DUPLICATION_ALLOWED)
    ]  # fmt: skip
    assert [str(r) for r in repeats] == [], "say it once: a helper, a rule table or a column spec"
    assert all(path.startswith("xzdesk/ui/") for path in DUPLICATION_ALLOWED)


def test_the_block_checker_finds_repeats_and_ignores_what_does_not_count() -> None:
    body = "\n".join(f"    total += weight({i}) * price[{i}]" for i in range(6))
    twice = {
        "a.py": f'"""Doc."""\nimport os\n\n\ndef f(price):\n    total = 0\n{body}\n    return total\n',
        "b.py": f"from os import path\n\n\ndef g(price):\n    # the same sum\n{body}  # fmt: skip\n\n    return 1\n",
    }
    [repeat] = repeated_blocks(twice)
    assert (repeat.first, repeat.second) == (("a.py", 7, 12), ("b.py", 6, 11))
    # five shared lines, or six lines of docstrings, comments, imports or brackets, do not count
    doc = '    """' + "\n".join(f"    line {i} of a long explanation" for i in range(8)) + '\n    """'
    short = "\n".join(f"    x{i} = {i}" for i in range(5))
    alike = {
        "c.py": f"def h():\n{doc}\n{short}\n    return 0\n" + "import a\nimport b\nimport c\nimport d\nimport e\nimport f\n",
        "d.py": f"def k():\n{doc}\n{short}\n    return 1\n" + "import a\nimport b\nimport c\nimport d\nimport e\nimport f\n",
        "e.py": "def m():\n    data = [\n" + "        [],\n" * 8 + "    ]\n    # one\n    # two\n    # three\n    # four\n    # five\n    # six\n",
        "f.py": "def n():\n    data = [\n" + "        [],\n" * 8 + "    ]\n    # one\n    # two\n    # three\n    # four\n    # five\n    # six\n",
    }
    assert repeated_blocks(alike) == []


def test_declarations_do_not_count_but_the_code_after_them_does() -> None:
    params = "".join(f"    p{i}: int = {i},\n" for i in range(7))
    fields = "".join(f"    f{i}: str | None = None\n" for i in range(7))
    shapes = {
        "a.py": f"def one(\n{params}) -> int:\n    return p0\n\n\nclass A:\n{fields}",
        "b.py": f"def two(\n{params}) -> str:\n    return str(p1)\n\n\nclass B:\n{fields}",
    }
    assert repeated_blocks(shapes) == []
    body = "".join(f"    total += p{i} * {i}\n" for i in range(6))
    logic = {name: f"def {name[0]}(\n{params}) -> int:\n    total = 0\n{body}" for name in ("c.py", "d.py")}
    [repeat] = repeated_blocks(logic)
    assert (repeat.first, repeat.second) == (("c.py", 10, 16), ("d.py", 10, 16))  # line 9 closes the signature


def test_a_block_repeated_within_one_file_counts_once_it_does_not_overlap() -> None:
    block = "\n".join(f"    a{i} = b{i} + c{i}" for i in range(6))
    same_file = {"x.py": f"def f():\n{block}\n\n\ndef g():\n{block}\n"}
    [repeat] = repeated_blocks(same_file)
    assert (repeat.first, repeat.second) == (("x.py", 2, 7), ("x.py", 11, 16))
    run = "\n".join("    a = a + 1" for _ in range(9))  # one long run: overlaps itself, not a repeat
    assert repeated_blocks({"y.py": f"def f():\n{run}\n"}) == []
