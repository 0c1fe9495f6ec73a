"""The README's layout section and docs/architecture.md name only paths that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _layout_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout\n", 1)[1]
    return section.split("```", 2)[1].splitlines()


def _named_paths(lines: list[str]) -> list[Path]:
    """Each line's path words, read in the tree's nesting: `xzdesk/` then `  domain/` is xzdesk/domain."""
    stack: list[tuple[int, Path]] = []
    paths: list[Path] = []
    for line in lines:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        column = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
        names = [w for w in re.split(r",\s*", column) if re.fullmatch(r"[\w.]+/?", w)]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        base = stack[-1][1] if stack else ROOT
        for name in names:
            paths.append(base / name)
        if len(names) == 1 and names[0].endswith("/"):
            stack.append((indent, base / names[0]))
    return paths


def test_the_readme_layout_names_only_paths_that_exist() -> None:
    paths = _named_paths(_layout_block())
    assert len(paths) > 20
    missing = [str(p.relative_to(ROOT)) for p in paths if not p.exists()]
    assert missing == []


def test_the_architecture_page_names_only_modules_that_exist() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:[a-z_]+/)+[a-z_]+\.py)", text))
    assert len(named) > 10
    roots = [ROOT / "xzdesk", ROOT / "xzdesk" / "domain"]
    missing = sorted(n for n in named if not any((r / n).exists() for r in roots))
    assert missing == []
