"""End-to-end fixtures: the laptop factory of the server tests (real SQLCipher laptops)."""

from __future__ import annotations

from tests.server.conftest import _template, laptops  # noqa: F401  (fixtures)
