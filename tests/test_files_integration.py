"""Files from a Takeout archive or a folder into the sandbox Nextcloud, through the real CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.conftest import APP_PASSWORD, tree
from tests.takeout_factory import EXPORT_TIME, build_takeout, corrupt_member, sha1_of, truncate
from tests.waiting import wait_until

NFC_ETE = unicodedata.normalize("NFC", "été.txt")
NFD_ETE = unicodedata.normalize("NFD", "été.txt")

DRIVE = {
    "Documents/rapport.pdf": b"%PDF-1.4 rapport annuel\n" * 40,
    "Documents/Impôts 2025/avis d'imposition.pdf": b"%PDF-1.4 avis\n" * 30,
    "Photos/Vacances Bretagne/IMG_0001.jpg": bytes(range(256)) * 64,
    "Photos/Vacances Bretagne/2024/juillet/plage.jpg": bytes(reversed(range(256))) * 32,
    "vide.txt": b"",
    "Devis: cuisine?.pdf": b"devis",
    ".htaccess": b"Deny from all\n",
    "Notes ": b"trailing space",
    "CON.txt": b"reserved on windows",
    "Réunions/" + NFC_ETE: b"written in NFC",
    "Réunions/" + NFD_ETE: b"written in NFD",
}

# where each Drive file must land (under "Google Drive/"), names as Nextcloud accepts them
EXPECTED = {
    "Documents/rapport.pdf": "Documents/rapport.pdf",
    "Documents/Impôts 2025/avis d'imposition.pdf": "Documents/Impôts 2025/avis d'imposition.pdf",
    "Photos/Vacances Bretagne/IMG_0001.jpg": "Photos/Vacances Bretagne/IMG_0001.jpg",
    "Photos/Vacances Bretagne/2024/juillet/plage.jpg": "Photos/Vacances Bretagne/2024/juillet/plage.jpg",
    "vide.txt": "vide.txt",
    "Devis: cuisine?.pdf": "Devis_ cuisine_.pdf",
    ".htaccess": ".htaccess_",
    "Notes ": "Notes",
    "CON.txt": "CON_.txt",
}


def plan_and_run(source: str, target: str, journal: Path, *extra: str) -> int:
    assert main(["plan", source, target, "--journal", str(journal), *extra]) == 0
    return main(["run", "--journal", str(journal)])


def report_json(journal: Path, tmp_path: Path) -> dict:
    out = tmp_path / "report.json"
    assert main(["report", "--journal", str(journal), "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def drive_tree(server: Sandbox) -> dict[str, str]:
    return tree(server.files_dir() / "Google Drive")


@pytest.mark.parametrize(("fmt", "lang"), [("zip", "en"), ("tgz", "fr"), ("zip", "fr")])
def test_a_takeout_archive_lands_with_the_right_tree(tmp_path: Path, sandbox: Sandbox, target_env: str,
                                                     fmt: str, lang: str) -> None:
    extra = {f"Takeout/{'Agenda' if lang == 'fr' else 'Calendar'}/Famille.ics": b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
             "Takeout/Mail/All mail Including Spam and Trash.mbox": b"From x\n\nhello\n"}
    parts = build_takeout(tmp_path / "export", DRIVE, fmt=fmt, parts=2, lang=lang, extra_members=extra)
    assert len(parts) == 2
    journal = tmp_path / "j.db"
    assert plan_and_run("takeout:" + ",".join(map(str, parts)), target_env, journal) == 0

    landed = drive_tree(sandbox)
    expected = {EXPECTED[k]: sha1_of(v) for k, v in DRIVE.items() if k in EXPECTED}
    # the two spellings of "été.txt" are one name for Nextcloud clients: both kept, one numbered
    assert {k: v for k, v in landed.items() if not k.startswith("Réunions/")} == expected
    reunions = {k: v for k, v in landed.items() if k.startswith("Réunions/")}
    assert set(reunions) == {"Réunions/" + NFC_ETE, "Réunions/" + unicodedata.normalize("NFC", "été (2).txt")}
    assert sorted(reunions.values()) == sorted([sha1_of(DRIVE["Réunions/" + NFC_ETE]),
                                                sha1_of(DRIVE["Réunions/" + NFD_ETE])])
    # modification time kept (X-OC-Mtime)
    assert (sandbox.files_dir() / "Google Drive/Documents/rapport.pdf").stat().st_mtime == pytest.approx(
        EXPORT_TIME, abs=2)

    report = report_json(journal, tmp_path)
    files = next(k for k in report["kinds"] if k["kind"] == "files")
    assert (files["moved"], files["quarantined"], files["failed"]) == (len(DRIVE), 0, 0)
    assert files["verified_ok"] == len(DRIVE)
    renames = {r["path"]: r for r in report["renames"]}
    assert renames["Devis: cuisine?.pdf"]["target_path"] == "Google Drive/Devis_ cuisine_.pdf"
    assert "forbidden_character" in renames["Devis: cuisine?.pdf"]["reason"]
    assert "forbidden_name" in renames[".htaccess"]["reason"]
    assert "trailing_space_or_dot" in renames["Notes "]["reason"]
    assert any("name_clash" in r["reason"] for r in report["renames"])
    # mail with nowhere to go (no --mail-to) is listed, not ignored; an empty calendar holds no item
    assert report["skipped"]["mail"] == {"no_mail_destination": 1}
    assert "calendar" not in report["skipped"]


@pytest.mark.parametrize("sandbox", [{"bulk_upload": False}, {}], indirect=True, ids=["per-file", "bulk"])
def test_a_second_run_sends_nothing_and_a_new_plan_finds_everything_already_there(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    source = tmp_path / "Mes documents"
    for i in range(30):
        (source / f"dossier {i % 3}").mkdir(parents=True, exist_ok=True)
        (source / f"dossier {i % 3}" / f"note {i}.txt").write_text(f"note {i}\n" * (i + 1))
    assert plan_and_run(f"folder:{source}", target_env, tmp_path / "first.db") == 0
    assert len(tree(sandbox.files_dir() / "Mes documents")) == 30

    sandbox.clear_requests()
    assert main(["run", "--journal", str(tmp_path / "first.db")]) == 0
    assert [r for r in sandbox.requests if r.method in ("PUT", "POST")] == []

    assert plan_and_run(f"folder:{source}", target_env, tmp_path / "second.db") == 0
    assert [r for r in sandbox.requests if r.method in ("PUT", "POST")] == []
    # a PUT leaves its SHA-1 at the server, which a new plan compares; Nextcloud keeps no checksum of
    # a file written by bulk upload, so there the new plan compares the (small) files' bytes
    gets = [r for r in sandbox.requests if r.method == "GET" and r.path.startswith("/remote.php/")]
    assert len(gets) == (30 if sandbox.bulk_upload else 0)
    files = next(k for k in report_json(tmp_path / "second.db", tmp_path)["kinds"] if k["kind"] == "files")
    assert (files["already_there"], files["moved"]) == (30, 0)


def test_a_different_file_at_the_target_is_kept_and_ours_written_beside_it(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "rapport.pdf").write_bytes(b"ours")
    (source / "identique.txt").write_bytes(b"same bytes")
    existing = sandbox.files_dir() / "Archives"
    existing.mkdir(parents=True)
    (existing / "rapport.pdf").write_bytes(b"theirs, already in the Nextcloud")
    (existing / "identique.txt").write_bytes(b"same bytes")

    code = plan_and_run(f"folder:{source}", target_env, tmp_path / "j.db", "--into", "Archives")
    assert code == 3  # finished, with something to look at
    assert (existing / "rapport.pdf").read_bytes() == b"theirs, already in the Nextcloud"
    assert (existing / "rapport (2).pdf").read_bytes() == b"ours"
    assert sorted(p.name for p in existing.iterdir()) == ["identique.txt", "rapport (2).pdf", "rapport.pdf"]
    report = report_json(tmp_path / "j.db", tmp_path)
    files = next(k for k in report["kinds"] if k["kind"] == "files")
    assert (files["kept_both"], files["already_there"]) == (1, 1)
    [line] = report["attention"]
    assert (line["reason"], line["target_path"]) == ("kept_both", "Archives/rapport (2).pdf")


def test_bad_input_is_set_aside_with_a_reason_and_the_rest_moves(
        tmp_path: Path, sandbox: Sandbox, target_env: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")  # a French-speaking user
    good = {f"Dossier/fichier {i}.txt": f"contenu {i}\n".encode() * 50 for i in range(12)}
    part1 = build_takeout(tmp_path / "a", {**good, "Dossier/abîmé.bin": b"x" * 5000}, fmt="zip")[0]
    corrupt_member(part1, "Takeout/Drive/Dossier/abîmé.bin")
    later = {f"Autre/photo {i}.jpg": bytes([i]) * 40_000 for i in range(10)}
    part2 = build_takeout(tmp_path / "b", later, fmt="tgz")[0]
    truncate(part2, 0.5)

    code = plan_and_run(f"takeout:{part1},{part2}", target_env, tmp_path / "j.db")
    assert code == 3
    landed = drive_tree(sandbox)
    for name, data in good.items():
        assert landed[name] == sha1_of(data)
    assert "Dossier/abîmé.bin" not in landed
    report = report_json(tmp_path / "j.db", tmp_path)
    reasons = {line["path"]: line["reason"] for line in report["attention"]}
    assert reasons["Dossier/abîmé.bin"] == "corrupt_member"
    assert "archive_damaged" in reasons.values()
    photos = [k for k in landed if k.startswith("Autre/")]
    assert 0 < len(photos) < 10 or photos == []  # what was readable before the damage may move
    out = capsys.readouterr().out
    assert "Ce fichier est abîmé à l'intérieur de l'archive." in out


def test_a_busy_server_is_retried_until_the_file_lands(tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "patience.txt").write_bytes(b"worth the wait")
    sandbox.add_fault("PUT", r"patience\.txt$", 503, times=2, headers={"Retry-After": "1"})
    started = time.monotonic()
    assert plan_and_run(f"folder:{source}", target_env, tmp_path / "j.db") == 0
    assert time.monotonic() - started >= 2  # Retry-After honoured twice
    assert (sandbox.files_dir() / "src" / "patience.txt").read_bytes() == b"worth the wait"
    puts = [r for r in sandbox.requests if r.method == "PUT"]
    assert [r.status for r in puts] == [503, 503, 201]


def test_the_app_password_never_lands_anywhere(tmp_path: Path, sandbox: Sandbox, target_env: str,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    parts = build_takeout(tmp_path / "export", {"a.txt": b"a", "b/c.txt": b"c"})
    journal = tmp_path / "work" / "j.db"
    journal.parent.mkdir()
    assert plan_and_run(f"takeout:{parts[0]}", target_env, journal) == 0
    main(["report", "--journal", str(journal), "--html", str(journal.parent / "r.html"),
          "--json", str(journal.parent / "r.json")])
    main(["status", "--journal", str(journal), "--json"])
    # a refused password (the right one with a prefix): no message may echo it back either
    monkeypatch.setenv("DEGOOGLE_TARGET_PASSWORD", "wrong-" + APP_PASSWORD)
    parts2 = build_takeout(tmp_path / "export2", {"d.txt": b"d"})
    assert plan_and_run(f"takeout:{parts2[0]}", target_env, journal.parent / "k.db") == 4
    out = capsys.readouterr()
    assert "refused the login" in out.out
    names = {p.name for p in journal.parent.iterdir()}
    assert {"j.db", "j.db.log", "k.db.log", "r.html", "r.json"} <= names
    assert "retrying" not in (journal.parent / "k.db.log").read_text()
    written = b"".join(p.read_bytes() for p in journal.parent.iterdir() if p.is_file())
    for text in (out.out, out.err, written.decode("utf-8", "replace")):
        assert APP_PASSWORD not in text


def _done_paths(journal: Path) -> set[str]:
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        return {r[0] for r in db.execute("SELECT target_path FROM items WHERE state = 'done'")}
    finally:
        db.close()


@pytest.mark.parametrize("sandbox", [{"bulk_upload": False}], indirect=True)  # bulk: tests/test_files_bulk.py
def test_kill_9_mid_run_then_run_again_moves_each_file_exactly_once(tmp_path: Path, sandbox: Sandbox,
                                                                    target_env: str) -> None:
    files = {f"lot {i % 20}/fichier {i:04d}.txt": f"{i}\n".encode() * (50 + i % 200) for i in range(2000)}
    parts = build_takeout(tmp_path / "export", files, fmt="zip", parts=2)
    journal = tmp_path / "j.db"
    assert main(["plan", "takeout:" + ",".join(map(str, parts)), target_env, "--journal", str(journal)]) == 0

    env = {**os.environ, "DEGOOGLE_TARGET_PASSWORD": sandbox.password}
    cmd = [sys.executable, "-m", "degoogle", "run", "--journal", str(journal), "--workers", "4"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: len(_done_paths(journal)) >= 800 or proc.poll() is not None, "800 files moved", timeout=120)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, "the run finished before it could be killed"
    done_at_kill = _done_paths(journal)
    assert 800 <= len(done_at_kill) < 2000

    sandbox.clear_requests()
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    prefix = f"/remote.php/dav/files/{sandbox.user}/"
    resent = {r.path.removeprefix(prefix) for r in sandbox.requests if r.method == "PUT"}
    assert resent and resent.isdisjoint(done_at_kill)
    # the Takeout's items come interleaved across the 20 folders: each folder is listed once by the
    # verification, not once per item (2,000 listings made this run last a minute)
    listings = [r for r in sandbox.requests if r.method == "PROPFIND" and r.path.startswith(prefix)]
    assert len(listings) < 200, len(listings)
    assert drive_tree(sandbox) == {k: sha1_of(v) for k, v in files.items()}


def test_an_unreadable_file_in_a_folder_is_set_aside_and_the_rest_moves(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "Clé USB"
    src.mkdir()
    (src / "lisible.txt").write_bytes(b"fine")
    (src / "disparu.txt").write_bytes(b"will be gone")
    (src / "lien cassé.txt").symlink_to(tmp_path / "nowhere")
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0
    (src / "disparu.txt").unlink()
    (src / "disparu.txt").mkdir()  # no longer a file that can be read
    assert main(["run", "--journal", str(journal)]) == 3
    assert tree(sandbox.files_dir() / "Clé USB") == {"lisible.txt": sha1_of(b"fine")}
    reasons = {line["path"]: line["reason"] for line in report_json(journal, tmp_path)["attention"]}
    assert reasons == {"disparu.txt": "unreadable", "lien cassé.txt": "unreadable"}


def test_a_file_that_changed_since_the_plan_is_set_aside_then_moved_after_a_new_plan(
        tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "Documents"
    src.mkdir()
    (src / "journal intime.txt").write_bytes(b"jour 1\n" * 300_000)  # 2.1 MB: streamed, not read at once
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0
    with (src / "journal intime.txt").open("ab") as f:
        f.write(b"jour 2\n")
    assert main(["run", "--journal", str(journal)]) == 3
    assert not (sandbox.files_dir() / "Documents" / "journal intime.txt").exists()
    [line] = report_json(journal, tmp_path)["attention"]
    assert line["reason"] == "source_changed"
    assert plan_and_run(f"folder:{src}", target_env, journal) == 0  # a new listing, then the run moves it
    assert tree(sandbox.files_dir() / "Documents") == {
        "journal intime.txt": sha1_of(b"jour 1\n" * 300_000 + b"jour 2\n")}
