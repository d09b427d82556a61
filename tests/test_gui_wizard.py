"""The wizard, walked as a person would (qtbot clicks and typing), offscreen, in practice mode: from
Welcome to Done with everything moved on the sandbox; a run paused and resumed from the Moving page,
the computer kept awake meanwhile; an unfinished move offered for resumption at start; the keyboard
alone; countries named in the wizard's language; what to do told in plain words when the computer
cannot be kept awake and when a file arrives damaged."""

from __future__ import annotations

import json
import mailbox
import re
import time
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QWizard

from degoogle.app.migration import Migration
from degoogle.app.moving import Move, Passwords, RunControl
from degoogle.cli import main as cli_main
from degoogle.engine.events import RunStateChanged
from degoogle.gui.wizard import PageId
from degoogle.model import Kind, State
from degoogle.samples import make_sample_takeout
from degoogle.sandbox import Sandbox
from degoogle.sandbox.calendar_limits import CalendarLimits as SandboxCalendarLimits
from degoogle.secrets import SecretStore
from degoogle.targets.nextcloud.calendar_limits import CALENDARS_WAIT
from degoogle.targets.nextcloud.dav import DavCollections
from tests.gui_helpers import (
    COMMIT,
    FINISH,
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

BACK = QWizard.WizardButton.BackButton


@pytest.fixture
def practice(tmp_path: Path):
    ctx = practice_context(tmp_path, "fr")
    yield ctx
    ctx.practice.stop()


def test_practice_from_welcome_to_done_moves_everything(qtbot, practice, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = open_wizard(qtbot, practice, "fr")
    assert wizard.currentId() == PageId.WELCOME
    assert "Bienvenue" in wizard.currentPage().title()
    walk_to_target_signed_in(qtbot, wizard)
    click_next(qtbot, wizard)

    check = wizard.pages[PageId.CHECK]
    qtbot.waitUntil(check.isComplete, timeout=RUN_TIMEOUT)
    assert "Rien n'a encore été transféré" in check.nothing_yet.text()
    click_next(qtbot, wizard, COMMIT)
    assert wizard.currentId() == PageId.MOVING
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)

    m = wizard.state.migration
    report = m.report("fr")
    sandbox = practice.practice.sandbox
    # every kind this version moves to this hoster is entirely there, and nothing is left to do
    for k in report.kinds:
        if Kind(k.kind) in m.movable():
            assert k.pending == 0 and k.failed == 0, k
            assert k.moved + k.already_there + k.kept_both == k.found - k.skipped - k.quarantined, k
    # the files are on the sandbox's disk, byte for byte as in the archive
    done_files = [i for kind in (Kind.FILES, Kind.NOTES) for i in m.journal.items(kind=kind, states=[State.DONE])]
    on_disk = [p for p in (sandbox.files_dir()).rglob("*") if p.is_file() and p.parts[-2] != "Mail"]
    assert len(on_disk) == len(done_files) == 43
    # the sample's Keep note is a note of Nextcloud Notes
    note = sandbox.files_dir() / "Notes" / "Liste de courses.md"
    assert note.read_text(encoding="utf-8") == "# Liste de courses\n\nbeurre salé, farine, cidre\n"
    # the practice hoster has no mailbox: the sample's mail is an archive, one mbox per folder
    assert Kind.MAIL in m.movable() and m.options.mail_to == "archive"
    boxes = {p.name: len(mailbox.mbox(p, create=False)) for p in (sandbox.files_dir() / "Mail").glob("*.mbox")}
    assert boxes == {"Boîte de réception.mbox": 2, "Messages envoyés.mbox": 1, "Chats.mbox": 1}
    recipe = sandbox.files_dir() / "Google Drive" / "Recettes" / "Far breton.txt"
    assert recipe.read_text(encoding="utf-8").startswith("Far breton")
    # the sample's two events and three contacts are in the sandbox's calendars and address books
    assert {Kind.CALENDAR, Kind.CONTACTS} <= m.movable()
    stored = [p for p in sandbox.groupware_dir().rglob("*") if p.is_file() and ".Radicale" not in str(p)]
    events = [p for p in stored if b"BEGIN:VEVENT" in p.read_bytes()]
    cards = [p for p in stored if b"BEGIN:VCARD" in p.read_bytes()]
    calendar = next(k for k in report.kinds if k.kind == "calendar")
    contacts = next(k for k in report.kinds if k.kind == "contacts")
    assert (calendar.moved, contacts.moved, len(events), len(cards)) == (2, 3, 2, 3)

    done = wizard.pages[PageId.DONE]
    rows = {done.table.item(r, 0).text(): [done.table.item(r, c).text() for c in range(1, 5)]
            for r in range(done.table.rowCount())}
    files = next(k for k in report.kinds if k.kind == "files")
    assert rows["Fichiers"] == [str(files.moved), "0", "0", str(files.skipped)]
    assert rows["Agendas"][0] == "2" and rows["Contacts"][0] == "3"
    assert rows["Courriels"][0] == "4"
    assert "Vos données ont été transférées" in done.headline.text()

    click(qtbot, done.save_report)
    saved = list(tmp_path.glob("*.html"))
    assert len(saved) == 1 and "rapport de migration" in saved[0].read_text(encoding="utf-8")

    click(qtbot, done.helper)
    dialog = done.helper_dialog
    qtbot.waitExposed(dialog)
    assert not dialog.names.isChecked()
    click(qtbot, dialog.save)
    bundle = next(tmp_path.glob("degoogle-diagnostic-*.zip"))
    with zipfile.ZipFile(bundle) as z:
        everything = "".join(z.read(n).decode("utf-8") for n in z.namelist())
        summary = json.loads(z.read("summary.json"))
    assert sandbox.password not in everything
    assert "Far breton" not in everything and "Recettes" not in everything
    assert summary["counts"]["files"]["moved"] == 42
    # support staff's `degoogle diagnose` makes the same bundle (but the Qt versions) from the journal
    monkeypatch.setenv("DEGOOGLE_TARGET_PASSWORD", sandbox.password)
    assert cli_main(["diagnose", "--journal", str(m.journal.path), "--out", str(tmp_path / "cli.zip"),
                     "--lang", "fr"]) == 0
    with zipfile.ZipFile(bundle) as gui, zipfile.ZipFile(tmp_path / "cli.zip") as cli:
        assert sorted(gui.namelist()) == sorted(cli.namelist())
        for name in ("summary.json", "attention.txt", "log.txt"):
            assert cli.read(name) == gui.read(name), name
    assert not wizard.button(FINISH).isHidden()
    click(qtbot, wizard.button(FINISH))


@pytest.fixture
def practice_kept_awake(tmp_path: Path):
    """Practice mode on a desktop that agrees to keep the computer awake."""
    ctx = practice_context(tmp_path, "fr", keeps_awake=True)
    yield ctx
    ctx.practice.stop()


def test_pause_and_resume_from_the_moving_page(qtbot, practice_kept_awake, tmp_path: Path) -> None:
    many = tmp_path / "Mes documents"
    # the server holds the first writes until the run is paused: what moves then is what the workers
    # had taken, at most four bulk batches of 100
    count = 500
    for n in range(count):
        (many / f"dossier {n % 10}").mkdir(parents=True, exist_ok=True)
        (many / f"dossier {n % 10}" / f"lettre {n}.txt").write_text(f"Lettre numéro {n}\n" * 40, encoding="utf-8")
    practice = practice_kept_awake
    desktop = practice.stay_awake
    wizard = open_wizard(qtbot, practice, "fr")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    source = wizard.pages[PageId.SOURCE]
    click(qtbot, source.radios["folder"])
    qtbot.keyClicks(source.folder, str(many))
    qtbot.waitUntil(lambda: wizard.button(NEXT).isEnabled())
    click_next(qtbot, wizard)
    target = wizard.pages[PageId.TARGET]
    from tests.gui_helpers import click_list_row

    click_list_row(qtbot, target.list, 0)
    click(qtbot, target.signin.browser)
    qtbot.waitUntil(lambda: wizard.button(NEXT).isEnabled(), timeout=20_000)
    click_next(qtbot, wizard)
    qtbot.waitUntil(wizard.pages[PageId.CHECK].isComplete, timeout=RUN_TIMEOUT)

    moving = wizard.pages[PageId.MOVING]
    bridge = wizard.state.bridge
    sandbox = practice.practice.sandbox
    files = sandbox.files_dir()

    def on_server() -> int:
        return sum(1 for p in files.rglob("*.txt"))

    holds = [sandbox.hold("PUT", r"^/remote\.php/dav/files/"), sandbox.hold("POST", r"^/remote\.php/dav/bulk")]
    click_next(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: any(h.waiting for h in holds), timeout=RUN_TIMEOUT)  # the first write is under way
    click(qtbot, moving.pause)
    qtbot.waitUntil(lambda: "Reprendre" in moving.pause.text(), timeout=5000)
    for held_back in holds:
        held_back.release()
    assert "pause" in moving.status.text().lower()
    qtbot.waitUntil(lambda: bridge.tally.in_flight == 0, timeout=RUN_TIMEOUT)  # the items under way finish
    held, done = on_server(), bridge.tally.snapshot().done_items
    assert 0 < held < count
    # the computer is kept awake while the move is on, paused or not; unticked, it may sleep again
    assert moving.awake.isChecked() and desktop.held == 1
    assert "ne se mettra pas en veille" in moving.awake_status.text()
    click(qtbot, moving.awake)
    qtbot.waitUntil(lambda: desktop.held == 0)
    assert "peut se mettre en veille" in moving.awake_status.text()
    click(qtbot, moving.awake)
    qtbot.waitUntil(lambda: desktop.held == 1)
    qtbot.waitUntil(lambda: "ne se mettra pas en veille" in moving.awake_status.text())
    # all the while paused: nothing started, nothing more reached the server
    assert (on_server(), bridge.tally.snapshot().done_items, bridge.tally.in_flight) == (held, done, 0)
    assert bridge.busy("moving.run")

    click(qtbot, moving.pause)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)
    assert on_server() == count
    report = wizard.state.migration.report("fr")
    assert next(k for k in report.kinds if k.kind == "files").moved == count
    assert desktop.held == 0  # the computer may sleep again once the move is over


