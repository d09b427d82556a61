"""Big files in chunks (Nextcloud chunked upload v2) and the hoster's quota, through the real CLI."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.conftest import tree
from tests.waiting import wait_until

MiB = 1024 * 1024
CHUNK = re.compile(r"^/remote\.php/dav/uploads/[^/]+/[^/]+/(\d+)$")


def big_file(path: Path, size: int) -> str:
    """A file of ``size`` bytes that does not compress; returns its SHA-1."""
    digest = hashlib.sha1()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        left, n = size, 0
        while left:
            block = hashlib.sha256(str(n).encode()).digest() * (min(left, MiB) // 32 + 1)
            block = block[: min(left, MiB)]
            out.write(block)
            digest.update(block)
            left -= len(block)
            n += 1
    return digest.hexdigest()


def chunk_puts(server: Sandbox, status: int | None = None) -> list[int]:
    return [int(m.group(1)) for r in server.requests
            if r.method == "PUT" and (m := CHUNK.match(r.path)) and (status is None or r.status == status)]


def test_a_big_file_goes_up_in_chunks_and_lands_whole(tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "Vidéos"
    sha1 = big_file(src / "mariage.mp4", 25 * MiB)
    os.utime(src / "mariage.mp4", (1_600_000_000, 1_600_000_000))
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(tmp_path / "j.db")]) == 0
    assert main(["run", "--journal", str(tmp_path / "j.db")]) == 0
    landed = sandbox.files_dir() / "Vidéos" / "mariage.mp4"
    assert tree(landed.parent) == {"mariage.mp4": sha1}
    assert landed.stat().st_mtime == 1_600_000_000
    puts = [(int(m.group(1)), r.bytes_in) for r in sandbox.requests if r.method == "PUT" and (m := CHUNK.match(r.path))]
    assert puts == [(1, 10 * MiB), (2, 10 * MiB), (3, 5 * MiB)]
    assert [r.method for r in sandbox.requests if r.path.endswith("/.file")] == ["MOVE"]
    assert not [r for r in sandbox.requests if r.method == "PUT" and r.path.endswith("mariage.mp4")]


def settle(server: Sandbox) -> None:
    """Wait until the server has logged every request of a killed client."""
    wait_until(lambda: server.serving == 0, "the server to finish the killed client's requests", timeout=60)


def _chunks_done(journal: Path) -> int:
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT COALESCE(MAX(chunks_done), 0) FROM uploads").fetchone()
        return int(row[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def test_kill_9_mid_upload_then_run_again_sends_only_the_missing_chunks(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "Vidéos"
    size = 300 * 1000 * 1000
    sha1 = big_file(src / "film.mkv", size)
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0
    chunks = -(-size // (10 * MiB))

    env = {**os.environ, "DEGOOGLE_TARGET_PASSWORD": sandbox.password}
    cmd = [sys.executable, "-m", "degoogle", "run", "--journal", str(journal)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: _chunks_done(journal) >= chunks // 2 or proc.poll() is not None, "half the chunks sent",
               timeout=120, interval=0.005)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, "the upload finished before it could be killed"
    settle(sandbox)  # the server notices the killed client's half-sent chunk and logs it (400)
    on_server = set(chunk_puts(sandbox, status=201))
    assert chunks // 2 <= len(on_server) < chunks

    sandbox.clear_requests()
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    resent = chunk_puts(sandbox)
    assert sorted(resent) == sorted(set(range(1, chunks + 1)) - on_server)
    assert tree(sandbox.files_dir() / "Vidéos") == {"film.mkv": sha1}


def test_move_answering_423_twice_then_succeeding_gives_one_file_and_no_second_upload(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "Archives"
    sha1 = big_file(src / "sauvegarde.zip", 22 * MiB)
    sandbox.add_fault("MOVE", r"/\.file$", 423, times=2)
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(tmp_path / "j.db")]) == 0
    assert main(["run", "--journal", str(tmp_path / "j.db")]) == 0
    assert tree(sandbox.files_dir() / "Archives") == {"sauvegarde.zip": sha1}
    assert sorted(chunk_puts(sandbox)) == [1, 2, 3]  # each chunk sent once
    assert [r.status for r in sandbox.requests if r.path.endswith("/.file")] == [423, 423, 201]


def test_an_upload_the_server_dropped_starts_over(tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "Vidéos"
    sha1 = big_file(src / "vacances.mov", 31 * MiB)
    journal = tmp_path / "j.db"
    sandbox.add_fault("PUT", r"/uploads/.*/00003$", 507)  # the hoster is full for a moment: the run pauses
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 4
    assert sorted(chunk_puts(sandbox, status=201)) == [1, 2]
    sandbox.expire_uploads()  # a day later the server has dropped the unfinished upload
    sandbox.clear_requests()
    assert main(["run", "--journal", str(journal)]) == 0
    assert sorted(chunk_puts(sandbox)) == [1, 2, 3, 4]
    assert tree(sandbox.files_dir() / "Vidéos") == {"vacances.mov": sha1}


def test_a_source_edited_between_two_runs_is_not_assembled_from_stale_parts(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "Vidéos"
    film = src / "montage.mov"
    big_file(film, 25 * MiB)
    stat = film.stat()
    journal = tmp_path / "j.db"
    sandbox.add_fault("PUT", r"/uploads/.*/00003$", 507)
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 4  # parts 1 and 2 are on the server
    with film.open("r+b") as f:  # edited in place: same size, same date
        f.write(b"new opening title" * 1000)
    os.utime(film, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    new_sha1 = hashlib.sha1(film.read_bytes()).hexdigest()
    sandbox.clear_requests()
    assert main(["run", "--journal", str(journal)]) == 0
    assert sorted(chunk_puts(sandbox)) == [1, 3]  # part 1 changed, part 2 still matches
    assert tree(sandbox.files_dir() / "Vidéos") == {"montage.mov": new_sha1}


@pytest.fixture
def small_quota(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with Sandbox(tmp_path / "full-server", user="marie", quota=5 * MiB) as server:
        monkeypatch.setenv("DEGOOGLE_TARGET_PASSWORD", server.password)
        yield server, "nextcloud:" + server.url.replace("://", f"://{server.user}@", 1)


def test_a_plan_larger_than_the_free_space_is_refused_before_anything_moves(
        tmp_path: Path, small_quota: tuple[Sandbox, str], capsys: pytest.CaptureFixture[str]) -> None:
    server, target = small_quota
    src = tmp_path / "Photos"
    for i in range(8):
        big_file(src / f"photo {i}.jpg", MiB)
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target, "--journal", str(journal)]) == 0
    capsys.readouterr()
    assert main(["run", "--journal", str(journal)]) == 4
    out = capsys.readouterr().out
    assert "8.4\u00a0MB" in out and "5.2\u00a0MB free" in out
    assert not [r for r in server.requests if r.method in ("PUT", "MKCOL")]


def test_a_full_hoster_mid_run_pauses_with_4_and_nothing_is_lost(
        tmp_path: Path, small_quota: tuple[Sandbox, str]) -> None:
    server, target = small_quota
    src = tmp_path / "Photos"
    sums = {f"photo {i}.jpg": big_file(src / f"photo {i}.jpg", MiB) for i in range(8)}
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal), "--until-full", "--workers", "1"]) == 4
    landed = tree(server.files_dir() / "Photos")
    assert 0 < len(landed) < 8
    assert all(sums[name] == digest for name, digest in landed.items())
    db = sqlite3.connect(journal)
    states = dict(db.execute("SELECT state, COUNT(*) FROM items GROUP BY state").fetchall())
    db.close()
    assert states == {"done": len(landed), "pending": 8 - len(landed)}
    server.set_quota(None)  # the user freed some space
    assert main(["run", "--journal", str(journal)]) == 0
    assert tree(server.files_dir() / "Photos") == sums


def test_an_account_whose_user_id_is_not_its_login_gets_its_files_in_the_right_place(tmp_path: Path) -> None:
    """LDAP accounts are often named by a UUID inside Nextcloud while people sign in with a short name."""
    user_id = "5f0b9c1e-7a3d-4c2e-9b8a-1d2e3f4a5b6c"
    with Sandbox(tmp_path / "ldap-server", user=user_id, login="marie") as server:
        src = tmp_path / "Documents"
        small = {f"note {i}.txt": f"note {i}".encode() for i in range(3)}
        for name, data in small.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_bytes(data)
        big_sha1 = big_file(src / "film.mkv", 12 * MiB)
        journal = tmp_path / "j.db"
        target = "nextcloud:" + server.url.replace("://", "://marie@", 1)
        password = tmp_path / "pw"
        password.write_text(server.password)
        assert main(["plan", f"folder:{src}", target, "--journal", str(journal)]) == 0
        assert main(["run", "--journal", str(journal), "--password-file", str(password)]) == 0
        landed = tree(server.files_dir() / "Documents")
        assert landed == {**{n: hashlib.sha1(d).hexdigest() for n, d in small.items()}, "film.mkv": big_sha1}
        assert main(["verify", "--journal", str(journal), "--password-file", str(password)]) == 0
        assert any(r.path.startswith(f"/remote.php/dav/uploads/{user_id}/") for r in server.requests)
