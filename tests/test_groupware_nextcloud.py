"""Calendars and contacts from a Takeout archive into the sandbox Nextcloud (Radicale under
``/remote.php/dav``), through the real CLI: no invitation sent, nothing doubled, nothing lost."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from degoogle.cli import main
from degoogle.convert.ical import unfold
from degoogle.sandbox import Sandbox
from degoogle.targets.nextcloud.dav import DavCollections
from tests.groupware_samples import KARIM, LEA, OLD_PHONE, many_cards, many_events
from tests.takeout_factory import CALENDAR_FOLDER, CONTACTS_MEMBER, build_takeout
from tests.test_groupware_files import takeout_members
from tests.waiting import wait_until


def report_json(journal: Path, tmp_path: Path) -> dict:
    out = tmp_path / "report.json"
    assert main(["report", "--journal", str(journal), "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def kind(report: dict, name: str) -> dict:
    return next(k for k in report["kinds"] if k["kind"] == name)


def server_dav(sandbox: Sandbox) -> DavCollections:
    return DavCollections(sandbox.url, sandbox.user, sandbox.password)


def stored_texts(sandbox: Sandbox) -> list[str]:
    """Every calendar object and vCard on the sandbox's disk (Radicale's storage)."""
    root = sandbox.groupware_dir() / "collection-root"
    return [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*"))
            if p.suffix in (".ics", ".vcf") and p.is_file() and not any(part.startswith(".") for part in p.parts)]


def dav_puts(sandbox: Sandbox) -> list[str]:
    return [r.path for r in sandbox.requests if r.method == "PUT" and r.path.startswith("/remote.php/dav/")]


def test_a_french_takeout_moves_its_calendars_and_contacts_and_a_second_run_writes_nothing(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    parts = build_takeout(tmp_path / "export", {"rapport.pdf": b"%PDF"}, lang="fr", extra_members=takeout_members("fr"))
    journal = tmp_path / "j.db"
    source = "takeout:" + str(parts[0])
    assert main(["plan", source, target_env, "--journal", str(journal), "--only", "calendar,contacts"]) == 0
    assert main(["run", "--journal", str(journal)]) == 0

    report = report_json(journal, tmp_path)
    calendars, contacts = kind(report, "calendar"), kind(report, "contacts")
    assert (calendars["moved"], calendars["quarantined"], calendars["verified_ok"]) == (12, 0, 12)
    assert (contacts["moved"], contacts["verified_ok"]) == (3, 3)
    assert kind(report, "files")["skipped"] == 1  # not chosen with --only
    per_calendar = {c["name"]: c for c in report["collections"]["calendar"]}
    assert per_calendar["Famille"]["moved"] == 6 and per_calendar["Travail"]["moved"] == 6
    assert {c["name"]: c["target"] for c in report["collections"]["contacts"]} == {"Contacts": "Contacts"}

    # what the server stored: no METHOD anywhere, every organizer and attendee marked SCHEDULE-AGENT=CLIENT
    texts = stored_texts(sandbox)
    assert len([t for t in texts if "BEGIN:VCALENDAR" in t]) == 12
    assert not any("METHOD:" in t for t in texts)
    invitation = unfold(next(t for t in texts if "nyc-call@example.org" in t))
    scheduled = [line for _n, line in invitation if line.startswith(("ORGANIZER", "ATTENDEE"))]
    assert len(scheduled) == 4 and all("SCHEDULE-AGENT=CLIENT" in line for line in scheduled)  # 3 + the alarm's
    lea = [line for _n, line in unfold(next(t for t in texts if "lea-dupont@example.org" in t))]
    assert "CATEGORIES:Famille,Chorale,Travail" in lea

    # the calendars were found by discovery and made with their names and colour
    dav = server_dav(sandbox)
    assert {c.name for c in dav.calendars()} >= {"Famille", "Travail"}
    assert next(c for c in dav.calendars() if c.name == "Famille").color == "#3A87ADFF"

    sandbox.clear_requests()
    assert main(["run", "--journal", str(journal)]) == 0
    assert dav_puts(sandbox) == []
    # planning again (the archive unchanged) and running: still nothing written
    assert main(["plan", source, target_env, "--journal", str(journal), "--only", "calendar,contacts"]) == 0
    assert main(["run", "--journal", str(journal), "--no-verify"]) == 0
    assert dav_puts(sandbox) == []


def test_a_calendar_with_five_percent_damaged_events_moves_the_others_and_names_each_bad_one(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    text, bad = many_events(100, bad_every=20, name="Club")
    cards_text, bad_cards = many_cards(20, bad_every=10)
    (tmp_path / "club.ics").write_text(text, encoding="utf-8")
    (tmp_path / "club.vcf").write_text(cards_text, encoding="utf-8")
    for spec, journal in ((f"ics:{tmp_path / 'club.ics'}", "cal.db"), (f"vcf:{tmp_path / 'club.vcf'}", "vcf.db")):
        assert main(["plan", spec, target_env, "--journal", str(tmp_path / journal)]) == 0
        assert main(["run", "--journal", str(tmp_path / journal)]) == 3  # some need the user's attention

    report = report_json(tmp_path / "cal.db", tmp_path)
    calendars = kind(report, "calendar")
    assert (calendars["found"], calendars["moved"], calendars["quarantined"]) == (100, 95, 5)
    lines = [a for a in report["attention"] if a["reason"] == "malformed_event"]
    assert len(lines) == len(bad) == 5
    for line in lines:
        assert "line " in line["detail"] and "month must be in 1..12" in line["detail"]
        assert "damaged" in line["text"] or "abîmé" in line["text"]
    on_server = [t for t in stored_texts(sandbox) if "BEGIN:VCALENDAR" in t]
    assert len(on_server) == 95 and not any(uid in t for uid in bad for t in on_server)

    contacts = kind(report_json(tmp_path / "vcf.db", tmp_path), "contacts")
    assert (contacts["moved"], contacts["quarantined"]) == (20 - len(bad_cards), len(bad_cards))


def _done(journal: Path) -> int:
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT COUNT(*) FROM items WHERE state = 'done'").fetchone()[0])
    finally:
        db.close()


def test_kill_9_mid_run_then_run_again_leaves_each_event_and_contact_exactly_once(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    members: dict[str, bytes] = {}
    for n, name in enumerate(("Travail", "Sport", "Famille")):
        members[f"{CALENDAR_FOLDER['en']}/{name}.ics"] = many_events(80, name=name, seed=n, prefix=name)[0].encode()
    members[CONTACTS_MEMBER["en"]] = (many_cards(60)[0] + LEA + KARIM + OLD_PHONE).encode()
    parts = build_takeout(tmp_path / "export", {}, extra_members=members)
    journal = tmp_path / "j.db"
    assert main(["plan", f"takeout:{parts[0]}", target_env, "--journal", str(journal)]) == 0
    total = 240 + 63

    env = {**os.environ, "DEGOOGLE_TARGET_PASSWORD": sandbox.password}
    cmd = [sys.executable, "-m", "degoogle", "run", "--journal", str(journal), "--workers", "4"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: _done(journal) >= 60 or proc.poll() is not None, "60 items moved", timeout=120)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, "the run finished before it could be killed"
    assert 60 <= _done(journal) < total

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _done(journal) == total

    texts = stored_texts(sandbox)
    events = [t for t in texts if "BEGIN:VCALENDAR" in t]
    people = [t for t in texts if "BEGIN:VCARD" in t]
    assert len(events) == 240 and len(people) == 63  # none missing, none twice
    uids = [line for t in texts for line in t.splitlines() if line.startswith("UID:")]
    assert len(set(uids)) == len(uids) == total
    names = {c.name for c in server_dav(sandbox).calendars()}
    assert {"Travail", "Sport", "Famille"} <= names and not any("(2)" in n for n in names)
    assert {b.name for b in server_dav(sandbox).addressbooks()} == {"Contacts"}

    sandbox.clear_requests()
    assert main(["run", "--journal", str(journal)]) == 0
    assert dav_puts(sandbox) == []
