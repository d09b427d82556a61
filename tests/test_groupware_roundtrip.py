"""Calendars and contacts through the real engine into two real servers, Radicale and Xandikos, read back
property by property: what is on the server is what was in the export, and nothing else.

Each test names its calendars uniquely: the servers live for the whole session.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

from degoogle.convert.ical import split_calendar
from degoogle.convert.names import NameRules
from degoogle.engine.journal import Journal
from degoogle.engine.plan import Planner, PlanOptions
from degoogle.engine.run import JournalCollections, Runner
from degoogle.engine.verify import verify
from degoogle.model import Kind, Outcome, State
from degoogle.sources.base import Source
from degoogle.specs import open_source
from degoogle.targets.nextcloud.dav import Collection, DavCollections
from degoogle.targets.nextcloud.groupware import DavTarget
from tests.dav_servers import DavServer, radicale_server, xandikos_server  # noqa: F401
from tests.groupware_samples import (
    KARIM,
    LEA,
    OLD_PHONE,
    cards,
    components,
    family_calendar,
    noisy_jpeg,
    photo_line,
    vcard,
)
from tests.takeout_factory import build_takeout

GROUPWARE = frozenset({Kind.CALENDAR, Kind.CONTACTS})


@pytest.fixture(scope="module", params=["radicale", "xandikos"])
def server(request: pytest.FixtureRequest) -> DavServer:
    found: DavServer = request.getfixturevalue(f"{request.param}_server")
    return found


@dataclass
class Moved:
    journal: Journal
    target: DavTarget

    def items(self, kind: Kind) -> dict[str, tuple[State, Outcome | None, str | None]]:
        return {i.source_key: (i.state, i.outcome, i.reason) for i in self.journal.items(kind=kind)}

    def collection(self, kind: Kind, source: str) -> Collection:
        name = JournalCollections(self.journal, kind).get(source)
        found = self.target.dav.calendars() if kind == Kind.CALENDAR else self.target.dav.addressbooks()
        return next(c for c in found if c.name == name)


def migrate(source: Source, target: DavTarget, journal_path: Path, workers: int = 4) -> Moved:
    """Plan ``source`` into a journal and run it into ``target``, as ``degoogle plan`` / ``run`` do."""
    journal = Journal.create(journal_path) if not journal_path.exists() else Journal.open(journal_path)
    options = PlanOptions(GROUPWARE, GROUPWARE, "", NameRules.nextcloud_default())
    Planner(journal, source, options).plan()
    result = Runner(journal, source, [target], workers=workers).run()
    assert result.state == "finished", result
    return Moved(journal, target)


def stored(dav: DavCollections, collection: Collection) -> Iterator[str]:
    for href in dav.list(collection):
        yield dav.get(href)[0]


def dav_target(server: DavServer, *, merge: bool = False,
               on_conflict: Literal["kept_both", "skip"] = "kept_both") -> DavTarget:
    return DavTarget(server.url, server.user, server.password, merge_calendars=merge, on_conflict=on_conflict)


def takeout(tmp_path: Path, calendar: str, book_label: str, *, photo: bytes | None = None) -> Source:
    extra = {
        "Takeout/Agenda/calendrier.ics": family_calendar().replace("X-WR-CALNAME:Famille", f"X-WR-CALNAME:{calendar}")
        .encode(),
        "Takeout/Contacts/Tous les contacts/Tous les contacts.vcf": (LEA + KARIM + OLD_PHONE).encode(),
        f"Takeout/Contacts/{book_label} Famille/{book_label} Famille.vcf": (LEA + KARIM).encode(),
        f"Takeout/Contacts/{book_label} Chorale/{book_label} Chorale.vcf": LEA.encode(),
        f"Takeout/Contacts/{book_label} Travail/{book_label} Travail.vcf": LEA.encode(),
    }
    if photo is not None:
        extra["Takeout/Contacts/Tous les contacts/Tous les contacts.vcf"] += vcard(
            "photo@example.org", "Zoë Ångström", "Ångström", "Zoë", photo_line(photo)).encode()
    return open_source("takeout:" + str(build_takeout(tmp_path / "export", {}, lang="fr", extra_members=extra)[0]))


def test_round_trip_keeps_every_property_and_invites_nobody(tmp_path: Path, server: DavServer) -> None:
    calendar = f"Famille {uuid.uuid4().hex[:6]}"
    label = uuid.uuid4().hex[:4]
    source = takeout(tmp_path, calendar, label, photo=noisy_jpeg(3_000_000))
    moved = migrate(source, dav_target(server), tmp_path / "j.db")

    assert {s for s, _o, _r in moved.items(Kind.CALENDAR).values()} == {State.DONE}
    assert {o for _s, o, _r in moved.items(Kind.CONTACTS).values()} == {Outcome.MOVED}

    # calendars: the same components, property by property, once each
    dav = moved.target.dav
    target = moved.collection(Kind.CALENDAR, calendar)
    assert target.name == calendar
    texts = list(stored(dav, target))
    back: dict[tuple[str, str, str], set[tuple[object, ...]]] = {}
    for text in texts:
        assert "METHOD:" not in text
        for key, props in components(text, drop_params=frozenset({"SCHEDULE-AGENT"})).items():
            assert key not in back, f"{key} stored twice"
            back[key] = props
    assert back == components(family_calendar())
    # RFC 6638: the server must not mail Karim and Zoë
    nyc = next(t for t in texts if "nyc-call@example.org" in t)
    scheduled = [p for props in components(nyc).values() for p in props if p[0] in ("ORGANIZER", "ATTENDEE")]
    assert len(scheduled) == 3 and all(("SCHEDULE-AGENT", ("CLIENT",)) in p[1] for p in scheduled)
    # every time zone used has its VTIMEZONE in the stored object
    for uid, zone in (("nyc-call", "America/New_York"), ("tokyo-flight", "Asia/Tokyo"), ("weekly-choir",
                                                                                          "Europe/Paris")):
        text = next(t for t in texts if f"{uid}@example.org" in t)
        assert f"TZID:{zone}" in text.replace("\r\n ", "")
    # the colour came along
    assert (target.color or "").upper().startswith("#3A87AD") or server.name == "xandikos"

    # contacts: one address book, one card per person, every field kept, the groups as CATEGORIES
    book = moved.collection(Kind.CONTACTS, "Contacts")
    people: dict[str, dict[str, list[str]]] = {}
    for text in stored(dav, book):
        people.update(cards(text))
    assert set(people) == {"lea-dupont@example.org", "karim-benali@example.org", "photo@example.org",
                           next(u for u in people if u.startswith("degoogle-"))}
    lea, original = people["lea-dupont@example.org"], cards(LEA)["lea-dupont@example.org"]
    assert sorted(lea.pop("CATEGORIES")[0].split(",")) == sorted(f"{label} {g}" for g in ("Famille", "Chorale",
                                                                                            "Travail"))
    assert lea == original
    karim = people["karim-benali@example.org"]
    assert karim.pop("CATEGORIES") == [f"{label} Famille"] and karim == cards(KARIM)["karim-benali@example.org"]
    old = next(p for u, p in people.items() if u.startswith("degoogle-"))
    assert (old["FN"], old["N"]) == (["Jürgen Müller"], ["Müller;Jürgen;;;"])
    assert old["TEL"] == ["CELL,VOICE|+49 171 1234567"]
    assert old["NOTE"] == ["Très long commentaire sur deux lignes, avec accents éè"]
    photo = people["photo@example.org"]
    assert photo["FN"] == ["Zoë Ångström"]
    size = int(photo["PHOTO"][0].split("<")[1].split()[0])
    assert 100_000 < size <= 1_000_000 * 4 / 3 + 4  # base64 of a photo of at most 1 MB

    # verification lists the collections and finds every item
    summary = verify(moved.journal, [moved.target])
    assert summary.checked == summary.ok == len(texts) + len(people)
    moved.target.close()
    source.close()


def test_a_second_plan_into_the_same_calendar_finds_everything_already_there(tmp_path: Path,
                                                                             server: DavServer) -> None:
    calendar = f"Deux fois {uuid.uuid4().hex[:6]}"
    source = takeout(tmp_path, calendar, uuid.uuid4().hex[:4])
    first = migrate(source, dav_target(server), tmp_path / "first.db")
    target = first.collection(Kind.CALENDAR, calendar)
    before = dict(first.target.dav.list(target))

    # the same journal: nothing left to do
    again = Runner(first.journal, source, [first.target]).run()
    assert again.state == "finished"
    # a new journal, merging into the calendar of the same name: all already there, nothing rewritten
    second = migrate(source, dav_target(server, merge=True), tmp_path / "second.db")
    assert {o for _s, o, _r in second.items(Kind.CALENDAR).values()} == {Outcome.ALREADY_THERE}
    assert second.collection(Kind.CALENDAR, calendar).url == target.url
    assert dict(second.target.dav.list(target)) == before  # same etags: nothing was written
    # without merging, with a new journal: the calendar degoogle made for this source (its mark) again
    third = migrate(source, dav_target(server), tmp_path / "third.db")
    assert third.collection(Kind.CALENDAR, calendar).url == target.url
    assert {o for _s, o, _r in third.items(Kind.CALENDAR).values()} == {Outcome.ALREADY_THERE}
    assert dict(third.target.dav.list(target)) == before
    # a calendar of the same name that degoogle did not make for it is another one: "Name (2)"
    theirs = f"Pas à moi {uuid.uuid4().hex[:6]}"
    third.target.dav.ensure_calendar(theirs)
    other = takeout(tmp_path / "other", theirs, uuid.uuid4().hex[:4])
    fourth = migrate(other, dav_target(server), tmp_path / "fourth.db")
    assert fourth.collection(Kind.CALENDAR, theirs).name == f"{theirs} (2)"
    for moved in (first, second, third, fourth):
        moved.target.close()
    source.close()
    other.close()


def test_a_different_event_with_the_same_uid_is_kept_beside_ours_or_left_alone(tmp_path: Path,
                                                                               server: DavServer) -> None:
    calendar = f"Conflits {uuid.uuid4().hex[:6]}"
    target = dav_target(server, merge=True)
    dav = target.dav
    theirs = dav.ensure_calendar(calendar)
    mine = family_calendar().replace("X-WR-CALNAME:Famille", f"X-WR-CALNAME:{calendar}")
    changed = mine.replace("Réveil sans fuseau", "Réveil modifié à la main")
    their_text = next(r.text for r in split_calendar(changed).resources if r.uid == "floating-wakeup@example.org")
    assert dav.put(theirs, "theirs.ics", their_text, "floating-wakeup@example.org").state == "created"
    path = tmp_path / "cal.ics"
    path.write_text(mine, encoding="utf-8")

    skipped = migrate(open_source(f"ics:{path}"), dav_target(server, merge=True, on_conflict="skip"),
                      tmp_path / "skip.db")
    outcome = next(v for k, v in skipped.items(Kind.CALENDAR).items() if "floating" in k)
    assert outcome == (State.SKIPPED, None, "conflict_skipped")
    assert len(dav.list(theirs)) == 6  # 5 others written, theirs untouched

    kept = migrate(open_source(f"ics:{path}"), target, tmp_path / "kept.db")
    outcome = next(v for k, v in kept.items(Kind.CALENDAR).items() if "floating" in k)
    assert outcome == (State.DONE, Outcome.KEPT_BOTH, "kept_both_event")
    wakeups = [t for t in stored(dav, theirs) if "floating-wakeup@example.org" in t]
    assert sorted("modifié" in t for t in wakeups) == [False, True]
    # once more from scratch: our copy beside theirs is recognised, not written a third time
    again = migrate(open_source(f"ics:{path}"), dav_target(server, merge=True), tmp_path / "again.db")
    assert next(v for k, v in again.items(Kind.CALENDAR).items() if "floating" in k)[1] == Outcome.KEPT_BOTH
    assert len([t for t in stored(dav, theirs) if "floating-wakeup@example.org" in t]) == 2
    for moved in (skipped, kept, again):
        moved.target.close()
