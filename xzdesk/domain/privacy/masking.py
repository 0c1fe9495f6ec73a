"""The one masking function used by every screen, print and export (domain.md, Privacy).

- ID number: first 3 and last 4 kept: `320***********001X`.
- Mobile: first 3 and last 4 kept: `138****5678`.
- Name: surname kept (compound surnames keep both characters), the rest one `*`: `张*`, `欧阳*`.
- Anything else: first and last character kept.
Masking works on code points, so supplementary-plane characters are never split.
"""

from __future__ import annotations

from xzdesk.domain.members.names import normalize_name, split_surname
from xzdesk.domain.privacy.codes import MaskKind


def _keep(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        return value[:1] + "*" * max(0, len(value) - 1)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask(value: str | None, kind: MaskKind | str) -> str:
    """Masked display form of `value` (empty string for None)."""
    if not value:
        return ""
    kind = MaskKind(kind)
    if kind is MaskKind.ID:
        return _keep(value, 3, 4)
    if kind is MaskKind.PHONE:
        return _keep(value, 3, 4)
    if kind is MaskKind.NAME:
        surname, _given = split_surname(normalize_name(value))
        return surname + "*"
    return _keep(value, 1, 1)