def test_the_hoster_list_names_countries_in_the_wizard_language(qtbot, practice) -> None:
    wizard = open_wizard(qtbot, practice, "fr")
    for _ in range(3):
        click_next(qtbot, wizard)
    target = wizard.pages[PageId.TARGET]

    def lines() -> list[str]:
        return [target.list.item(r).text() for r in range(target.list.count())]

    assert any("(Liège, Belgique)" in line for line in lines()), lines()
    assert any("(Lyon, France)" in line for line in lines())
    assert not [line for line in lines() if re.search(r"\b(FR|BE)\)", line)]
    wizard.switch_language("nl")
    assert any("(Liège, België)" in line for line in lines())
    wizard.switch_language("en")
    assert any("(Liège, Belgium)" in line for line in lines())
    qtbot.keyClicks(target.search, "belgique")
    assert lines() and all("Belgium" in line for line in lines())


def test_the_words_of_a_choice_tick_it_as_the_box_does(qtbot, practice) -> None:
    wizard = open_wizard(qtbot, practice, "fr")
    for _ in range(2):
        click_next(qtbot, wizard)
    source = wizard.pages[PageId.SOURCE]
    folder = source.radios["folder"]
    qtbot.mouseClick(folder, Qt.MouseButton.LeftButton, pos=folder.words().geometry().center())
    assert folder.isChecked() and source.folder.isVisible()
    click(qtbot, source.radios["takeout"])
    click_next(qtbot, wizard)
    by_hand = wizard.pages[PageId.TARGET].signin.by_hand
    wizard.pages[PageId.TARGET].scroll_area.ensureWidgetVisible(by_hand)
    qtbot.mouseClick(by_hand, Qt.MouseButton.LeftButton, pos=by_hand.words().geometry().center())
    assert by_hand.isChecked() and wizard.pages[PageId.TARGET].signin.password.isVisible()


