"""What a French-speaking newcomer meets on their own: Qt's own dialogs in French and the file chooser
in the real download folder, the keep-awake box saying what it does, counts that agree with the bars,
a Done page saying where things landed with a button to open each place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from degoogle.gui.wizard import PageId
from tests.gui_helpers import click, click_next, open_wizard, practice_context


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A French desktop: the XDG user folders say downloads go to ~/Téléchargements."""
    folder = tmp_path / "home" / "Téléchargements"
    folder.mkdir(parents=True)
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(f'XDG_DOWNLOAD_DIR="{folder}"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return folder


def test_the_file_chooser_opens_in_the_download_folder_and_speaks_french(qtbot, tmp_path: Path,
                                                                         downloads: Path) -> None:
    ctx = practice_context(tmp_path, "fr")
    try:
        ctx.ask_open_paths = None  # the real file chooser
        wizard = open_wizard(qtbot, ctx, "fr")
        click_next(qtbot, wizard)
        click_next(qtbot, wizard)
        source = wizard.pages[PageId.SOURCE]
        click(qtbot, source.choose_parts)
        dialog = source.file_dialog
        qtbot.waitUntil(dialog.isVisible)
        assert Path(dialog.directory().absolutePath()) == downloads
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons.button(QDialogButtonBox.StandardButton.Open).text().replace("&", "") == "Ouvrir"
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Annuler"
        # a part chosen there is listed
        part = downloads / "takeout-20261203T101010Z-001.zip"
        part.write_bytes(b"PK")
        dialog.selectFile(str(part))
        dialog.accept()
        assert str(part) in [source.parts.item(i).text() for i in range(source.parts.count())]
        assert dialog.fileMode() == QFileDialog.FileMode.ExistingFiles
    finally:
        ctx.practice.stop()


def test_qt_message_boxes_follow_the_chosen_language(qtbot, tmp_path: Path) -> None:
    ctx = practice_context(tmp_path, "fr")
    try:
        wizard = open_wizard(qtbot, ctx, "fr")
        box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes
                          | QMessageBox.StandardButton.No, wizard)
        assert box.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Oui"
        wizard.switch_language("nl")
        box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes, wizard)
        assert box.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Ja"
        assert QApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
    finally:
        ctx.practice.stop()
