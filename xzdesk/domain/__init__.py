"""Pure-Python core of xzdesk. Never imports Qt, the UI or the server (import-linter enforces it)."""