def test_the_person_is_told_what_to_do_when_the_computer_cannot_stay_awake_and_a_file_is_damaged(
        qtbot, practice) -> None:
    member = "Takeout/Drive/Recettes/Far breton.txt"
    part = next(p for p in practice.practice.parts if member in zipfile.ZipFile(p).namelist())
    corrupt_member(part, member)  # a bad download
    wizard = open_wizard(qtbot, practice, "fr")  # on a desktop that cannot keep the computer awake
    walk_to_target_signed_in(qtbot, wizard)
    click_next(qtbot, wizard)
    qtbot.waitUntil(wizard.pages[PageId.CHECK].isComplete, timeout=RUN_TIMEOUT)
    wizard.state.bridge.control.pause()  # hold the run at its start to read the Moving page
    click_next(qtbot, wizard, COMMIT)
    moving = wizard.pages[PageId.MOVING]
    qtbot.waitUntil(lambda: "Réglez-le" in moving.awake_status.text(), timeout=5000)
    assert "réglages d'énergie" in moving.awake_status.text() and moving.awake_status.isVisible()
    # who is not answering, when the run waits out an outage: the account the data comes from, or the hoster
    wizard.state.bridge.runState.emit("waiting", "source_unreachable", "")
    assert moving.status.text().startswith("Le compte d'où viennent vos données ne répond pas")
    wizard.state.bridge.runState.emit("waiting", "unreachable", "")
    assert moving.status.text().startswith("Votre hébergeur ne répond pas")
    # waiting for the hoster to allow more calendars: until when, in the person's own clock
    until = time.time() + 3600
    wizard.state.bridge.sink(RunStateChanged("waiting", CALENDARS_WAIT, "", until=until))
    at = QLocale().toString(QDateTime.fromSecsSinceEpoch(round(until)).time(), QLocale.FormatType.ShortFormat)
    assert moving.status.text() == ("Votre hébergeur n'autorise que quelques nouveaux agendas par heure. Le "
                                    f"transfert attend et reprend tout seul à {at}.")
    wizard.state.bridge.runState.emit("running", "", "")  # back to what the run says: held at its start
    assert moving.pause.text() == "&Reprendre"
    click(qtbot, moving.pause)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)

    done = wizard.pages[PageId.DONE]
    assert "1 élément demande votre attention" in done.headline.text()
    assert done.attention.isVisible()
    shown = done.attention.text()
    assert "Far breton.txt" in shown
    assert "Ce fichier est abîmé à l'intérieur de l'archive." in shown
    assert "Que faire\u00a0: Téléchargez de nouveau la partie de l'archive" in shown
    steps = done.next_steps.text()
    assert steps.startswith("1. Cliquez sur «\u00a0Ouvrir mon Nextcloud\u00a0»")
    assert "Ce qui demande votre attention" in steps and "relancez l'assistant" in steps


