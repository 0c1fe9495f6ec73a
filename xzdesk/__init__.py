"""xzdesk: the desktop workbench of the 徐州工会红娘 platform.

The version is written here once and read by the build (pyproject.toml's dynamic version), so
asking for it costs nothing: looking it up in the installed package's metadata imported
importlib.metadata and the email parser on every start of the window and the CLI.
"""

__version__ = "0.1.0"
