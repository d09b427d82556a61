"""Gmail from a Takeout archive into the sandbox Nextcloud as mbox files (``--mail-to archive``), through
the real CLI: the files on the server's disk read back with Python's ``mailbox``, chunks, kill -9, an
upload the server expired, a name already taken."""

from __future__ import annotations

import base64
import json
import mailbox
import os
import random
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.mail_samples import ARCHIVE, CHATS, DRAFTS, INBOX, SENT, Sample, takeout_mbox
from tests.takeout_factory import MAIL_MEMBER, build_takeout
from tests.waiting import wait_until

CHUNK = 5 * 1024 * 1024  # the smallest chunk Nextcloud accepts (every chunk but the last)
#: the sample's folders (tests/mail_samples.py names) → their mbox under Mail/, role names in French
FILES = {INBOX: "Boîte de réception.mbox", SENT: "Messages envoyés.mbox", DRAFTS: "Brouillons.mbox",
         ARCHIVE: "Archives.mbox", CHATS: "Chats.mbox", "Travail": "Travail.mbox",
         "Travail/Clients": "Travail/Clients.mbox", "Famille/Été 2023": "Famille/Été 2023.mbox",
         "Impôts & Banque": "Impôts & Banque.mbox", "Gros": "Gros.mbox"}
_QUOTED = re.compile(rb"^>(>*From )", re.MULTILINE)


@pytest.fixture(autouse=True)
def _french_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_MESSAGES", "fr_FR.UTF-8")  # what names the roles' mbox files
    monkeypatch.delenv("LC_ALL", raising=False)


