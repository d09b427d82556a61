"""The journal: format, migrations, persistence across a killed process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from degoogle.engine.journal import SCHEMA_VERSION, Journal, PlannedEntry
from degoogle.errors import UserError
from degoogle.model import Kind, Outcome, SourceEntry, State, WriteResult


def entry(key: str, size: int = 10) -> SourceEntry:
    return SourceEntry(Kind.FILES, key, tuple(key.split("/")), size=size, mtime=1.0, fingerprint=f"{size}")


def test_new_journal_has_current_schema_and_wal(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j.db") as j:
        assert j.schema_version == SCHEMA_VERSION
    db = sqlite3.connect(tmp_path / "j.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_create_refuses_existing_and_open_refuses_missing(tmp_path: Path) -> None:
    Journal.create(tmp_path / "j.db").close()
    with pytest.raises(UserError):
        Journal.create(tmp_path / "j.db")
    with pytest.raises(UserError):
        Journal.open(tmp_path / "nope.db")


def test_open_refuses_a_journal_from_a_newer_version(tmp_path: Path) -> None:
    Journal.create(tmp_path / "j.db").close()
    db = sqlite3.connect(tmp_path / "j.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(UserError, match="newer degoogle"):
        Journal.open(tmp_path / "j.db")


def test_open_refuses_a_file_that_is_not_a_journal(tmp_path: Path) -> None:
    (tmp_path / "j.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(UserError):
        Journal.open(tmp_path / "j.db")


def test_planning_twice_keeps_the_first_decision(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j.db") as j:
        added = j.add_planned([PlannedEntry(entry("a/b.txt"), State.PENDING, "G/a/b.txt")], [])
        again = j.add_planned([PlannedEntry(entry("a/b.txt"), State.PENDING, "G/a/OTHER.txt")], [])
        assert (added, again) == (1, 0)
        assert [i.target_path for i in j.items()] == ["G/a/b.txt"]


def test_done_with_another_name_records_a_rename(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j.db") as j:
        j.add_planned([PlannedEntry(entry("x.txt"), State.PENDING, "G/x.txt")], [])
        item = j.pending()[0]
        j.mark_done(item, Outcome.KEPT_BOTH, "G/x (2).txt", "SHA1:00", "kept_both")
        done = j.get(item.id)
        assert (done.state, done.outcome, done.target_path, done.original_target_path) == (
            State.DONE, Outcome.KEPT_BOTH, "G/x (2).txt", "G/x.txt")
        [(renamed, before, after, reasons, stage)] = j.renames()
        assert (renamed.id, before, after, reasons, stage) == (item.id, "G/x.txt", "G/x (2).txt", ("kept_both",), "run")


def test_a_new_run_retries_failed_items_and_what_the_user_could_have_fixed(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j.db") as j:
        j.add_planned([PlannedEntry(entry(k), State.PENDING, f"G/{k}") for k in ("a", "b", "c")], [])
        a, b, c = j.pending()
        j.mark(a, State.FAILED, "temporary")
        j.mark(b, State.QUARANTINED, "corrupt_member")  # the part may have been downloaded again
        j.mark(c, State.QUARANTINED, "too_large")  # the hoster's limit: not worth resending each run
        assert [i.source_key for i in j.pending()] == []
        assert j.retry_failed() == 2
        assert [i.source_key for i in j.pending()] == ["a", "b"]


def test_a_new_listing_updates_entries_not_yet_moved(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j.db") as j:
        j.add_planned([PlannedEntry(entry(k), State.PENDING, f"G/{k}") for k in ("a", "b", "c")], [])
        a, b, _c = j.pending()
        j.mark_done(a, Outcome.MOVED, "G/a", None)
        j.mark(b, State.QUARANTINED, "source_changed")
        assert j.refresh(entry("a", size=99)) and j.refresh(entry("b", size=99)) and j.refresh(entry("c", size=99))
        assert not j.refresh(entry("d"))
        sizes = {i.source_key: (i.size, i.state) for i in j.items()}
        assert sizes == {"a": (10, State.DONE), "b": (99, State.PENDING), "c": (99, State.PENDING)}


def test_meta_refuses_a_url_with_a_password(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j.db") as j:
        j.set_meta({"target": "nextcloud:https://marie@cloud.example.org"})
        with pytest.raises(ValueError):
            j.set_meta({"target": "nextcloud:https://marie:hunter22@cloud.example.org"})
        assert j.get_meta("target") == "nextcloud:https://marie@cloud.example.org"


def test_every_change_survives_kill_9(tmp_path: Path) -> None:
    """A process that marks items done and is then killed leaves every committed change."""
    path = tmp_path / "j.db"
    with Journal.create(path) as j:
        j.add_planned([PlannedEntry(entry(f"f{i}"), State.PENDING, f"G/f{i}") for i in range(200)], [])
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from degoogle.model import Outcome
        from degoogle.engine.journal import Journal
        j = Journal.open(Path({str(path)!r}))
        for item in j.pending(limit=120):
            j.mark_done(item, Outcome.MOVED, item.target_path, None)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == -9
    with Journal.open(path) as j:
        tallies = j.tallies()
        assert tallies[("files", "done", "moved")].count == 120
        assert tallies[("files", "pending", "")].count == 80


def test_the_counts_per_collection_and_verification_match_the_items(tmp_path: Path) -> None:
    # the report's counts come from GROUP BY queries (engine.journal_summaries): they must say what a
    # walk over the items says, whatever the folder names (nested, accented, none)
    paths = ["INBOX/a", "Travail/Clients/b", "Travail/Clients/c", "Famille/Vacances été/d", "e", "INBOX/f",
             "Travail/g"]
    planned = [PlannedEntry(SourceEntry(Kind.MAIL, f"mail:{n}", tuple(p.split("/")), size=10 * (n + 1)),
                            State.PENDING, p) for n, p in enumerate(paths)]
    with Journal.create(tmp_path / "j.db") as j:
        j.add_planned(planned, [])
        items = list(j.items())
        j.mark_done_many([(items[n], WriteResult(Outcome.MOVED, items[n].target_path)) for n in (0, 1, 3)])
        j.mark(items[2], State.QUARANTINED, "source_changed")
        j.mark_verified([(items[0].id, "ok"), (items[1].id, "missing_at_target")])
        walked: dict[tuple[str, str, str, str | None], list[int]] = {}
        for item in j.items():
            key = (item.kind.value, item.collection, item.state.value, item.outcome.value if item.outcome else None)
            walked.setdefault(key, []).append(item.size)
        tallies = j.collection_tallies()
        assert {(k, c, s, o): (t.count, t.bytes) for k, c, s, o, t in tallies} == {
            key: (len(sizes), sum(sizes)) for key, sizes in walked.items()}
        firsts = list(dict.fromkeys((k, c) for k, c, *_ in tallies))
        assert firsts == [("mail", "INBOX"), ("mail", "Travail/Clients"), ("mail", "Famille/Vacances été"),
                          ("mail", ""), ("mail", "Travail")]
        assert j.verified_tallies() == {("mail", "ok"): 1, ("mail", "missing_at_target"): 1}
        assert [i.source_path for i in j.items_worth_a_line()] == ["Travail/Clients/b", "Travail/Clients/c"]
