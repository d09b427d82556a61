"""Gmail from a Takeout archive into a real Dovecot, through the real CLI (plan, run, kill -9, run again)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from degoogle.cli import main
from tests.mail_samples import SCENARIOS, Sample, takeout_mbox
from tests.takeout_factory import MAIL_MEMBER, build_takeout
from tests.waiting import wait_until

if TYPE_CHECKING:
    from tests.dovecot import Dovecot, MailUser

pytest_plugins = ["tests.dovecot"]  # the dovecot and mailbox fixtures

KEPT = {"\\Seen", "\\Flagged", "\\Draft", "\\Answered"}
FIVE_THOUSAND = 5000


@cache
def big_sample() -> Sample:
    return takeout_mbox(FIVE_THOUSAND)


def takeout_with_mail(root: Path, sample: Sample, lang: str = "fr") -> str:
    parts = build_takeout(root, {"Documents/lisez-moi.txt": b"bonjour\n"}, fmt="zip", lang=lang,  # type: ignore[arg-type]
                          extra_members={MAIL_MEMBER[lang]: sample.data})
    return "takeout:" + ",".join(map(str, parts))


def server_state(user: MailUser) -> dict[str, list[tuple[str | None, datetime, frozenset[str], frozenset[str]]]]:
    """Folder → its messages as (Message-ID, internal date, kept flags, keywords)."""
    client = user.client()
    state: dict[str, list[tuple[str | None, datetime, frozenset[str], frozenset[str]]]] = {}
    try:
        for flags, _sep, name in client.list_folders():
            if b"\\Noselect" in flags:
                continue
            if not client.select_folder(name, readonly=True)[b"EXISTS"]:
                continue
            found = client.fetch(client.search(["ALL"]),
                                 [b"FLAGS", b"INTERNALDATE", b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
            rows = []
            for data in found.values():
                head = data[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].decode().strip()
                mid = head.split(":", 1)[1].strip() if head else None
                flags_text = {f.decode() for f in data[b"FLAGS"]}
                rows.append((mid, data[b"INTERNALDATE"], frozenset(flags_text & KEPT),
                             frozenset(f for f in flags_text if not f.startswith("\\"))))
            state[name] = rows
    finally:
        client.logout()
    return state


def uidnext(user: MailUser) -> dict[str, int]:
    client = user.client()
    try:
        return {name: client.folder_status(name, [b"UIDNEXT"])[b"UIDNEXT"]
                for flags, _sep, name in client.list_folders() if b"\\Noselect" not in flags}
    finally:
        client.logout()


def expected_ids(sample: Sample, per_label: bool = False) -> dict[str, Counter[tuple[str | None, datetime]]]:
    folders = sample.expected_per_label() if per_label else sample.expected_one_copy()
    return {folder: Counter((m.mid, m.date) for m in messages) for folder, messages in folders.items()}


def landed_ids(state: dict[str, list[tuple[str | None, datetime, frozenset[str], frozenset[str]]]]
               ) -> dict[str, Counter[tuple[str | None, datetime]]]:
    return {folder: Counter((mid, when) for mid, when, _f, _k in rows) for folder, rows in state.items() if rows}


def report_json(journal: Path, tmp_path: Path) -> dict:
    out = tmp_path / "report.json"
    assert main(["report", "--journal", str(journal), "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def mail_counts(journal: Path, tmp_path: Path) -> dict:
    return next(k for k in report_json(journal, tmp_path)["kinds"] if k["kind"] == "mail")


def test_five_thousand_takeout_messages_land_in_the_right_folders_with_flags_and_dates(
        tmp_path: Path, target_env: str, mailbox: MailUser, monkeypatch: pytest.MonkeyPatch) -> None:
    sample = big_sample()
    assert len(sample.messages) > FIVE_THOUSAND
    source = takeout_with_mail(tmp_path / "export", sample)
    monkeypatch.setenv("DEGOOGLE_MAIL_PASSWORD", mailbox.password)
    journal = tmp_path / "j.db"
    assert main(["plan", source, target_env, "--journal", str(journal), "--mail-to", mailbox.spec()]) == 0
    assert main(["run", "--journal", str(journal)]) == 0

    state = server_state(mailbox)
    # folder counts and every Message-ID (with its date: two messages share one id) once where it belongs
    assert landed_ids(state) == expected_ids(sample)
    assert {"Indésirables", "Corbeille"}.isdisjoint(landed_ids(state))  # Spam and Trash left out
    expected = {(m.mid, m.date): m.scenario for m in sample.messages if m.moved}
    for folder, rows in state.items():
        for mid, when, flags, keywords in rows:
            scenario = expected[(mid, when)]  # internal date = the mbox From line, not the Date header
            assert (flags, keywords) == (scenario.flags, frozenset(scenario.keywords)), (folder, mid, scenario)
    report = report_json(journal, tmp_path)
    counts = next(k for k in report["kinds"] if k["kind"] == "mail")
    moved = sum(1 for m in sample.messages if m.moved)
    assert (counts["moved"], counts["quarantined"], counts["failed"], counts["verified_ok"]) == (moved, 0, 0, moved)
    left_out = sum(1 for m in sample.messages if m.scenario.folder is None)  # Spam and Trash
    assert report["skipped"]["mail"] == {"spam_trash_left_out": left_out}  # counted, with the reason

    # a second run after success appends nothing, nor does a new plan of the same archive
    before = uidnext(mailbox)
    assert main(["run", "--journal", str(journal)]) == 0
    assert main(["plan", source, target_env, "--journal", str(tmp_path / "again.db"), "--mail-to",
                 mailbox.spec()]) == 0
    assert main(["run", "--journal", str(tmp_path / "again.db")]) == 0
    assert uidnext(mailbox) == before
    again = mail_counts(tmp_path / "again.db", tmp_path)
    assert (again["already_there"], again["moved"]) == (moved, 0)


def _done(journal: Path) -> int:
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT COUNT(*) FROM items WHERE kind = 'mail' AND state = 'done'").fetchone()[0])
    finally:
        db.close()


def settled_count(server: Dovecot, user: MailUser) -> int:
    """Messages in the mailbox once the server has finished what the killed client had sent it
    (pipelined APPENDs already in its input are still carried out, then its session ends)."""
    wait_until(lambda: server.sessions(user.name) == 0, "the killed client's IMAP session to end", timeout=60,
               interval=0.05)
    return sum(len(rows) for rows in server_state(user).values())


def test_kill_9_mid_append_then_run_again_gives_each_message_once(
        tmp_path: Path, target_env: str, mailbox: MailUser, dovecot: Dovecot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sample = big_sample()
    source = takeout_with_mail(tmp_path / "export", sample, lang="en")
    journal = tmp_path / "j.db"
    assert main(["plan", source, target_env, "--journal", str(journal), "--mail-to", mailbox.spec()]) == 0

    env = {**os.environ, "DEGOOGLE_MAIL_PASSWORD": mailbox.password}
    cmd = [sys.executable, "-m", "degoogle", "run", "--journal", str(journal), "--workers", "4"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: _done(journal) >= 1500 or proc.poll() is not None, "1,500 messages moved", timeout=120,
               interval=0.01)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, "the run finished before it could be killed"
    done_at_kill = _done(journal)
    on_server = settled_count(dovecot, mailbox)
    moved = sum(1 for m in sample.messages if m.moved)
    assert 1500 <= done_at_kill <= on_server < moved

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert landed_ids(server_state(mailbox)) == expected_ids(sample)  # no duplicate, none missing
    counts = mail_counts(journal, tmp_path)
    # what reached the server in the killed run without reaching the journal is recognised, not sent again
    assert counts["already_there"] == on_server - done_at_kill
    assert counts["moved"] + counts["already_there"] == moved


def test_a_copy_per_label_with_spam_and_trash(tmp_path: Path, target_env: str, mailbox: MailUser,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    sample = takeout_mbox(len(SCENARIOS) * 3)
    source = takeout_with_mail(tmp_path / "export", sample, lang="en")
    monkeypatch.setenv("DEGOOGLE_MAIL_PASSWORD", mailbox.password)
    journal = tmp_path / "j.db"
    plan = ["plan", source, target_env, "--journal", str(journal), "--mail-to", mailbox.spec(),
            "--mail-policy", "copy_per_label"]
    spam = [m for m in sample.messages if m.scenario.labels[0] == "Spam"]
    trash = [m for m in sample.messages if m.scenario.labels[0] in ("Trash", "Corbeille")]
    # not asked for: listed, reported as left out with the reason, not moved
    assert main(plan) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    assert {"Indésirables", "Corbeille"}.isdisjoint(landed_ids(server_state(mailbox)))
    assert report_json(journal, tmp_path)["skipped"]["mail"] == {"spam_trash_left_out": len(spam) + len(trash)}
    # asked for on a second plan: the same rows are taken up and moved
    assert main([*plan, "--include-spam-trash"]) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    assert "mail" not in report_json(journal, tmp_path)["skipped"]
    landed = landed_ids(server_state(mailbox))
    assert landed.pop("Indésirables") == Counter((m.mid, m.date) for m in spam)
    assert landed.pop("Corbeille") == Counter((m.mid, m.date) for m in trash)
    assert landed == expected_ids(sample, per_label=True)