def big_messages(count: int, size: int, label: str = "Gros") -> tuple[bytes, list[bytes]]:
    """``count`` Takeout messages of about ``size`` bytes labelled ``label``: the mbox and each message."""
    rng = random.Random(5)
    entries, messages = [], []
    for n in range(count):
        body = base64.encodebytes(rng.randbytes(size * 3 // 4))
        message = (f"X-Gmail-Labels: {label},Opened\nMessage-ID: <big{n}@degoogle.test>\n"
                   f"Date: Mon, 4 Mar 2019 08:{n % 60:02d}:00 +0000\nSubject: Gros {n}\n"
                   "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n").encode() + body
        messages.append(message)
        entries.append(b"From 1@xxx Mon Mar 04 08:15:00 +0000 2019\n" + message + b"\n")
    return b"".join(entries), messages


def takeout(root: Path, data: bytes) -> str:
    parts = build_takeout(root, {"Documents/lisez-moi.txt": b"bonjour\n"}, fmt="zip", lang="en",  # type: ignore[arg-type]
                          extra_members={MAIL_MEMBER["en"]: data})
    return "takeout:" + ",".join(map(str, parts))


def expected(sample: Sample, tmp_path: Path, big: list[bytes] = ()) -> dict[str, Counter[bytes]]:
    """Mbox path under Mail/ → the original bytes of the messages it should hold (read from the
    sample's mbox with Python's ``mailbox``, un-quoted as mboxrd)."""
    original = tmp_path / "original.mbox"
    original.write_bytes(sample.data)
    box = mailbox.mbox(original)
    found: dict[str, Counter[bytes]] = {}
    for key, message in zip(box.keys(), sample.messages, strict=True):
        if message.moved:
            found.setdefault(FILES[str(message.scenario.folder)], Counter())[_unquote(box.get_bytes(key))] += 1
    if big:
        found["Gros.mbox"] = Counter(big)
    return found


def _unquote(data: bytes) -> bytes:
    return _QUOTED.sub(rb"\1", data)


def archived(sandbox: Sandbox) -> dict[str, Counter[bytes]]:
    """Each ``Mail/…mbox`` on the server's disk → its messages, as Python's ``mailbox`` reads them."""
    root = sandbox.files_dir() / "Mail"
    found = {}
    for path in sorted(root.rglob("*.mbox")):
        box = mailbox.mbox(path, create=False)
        found[path.relative_to(root).as_posix()] = Counter(_unquote(box.get_bytes(k)) for k in box.iterkeys())
        box.close()
    return found


def journal_rows(journal: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def mail_counts(journal: Path, tmp_path: Path) -> dict:
    out = tmp_path / "report.json"
    assert main(["report", "--journal", str(journal), "--json", str(out)]) == 0
    return next(k for k in json.loads(out.read_text(encoding="utf-8"))["kinds"] if k["kind"] == "mail")


def assert_nothing_claimed_early(journal: Path, sandbox: Sandbox) -> None:
    """Every message the journal calls done is in a complete volume whose file is on the disk with
    the volume's size; no message of an open volume is done."""
    for path, size, state in journal_rows(journal, "SELECT target_path, bytes, state FROM volumes"):
        on_disk = sandbox.files_dir() / path
        if state == "done":
            assert on_disk.stat().st_size == size
    early = journal_rows(journal, "SELECT COUNT(*) FROM items i JOIN volumes v ON i.volume = v.id "
                                  "WHERE i.state = 'done' AND v.state != 'done'")
    assert early == [(0,)]


def test_a_takeout_becomes_one_mbox_per_folder_that_mailbox_reads_back_byte_for_byte(
        tmp_path: Path, target_env: str, sandbox: Sandbox) -> None:
    sample = takeout_mbox(300)
    source = takeout(tmp_path / "export", sample.data)
    journal = tmp_path / "j.db"
    assert main(["plan", source, target_env, "--journal", str(journal), "--mail-to", "archive"]) == 0
    assert main(["run", "--journal", str(journal)]) == 0

    assert archived(sandbox) == expected(sample, tmp_path)
    moved = sum(1 for m in sample.messages if m.moved)
    counts = mail_counts(journal, tmp_path)
    assert (counts["moved"], counts["pending"], counts["failed"], counts["verified_ok"]) == (moved, 0, 0, moved)
    report = subprocess.run([sys.executable, "-m", "degoogle", "report", "--journal", str(journal)],
                            capture_output=True, text=True, env={**os.environ, "LANG": "en_US.UTF-8"})
    assert "Mail/Boîte de réception.mbox" in report.stdout  # the report says where each folder went

    # a second run writes nothing, and the files stay as they were
    before = {p: (sandbox.files_dir() / "Mail" / p).stat().st_mtime_ns for p in archived(sandbox)}
    sandbox.clear_requests()
    assert main(["run", "--journal", str(journal)]) == 0
    assert not [r for r in sandbox.requests if r.method in ("PUT", "MOVE", "MKCOL")]
    assert {p: (sandbox.files_dir() / "Mail" / p).stat().st_mtime_ns for p in archived(sandbox)} == before


def test_a_folder_bigger_than_a_chunk_goes_up_in_several_chunks_and_never_over_another_file(
        tmp_path: Path, target_env: str, sandbox: Sandbox) -> None:
    data, big = big_messages(14, 900_000)  # about 12.6 MB in one folder: three chunks of 5 MiB
    sample = takeout_mbox(40)
    (sandbox.files_dir() / "Mail").mkdir()
    (sandbox.files_dir() / "Mail" / "Gros.mbox").write_bytes(b"someone else's file\n")
    source = takeout(tmp_path / "export", sample.data + data)
    journal = tmp_path / "j.db"
    assert main(["plan", source, target_env, "--journal", str(journal), "--mail-to", "archive"]) == 0
    assert main(["run", "--journal", str(journal), "--chunk-size", str(CHUNK)]) == 0

    chunks = [r for r in sandbox.requests if r.method == "PUT" and "/uploads/" in r.path]
    by_upload = Counter(r.path.rsplit("/", 2)[-2] for r in chunks)
    assert sorted(by_upload.values())[-1] == 3, by_upload
    assert all(r.bytes_in >= CHUNK for r in chunks if not r.path.endswith("/00003")
               and by_upload[r.path.rsplit("/", 2)[-2]] == 3)
    landed = archived(sandbox)
    wanted = expected(sample, tmp_path, big)
    assert landed.pop("Gros (2).mbox") == wanted.pop("Gros.mbox")
    assert (sandbox.files_dir() / "Mail" / "Gros.mbox").read_bytes() == b"someone else's file\n"
    del landed["Gros.mbox"]
    assert landed == wanted


def test_kill_9_after_some_chunks_then_run_again_gives_each_message_once(
        tmp_path: Path, target_env: str, sandbox: Sandbox) -> None:
    data, big = big_messages(14, 900_000)
    sample = takeout_mbox(3000)
    source = takeout(tmp_path / "export", data + sample.data)  # the big folder first: its chunks go up early
    journal = tmp_path / "j.db"
    assert main(["plan", source, target_env, "--journal", str(journal), "--mail-to", "archive"]) == 0

    cmd = [sys.executable, "-m", "degoogle", "run", "--journal", str(journal), "--chunk-size", str(CHUNK)]
    proc = subprocess.Popen(cmd, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: journal_rows(journal, "SELECT COUNT(*) FROM volumes WHERE chunks >= 1") != [(0,)]
               or proc.poll() is not None, "a first chunk of the archive written", timeout=60, interval=0.005)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, "the run finished before it could be killed"
    states = dict(journal_rows(journal, "SELECT state, COUNT(*) FROM items WHERE kind = 'mail' GROUP BY 1"))
    assert states.get("staged", 0) >= 5 and not states.get("done")  # written, not claimed
    assert not (sandbox.files_dir() / "Mail").exists() or not list((sandbox.files_dir() / "Mail").rglob("*.mbox"))
    assert mail_counts(journal, tmp_path)["moved"] == 0

    again = subprocess.run(cmd, env=os.environ.copy(), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert_nothing_claimed_early(journal, sandbox)
    assert archived(sandbox) == expected(sample, tmp_path, big)  # no duplicate, none missing
    counts = mail_counts(journal, tmp_path)
    assert (counts["moved"], counts["pending"]) == (sum(1 for m in sample.messages if m.moved) + len(big), 0)


def test_an_upload_the_server_expired_is_written_again_and_a_lost_answer_to_the_move_is_recognised(
        tmp_path: Path, target_env: str, sandbox: Sandbox) -> None:
    data, big = big_messages(8, 900_000)  # 7.2 MB: one full chunk and a last one
    sample = takeout_mbox(30)
    source = takeout(tmp_path / "export", data + sample.data)
    journal = tmp_path / "j.db"
    assert main(["plan", source, target_env, "--journal", str(journal), "--mail-to", "archive"]) == 0
    # the first run pauses before finishing: the hoster refuses to assemble the big folder (full)
    sandbox.add_fault("MOVE", r"/uploads/", 507)
    assert main(["run", "--journal", str(journal), "--chunk-size", str(CHUNK)]) != 0
    assert journal_rows(journal, "SELECT COUNT(*) FROM volumes WHERE chunks >= 1") == [(1,)]
    assert_nothing_claimed_early(journal, sandbox)
    # a day later: Nextcloud dropped the unfinished uploads; and the next MOVE's answer is lost
    assert sandbox.expire_uploads() >= 1
    sandbox.add_fault("MOVE", r"/uploads/", 0, after=True)
    assert main(["run", "--journal", str(journal), "--chunk-size", str(CHUNK)]) == 0
    log = (tmp_path / "j.db.log").read_text(encoding="utf-8")
    assert "the hoster dropped the unfinished upload; its 8 messages are written again" in log
    assert_nothing_claimed_early(journal, sandbox)
    assert archived(sandbox) == expected(sample, tmp_path, big)
    counts = mail_counts(journal, tmp_path)
    moving = counts["found"] - counts["skipped"]  # Spam and Trash are listed, left out
    assert (counts["moved"], counts["pending"], counts["verified_ok"]) == (moving, 0, moving)
    assert counts["skipped"] == sum(1 for m in sample.messages if m.scenario.folder is None)


def test_an_assembly_whose_answer_never_came_back_is_recognised_by_the_next_run(
        tmp_path: Path, target_env: str, sandbox: Sandbox) -> None:
    sample = takeout_mbox(40)
    source = takeout(tmp_path / "export", sample.data)
    journal = tmp_path / "j.db"
    assert main(["plan", source, target_env, "--journal", str(journal), "--mail-to", "archive"]) == 0
    # the server assembles the first mbox, but the answer the client gets is "full": the run pauses
    # with that mbox complete at the hoster and its messages still staged in the journal
    sandbox.add_fault("MOVE", r"/uploads/", 507, after=True)
    assert main(["run", "--journal", str(journal)]) != 0
    assert journal_rows(journal, "SELECT COUNT(*) FROM items WHERE state = 'done' AND kind = 'mail'") == [(0,)]
    assert len(archived(sandbox)) == 1
    sandbox.clear_requests()
    assert main(["run", "--journal", str(journal)]) == 0
    assert "was complete at the hoster already" in (tmp_path / "j.db.log").read_text(encoding="utf-8")
    assert archived(sandbox) == expected(sample, tmp_path)  # each message once, none written twice
    assert_nothing_claimed_early(journal, sandbox)
