"""Planning a big Takeout checks calendars and contacts cheaply (issue 17): what the cheap checks see (a
date that does not exist) is set aside by the plan; what only vobject's whole parse sees (a quoted-printable
description cut inside a character, a key whose base64 does not decode) is set aside by the run, with its reason,
while every other event and contact of the same files moves to a real server."""

from __future__ import annotations

from pathlib import Path

from degoogle.model import Kind, Outcome, State
from degoogle.specs import open_source
from tests.dav_servers import DavServer, radicale_server  # noqa: F401
from tests.groupware_samples import event, many_cards, many_events, vcard
from tests.takeout_factory import build_takeout, corrupt_member
from tests.test_groupware_roundtrip import dav_target, migrate, stored

#: an old Outlook's quoted-printable description cut inside "é": lexes and dates fine, does not decode
_CUT_DESCRIPTION = "DESCRIPTION;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:R=C3=A9union de chantier, caf=C3"
_CUT_KEY = "KEY;TYPE=PGP;ENCODING=b:MIIBCgKCAQEA1"


def test_a_malformed_event_in_a_big_calendar_is_set_aside_with_its_reason_and_the_others_move(
        tmp_path: Path, radicale_server: DavServer) -> None:  # noqa: F811
    events, bad_dates = many_events(60, bad_every=30, name="Travail lourd", prefix="lazy")
    cut = event("cut-description@example.org", "Plan du chantier", ":20260310T100000Z", ":20260310T110000Z",
                _CUT_DESCRIPTION)
    events = events.replace("END:VCALENDAR", cut + "END:VCALENDAR")
    cards, _bad = many_cards(20, seed=17)
    cards += vcard("cut-key@example.org", "Clé Coupée", "Coupée", "Clé", _CUT_KEY)
    parts = build_takeout(tmp_path / "export", {}, extra_members={
        "Takeout/Calendar/Travail lourd.ics": events.encode(),
        "Takeout/Contacts/Carnet chantier.vcf": cards.encode(),
    })
    moved = migrate(open_source(f"takeout:{parts[0]}"), dav_target(radicale_server), tmp_path / "journal")

    events_by_uid = {i.attrs.get("uid"): i for i in moved.journal.items(kind=Kind.CALENDAR) if i.attrs.get("uid")}
    # the run found it: listed as an event to move, then set aside with vobject's reason
    late = events_by_uid["cut-description@example.org"]
    assert (late.state, late.reason) == (State.QUARANTINED, "malformed_event"), late
    assert "can't decode" in late.detail and "cut-description@example.org" in late.detail
    # the plan found these: a date that does not exist, with its line
    early = [i for i in moved.journal.items(kind=Kind.CALENDAR) if i.state == State.QUARANTINED and i is not late
             and i.reason == "malformed_event" and i.source_key != late.source_key]
    assert len(early) == len(bad_dates) == 2
    assert all("month must be in 1..12" in i.detail and "line " in i.detail for i in early)
    on_server = list(stored(moved.target.dav, moved.collection(Kind.CALENDAR, "Travail lourd")))
    assert len(on_server) == 60 - len(bad_dates)
    assert not any("cut-description" in text for text in on_server)
    assert all(i.outcome == Outcome.MOVED for uid, i in events_by_uid.items()
               if uid not in bad_dates and uid != "cut-description@example.org")

    people = {i.attrs.get("uid"): i for i in moved.journal.items(kind=Kind.CONTACTS)}
    key = people["cut-key@example.org"]
    assert (key.state, key.reason) == (State.QUARANTINED, "malformed_contact"), key
    assert "base64" in key.detail
    cards_on_server = list(stored(moved.target.dav, moved.collection(Kind.CONTACTS, "Carnet chantier")))
    assert len(cards_on_server) == 20 and not any("cut-key" in text for text in cards_on_server)


def test_a_damaged_calendar_member_is_named_by_the_listing_and_the_rest_is_listed(tmp_path: Path) -> None:
    # the members a plan reads while listing are opened from their listed zip entry: a damaged one
    # must still be named, not break the listing or hide the others
    parts = build_takeout(tmp_path / "export", {"Documents/rapport.txt": b"rapport " * 100}, extra_members={
        "Takeout/Calendar/Abîmé.ics": many_events(30, name="Abîmé", prefix="broken")[0].encode(),
        "Takeout/Calendar/Sain.ics": many_events(5, name="Sain", seed=3, prefix="fine")[0].encode(),
    })
    corrupt_member(parts[0], "Takeout/Calendar/Abîmé.ics")
    source = open_source(f"takeout:{parts[0]}")
    entries = list(source.scan())
    source.close()
    problems = [e for e in entries if e.problem]
    assert [(e.kind, e.problem) for e in problems] == [(Kind.CALENDAR, "corrupt_member")], problems
    assert "Abîmé.ics" in problems[0].detail
    assert len([e for e in entries if e.kind == Kind.CALENDAR and not e.problem]) == 5
    assert [e.path for e in entries if e.kind == Kind.FILES] == [("Documents", "rapport.txt")]
