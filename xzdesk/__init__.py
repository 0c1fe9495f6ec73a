"""xzdesk: the desktop workbench of the 徐州工会红娘 platform."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("xzdesk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