def test_an_unfinished_move_is_offered_first_and_resumes(qtbot, tmp_path: Path) -> None:
    parts = make_sample_takeout(tmp_path / "takeout")
    with Sandbox(tmp_path / "server", user="marie") as sandbox:
        ctx = person_context(tmp_path, "fr")
        journal = ctx.data_dir / "migrations" / "20261120-101010.journal"
        journal.parent.mkdir(parents=True)
        target = "nextcloud:" + sandbox.url.replace("://", "://marie@", 1)
        with Migration.create(journal, "takeout:" + ",".join(map(str, parts)), target) as m:
            m.plan()
            control = RunControl()
            control.cancel()  # the computer was switched off before anything moved
            assert Move(m, Passwords(sandbox.password)).run(control=control).result.state == "cancelled"

        wizard = open_wizard(qtbot, ctx, "fr")
        assert wizard.currentId() == PageId.RESUME
        page = wizard.currentPage()
        assert "pas terminé" in page.title()
        assert re.search("déjà arrivés\u00a0: 0 sur \\d+", page.text.text())
        assert not wizard.button(NEXT).isEnabled()  # no app password kept: sign in first
        click(qtbot, page.signin.browser)
        qtbot.waitUntil(lambda: wizard.button(NEXT).isEnabled(), timeout=20_000)
        assert SecretStore().get("marie@" + sandbox.url.split("://")[1]) is not None
        click_next(qtbot, wizard)
        assert wizard.currentId() == PageId.MOVING
        qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)
        files = [p for p in sandbox.files_dir().rglob("*") if p.is_file()]
        assert len(files) == 43  # 42 files and the Keep note
        wizard.close()


def test_the_first_pages_work_with_the_keyboard_alone(qtbot, practice) -> None:
    wizard = open_wizard(qtbot, practice, "fr")
    wizard.button(NEXT).setFocus()
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.WHAT)
    what = wizard.currentPage()
    files = what.boxes[Kind.FILES]
    files.setFocus()
    qtbot.keyClick(files, Qt.Key.Key_Space)
    assert not files.isChecked()
    qtbot.keyClick(files, Qt.Key.Key_Space)
    assert files.isChecked()
    # Tab reaches every control of the page and the wizard's buttons
    reached = set()
    for _ in range(20):
        reached.add(wizard.focusWidget())
        qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)
    wanted = {b for b in what.boxes.values() if b.isEnabled()} | {wizard.button(NEXT), wizard.button(BACK)}
    assert wanted <= reached
    # Return anywhere on the page goes on, as the Next button is the default one
    files.setFocus()
    qtbot.keyClick(files, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.SOURCE)


def test_calendars_the_hoster_cannot_hold_are_announced_and_the_person_chooses_to_leave_them_out(
        qtbot, practice) -> None:
    sandbox = practice.practice.sandbox
    sandbox.set_calendar_limits(SandboxCalendarLimits(per_period=100, period=3600, maximum=30))
    dav = DavCollections(sandbox.url, sandbox.user, sandbox.password)
    for n in range(30):  # the account already holds as many calendars as Nextcloud allows by default
        dav.ensure_calendar(f"Agenda {n}")
    wizard = open_wizard(qtbot, practice, "fr")
    walk_to_target_signed_in(qtbot, wizard)
    click_next(qtbot, wizard)
    check = wizard.pages[PageId.CHECK]
    qtbot.waitUntil(check.isComplete, timeout=RUN_TIMEOUT)
    assert check.leave_out.isVisible() and not check.leave_out.isChecked()
    assert "iront dans des agendas que vous avez déjà" in check.warnings.text()
    click(qtbot, check.leave_out)
    assert wizard.state.migration.options.over_limit == "leave_out"
    assert Migration.open(wizard.state.migration.journal.path).options.over_limit == "leave_out"  # kept
    assert "ne seront pas transférés" in check.warnings.text()
    click_next(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=RUN_TIMEOUT)
    report = wizard.state.migration.report("fr")
    calendars = next(k for k in report.kinds if k.kind == "calendar")
    assert calendars.skipped == calendars.found and report.skipped["calendar"] == {
        "calendar_limit_left_out": calendars.found}
