"""Many small files into the sandbox through Nextcloud's bulk upload, through the real CLI.

The sandbox's bulk endpoint overwrites, as Nextcloud's does: these tests check that degoogle never
lets it replace a file, that a run killed mid-batch resumes without sending again what landed, and
that it falls back to one PUT per file when the server does not offer or refuses bulk upload.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.conftest import tree
from tests.waiting import wait_until

BULK = "/remote.php/dav/bulk"
MTIME = 1_650_000_000


def small_files(root: Path, count: int) -> dict[str, bytes]:
    """``count`` small files in 20 folders below ``root``; relative path → content."""
    files = {f"lot {i % 20}/fichier {i:04d}.txt": f"{i}\n".encode() * (50 + i % 200) for i in range(count)}
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        os.utime(path, (MTIME, MTIME + 1 + len(content)))
    return files


def sha1(content: bytes) -> str:
    return hashlib.sha1(content).hexdigest()


def journal_rows(journal: Path) -> dict[str, tuple[str, str | None]]:
    """target path → (state, checksum), read while a run may be writing."""
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        return {r[0]: (r[1], r[2]) for r in db.execute("SELECT target_path, state, checksum FROM items")}
    finally:
        db.close()


def done_count(journal: Path) -> int:
    return sum(1 for state, _ in journal_rows(journal).values() if state == "done")


def settle(server: Sandbox) -> None:
    """Wait until the server has answered every request of a killed client."""
    wait_until(lambda: server.serving == 0, "the server to finish the killed client's requests", timeout=60)


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def test_kill_9_mid_bulk_run_then_run_again_lands_every_file_once_and_overwrites_nothing(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "Archives"
    files = small_files(src, 2000)
    landed = sandbox.files_dir() / "Archives"
    (landed / "lot 3").mkdir(parents=True)
    (landed / "lot 3" / "fichier 0003.txt").write_bytes(b"a different file, already in the cloud\n")
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0

    env = {**os.environ, "DEGOOGLE_TARGET_PASSWORD": sandbox.password}
    cmd = [sys.executable, "-m", "degoogle", "run", "--journal", str(journal), "--workers", "4"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: done_count(journal) >= 700 or proc.poll() is not None, "700 files moved", timeout=120)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, "the run finished before it could be killed"
    settle(sandbox)
    assert any(r.method == "POST" and r.path == BULK for r in sandbox.requests)
    at_kill = inodes(landed)
    assert 700 <= len(at_kill) < 2001

    sandbox.clear_requests()
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 3, again.stdout + again.stderr  # finished, with the kept-both file to look at

    # every file once, with its content; the different file kept and ours beside it
    expected = {rel: sha1(content) for rel, content in files.items()}
    expected["lot 3/fichier 0003 (2).txt"] = expected["lot 3/fichier 0003.txt"]
    expected["lot 3/fichier 0003.txt"] = sha1(b"a different file, already in the cloud\n")
    assert tree(landed) == expected
    # nothing on the server at the kill was written again: same inode (a write replaces the file)
    after = inodes(landed)
    assert {rel: after[rel] for rel in at_kill} == at_kill
    # the second run sent only the rest: no PUT to a path that was there, bulk bodies no bigger
    # than the missing files plus their part headers
    prefix = f"/remote.php/dav/files/{sandbox.user}/Archives/"
    puts = {r.path.removeprefix(prefix) for r in sandbox.requests if r.method == "PUT"}
    assert puts.isdisjoint(at_kill)
    missing = [rel for rel in files if rel not in at_kill]
    posts = [r for r in sandbox.requests if r.method == "POST" and r.path == BULK]
    assert posts
    assert sum(r.bytes_in for r in posts) <= sum(len(files[rel]) + 300 for rel in missing) + 100 * len(posts)
    # mtime kept; the journal holds each file's SHA-1 as for a PUT
    some = landed / "lot 7" / "fichier 0007.txt"
    assert int(some.stat().st_mtime) == int((src / "lot 7" / "fichier 0007.txt").stat().st_mtime)
    rows = journal_rows(journal)
    assert rows["Archives/lot 7/fichier 0007.txt"] == ("done", "SHA1:" + sha1(files["lot 7/fichier 0007.txt"]))
    assert sum(1 for state, _ in rows.values() if state == "done") == 2000
    assert main(["verify", "--journal", str(journal)]) == 0
    assert "Checked at the hoster 2,000" in again.stdout


def test_small_files_go_in_a_few_bulk_requests_with_their_mtime(tmp_path: Path, sandbox: Sandbox,
                                                                target_env: str) -> None:
    src = tmp_path / "Notes"
    files = small_files(src, 300)
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    landed = sandbox.files_dir() / "Notes"
    assert tree(landed) == {rel: sha1(content) for rel, content in files.items()}
    assert all(int(p.stat().st_mtime) == int((src / rel).stat().st_mtime) for rel, p in
               ((p.relative_to(landed).as_posix(), p) for p in landed.rglob("*.txt")))
    posts = [r for r in sandbox.requests if r.method == "POST" and r.path == BULK]
    assert 3 <= len(posts) <= 6  # up to 100 files a batch, whatever their folder (one round trip each)
    assert not [r for r in sandbox.requests if r.method == "PUT"]


def test_without_the_capability_each_file_is_one_put(tmp_path: Path) -> None:
    with Sandbox(tmp_path / "server", user="marie", password="pw", bulk_upload=False) as server:
        src = tmp_path / "Notes"
        files = small_files(src, 60)
        target = "nextcloud:" + server.url.replace("://", "://marie@", 1)
        os.environ["DEGOOGLE_TARGET_PASSWORD"] = "pw"
        try:
            assert main(["plan", f"folder:{src}", target, "--journal", str(tmp_path / "j.db")]) == 0
            assert main(["run", "--journal", str(tmp_path / "j.db")]) == 0
        finally:
            del os.environ["DEGOOGLE_TARGET_PASSWORD"]
        assert tree(server.files_dir() / "Notes") == {rel: sha1(content) for rel, content in files.items()}
        assert not [r for r in server.requests if r.path == BULK]
        assert len([r for r in server.requests if r.method == "PUT"]) == 60


def test_when_the_endpoint_refuses_the_files_go_one_put_each(tmp_path: Path, sandbox: Sandbox,
                                                             target_env: str) -> None:
    sandbox.add_fault("POST", f"^{BULK}$", 404, times=1000)
    src = tmp_path / "Notes"
    files = small_files(src, 60)
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(tmp_path / "j.db")]) == 0
    assert main(["run", "--journal", str(tmp_path / "j.db"), "--workers", "1"]) == 0
    assert tree(sandbox.files_dir() / "Notes") == {rel: sha1(content) for rel, content in files.items()}
    assert len([r for r in sandbox.requests if r.path == BULK]) == 1  # not asked again after a 404
    assert len([r for r in sandbox.requests if r.method == "PUT"]) == 60


def test_a_bulk_request_that_fails_leaves_each_file_to_its_own_put(tmp_path: Path, sandbox: Sandbox,
                                                                   target_env: str) -> None:
    sandbox.add_fault("POST", f"^{BULK}$", 503, times=1)
    src = tmp_path / "Notes"
    files = small_files(src, 150)
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(tmp_path / "j.db")]) == 0
    assert main(["run", "--journal", str(tmp_path / "j.db"), "--workers", "1"]) == 0
    assert tree(sandbox.files_dir() / "Notes") == {rel: sha1(content) for rel, content in files.items()}
    assert [r.status for r in sandbox.requests if r.path == BULK][0] == 503
    assert 0 < len([r for r in sandbox.requests if r.method == "PUT"]) < 150


def test_a_file_the_server_refuses_in_a_batch_is_tried_alone_and_set_aside_and_the_rest_lands(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "Notes"
    files = small_files(src, 40)
    # Nextcloud refuses an mtime within a day of 1970 (MtimeSanitizer), in a bulk part as on a PUT
    os.utime(src / "lot 5" / "fichier 0005.txt", (3600, 3600))
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal), "--workers", "1"]) == 3
    del files["lot 5/fichier 0005.txt"]
    assert tree(sandbox.files_dir() / "Notes") == {rel: sha1(content) for rel, content in files.items()}
    assert journal_rows(journal)["Notes/lot 5/fichier 0005.txt"][0] == "quarantined"
    assert [r.status for r in sandbox.requests if r.path.endswith("fichier 0005.txt") and r.method == "PUT"] == [400]
    assert any(r.method == "POST" and r.path == BULK for r in sandbox.requests)
