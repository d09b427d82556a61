"""Google Photos from a 2-part Takeout (English and French) into the sandbox Nextcloud, through the CLI."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.conftest import tree
from tests.photos_factory import build_photos_takeout
from tests.test_files_integration import report_json
from tests.waiting import wait_until

WRITES = {"PUT", "MKCOL", "COPY", "MOVE", "DELETE", "PROPPATCH"}


def _photos_on_disk(server: Sandbox) -> dict[str, str]:
    return {f"Photos/{k}": v for k, v in tree(server.files_dir() / "Photos").items()}


def _albums(server: Sandbox) -> dict[str, set[str]]:
    return {name: {m["path"] for m in members} for name, members in server.photo_albums.albums().items()}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_photo_lands_once_with_its_date_and_albums(tmp_path: Path, sandbox: Sandbox, target_env: str,
                                                        lang: str) -> None:
    export = build_photos_takeout(tmp_path / "export", lang)  # type: ignore[arg-type]
    exp = export.expected
    assert len(exp.files) >= 500 and len(export.parts) == 2 and exp.split_pairs
    source = "takeout:" + ",".join(map(str, export.parts))
    journal = tmp_path / "j.db"
    assert main(["plan", source, target_env, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 0

    # each file exactly once (album copies are not second files), bytes unchanged
    assert _photos_on_disk(sandbox) == exp.files
    files = sandbox.files_dir()
    wrong = {p: (int((files / p).stat().st_mtime), t) for p, t in exp.mtimes.items()
             if int((files / p).stat().st_mtime) != t}
    assert wrong == {}
    assert _albums(sandbox) == exp.albums

    report = report_json(journal, tmp_path)
    photos = next(k for k in report["kinds"] if k["kind"] == "photos")
    assert photos["moved"] == len(exp.files) and photos["failed"] == photos["quarantined"] == 0
    assert report["skipped"]["photos"] == {"photo_in_trash": exp.trashed}
    undated = {line["target_path"] for line in report["attention"] if line["reason"] == "photo_no_date"}
    assert undated == exp.undated
    places = [line for line in report["attention"] if line["reason"] == "photo_places_not_written"]
    assert len(places) == 1 and places[0]["path"].startswith(f"{len(exp.placed)} ")

    # a second run writes nothing
    sandbox.clear_requests()
    assert main(["run", "--journal", str(journal)]) == 0
    assert [r for r in sandbox.requests if r.method in WRITES] == []
    # nor does a new plan from scratch: everything is recognised at the hoster, albums not grown
    fresh = tmp_path / "again.db"
    assert main(["plan", source, target_env, "--journal", str(fresh)]) == 0
    assert main(["run", "--journal", str(fresh)]) == 0
    assert _photos_on_disk(sandbox) == exp.files
    assert _albums(sandbox) == exp.albums
    again = next(k for k in report_json(fresh, tmp_path)["kinds"] if k["kind"] == "photos")
    assert again["already_there"] == len(exp.files) and again["moved"] == 0


def test_without_the_photos_app_photos_move_once_and_albums_come_when_it_is_enabled(
        tmp_path: Path, target_env: str, sandbox: Sandbox) -> None:
    export = build_photos_takeout(tmp_path / "export", "fr", count=60)
    exp = export.expected
    sandbox.photo_albums.enabled = False  # a Nextcloud without the Photos app
    journal = tmp_path / "j.db"
    assert main(["plan", "takeout:" + ",".join(map(str, export.parts)), target_env, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    # no album folders, no copies: each photo once
    assert _photos_on_disk(sandbox) == exp.files
    assert [p for p in sandbox.files_dir().iterdir()] == [sandbox.files_dir() / "Photos"]
    members = set().union(*exp.albums.values())
    report = report_json(journal, tmp_path)
    noted = {line["target_path"] for line in report["attention"] if line["reason"] == "photo_albums_no_app"}
    assert noted == members - exp.undated

    # the hoster enables Photos: the next run adds the albums and uploads nothing
    sandbox.photo_albums.enabled = True
    sandbox.clear_requests()
    assert main(["run", "--journal", str(journal)]) == 0
    assert _albums(sandbox) == exp.albums
    assert [r for r in sandbox.requests if r.method in {"PUT", "MOVE", "DELETE"}] == []
    assert _photos_on_disk(sandbox) == exp.files


def _done_photos(journal: Path) -> set[str]:
    with sqlite3.connect(journal) as db:
        return {r[0] for r in db.execute("SELECT target_path FROM items WHERE kind = 'photos' AND state = 'done'")}


def test_kill_9_mid_run_then_run_again_nothing_twice_nothing_missing(tmp_path: Path, sandbox: Sandbox,
                                                                       target_env: str) -> None:
    export = build_photos_takeout(tmp_path / "export", "en")
    exp = export.expected
    journal = tmp_path / "j.db"
    assert main(["plan", "takeout:" + ",".join(map(str, export.parts)), target_env, "--journal", str(journal)]) == 0

    env = {**os.environ, "DEGOOGLE_TARGET_PASSWORD": sandbox.password}
    cmd = [sys.executable, "-m", "degoogle", "run", "--journal", str(journal), "--workers", "4"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: len(_done_photos(journal)) >= 200 or proc.poll() is not None, "200 photos moved",
               timeout=120)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, "the run finished before it could be killed"
    done_at_kill = _done_photos(journal)
    assert 200 <= len(done_at_kill) < len(exp.files)
    # a file written again gets a new inode (PUT, bulk) or at least a new ctime (its mtime set again)
    files = sandbox.files_dir()
    stamps = {p: ((files / p).stat().st_ino, (files / p).stat().st_ctime_ns) for p in done_at_kill}

    sandbox.clear_requests()
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    prefix = f"/remote.php/dav/files/{sandbox.user}/"
    # the rest went up, alone or in bulk (batches mix folders: the request log does not name each file)
    assert [r for r in sandbox.requests if (r.method == "PUT" and r.path.startswith(prefix))
            or r.path == "/remote.php/dav/bulk"]
    assert {p: ((files / p).stat().st_ino, (files / p).stat().st_ctime_ns) for p in done_at_kill} == stamps
    assert _photos_on_disk(sandbox) == exp.files
    assert _albums(sandbox) == exp.albums
    for name, members in sandbox.photo_albums.albums().items():
        assert len({m["id"] for m in members}) == len(members), name  # no photo twice in an album
    assert {p: t for p, t in exp.mtimes.items() if int((files / p).stat().st_mtime) != t} == {}


def test_an_album_add_whose_answer_is_lost_is_not_made_twice(tmp_path: Path, sandbox: Sandbox,
                                                              target_env: str) -> None:
    export = build_photos_takeout(tmp_path / "export", "en", count=60)
    # the server adds the photos to their album, and the answers never arrive
    sandbox.add_fault("COPY", r"/Photos/", 0, times=3, after=True)
    sandbox.add_fault("MKCOL", r"/albums/", 0, times=1, after=True)
    journal = tmp_path / "j.db"
    assert main(["plan", "takeout:" + ",".join(map(str, export.parts)), target_env, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    dropped = [r for r in sandbox.requests if r.method in ("COPY", "MKCOL") and r.status == 0]
    assert len(dropped) == 4
    assert _photos_on_disk(sandbox) == export.expected.files
    assert _albums(sandbox) == export.expected.albums
    for name, members in sandbox.photo_albums.albums().items():
        assert len({m["id"] for m in members}) == len(members), name
