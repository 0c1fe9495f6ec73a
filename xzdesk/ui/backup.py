"""File → 备份数据库… / 从备份恢复…: the local database's backup and restore.

Backup writes an encrypted copy off the UI thread (progress and Cancel) to a file named by date
and says where it went. Restore checks the chosen file first, shows what it holds, keeps the
current database as a safety copy, swaps, and restarts the window on the restored data (everyone
signs in again). Both are audited by the domain (`xzdesk.domain.backup`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from xzdesk.domain import backup as store_backup
from xzdesk.domain.backup import BackupInfo, RestoreInfo
from xzdesk.domain.changes import Area, Changes
from xzdesk.ui import labels
from xzdesk.ui.messages import show_error
from xzdesk.ui.saved import announce_saved

if TYPE_CHECKING:
    from xzdesk.ui.main_window import MainWindow




def _ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Backup", "Back up the database"), str(suggested),
        QCoreApplication.translate("Backup", "xzdesk backups (*.xzbak)"),
    )  # fmt: skip
    return Path(path) if path else None


def _ask_open_path(parent: QWidget, folder: Path) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("Backup", "Restore from a backup"), str(folder),
        QCoreApplication.translate("Backup", "xzdesk backups (*.xzbak);;All files (*)"),
    )  # fmt: skip
    return Path(path) if path else None


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)  # fmt: skip
    return answer == QMessageBox.StandardButton.Yes


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


class BackupActions(QObject):
    """The two File-menu actions and what they do, for the main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.backup_action = QAction(self.tr("Back up the database…"), window)
        self.backup_action.setObjectName("backup")
        self.backup_action.triggered.connect(self.back_up)
        self.restore_action = QAction(self.tr("Restore from backup…"), window)
        self.restore_action.setObjectName("restore")
        self.restore_action.triggered.connect(self.restore)
        self.refresh()

    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action]

    def refresh(self) -> None:
        actor = self.window.ctx.actor
        self.backup_action.setEnabled(store_backup.may_back_up(actor))
        self.restore_action.setEnabled(store_backup.may_restore(actor))
        self.restore_action.setToolTip("" if store_backup.may_restore(actor) else self.tr(
            "Only the local administrator restores a backup."))  # fmt: skip

    def summary(self, info: BackupInfo) -> str:
        made = labels.local_time(info.made_at, empty=self.tr("unknown"))
        return self.tr(
            "Made {made}. Holds {members} case files, {events} events, {introductions} introductions and "
            "{accounts} accounts ({size} MB)."
        ).format(made=made, members=info.counts.get("members", 0), events=info.counts.get("events", 0),
                 introductions=info.counts.get("introductions", 0), accounts=info.counts.get("accounts", 0),
                 size=f"{info.size_bytes / 1_000_000:.1f}")  # fmt: skip

    # --- backup ---------------------------------------------------------------------------------
    def back_up(self) -> None:
        path = _ask_save_path(self.window, default_folder() / store_backup.backup_name())
        if path is None:
            return
        if path.suffix != store_backup.SUFFIX:
            path = path.with_name(path.name + store_backup.SUFFIX)
        self.window.ops.run(
            lambda c, progress, cancel: store_backup.make_backup(c.store, path, actor=c.actor, progress=progress,
                                                                 cancel=cancel),
            on_done=self._on_backed_up, on_error=lambda e: show_error(self.window, e),
            title=self.tr("Backing up the database"), parent=self.window, mode="bare", changes=Changes.of(Area.AUDIT),
        )  # fmt: skip

    def _on_backed_up(self, info: BackupInfo) -> None:
        announce_saved(self.window, info.path, title=self.tr("Backup"), summary=self.summary(info) + "\n" + self.tr(
            "The backup is encrypted with this computer's database key: it can be restored on this computer, "
            "or on one that opens this database with the same passphrase. Keep it somewhere safe, such as "
            "a USB drive kept locked away."))  # fmt: skip

    # --- restore --------------------------------------------------------------------------------
    def restore(self) -> None:
        ctx = self.window.ctx
        if ctx.sync_engine().enrolled():
            QMessageBox.information(self.window, self.tr("Restore from backup"), self.tr(
                "This computer syncs with the union server, which holds its data. A backup cannot be restored "
                "here: it would turn back the sync. To recover a lost or broken computer, set xzdesk up again "
                "and connect it under 同步; the server sends the data back."))  # fmt: skip
            return
        path = _ask_open_path(self.window, default_folder())
        if path is None:
            return
        self.window.ops.run(lambda _s, _p, _c: store_backup.inspect_for(ctx.store, path),
                            on_done=self._confirm_restore, on_error=lambda e: show_error(self.window, e),
                            title=self.tr("Checking the backup"), parent=self.window, mode="read")  # fmt: skip

    def _confirm_restore(self, info: BackupInfo) -> None:
        text = self.tr("Restore this backup?\n\n{summary}").format(summary=self.summary(info))
        if info.needs_upgrade:
            text += "\n" + self.tr("It was made by an older version of xzdesk and will be brought up to date.")
        text += "\n\n" + self.tr(
            "Everything done on this computer since then is replaced. The current database is kept as a safety "
            "copy in the backups folder of the data folder. Members erased since the backup stay erased. "
            "xzdesk then opens again on the restored data and everyone signs in again.")  # fmt: skip
        if not _confirm(self.window, self.tr("Restore from backup"), text):
            return
        window = self.window
        window.sync.stop()
        window.ops.wait_idle()
        window.drop_pages()
        window.ops.run(
            lambda c, progress, cancel: store_backup.restore_backup(c.store, info.path, actor=c.actor,
                                                                    progress=progress, cancel=cancel),
            on_done=self._on_restored, on_error=self._on_restore_failed,
            title=self.tr("Restoring the backup"), parent=window, mode="bare",
        )  # fmt: skip

    def _on_restored(self, info: RestoreInfo) -> None:
        text = self.tr("The backup was restored. The database as it was before is kept at:\n{path}").format(
            path=str(info.safety_copy))
        if info.erased_again:
            text += "\n" + self.tr("{n} members erased after the backup was made were erased again.").format(
                n=info.erased_again)
        text += "\n\n" + self.tr("xzdesk now opens again on the restored data.")
        QMessageBox.information(self.window, self.tr("Restore from backup"), text)
        self.window.restart_requested = True
        self.window.close()

    def _on_restore_failed(self, exc: BaseException) -> None:
        show_error(self.window, exc)
        self.window.reset_for_actor()
        self.window.sync.start()
