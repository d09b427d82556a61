"""The run writes its kinds side by side (one lane per kind, ``engine.run.Runner.lanes``), events and
contacts several PUTs at once: a run killed with ``kill -9`` while two calendars, an address book
and files were all under way, then run again, leaves every item at the sandbox exactly once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.groupware_samples import many_cards, many_events
from tests.takeout_factory import CALENDAR_FOLDER, CONTACTS_MEMBER, build_takeout
from tests.test_groupware_nextcloud import dav_puts, server_dav, stored_texts

EVENTS = 150  # per calendar
CARDS = 200
FILES = {f"Documents/note-{n:03d}.txt": f"note {n}\n".encode() * (n + 1) for n in range(40)}


def _done(journal: Path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        return dict(db.execute("SELECT kind, COUNT(*) FROM items WHERE state = 'done' GROUP BY kind").fetchall())
    finally:
        db.close()


def test_kill_9_while_every_kind_is_under_way_then_resume_leaves_each_item_once(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    members = {f"{CALENDAR_FOLDER['en']}/{name}.ics": many_events(EVENTS, name=name, seed=n, prefix=name)[0].encode()
               for n, name in enumerate(("Travail", "Famille"))}
    members[CONTACTS_MEMBER["en"]] = many_cards(CARDS)[0].encode()
    parts = build_takeout(tmp_path / "export", FILES, extra_members=members)
    journal = tmp_path / "j.db"
    assert main(["plan", f"takeout:{parts[0]}", target_env, "--journal", str(journal)]) == 0
    wanted = {"calendar": 2 * EVENTS, "contacts": CARDS, "files": len(FILES)}

    env = {**os.environ, "DEGOOGLE_TARGET_PASSWORD": sandbox.password}
    cmd = [sys.executable, "-m", "degoogle", "run", "--journal", str(journal), "--workers", "2"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # in plan order one kind's items all come before the other's: both under way means side by side
    while proc.poll() is None and time.monotonic() < deadline:
        done = _done(journal)
        if done.get("calendar", 0) >= 20 and done.get("contacts", 0) >= 20:
            break
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, "the run finished before it could be killed"
    at_kill = _done(journal)
    assert 20 <= at_kill["calendar"] < wanted["calendar"] and 20 <= at_kill["contacts"] < wanted["contacts"]

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _done(journal) == wanted

    texts = stored_texts(sandbox)
    events = [t for t in texts if "BEGIN:VCALENDAR" in t]
    people = [t for t in texts if "BEGIN:VCARD" in t]
    assert len(events) == 2 * EVENTS and len(people) == CARDS  # none missing, none twice
    uids = [line for t in texts for line in t.splitlines() if line.startswith("UID:")]
    assert len(set(uids)) == len(uids) == 2 * EVENTS + CARDS
    names = {c.name for c in server_dav(sandbox).calendars()}
    assert {"Travail", "Famille"} <= names and not any("(2)" in n for n in names)
    landed = sandbox.files_dir() / "Google Drive"
    assert {str(p.relative_to(landed)): p.read_bytes() for p in landed.rglob("*") if p.is_file()} == FILES

    sandbox.clear_requests()
    assert main(["run", "--journal", str(journal)]) == 0
    assert dav_puts(sandbox) == []
