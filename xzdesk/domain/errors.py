"""Domain errors: a stable code plus parameters; the UI turns codes into translated sentences.

Codes are dotted (`members.duplicate_id`). Parameters hold only what a message needs and never
unmasked personal data, so an error can be logged and shown safely.
"""

from __future__ import annotations

from typing import Any


class XzError(Exception):
    """Base of every expected failure. `code` is stable; `params` fill the translated message."""

    default_code = "error"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        self.code = code or self.default_code
        self.params = params
        super().__init__(self.code, params)

    def __str__(self) -> str:
        if not self.params:
            return self.code
        inner = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        return f"{self.code}({inner})"


class ValidationError(XzError):
    """One or more fields are wrong: `problems` lists each FieldProblem; `for_field(name)` picks one field's."""

    default_code = "validation.failed"

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.default_code, fields=sorted({p.field for p in problems}))

    def for_field(self, name: str) -> list[FieldProblem]:
        return [p for p in self.problems if p.field == name]


class FieldProblem(XzError):
    """A single problem with a single field (also usable alone as an error)."""

    def __init__(self, field: str, code: str, /, *, warning: bool = False, **params: Any) -> None:
        self.field = field
        self.warning = warning
        super().__init__(code, **params)


class NotFound(XzError):
    default_code = "not_found"


class Conflict(XzError):
    default_code = "conflict"


class PermissionDenied(XzError):
    default_code = "auth.permission_denied"


class Cancelled(XzError):
    """Raised by long work when its CancelToken was set; the transaction is rolled back."""

    default_code = "cancelled"
