"""What a French-speaking newcomer meets on their own: Qt's own dialogs in French and the file chooser
in the real download folder, the keep-awake box saying what it does, counts that agree with the bars,
a Done page saying where things landed with a button to open each place."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from degoogle.gui.wizard import PageId
from degoogle.samples import make_sample_takeout
from degoogle.sandbox import Sandbox
from tests.gui_helpers import (
    COMMIT,
    NEXT,
    RUN_TIMEOUT,
    click,
    click_next,
    open_wizard,
    person_context,
    practice_context,
    walk_to_target_signed_in,
)
from tests.takeout_factory import corrupt_member

NBSP = "\u00a0"


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
        assert part.name in [source.parts.item(i).text() for i in range(source.parts.count())]
        assert part in source.part_paths()
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


def test_a_held_move_counts_as_its_bars_and_the_awake_box_says_what_it_does(qtbot, tmp_path: Path) -> None:
    ctx = practice_context(tmp_path, "fr")  # on a desktop that cannot keep the computer awake
    try:
        wizard = open_wizard(qtbot, ctx, "fr")
        walk_to_target_signed_in(qtbot, wizard)
        click_next(qtbot, wizard)
        qtbot.waitUntil(wizard.pages[PageId.CHECK].isComplete, timeout=RUN_TIMEOUT)
        wizard.state.bridge.control.pause()  # held at its start: the run has not announced its figures
        click_next(qtbot, wizard, COMMIT)
        moving = wizard.pages[PageId.MOVING]
        qtbot.waitUntil(lambda: moving._state == "paused" and moving._snapshot is not None, timeout=RUN_TIMEOUT)
        qtbot.waitUntil(lambda: "Réglez-le" in moving.awake_status.text(), timeout=5000)
        total = sum(bar.maximum() for bar in moving.kind_bars.values())
        assert total > 0
        assert moving.counts.text() == f"Éléments{NBSP}: 0 sur {total}"
        # the desktop said no: the box is not left ticked under words saying the opposite
        assert not moving.awake.isChecked() and not moving.awake.isEnabled()
        click(qtbot, moving.pause)
        qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)
    finally:
        ctx.practice.stop()


def test_the_done_page_says_where_things_landed_and_opens_each_place(qtbot, tmp_path: Path) -> None:
    ctx = practice_context(tmp_path, "fr")
    opened: list[str] = []
    ctx.open_url = lambda url: opened.append(url) or True
    member = "Takeout/Drive/Recettes/Far breton.txt"
    part = next(p for p in ctx.practice.parts if member in zipfile.ZipFile(p).namelist())
    corrupt_member(part, member)  # one item needing attention, for the helper's list
    try:
        wizard = open_wizard(qtbot, ctx, "fr")
        walk_to_target_signed_in(qtbot, wizard)
        click_next(qtbot, wizard)
        qtbot.waitUntil(wizard.pages[PageId.CHECK].isComplete, timeout=RUN_TIMEOUT)
        click_next(qtbot, wizard, COMMIT)
        qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)
        done = wizard.pages[PageId.DONE]
        base = ctx.practice.sandbox.url
        assert done.landed_title.text() == "Où se trouvent maintenant vos données"
        lines = [w.text() for w in done.landed.lines]
        assert f"Fichiers{NBSP}: dans le dossier «{NBSP}Google Drive{NBSP}» de votre Nextcloud." in lines
        assert f"Agendas{NBSP}: Famille, dans l'Agenda de votre Nextcloud." in lines
        assert f"Contacts{NBSP}: Contacts, dans les Contacts de votre Nextcloud." in lines
        assert (f"Notes{NBSP}: dans le dossier «{NBSP}Notes{NBSP}» de votre Nextcloud, que l'application Notes lit."
                in lines)
        mail = next(line for line in lines if line.startswith("Courriels"))
        assert f"«{NBSP}Mail{NBSP}»" in mail and "Boîte de réception.mbox" in mail
        for button in done.landed.buttons:
            click(qtbot, button)
        assert opened == [f"{base}/index.php/apps/files/?dir=/Google%20Drive",
                          f"{base}/index.php/apps/calendar/", f"{base}/index.php/apps/contacts/",
                          f"{base}/index.php/apps/files/?dir=/Mail", f"{base}/index.php/apps/files/?dir=/Notes"]
        # the helper's bundle opens on a readable list of what needs attention, names masked
        click(qtbot, done.helper)
        qtbot.waitExposed(done.helper_dialog)
        click(qtbot, done.helper_dialog.save)
        bundle = next(tmp_path.glob("degoogle-diagnostic-*.zip"))
        with zipfile.ZipFile(bundle) as z:
            listed = z.read("attention.txt").decode("utf-8")
        assert "1 item(s) need attention" in listed
        assert "Ce fichier est abîmé à l'intérieur de l'archive." in listed
        assert "→ Téléchargez de nouveau la partie de l'archive" in listed
        assert "Far breton" not in listed and "<name>" in listed
    finally:
        ctx.practice.stop()


def test_the_mail_section_comes_into_view_and_says_what_is_missing(qtbot, tmp_path: Path) -> None:
    parts = make_sample_takeout(tmp_path / "takeout")
    with Sandbox(tmp_path / "server", user="marie") as sandbox:
        ctx = person_context(tmp_path, "fr")
        ctx.ask_open_paths = lambda what: parts
        wizard = open_wizard(qtbot, ctx, "fr")
        click_next(qtbot, wizard)
        click_next(qtbot, wizard)
        click(qtbot, wizard.pages[PageId.SOURCE].choose_parts)
        click_next(qtbot, wizard)
        target = wizard.pages[PageId.TARGET]
        qtbot.keyClicks(target.address, sandbox.url)
        click(qtbot, target.signin.browser)
        qtbot.waitUntil(lambda: target.signin.account is not None, timeout=20_000)
        # signed in: the mail section is in sight, and says why "Next" is still grey
        viewport = target.scroll_area.viewport()
        top = target.mailbox.mapTo(viewport, target.mailbox.rect().topLeft()).y()
        assert 0 <= top < viewport.height()
        assert not wizard.button(NEXT).isEnabled()
        missing = target.mail_missing
        assert missing.isVisible() and "le mot de passe de la messagerie" in missing.text()
        assert "le serveur de messagerie" not in missing.text()  # filled in from the sign-in
        assert target.mail_password.hasFocus()
        qtbot.keyClicks(target.mail_password, "secret")
        assert not missing.isVisible()
        assert wizard.button(NEXT).isEnabled()
        # the archive's words say the marks are not kept, not the messages
        click(qtbot, target.archive_radio)
        assert "seules les marques" in target.archive_hint.text()


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_the_target_page_shortcuts_are_not_shared(qtbot, tmp_path: Path, lang: str) -> None:
    """Alt+letter of a label or button: two of them on one page and Qt only moves the focus between
    them (the sign-in button did not start with Alt+N in French: "&Nextcloud" and "&navigateur")."""
    ctx = practice_context(tmp_path, lang)
    try:
        wizard = open_wizard(qtbot, ctx, lang)
        for _ in range(3):
            click_next(qtbot, wizard)
        target = wizard.pages[PageId.TARGET]
        words = [target.address_label.text(), target.search_label.text(), target.update_list.text(),
                 target.signin.browser.text()]
        keys = [w[w.index("&") + 1].lower() for w in words if "&" in w]
        assert len(keys) == len(set(keys)), words
    finally:
        ctx.practice.stop()
