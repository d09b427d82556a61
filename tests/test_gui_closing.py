"""Closing the wizard from inside (the Close button and Escape, on every page; asking first while a
move runs; "pause and close" closes), and the same move run twice in the wizard changing nothing at
the hoster: the second run continues the first one's journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from degoogle.gui.wizard import MigrationWizard, PageId
from tests.gui_helpers import (
    COMMIT,
    RUN_TIMEOUT,
    click,
    click_next,
    open_wizard,
    practice_context,
    walk_to_target_signed_in,
)

CLOSE = QWizard.WizardButton.CancelButton


@pytest.fixture
def practice(tmp_path: Path):
    ctx = practice_context(tmp_path, "fr")
    yield ctx
    ctx.practice.stop()


def _walk_to(qtbot, wizard: MigrationWizard, page: PageId) -> None:  # noqa: ANN001
    if page == PageId.WELCOME:
        return
    if page in (PageId.WHAT, PageId.SOURCE):
        for _ in range(page - PageId.WELCOME):
            click_next(qtbot, wizard)
        return
    walk_to_target_signed_in(qtbot, wizard)
    if page == PageId.CHECK:
        click_next(qtbot, wizard)
        qtbot.waitUntil(wizard.pages[PageId.CHECK].isComplete, timeout=RUN_TIMEOUT)


def _close_with(qtbot, wizard: MigrationWizard, how: str) -> None:  # noqa: ANN001
    if how == "escape":
        qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Escape)
    else:
        click(qtbot, wizard.button(CLOSE))


@pytest.mark.parametrize("how", ["escape", "button"])
def test_close_and_escape_close_the_wizard_from_every_page(qtbot, practice, how: str) -> None:
    for page in (PageId.WELCOME, PageId.WHAT, PageId.SOURCE, PageId.TARGET, PageId.CHECK):
        wizard = open_wizard(qtbot, practice, "fr")
        assert wizard.currentId() == PageId.WELCOME
        _walk_to(qtbot, wizard, page)
        assert wizard.currentId() == page
        _close_with(qtbot, wizard, how)
        qtbot.waitUntil(lambda w=wizard: not w.isVisible(), timeout=5000)
    # the Check page left a planned journal: the next start offers to resume it, and closes from there too
    wizard = open_wizard(qtbot, practice, "fr")
    assert wizard.currentId() == PageId.RESUME
    _close_with(qtbot, wizard, how)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)


def _held_on_moving(qtbot, practice) -> MigrationWizard:  # noqa: ANN001
    wizard = open_wizard(qtbot, practice, "fr")
    _walk_to(qtbot, wizard, PageId.CHECK)
    wizard.state.bridge.control.pause()  # hold the run at its start, as the Pause button does
    click_next(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.pages[PageId.MOVING]._state == "paused", timeout=RUN_TIMEOUT)
    return wizard


@pytest.mark.parametrize("how", ["escape", "button"])
def test_closing_during_a_move_asks_first_and_pause_and_close_closes(qtbot, practice, how: str) -> None:
    wizard = _held_on_moving(qtbot, practice)
    assert wizard.moving.running()
    _close_with(qtbot, wizard, how)
    qtbot.waitUntil(lambda: getattr(wizard, "close_box", None) is not None and wizard.close_box.isVisible())
    assert wizard.isVisible()  # asked, not closed
    assert "toujours en cours" in wizard.close_box.windowTitle()
    click(qtbot, wizard.stay)
    assert wizard.isVisible() and wizard.moving.running()
    wizard.close()  # the title bar's cross asks the same question
    qtbot.waitUntil(lambda: wizard.close_box.isVisible())
    click(qtbot, wizard.pause_close)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=RUN_TIMEOUT)
    assert not wizard.moving.running()
    # paused safely: the next start offers to go on where it stopped
    again = open_wizard(qtbot, practice, "fr")
    assert again.currentId() == PageId.RESUME


def test_the_done_page_closes(qtbot, practice) -> None:
    wizard = open_wizard(qtbot, practice, "fr")
    _walk_to(qtbot, wizard, PageId.CHECK)
    click_next(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)


def _move_everything(qtbot, practice) -> MigrationWizard:  # noqa: ANN001
    wizard = open_wizard(qtbot, practice, "fr")
    _walk_to(qtbot, wizard, PageId.CHECK)
    click_next(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)
    return wizard


def test_the_same_move_twice_changes_nothing_at_the_hoster(qtbot, practice) -> None:
    sandbox = practice.practice.sandbox

    def at_server() -> list[Path]:
        return sorted(p for root in (sandbox.files_dir(), sandbox.groupware_dir()) for p in root.rglob("*")
                      if ".Radicale" not in str(p))

    first = _move_everything(qtbot, practice)
    journal = first.state.migration.journal.path
    click(qtbot, first.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=5000)
    before = at_server()
    contents = {p: p.read_bytes() for p in before if p.is_file()}
    assert before

    second = _move_everything(qtbot, practice)
    assert second.state.migration.journal.path == journal  # the earlier move, continued
    done = second.pages[PageId.DONE]
    headers = [done.table.horizontalHeaderItem(c).text() for c in range(done.table.columnCount())]
    assert headers[1:3] == ["Transférés", "Déjà là"]
    rows = {done.table.item(r, 0).text(): [done.table.item(r, c).text() for c in range(1, 5)]
            for r in range(done.table.rowCount())}
    for kind in ("Fichiers", "Agendas", "Contacts", "Courriels"):
        moved, there, attention, _not_moved = rows[kind]
        assert moved == "0" and int(there) > 0 and attention == "0", (kind, rows[kind])
    after = at_server()
    # the sample holds two files whose names clash: the first run kept both, "… (2).txt"; nothing else
    assert [p.name for p in before if "(2)" in p.name] == ["Résumé réunion du club (2).txt"]
    assert after == before
    assert {p: p.read_bytes() for p in after if p.is_file()} == contents
