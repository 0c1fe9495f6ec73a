"""Where things live on disk: shipped resources and the user's data directory.

`XZDESK_HOME` moves all user data (databases, backups, logs, settings); the default is the
platformdirs user data directory. Resources ship beside the package in a source tree or an
editable install, and inside the bundle when frozen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "xzdesk"


def resources_dir() -> Path:
    """The shipped `resources/` folder (fonts, translations, icons)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("xzdesk resources folder not found")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_home() -> Path:
    """All user data lives under this directory (created on first use)."""
    env = os.environ.get("XZDESK_HOME")
    home = Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return home
