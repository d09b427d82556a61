"""Journal format 3: item attributes, the source → target collection map, per-collection report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from degoogle.engine.journal import Journal, PlannedEntry
from degoogle.engine.migrations import MIGRATIONS
from degoogle.engine.report import build_report, counts_text, to_html, to_json
from degoogle.engine.run import JournalCollections
from degoogle.model import Kind, Outcome, SourceEntry, State


def _format_2_journal(path: Path) -> None:
    """A journal as degoogle 0.1 (format 2) wrote it, with one file done."""
    db = sqlite3.connect(path)
    for step in range(2):
        db.executescript(f"BEGIN;\n{MIGRATIONS[step]};\nPRAGMA user_version = {step + 1};\nCOMMIT;")
    db.execute("INSERT INTO items (kind, source_key, source_path, target_path, size, state, outcome, updated_at) "
               "VALUES ('files', 'a.txt', 'a.txt', 'G/a.txt', 3, 'done', 'moved', 0)")
    db.commit()
    db.close()


def test_a_format_2_journal_opens_migrated_and_keeps_its_items(tmp_path: Path) -> None:
    _format_2_journal(tmp_path / "old.journal")
    with Journal.open(tmp_path / "old.journal") as j:
        assert j.schema_version == len(MIGRATIONS) >= 3
        [item] = list(j.items())
        assert (item.target_path, item.state, item.outcome, item.attrs) == ("G/a.txt", State.DONE, Outcome.MOVED, {})
        j.set_collection(Kind.CALENDAR, "Perso", "Perso (2)")
        assert j.collection(Kind.CALENDAR, "Perso") == "Perso (2)"


def _event(collection: str, uid: str, **attrs: object) -> SourceEntry:
    return SourceEntry(Kind.CALENDAR, f"cal:{collection}:{uid}", (collection, f"{uid}.ics"), size=100,
                       attrs=dict(attrs))


def test_attrs_are_kept_and_a_new_listing_updates_them_until_the_item_is_done(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j") as j:
        j.add_planned([PlannedEntry(_event("Travail", "u1", color="#ff0000"), State.PENDING, "Travail/u1.ics")], [])
        [item] = j.pending()
        assert item.attrs == {"color": "#ff0000"}
        assert item.collection == "Travail"
        assert j.refresh(_event("Travail", "u1", color="#00ff00"))
        assert j.get(item.id).attrs == {"color": "#00ff00"}
        j.mark_done(item, Outcome.MOVED, "Travail/u1.ics", None)
        j.refresh(_event("Travail", "u1", color="#0000ff"))
        assert j.get(item.id).attrs == {"color": "#00ff00"}  # as it was moved


def test_the_collection_map_survives_reopening_and_is_per_kind(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j") as j:
        JournalCollections(j, Kind.CALENDAR).set("Travail", "Travail (2)")
        JournalCollections(j, Kind.CONTACTS).set("Travail", "Contacts")
    with Journal.open(tmp_path / "j") as j:
        assert JournalCollections(j, Kind.CALENDAR).get("Travail") == "Travail (2)"
        assert JournalCollections(j, Kind.CONTACTS).get("Travail") == "Contacts"
        assert JournalCollections(j, Kind.MAIL).get("Travail") is None


def test_the_report_counts_each_calendar_and_mail_folder(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "j") as j:
        entries = [_event("Travail", f"w{i}") for i in range(3)] + [_event("Famille", "f1")]
        entries.append(SourceEntry(Kind.MAIL, "m1", ("\\Sent", "m1"), size=2500))
        j.add_planned([PlannedEntry(e, State.PENDING, "/".join(e.path)) for e in entries], [])
        items = {i.source_key: i for i in j.items()}
        j.mark_done(items["cal:Travail:w0"], Outcome.MOVED, "Travail (2)/w0.ics", None)
        j.mark_done(items["cal:Travail:w1"], Outcome.ALREADY_THERE, "Travail (2)/w1.ics", None)
        j.mark(items["cal:Travail:w2"], State.QUARANTINED, "malformed_event", "line 3")
        j.set_collection(Kind.CALENDAR, "Travail", "Travail (2)")
        report = build_report(j, "fr")
    travail = next(c for c in report.collections["calendar"] if c.name == "Travail")
    assert (travail.target, travail.found, travail.moved, travail.already_there, travail.not_moved) == (
        "Travail (2)", 3, 1, 1, 1)
    text = "\n".join(counts_text(report))
    assert ("Travail → Travail (2)\u00a0: Trouvés 3, Transférés 1, Déjà présents 1, Non transférés 1 (300\u00a0o)"
            in text)
    assert "Famille\u00a0: Trouvés 1, Restant à faire 1" in text
    assert "Messages envoyés\u00a0: Trouvés 1, Restant à faire 1 (2,5\u00a0ko)" in text
    assert "Messages envoyés" in to_html(report)
    assert '"name": "\\\\Sent"' in to_json(report)


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
X-WR-CALNAME:Perso\r
BEGIN:VEVENT\r
UID:one@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART:20260105T100000Z\r
SUMMARY:Dentiste\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_planning_again_with_other_choices_takes_in_what_was_left_out(tmp_path: Path) -> None:
    from degoogle.migration import Migration, MigrationOptions

    ics = tmp_path / "perso.ics"
    ics.write_text(ICS, encoding="utf-8")
    journal = tmp_path / "j"
    target = "nextcloud:https://marie@cloud.example.org"
    with Migration.create(journal, f"ics:{ics}", target, kinds=frozenset({Kind.FILES})) as m:
        m.plan()
        [item] = list(m.journal.items())
        assert (item.state, item.reason) == (State.SKIPPED, "not_selected")
    with Migration.create(journal, f"ics:{ics}", target, options=MigrationOptions(on_conflict="skip")) as m:
        summary = m.plan()
        [item] = list(m.journal.items())
        assert (item.state, item.target_path, summary.new) == (State.PENDING, "Perso/" + item.name, 1)
        m.journal.mark(item, State.SKIPPED, "conflict_skipped")
    with Migration.create(journal, f"ics:{ics}", target, options=MigrationOptions(on_conflict="kept_both")) as m:
        [item] = list(m.journal.items())
        assert item.state == State.PENDING  # the user now wants both kept: tried again
