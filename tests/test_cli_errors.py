"""The command line's error paths as a French-speaking helper meets them: errors in the chosen language
naming the file or address, a misspelt host known at once (a usage error, not a 30 s wait for a server),
`degoogle status | head` without a traceback, and `status` after a refused password saying the run is
paused rather than "not started"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.test_cli import folder_with

NBSP = "\u00a0"


def test_a_missing_archive_is_named_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "takeout-001.zip"
    code = main(["plan", f"takeout:{missing}", "nextcloud:https://m@cloud.example.org", "--journal",
                 str(tmp_path / "j.db"), "--lang", "fr"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"«{NBSP}{missing}{NBSP}»{NBSP}: Il n'y a rien à cet endroit" in err
    assert "Choisissez-le de nouveau" in err and "[usage]" not in err


def test_a_pdf_given_as_the_archive_is_named_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "facture.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    code = main(["plan", f"takeout:{pdf}", "nextcloud:https://m@cloud.example.org", "--journal",
                 str(tmp_path / "j.db"), "--lang", "fr"])
    err = capsys.readouterr().err
    assert code == 2 and "facture.pdf" in err and "n'est pas une archive Google" in err


@pytest.mark.parametrize(("address", "said"), [
    ("nuage.exemple-qui-nexiste-pas.invalid", "Aucun serveur ne porte ce nom"),
    ("cloud exemple.org", "Une adresse de serveur ne contient pas d'espace"),
])
def test_a_wrong_address_is_a_usage_error_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch, address: str, said: str) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # a keyring the login can use
    code = main(["login", address, "--no-browser", "--lang", "fr"])
    err = capsys.readouterr().err
    assert code == 2, err  # a usage error: nothing waited for, nothing to resume
    assert said in err and "connexion Internet, puis reprenez" not in err


def _status_cmd(journal: Path) -> list[str]:
    return [sys.executable, "-m", "degoogle", "status", "--journal", str(journal), "--lang", "fr"]


def test_status_into_head_ends_quietly(tmp_path: Path) -> None:
    src = folder_with(tmp_path, 40)
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", "nextcloud:https://m@cloud.example.org", "--journal", str(journal)]) == 0
    status = subprocess.Popen(_status_cmd(journal), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert status.stdout is not None
    status.stdout.readline()
    status.stdout.close()  # as `head -1` does once it has its line
    _, err = status.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()
    assert status.returncode == 0


def test_status_after_a_refused_password_says_paused(tmp_path: Path, sandbox: Sandbox) -> None:
    src = folder_with(tmp_path, 3)
    journal = tmp_path / "j.db"
    target = "nextcloud:" + sandbox.url.replace("://", f"://{sandbox.user}@")
    assert main(["plan", f"folder:{src}", target, "--journal", str(journal)]) == 0
    env = {**os.environ, "DEGOOGLE_TARGET_PASSWORD": "not-the-password"}
    run = subprocess.run([sys.executable, "-m", "degoogle", "run", "--journal", str(journal), "--lang", "fr"],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 4, run.stdout + run.stderr
    status = subprocess.run(_status_cmd(journal), capture_output=True, text=True, timeout=60)
    assert "pas encore lancée" not in status.stdout
    assert "en pause" in status.stdout
    assert "not-the-password" not in status.stdout


def test_a_missing_journal_is_told_in_french_with_its_path_for_support_staff(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nulle-part.journal"
    code = main(["status", "--journal", str(missing), "--lang", "fr"])
    first, second = capsys.readouterr().err.strip().split("\n")
    assert code == 2
    assert first.startswith("degoogle: Il n'y a pas de journal à cet endroit.")
    assert str(missing) in second  # the English detail, on its own line, names the file


def test_a_missing_journal_in_english_is_told_by_its_detail_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.journal"
    assert main(["status", "--journal", str(missing), "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == f"degoogle: no journal at {missing}"
