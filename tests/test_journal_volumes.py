"""Journal format 4: volumes (files at the target gathering many items, like one mbox per mail folder)
and the staged state, which is neither pending nor done."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from degoogle.engine.journal import Journal, PlannedEntry
from degoogle.engine.migrations import MIGRATIONS
from degoogle.engine.report import build_report
from degoogle.engine.run import JournalVolumes
from degoogle.model import Kind, Outcome, SourceEntry, State


def _format_3_journal(path: Path) -> None:
    """A journal as degoogle wrote it in format 3, with one message pending and one file done."""
    db = sqlite3.connect(path)
    for step in range(3):
        db.executescript(f"BEGIN;\n{MIGRATIONS[step]};\nPRAGMA user_version = {step + 1};\nCOMMIT;")
    db.execute("INSERT INTO items (kind, source_key, source_path, target_path, size, state, outcome, updated_at) "
               "VALUES ('files', 'a.txt', 'a.txt', 'G/a.txt', 3, 'done', 'moved', 0)")
    db.execute("INSERT INTO items (kind, source_key, source_path, target_path, size, state, updated_at, attrs) "
               "VALUES ('mail', 'mail:1', '\\Inbox/Bonjour [1]', '\\Inbox/Bonjour [1]', 50, 'pending', 0, "
               "'{\"flags\":[]}')")
    db.commit()
    db.close()


def _message(n: int, folder: str = "\\Inbox") -> PlannedEntry:
    entry = SourceEntry(Kind.MAIL, f"mail:{n}", (folder, f"m{n}"), size=100)
    return PlannedEntry(entry, State.PENDING, f"{folder}/m{n}")


def test_a_format_3_journal_opens_migrated_to_4_and_its_items_can_be_staged(tmp_path: Path) -> None:
    _format_3_journal(tmp_path / "old.journal")
    with Journal.open(tmp_path / "old.journal") as j:
        assert j.schema_version == len(MIGRATIONS) == 4
        assert [(i.kind, i.state) for i in j.items()] == [(Kind.FILES, State.DONE), (Kind.MAIL, State.PENDING)]
        book = JournalVolumes(j, Kind.MAIL)
        volume = book.start("\\Inbox", "Mail/Inbox.mbox", "up-1")
        [message] = j.pending()
        book.stage(volume, message.id, 70, 70)
        assert j.pending() == []
        assert book.open_volume("\\Inbox") is not None and book.taken() == {"Mail/Inbox.mbox"}


def test_staged_items_are_still_to_do_until_their_volume_is_finished_in_one_go(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j") as j:
        j.add_planned([_message(n) for n in range(3)] + [_message(9, "Travail")], [])
        book = JournalVolumes(j, Kind.MAIL)
        inbox = book.start("\\Inbox", "Mail/Inbox.mbox", "up-1")
        with pytest.raises(sqlite3.IntegrityError):  # one open volume per folder
            book.start("\\Inbox", "Mail/Inbox (2).mbox", "up-2")
        first, second, third, _other = j.pending()
        book.stage(inbox, first.id, 120, 120)
        book.stage(inbox, second.id, 130, 250)
        book.chunk_sent(inbox, 1)
        book.stage(inbox, third.id, 110, 110)
        assert j.volume(inbox.id).bytes == 360 and j.volume(inbox.id).spool_bytes == 110
        assert j.volume(inbox.id).sent_bytes == 250
        mail = next(k for k in build_report(j, "en").kinds if k.kind == "mail")
        assert (mail.moved, mail.pending) == (0, 4)  # staged counts as still to do, never as moved

        assert book.finish(j.volume(inbox.id)) == 3
        done = list(j.items(states=[State.DONE]))
        assert {(i.target_path, i.outcome) for i in done} == {("Mail/Inbox.mbox", Outcome.MOVED)}
        assert book.done_size("Mail/Inbox.mbox") == 360 and book.open_volumes() == []
        assert book.open_volume("\\Inbox") is None  # a later message of the folder starts a new volume
        assert "Mail/Inbox.mbox" in book.taken()


def test_a_lost_volume_puts_its_items_back_to_pending_and_starts_again_empty(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j") as j:
        j.add_planned([_message(n) for n in range(2)], [])
        book = JournalVolumes(j, Kind.MAIL)
        volume = book.start("\\Inbox", "Mail/Inbox.mbox", "up-1")
        for item in j.pending():
            book.stage(volume, item.id, 100, 100)
        book.chunk_sent(volume, 1)
        assert book.restart(volume, "up-2") == 2
        again = j.volume(volume.id)
        assert (again.upload_id, again.chunks, again.bytes, again.spool_bytes, again.state) == ("up-2", 0, 0, 0, "open")
        assert [i.state for i in j.pending()] == [State.PENDING, State.PENDING]
