"""Bad input, met by a French-speaking person alone: each file or address that cannot be used is named,
with what is wrong and what to do, in French; nothing that cannot be read starts a move, and a move
of nothing never "succeeds". A name that does not resolve, a malformed address and a server that is
down are told apart."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from degoogle.gui.wizard import MigrationWizard, PageId
from tests.gui_helpers import (
    NEXT,
    RUN_TIMEOUT,
    click,
    click_list_row,
    click_next,
    open_wizard,
    practice_context,
)
from tests.takeout_factory import truncate


@pytest.fixture
def practice(tmp_path: Path):
    ctx = practice_context(tmp_path, "fr")
    yield ctx
    ctx.practice.stop()


def q(name: str) -> str:
    """``name`` between French quotation marks, with their non-breaking spaces."""
    return f"«\u00a0{name}\u00a0»"


def _source_page(qtbot, practice, chosen: list[Path]) -> MigrationWizard:  # noqa: ANN001
    """The Source page with the practice archive replaced by ``chosen`` (through the file chooser)."""
    practice.ask_open_paths = lambda what: chosen
    wizard = open_wizard(qtbot, practice, "fr")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    source = wizard.pages[PageId.SOURCE]
    source.parts.selectAll()
    click(qtbot, source.remove_part)
    click(qtbot, source.choose_parts)
    return wizard


def test_a_file_that_is_not_an_archive_is_named_with_what_to_do(qtbot, practice, tmp_path: Path) -> None:
    pdf = tmp_path / "Relevé de compte.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    page = tmp_path / "takeout-20261203T101010Z-001.zip"  # the sign-in page a browser saved as the download
    page.write_text("<!DOCTYPE html><html><head><title>Google Accounts</title></head></html>", encoding="utf-8")
    missing = tmp_path / "takeout-20261203T101010Z-002.zip"
    wizard = _source_page(qtbot, practice, [pdf, page, missing])
    source = wizard.pages[PageId.SOURCE]
    shown = source.parts_problems.text()
    assert source.parts_problems.isVisible()
    assert q("Relevé de compte.pdf") in shown and "n'est pas une archive Google" in shown
    assert "Choisissez les fichiers nommés takeout-….zip" in shown
    assert q("takeout-20261203T101010Z-001.zip") in shown and "est une page web" in shown
    assert "Téléchargez de nouveau cette partie" in shown
    assert q("takeout-20261203T101010Z-002.zip") in shown and "Il n'y a rien à cet endroit" in shown
    assert "[usage]" not in shown
    assert not wizard.button(NEXT).isEnabled()  # nothing that cannot be read starts a move
    # the good archive chosen instead: the words go, the way on opens
    source.parts.selectAll()
    click(qtbot, source.remove_part)
    practice.ask_open_paths = lambda what: practice.practice.parts
    click(qtbot, source.choose_parts)
    assert not source.parts_problems.isVisible()
    assert wizard.button(NEXT).isEnabled()


def test_a_truncated_part_is_named_to_be_downloaded_again(qtbot, practice) -> None:
    last = practice.practice.parts[-1]
    truncate(last, 0.5)
    wizard = open_wizard(qtbot, practice, "fr")
    for _ in range(3):
        click_next(qtbot, wizard)
    target = wizard.pages[PageId.TARGET]
    click_list_row(qtbot, target.list, 0)
    click(qtbot, target.signin.browser)
    qtbot.waitUntil(lambda: wizard.button(NEXT).isEnabled(), timeout=20_000)
    click_next(qtbot, wizard)
    check = wizard.pages[PageId.CHECK]
    qtbot.waitUntil(lambda: wizard.state.planned is not None, timeout=RUN_TIMEOUT)
    assert "Téléchargez de nouveau ces parties de l'archive" in check.warnings.text()
    assert last.name in check.warnings.text()


def test_a_move_of_nothing_does_not_start(qtbot, practice, tmp_path: Path) -> None:
    empty = tmp_path / "Dossier vide"
    empty.mkdir()
    practice.ask_open_paths = lambda what: [empty]
    wizard = open_wizard(qtbot, practice, "fr")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    source = wizard.pages[PageId.SOURCE]
    click(qtbot, source.radios["folder"])
    click(qtbot, source.choose_folder)
    click_next(qtbot, wizard)
    target = wizard.pages[PageId.TARGET]
    click_list_row(qtbot, target.list, 0)
    click(qtbot, target.signin.browser)
    qtbot.waitUntil(lambda: wizard.button(NEXT).isEnabled(), timeout=20_000)
    click_next(qtbot, wizard)
    check = wizard.pages[PageId.CHECK]
    qtbot.waitUntil(lambda: wizard.state.planned is not None and not wizard.state.bridge.busy(), timeout=RUN_TIMEOUT)
    assert "Rien à transférer n'a été trouvé" in check.status.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_a_folder_that_is_not_there_is_named(qtbot, practice, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, practice, "fr")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    source = wizard.pages[PageId.SOURCE]
    click(qtbot, source.radios["folder"])
    qtbot.keyClicks(source.folder, str(tmp_path / "Mes documents"))
    source.folder.editingFinished.emit()  # as when the person leaves the field (Tab)
    assert q(str(tmp_path / "Mes documents")) in source.folder_problem.text()
    assert "Il n'y a rien à cet endroit" in source.folder_problem.text()
    assert not wizard.button(NEXT).isEnabled()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(("typed", "said"), [
    ("marie@exemple.org", "C'est une adresse de courriel, pas l'adresse du serveur"),
    ("cloud exemple.org", "Une adresse de serveur ne contient pas d'espace"),
    ("nuage.exemple-qui-nexiste-pas.invalid", "Aucun serveur ne porte ce nom"),
    ("127.0.0.1:{closed}", "Le serveur de votre hébergeur est injoignable"),
])
def test_a_wrong_address_says_what_is_wrong_with_it(qtbot, practice, typed: str, said: str) -> None:
    typed = typed.format(closed=_closed_port())
    wizard = open_wizard(qtbot, practice, "fr")
    for _ in range(3):
        click_next(qtbot, wizard)
    target = wizard.pages[PageId.TARGET]
    target.address.clear()
    qtbot.keyClicks(target.address, typed)
    click(qtbot, target.signin.browser)
    status = target.signin.status
    qtbot.waitUntil(lambda: said in status.text(), timeout=RUN_TIMEOUT)
    assert q(typed) in status.text()  # the address as typed, so a typo can be seen
    others = [w for w in ("courriel", "espace", "Aucun serveur", "injoignable") if w not in said]
    assert not [w for w in others if w in status.text()], status.text()
    assert not wizard.button(NEXT).isEnabled()


def test_a_refused_password_is_said_under_its_button(qtbot, practice) -> None:
    wizard = open_wizard(qtbot, practice, "fr")
    for _ in range(3):
        click_next(qtbot, wizard)
    target = wizard.pages[PageId.TARGET]
    click_list_row(qtbot, target.list, 0)
    signin = target.signin
    click(qtbot, signin.by_hand)
    qtbot.keyClicks(signin.login, "marie")
    qtbot.keyClicks(signin.password, "pas-le-bon")
    click(qtbot, signin.check)
    qtbot.waitUntil(lambda: signin.hand_problem.isVisible(), timeout=RUN_TIMEOUT)
    assert signin.hand_problem.text().startswith("<b>")  # what is wrong in bold, not small grey words
    assert not signin.status.isVisible() or not signin.status.text()
    # right under the button that was clicked
    check_bottom = signin.check.mapTo(signin, signin.check.rect().bottomLeft()).y()
    problem_top = signin.hand_problem.mapTo(signin, signin.hand_problem.rect().topLeft()).y()
    assert 0 <= problem_top - check_bottom < signin.check.height()
