"""What a real Nextcloud 29 did that the sandbox now does too (issue 11, points 1 to 4), through the
real CLI: names too long for the server's part file, session cookies that outrank the Authorization
header (the sign-in itself is in test_login), an untouched account that reports no ``free``, and a
507 that refuses one file while smaller ones still fit."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.login import LoginFlow
from degoogle.targets.nextcloud.server import NextcloudServer
from tests.conftest import APP_PASSWORD, tree

_START, _END = "Compte rendu de la réunion du conseil de quartier, ", " (version finale).pdf"
LONG_NAME = _START + ("ordre du jour " * 20)[: 240 - len(_START.encode()) - len(_END)] + _END


def plan_and_run(source: str, target: str, journal: Path, *extra: str) -> int:
    assert main(["plan", source, target, "--journal", str(journal)]) == 0
    return main(["run", "--journal", str(journal), *extra])


def report_json(journal: Path, tmp_path: Path) -> dict:
    out = tmp_path / "report.json"
    assert main(["report", "--journal", str(journal), "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


# --- 1. long names ----------------------------------------------------------------------------------


def test_the_sandbox_refuses_names_too_long_for_nextclouds_part_file(sandbox: Sandbox) -> None:
    url = f"{sandbox.url}/remote.php/dav/files/{sandbox.user}/"
    auth = (sandbox.user, sandbox.password)
    answers = {n: requests.put(url + "a" * (n - 4) + ".txt", data=b"x", auth=auth, timeout=10).status_code
               for n in (227, 228, 250, 251)}
    assert answers == {227: 201, 228: 500, 250: 500, 251: 400}


def test_a_240_byte_name_lands_shortened_and_is_listed_among_the_renames(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    assert len(LONG_NAME.encode()) == 240
    source = tmp_path / "Papiers"
    source.mkdir()
    (source / LONG_NAME).write_bytes(b"%PDF-1.4 compte rendu\n" * 20)
    (source / "court.txt").write_bytes(b"court")
    code = plan_and_run(f"folder:{source}", target_env, tmp_path / "j.db")
    assert code in (0, 3)
    landed = tree(sandbox.files_dir() / "Papiers")
    assert "court.txt" in landed
    [long] = [name for name in landed if name != "court.txt"]
    assert long.endswith(".pdf")
    assert len(long.encode()) <= 227 and long.startswith("Compte rendu de la réunion")
    report = report_json(tmp_path / "j.db", tmp_path)
    [renamed] = report["renames"]
    assert renamed["reason"] == "too_long" and renamed["path"] == LONG_NAME
    assert renamed["target_path"].endswith(long)
    assert "too long" in renamed["text"]
    assert report["attention"] == [] or all(line["reason"] == "too_long" for line in report["attention"])


@pytest.mark.parametrize("sandbox", [{"bulk_upload": False}], indirect=True)  # the per-file PUT's 500
def test_a_500_on_one_item_again_and_again_sets_it_aside_with_the_servers_words(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    source = tmp_path / "Papiers"
    source.mkdir()
    for i in range(5):
        (source / f"lettre {i}.txt").write_bytes(f"lettre {i}\n".encode() * 30)
    (source / "têtu.txt").write_bytes(b"the server always fails on this one")
    sandbox.add_fault("PUT", r"têtu\.txt$", 500, times=1000)
    assert plan_and_run(f"folder:{source}", target_env, tmp_path / "j.db") == 3
    landed = tree(sandbox.files_dir() / "Papiers")
    assert sorted(landed) == [f"lettre {i}.txt" for i in range(5)]
    report = report_json(tmp_path / "j.db", tmp_path)
    [line] = report["attention"]
    assert line["path"] == "têtu.txt" and line["state"] == "quarantined" and line["reason"] == "server_error"
    assert "injected by the sandbox" in line["detail"]  # the server's own words
    tries = [r for r in sandbox.requests if r.method == "PUT" and r.path.endswith("têtu.txt")]
    assert 1 < len(tries) <= 3
    sandbox.clear_requests()
    assert main(["run", "--journal", str(tmp_path / "j.db")]) == 3  # set aside: not tried on every run
    assert not [r for r in sandbox.requests if r.method == "PUT"]


# --- 2. session cookies ------------------------------------------------------------------------------


def test_a_request_carrying_session_cookies_is_that_session_whatever_its_basic_auth(sandbox: Sandbox) -> None:
    ocs = f"{sandbox.url}/ocs/v2.php/core/apppassword"
    headers = {"OCS-APIRequest": "true"}
    with requests.Session() as browser_like:
        seen = browser_like.get(f"{sandbox.url}/ocs/v2.php/cloud/user", params={"format": "json"},
                                auth=(sandbox.user, sandbox.password), headers=headers, timeout=10)
        assert seen.status_code == 200 and {"oc_sessionPassphrase", sandbox.instance_id} <= set(seen.cookies.keys())
        flow = LoginFlow()  # another device signs in and gets its own app password
        requests.get(flow.start(sandbox.url).login_url, timeout=10)
        other = flow.wait(timeout=30, interval=0.1).app_password
        # Basic auth says "other", the cookies say the first password's session: the first one goes
        assert browser_like.delete(ocs, auth=(sandbox.user, other), headers=headers, timeout=10).status_code == 200
    assert sandbox.app_passwords() == [other]


# --- 3. room on an untouched account ------------------------------------------------------------------


@pytest.fixture
def small_account(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Sandbox, str]]:
    """A brand-new hoster account of 20 MB whose files were never touched, as a TARGET spec."""
    with Sandbox(tmp_path / "server", user="marie", password=APP_PASSWORD, quota=20_000_000) as server:
        monkeypatch.setenv("DEGOOGLE_TARGET_PASSWORD", server.password)
        yield server, "nextcloud:" + server.url.replace("://", "://marie@", 1)


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on the test machine's disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.truncate(size)
    return path


def test_the_sandbox_reports_no_free_for_an_untouched_account(small_account: tuple[Sandbox, str]) -> None:
    server, _target = small_account
    user = NextcloudServer.for_account(NextcloudAccount(server.url, "marie"), server.password)
    raw = user.session.get(f"{server.url}/ocs/v2.php/cloud/user", params={"format": "json"},
                           auth=user.auth, headers={"OCS-APIRequest": "true"}, timeout=10).json()
    assert raw["ocs"]["data"]["quota"] == {"quota": 20_000_000, "used": 0}
    assert user.quota().free == 20_000_000  # quota - used


def test_an_untouched_20_mb_account_and_a_76_mb_plan_stop_before_anything_moves(
        tmp_path: Path, small_account: tuple[Sandbox, str], capsys: pytest.CaptureFixture[str]) -> None:
    server, target = small_account
    source = tmp_path / "Archives"
    for i in range(4):
        sparse(source / f"scan {i}.pdf", 19_000_000)
    assert main(["plan", f"folder:{source}", target, "--journal", str(tmp_path / "j.db")]) == 0
    capsys.readouterr()
    server.clear_requests()
    assert main(["run", "--journal", str(tmp_path / "j.db")]) == 4
    out = capsys.readouterr().out.replace("\u00a0", " ")  # sizes hold their unit with a no-break space
    assert "76.0 MB" in out and "20.0 MB" in out
    assert not [r for r in server.requests if r.method in ("PUT", "MKCOL", "MOVE")]
    assert not any(server.files_dir().iterdir())


# --- 4. a 507 refuses one file, not the run -------------------------------------------------------------


def test_a_file_bigger_than_the_room_left_is_set_aside_and_the_small_ones_land(
        tmp_path: Path, small_account: tuple[Sandbox, str]) -> None:
    server, target = small_account
    source = tmp_path / "Mes documents"
    small = {f"lettre {i:02d}.txt": f"Chère Marie, n°{i}\n".encode() * 2000 for i in range(12)}
    for name, data in small.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(data)
    sparse(source / "film de vacances.mp4", 25_000_000)
    (source / "zz dernière lettre.txt").write_bytes(b"la fin\n" * 100)
    small["zz dernière lettre.txt"] = b"la fin\n" * 100
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{source}", target, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal), "--until-full"]) == 3
    landed = tree(server.files_dir() / "Mes documents")
    assert sorted(landed) == sorted(small)
    report = report_json(journal, tmp_path)
    [line] = report["attention"]
    assert line["path"] == "film de vacances.mp4" and line["state"] == "quarantined"
    assert line["reason"] == "too_big_for_space" and "25000000 bytes" in line["detail"]

    assert "too_big_for_space" not in {line["reason"] for line in report["renames"]}


def test_when_nothing_left_fits_the_run_pauses_with_the_figures(
        tmp_path: Path, small_account: tuple[Sandbox, str], capsys: pytest.CaptureFixture[str]) -> None:
    server, target = small_account
    source = tmp_path / "Vidéos"
    (source / "petit.txt").parent.mkdir(parents=True)
    (source / "petit.txt").write_bytes(b"petit")
    for name in ("anniversaire.mp4", "mariage.mp4"):
        sparse(source / name, 25_000_000)
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{source}", target, "--journal", str(journal)]) == 0
    capsys.readouterr()
    assert main(["run", "--journal", str(journal), "--until-full"]) == 4
    out = capsys.readouterr().out.replace("\u00a0", " ")  # sizes hold their unit with a no-break space
    assert "25000000 required" in out and "available" in out
    assert "You are moving 50.0 MB; your account has 20.0 MB free" in out
    assert {p.name for p in (server.files_dir() / "Vidéos").iterdir()} <= {"petit.txt"}  # the big ones wait
    with sqlite3.connect(journal) as db:
        states = dict(db.execute("SELECT source_path, state FROM items"))
    assert "pending" in (states["anniversaire.mp4"], states["mariage.mp4"])  # waits for room, resumably
