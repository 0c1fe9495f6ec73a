"""Small helpers shared by the 配对 panels."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from xzdesk.domain.introductions.dto import IntroductionSideRow
from xzdesk.ui.matching import labels as mlabels

# Per-step progress texts for ops.run's dialog.
PROGRESS_LABELS: Callable[[str], str] | None = mlabels.progress_text


def side_cell(sides: Mapping[str, IntroductionSideRow], member_id: str, text: Callable[[IntroductionSideRow], str]) -> str:
    """A table cell from a member's masked side row ("" when the member is not there)."""
    side = sides.get(member_id)
    return text(side) if side else ""
