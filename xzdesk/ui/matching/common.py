"""Small helpers shared by the 配对 panels."""

from __future__ import annotations

from collections.abc import Callable

from xzdesk.ui.matching import labels as mlabels

# Per-step progress texts for ops.run's dialog.
PROGRESS_LABELS: Callable[[str], str] | None = mlabels.progress_text
