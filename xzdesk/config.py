"""Typed settings with their defaults in one place, stored as JSON under XZDESK_HOME.

User preferences only: window geometry and splitter state are kept by the UI in window.ini beside
settings.json (xzdesk/ui/geometry.py).
The file carries a version so later releases can migrate it.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xzdesk.paths import data_home

log = logging.getLogger(__name__)
SETTINGS_VERSION = 1
# The screen locks after this many minutes without keyboard or mouse use (settings
# `idle_lock_minutes`): one of these; 0 (never) only on the demo database.
IDLE_LOCK_CHOICES = (1, 2, 5, 10, 15, 30, 60)
IDLE_LOCK_DEFAULT = 10


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    language: str = "zh_CN"  # "zh_CN" | "en"
    last_username: str | None = None  # pre-filled at sign-in (never a password)
    idle_lock_minutes: int = IDLE_LOCK_DEFAULT
    server_url: str | None = None
    sync_interval_s: int = 300
    offline_window_days: int = 30
    bulk_export_threshold: int = 200  # rows above which an export needs a typed reason
    badge_calibration: dict[str, dict[str, float]] = field(default_factory=dict)  # printer -> {"x": mm, "y": mm}
    import_mappings: dict[str, dict[str, str]] = field(default_factory=dict)  # source key -> column mapping
    match_weights: dict[str, float] = field(default_factory=dict)

    def idle_lock_after(self, *, demo: bool) -> int | None:
        """Minutes without use before the screen locks, None for never (allowed on the demo only);
        a value this version does not offer (a hand-edited file) gives the default."""
        minutes = self.idle_lock_minutes
        if minutes == 0 and demo:
            return None
        return minutes if minutes in IDLE_LOCK_CHOICES else IDLE_LOCK_DEFAULT

    @classmethod
    def path(cls, home: Path | None = None) -> Path:
        return (home or data_home()) / "settings.json"

    @classmethod
    def load(cls, home: Path | None = None) -> Settings:
        path = cls.path(home)
        if not path.exists():
            return cls()
        try:
            raw: dict[str, Any] = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            log.warning("settings file unreadable; using defaults")
            return cls()
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self, home: Path | None = None) -> None:
        path = self.path(home)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(dataclasses.asdict(self), ensure_ascii=False, indent=1), "utf-8")
        tmp.replace(path)
