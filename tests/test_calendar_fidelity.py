"""Calendars as real programs write them (issue 12, points 1, 2 and 7): journal entries, a broken
BEGIN/END that must not hide the rest of the file, Outlook's and Windows' time-zone names; and a property:
any sequence of components, some damaged, gives every intact one back once and names every damaged one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from degoogle.cli import main
from degoogle.convert.ical import split_calendar
from degoogle.engine.reasons import reason
from degoogle.model import Kind, Outcome, State
from degoogle.sandbox import Sandbox
from degoogle.sources.base import SourceOptions
from degoogle.specs import open_source
from tests.dav_servers import DavServer, radicale_server  # noqa: F401
from tests.test_groupware_roundtrip import dav_target, migrate, stored


def _event(uid: str, summary: str, *, tz: str | None = None, body: str = "") -> str:
    start = f"DTSTART;TZID={tz}:20260310T100000" if tz else "DTSTART:20260310T100000Z"
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n{start}\r\nSUMMARY:{summary}\r\n"
            f"{body}END:VEVENT\r\n")


def _journal_entry(uid: str, summary: str) -> str:
    return (f"BEGIN:VJOURNAL\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260310\r\n"
            f"SUMMARY:{summary}\r\nDESCRIPTION:Notes du conseil de classe\r\nEND:VJOURNAL\r\n")


def _calendar(*components: str, name: str = "Famille") -> str:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//fidelity//FR\r\n"
            f"X-WR-CALNAME:{name}\r\n" + "".join(components) + "END:VCALENDAR\r\n")


_ALARM_BROKEN = ("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:rappel\r\nEND:VEYENT\r\n")
_ATHENS = ("BEGIN:VTIMEZONE\r\nTZID:(UTC+02:00) Athens\\, Bucharest\\, Istanbul\r\n"
           "BEGIN:STANDARD\r\nDTSTART:16010101T040000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\n"
           "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
           "BEGIN:DAYLIGHT\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\n"
           "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n")
_BROKEN_ZONE = ("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDAR@\r\nDTSTART:16010101T030000\r\n"
                "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")


def test_a_broken_begin_end_loses_only_its_own_component() -> None:
    text = _calendar(_event("a", "avant"), _event("alarm", "alarme cassée", body=_ALARM_BROKEN),
                     _event("b", "après 1"), _BROKEN_ZONE, _event("c", "après 2", tz="Europe/Paris"),
                     _event("d", "après 3"))
    split = split_calendar(text)
    assert sorted(r.uid for r in split.resources) == ["a", "b", "c", "d"]
    assert sorted((b.kind, b.uid) for b in split.bad) == [("VEVENT", "alarm"), ("VTIMEZONE", "Europe/Paris")]
    assert "END:VEYENT" in next(b.reason for b in split.bad if b.uid == "alarm")


def test_journal_entries_are_split_like_events() -> None:
    split = split_calendar(_calendar(_event("e", "réunion"), _journal_entry("j", "Conseil de classe")))
    assert {(r.uid, r.kind) for r in split.resources} == {("e", "VEVENT"), ("j", "VJOURNAL")}
    assert "BEGIN:VJOURNAL" in next(r.text for r in split.resources if r.uid == "j")


def test_outlook_and_windows_zone_names_are_known_zones() -> None:
    text = _calendar(_ATHENS, _event("athens", "Athènes", tz='"(UTC+02:00) Athens, Bucharest, Istanbul"'),
                     _event("berlin", "Berlin", tz="W. Europe Standard Time"),
                     _event("display", "Rome", tz='"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"'))
    split = split_calendar(text)
    assert not split.bad, split.bad
    berlin = next(r.text for r in split.resources if r.uid == "berlin")
    assert "TZID:W. Europe Standard Time" in berlin and "TZOFFSETTO:+0200" in berlin


def test_a_zone_nobody_knows_is_set_aside_or_floating_when_agreed() -> None:
    text = _calendar(_event("w", "Lotus", tz="Western/Central Europe"))
    split = split_calendar(text)
    assert not split.resources and [(b.uid, b.unknown_zone) for b in split.bad] == [("w", "Western/Central Europe")]
    floating = split_calendar(text, floating_unknown_zones=True)
    assert [(r.uid, r.floating) for r in floating.resources] == [("w", ["Western/Central Europe"])]
    assert "DTSTART:20260310T100000\r\n" in floating.resources[0].text and not floating.bad


def test_every_event_lands_or_is_named_on_a_real_server(tmp_path: Path, radicale_server: DavServer) -> None:  # noqa: F811
    ics = tmp_path / "famille.ics"
    ics.write_text(_calendar(_ATHENS, _event("a", "avant"), _event("alarm", "alarme cassée", body=_ALARM_BROKEN),
                             _event("b", "après"), _journal_entry("j", "Conseil de classe"),
                             _event("athens", "Athènes", tz='"(UTC+02:00) Athens, Bucharest, Istanbul"'),
                             _event("berlin", "Berlin", tz="W. Europe Standard Time"),
                             _event("lotus", "Lotus", tz="Western/Central Europe"), name="Fidélité"),
                   encoding="utf-8")
    moved = migrate(open_source(f"ics:{ics}"), dav_target(radicale_server), tmp_path / "journal")
    rows = {i.source_path: (i.state, i.outcome, i.reason) for i in moved.journal.items(kind=Kind.CALENDAR)}
    landed = {p for p, (state, outcome, _r) in rows.items() if state == State.DONE and outcome == Outcome.MOVED}
    assert len(landed) == 5, rows
    named = sorted(r for state, _o, r in rows.values() if state == State.QUARANTINED)
    assert named == ["malformed_event", "unknown_time_zone"], rows
    texts = list(stored(moved.target.dav, moved.collection(Kind.CALENDAR, "Fidélité")))
    assert any("BEGIN:VJOURNAL" in t and "Conseil de classe" in t for t in texts)
    assert sum("BEGIN:VEVENT" in t for t in texts) == 4


def test_a_floating_move_names_the_zone_it_did_not_keep(tmp_path: Path) -> None:
    ics = tmp_path / "lotus.ics"
    ics.write_text(_calendar(_event("lotus", "Lotus", tz="Western/Central Europe")), encoding="utf-8")
    entries = list(open_source(f"ics:{ics}", SourceOptions(floating_unknown_zones=True)).scan())
    assert [e.left_out for e in entries] == [None, "event_moved_floating"]
    assert not any(e.problem for e in entries)
    assert reason("event_moved_floating").text("fr") != reason("event_moved_floating").text("en")


_DAMAGE = {
    "end_typo": lambda c: c.replace("END:VEVENT", "END:VEYENT", 1) + "END:VEVENT\r\n",
    "alarm_unclosed": lambda c: c.replace("END:VEVENT", "BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VEVENT", 1),
    "nested_typo": lambda c: c.replace("END:VEVENT", "BEGIN:VALAR@\r\nEND:VALARM\r\nEND:VEVENT", 1),
    "bad_date": lambda c: c.replace("DTSTART:20260310T100000Z", "DTSTART:2026-03-10", 1),
    "no_end": lambda c: c.replace("END:VEVENT\r\n", "", 1),
}


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["event", "journal"]), st.sampled_from([None, *_DAMAGE])),
                min_size=1, max_size=10))
def test_any_sequence_of_components_gives_each_intact_one_once_and_names_each_damaged_one(
        plan: list[tuple[str, str | None]]) -> None:
    parts = []
    for n, (what, damage) in enumerate(plan):
        if what == "journal" or damage is None:
            parts.append(_journal_entry(f"u{n}", f"n{n}") if what == "journal" else _event(f"u{n}", f"n{n}"))
        else:
            parts.append(_DAMAGE[damage](_event(f"u{n}", f"n{n}")))
    split = split_calendar(_calendar(*parts))
    intact = [f"u{n}" for n, (what, damage) in enumerate(plan) if what == "journal" or damage is None]
    damaged = [f"u{n}" for n, (what, damage) in enumerate(plan) if what == "event" and damage is not None]
    assert sorted(r.uid for r in split.resources) == sorted(intact)
    assert sorted(b.uid or "" for b in split.bad) == sorted(damaged)


@pytest.mark.parametrize("code", ["unknown_time_zone", "malformed_time_zone", "event_moved_floating"])
def test_new_calendar_reasons_are_worded(code: str) -> None:
    assert all(reason(code).text(lang) for lang in ("fr", "en", "nl"))


def test_journal_entries_land_in_a_nextcloud_calendar_and_the_report_names_the_rest(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    """Through the CLI into the sandbox, which takes journal entries only in a calendar made for them (as
    Nextcloud does): the entry lands, the broken event and the unknown zone are named in the report."""
    ics = tmp_path / "carnet.ics"
    ics.write_text(_calendar(_event("a", "avant"), _event("alarm", "alarme cassée", body=_ALARM_BROKEN),
                             _journal_entry("j", "Conseil de classe"), _event("b", "après"),
                             _event("lotus", "Lotus", tz="Western/Central Europe"), name="Carnet"),
                   encoding="utf-8")
    journal = tmp_path / "j.db"
    assert main(["plan", f"ics:{ics}", target_env, "--journal", str(journal), "--only", "calendar"]) == 0
    assert main(["run", "--journal", str(journal)]) == 3  # done, with items set aside
    out = tmp_path / "report.json"
    assert main(["report", "--journal", str(journal), "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    calendar = next(k for k in report["kinds"] if k["kind"] == "calendar")
    assert (calendar["found"], calendar["moved"]) == (5, 3), calendar
    assert sorted(line["reason"] for line in report["attention"]) == ["malformed_event", "unknown_time_zone"]
    root = sandbox.groupware_dir() / "collection-root"
    texts = [p.read_text(encoding="utf-8") for p in root.rglob("*.ics")
             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    assert sum("BEGIN:VJOURNAL" in t and "Conseil de classe" in t for t in texts) == 1


def test_a_component_this_version_does_not_move_is_listed_as_such(tmp_path: Path) -> None:
    ics = tmp_path / "dispo.ics"
    ics.write_text(_calendar(_event("e", "réunion"), "BEGIN:VFREEBUSY\r\nUID:fb\r\nDTSTAMP:20260101T000000Z\r\n"
                             "FREEBUSY:20260310T100000Z/PT1H\r\nEND:VFREEBUSY\r\n"), encoding="utf-8")
    entries = list(open_source(f"ics:{ics}").scan())
    assert [(e.path[1].split(" (")[0], e.supported) for e in entries] == [("e.ics", True), ("free-busy", False)]
