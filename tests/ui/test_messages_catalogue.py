"""The GUI's error words: every code the domain, sync and server can raise has a sentence, and
the error box's Details give context a helper can use (when, version, kind, fields, a reference
into the log) instead of the raw code and parameters."""

from __future__ import annotations

import importlib
import logging
import logging.handlers
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.cli.codes import ROOT, error_codes
from xzdesk.domain.errors import FieldProblem, PermissionDenied, ValidationError, XzError
from xzdesk.sync.client import SyncError
from xzdesk.ui import messages
from xzdesk.ui.app import install_translators

# Codes raised only by the command line (xzdesk/commands/) never reach a window.
GUI_CODES = error_codes(skip=("ui/", "commands/", "server/h5/"))  # the member web app phrases its own


def _all_providers() -> dict[str, str]:
    for path in sorted((ROOT / "ui").rglob("messages.py")):
        importlib.import_module(".".join(path.relative_to(ROOT.parent).with_suffix("").parts))
    table: dict[str, str] = {}
    for provider in messages._providers:
        table.update(provider())
    return table


def test_every_code_raised_outside_the_command_line_has_a_gui_sentence(qapp):
    table = _all_providers()
    missing = sorted(c for c in GUI_CODES if c not in table)
    assert not missing, f"no GUI message for: {missing}"
    assert len(GUI_CODES) > 250


@pytest.fixture
def chinese(qapp):
    installed = install_translators(qapp, "zh_CN")
    yield installed
    install_translators(qapp, "en")


@pytest.fixture
def boxes(monkeypatch):
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def log_file(tmp_path):
    path = tmp_path / "gui.log"
    handler = logging.handlers.RotatingFileHandler(path, encoding="utf-8")  # as app.setup_logging installs
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield path
    root.removeHandler(handler)
    handler.close()
    root.setLevel(old_level)


def _reference(details: str) -> str:
    line = next(line for line in details.splitlines() if line.startswith(("参考号", "Reference")))
    return line.split("：")[-1].split(": ")[-1].strip()


def test_details_show_context_not_the_code_or_params(qapp, chinese, boxes, log_file):
    _all_providers()
    exc = XzError("members.duplicate", member_no="XZ1A2B3C4D", name="张*", id_number="320***********001X",
                  mobile="138****5678", district="320302", owner="王*")  # fmt: skip
    messages.show_error(None, exc)
    box = boxes[-1]
    assert "鼓楼区" in box.text() and "320302" not in box.text()  # the district by name
    details = box.detailedText()
    assert "members.duplicate" not in details and "district=" not in details and "XZ1A2B3C4D" not in details
    assert "时间：" in details and "版本：xzdesk" in details and "类别：" in details
    reference = _reference(details)
    assert len(reference) == 6 and str(log_file) in details
    logged = Path(log_file).read_text("utf-8")
    assert reference in logged and "members.duplicate" in logged  # the technical record, found by reference


def test_details_name_the_fields_to_correct(qapp, chinese, boxes):
    _all_providers()
    messages.show_error(None, ValidationError([FieldProblem("id_number", "identity.id_checksum", expected="X"),
                                               FieldProblem("mobile", "identity.mobile_format")]))  # fmt: skip
    details = boxes[-1].detailedText()
    assert "涉及字段：身份证号、手机" in details and "输入有误" in details
    assert "identity." not in details and "id_number" not in details


def test_details_say_what_kind_of_failure(qapp, boxes):
    _all_providers()
    messages.show_error(None, PermissionDenied(permission="staff.manage", role="matchmaker"))
    assert "not allowed for this account" in boxes[-1].detailedText()
    messages.show_error(None, SyncError("server.busy", status=503))
    assert "HTTP 503" in boxes[-1].detailedText() and "server.busy" not in boxes[-1].detailedText()


def test_an_unexpected_error_keeps_its_traceback_in_the_log(qapp, boxes, log_file):
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        messages.show_error(None, exc)
    box = boxes[-1]
    assert box.icon() == QMessageBox.Icon.Critical and "RuntimeError" in box.detailedText()
    logged = Path(log_file).read_text("utf-8")
    assert _reference(box.detailedText()) in logged and "Traceback" in logged


def test_a_code_without_a_sentence_never_shows_the_code(qapp, caplog):
    _all_providers()
    text = messages.describe(XzError("nowhere.new_code", x=1))
    assert text == "Something went wrong." and "nowhere" not in text
    assert "nowhere.new_code" in caplog.text
