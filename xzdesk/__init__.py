"""xzdesk: the desktop workbench of the 徐州工会红娘 platform.

`xzdesk.__version__` is looked up on first use: reading the installed package's metadata imports
importlib.metadata and the email parser, a third of what `xzdesk --help` would otherwise load.
"""

from __future__ import annotations

import functools


@functools.cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("xzdesk")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'xzdesk' has no attribute {name!r}")
