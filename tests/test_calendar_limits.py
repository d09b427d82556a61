"""Nextcloud's limits on making calendars (``RateLimitingPlugin``): the sandbox answers as Nextcloud
does, and a move of more calendars than the hoster allows per window, or in all, loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from degoogle.sandbox.calendar_limits import CalendarLimits
from degoogle.targets.nextcloud.calendar_limits import CalendarLimits as TargetLimits
from degoogle.targets.nextcloud.calendar_limits import CalendarRoom
from degoogle.targets.nextcloud.dav import DavCollections
from tests.groupware_samples import many_events
from tests.takeout_factory import CALENDAR_FOLDER, build_takeout
from tests.test_groupware_nextcloud import kind, report_json, stored_texts

#: a shortened window, so that the suite waits it out in seconds instead of an hour
WINDOW = 4.0


def mkcalendar(sandbox: Sandbox, slug: str) -> requests.Response:
    return requests.request("MKCALENDAR", f"{sandbox.url}/remote.php/dav/{sandbox.user}/{slug}/",
                            auth=(sandbox.user, sandbox.password), timeout=30)


def creations(sandbox: Sandbox) -> list[int]:
    return [r.status for r in sandbox.requests if r.method == "MKCALENDAR"]


def takeout_with_calendars(tmp_path: Path, count: int, events: int = 3) -> str:
    members = {f"{CALENDAR_FOLDER['en']}/Agenda {n:02d}.ics":
               many_events(events, name=f"Agenda {n:02d}", seed=n, prefix=f"a{n}")[0].encode()
               for n in range(1, count + 1)}
    return "takeout:" + str(build_takeout(tmp_path / "export", {}, extra_members=members)[0])


def test_the_sandbox_refuses_an_eleventh_calendar_in_the_window_and_a_thirty_first_at_all(tmp_path: Path) -> None:
    with Sandbox(tmp_path / "server", calendar_limits=CalendarLimits(per_period=10, period=3600, maximum=12)) as s:
        assert [mkcalendar(s, f"c{n}").status_code for n in range(10)] == [201] * 10
        refused = mkcalendar(s, "c10")
        assert refused.status_code == 429 and b"Too many calendars created" in refused.content
        assert mkcalendar(s, "c0").status_code in (405, 409)  # already there: not counted, not refused as too many
        s.set_calendar_limits(CalendarLimits(per_period=100, period=3600, maximum=12))
        assert [mkcalendar(s, f"c{n}").status_code for n in (10, 11)] == [201, 201]
        full = mkcalendar(s, "c12")
        assert full.status_code == 403 and b"Calendar limit reached" in full.content


def test_twelve_calendars_against_ten_per_window_all_land_once_with_few_attempts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    limits = CalendarLimits(per_period=10, period=WINDOW, maximum=30)
    with Sandbox(tmp_path / "server", calendar_limits=limits) as sandbox:
        target = "nextcloud:" + sandbox.url.replace("://", f"://{sandbox.user}@", 1)
        monkeypatch.setenv("DEGOOGLE_TARGET_PASSWORD", sandbox.password)
        journal = tmp_path / "j.db"
        assert main(["plan", takeout_with_calendars(tmp_path, 12), target, "--journal", str(journal),
                     "--calendar-limits", f"10/{WINDOW:g}/30"]) == 0
        planned = capsys.readouterr().out
        assert "12 calendars to make" in planned or "12 agendas à créer" in planned or "12 agenda's" in planned
        assert main(["run", "--journal", str(journal), "--workers", "4"]) == 0
        said = capsys.readouterr().out

        calendars = DavCollections(sandbox.url, sandbox.user, sandbox.password).calendars()
        assert sorted(c.name for c in calendars) == [f"Agenda {n:02d}" for n in range(1, 13)]
        events = [t for t in stored_texts(sandbox) if "BEGIN:VCALENDAR" in t]
        uids = [line for t in events for line in t.splitlines() if line.startswith("UID:")]
        assert len(events) == len(set(uids)) == 36
        attempts = creations(sandbox)
        assert attempts.count(201) == 12 and len(attempts) <= 12 + 2, attempts
        assert "goes on by itself at" in said or "reprend tout seul" in said or "gaat vanzelf verder" in said
        report = kind(report_json(journal, tmp_path), "calendar")
        assert (report["moved"], report["failed"], report["quarantined"]) == (36, 0, 0)


@pytest.mark.parametrize("choice", ["merge", "leave_out"])
def test_past_the_maximum_the_rest_is_merged_or_left_out_as_chosen_and_reported(
        tmp_path: Path, choice: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    limits = CalendarLimits(per_period=100, period=3600, maximum=3)
    with Sandbox(tmp_path / "server", calendar_limits=limits) as sandbox:
        target = "nextcloud:" + sandbox.url.replace("://", f"://{sandbox.user}@", 1)
        monkeypatch.setenv("DEGOOGLE_TARGET_PASSWORD", sandbox.password)
        journal = tmp_path / "j.db"
        assert main(["plan", takeout_with_calendars(tmp_path, 5), target, "--journal", str(journal),
                     "--calendar-limits", "100/3600/3", "--calendars-over-limit", choice]) == 0
        planned = capsys.readouterr().out
        assert "only 3 more calendars" in planned or "plus que 3 agendas" in planned or "nog maar 3" in planned
        assert main(["run", "--journal", str(journal), "--workers", "1"]) in (0, 3)

        calendars = DavCollections(sandbox.url, sandbox.user, sandbox.password).calendars()
        assert len(calendars) == 3
        events = [t for t in stored_texts(sandbox) if "BEGIN:VCALENDAR" in t]
        report = report_json(journal, tmp_path)
        counts = kind(report, "calendar")
        reasons = [a["reason"] for a in report["attention"]]
        if choice == "merge":
            assert len(events) == counts["moved"] == 15  # nothing lost: 6 went into a calendar made before
            assert reasons.count("calendar_merged") == 6
        else:
            assert len(events) == counts["moved"] == 9
            assert counts["skipped"] == 6
            assert report["skipped"]["calendar"] == {"calendar_limit_left_out": 6}
        assert counts["failed"] == counts["quarantined"] == 0


@pytest.mark.parametrize(("to_make", "existing", "waits", "left_over"),
                         [(10, 0, 0, 0), (12, 0, 1, 0), (21, 0, 2, 0), (40, 5, 2, 15), (3, 30, 0, 3)])
def test_the_room_says_how_often_the_move_waits_and_how_many_calendars_do_not_fit(
        to_make: int, existing: int, waits: int, left_over: int) -> None:
    room = CalendarRoom(to_make, existing, TargetLimits())  # Nextcloud's defaults: 10 an hour, 30 in all
    assert (room.waits, room.left_over, room.wait_seconds) == (waits, left_over, waits * 3600.0)
