"""``degoogle diagnose``: the wizard's diagnostic bundle from the command line, for support staff."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import keyring
import pytest

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.conftest import APP_PASSWORD

#: what the wizard's bundle holds (``app.diagnose.write_bundle``, which both faces call)
MEMBERS = {"README.txt", "summary.json", "versions.txt", "log.txt", "attention.txt"}


def _moved(tmp_path: Path, sandbox: Sandbox) -> Path:
    """A folder moved with the app password in the keyring (as ``degoogle login`` leaves it), its
    journal's log holding the password besides: a line an older version might have written."""
    folder = tmp_path / "Dossiers"
    (folder / "Succession Dupont").mkdir(parents=True)
    for n in range(3):
        (folder / "Succession Dupont" / f"Testament Dupont {n}.txt").write_text(f"copie {n}\n" * 30)
    keyring.set_password("degoogle", f"{sandbox.user}@{sandbox.url.split('://')[1]}", sandbox.password)
    journal = tmp_path / "marie.journal"
    target = "nextcloud:" + sandbox.url.replace("://", f"://{sandbox.user}@")
    assert main(["plan", f"folder:{folder}", target, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    with journal.with_name(journal.name + ".log").open("a", encoding="utf-8") as log:
        log.write(f"2026-11-30 10:00:00 INFO old: signed in with {sandbox.password} from {folder}\n")
    return journal


def _read(bundle: Path) -> dict[str, str]:
    with zipfile.ZipFile(bundle) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist()}


def test_diagnose_writes_the_bundle_secrets_and_names_masked(
        tmp_path: Path, sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    journal = _moved(tmp_path, sandbox)
    capsys.readouterr()
    out = tmp_path / "pour Karim.zip"

    assert main(["diagnose", "--journal", str(journal), "--out", str(out)]) == 0

    assert capsys.readouterr().out.strip() == str(out)
    members = _read(out)
    assert set(members) == MEMBERS
    everything = "".join(members.values())
    assert APP_PASSWORD not in everything  # the keyring's secret, although the log held it
    assert "Dupont" not in everything and str(tmp_path) not in everything
    assert "signed in with ***" in members["log.txt"]
    summary = json.loads(members["summary.json"])
    assert summary["counts"] == {"files": {"moved": 3}}
    assert summary["source"] == {"type": "folder"}
    assert summary["target_host"] == sandbox.url.split("://")[1]


def test_diagnose_without_out_writes_into_the_current_folder(
        tmp_path: Path, sandbox: Sandbox, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    journal = _moved(tmp_path, sandbox)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    capsys.readouterr()

    assert main(["diagnose", "--journal", str(journal)]) == 0

    written = Path(capsys.readouterr().out.strip())
    assert written.parent == Path(".") and written.name.startswith("degoogle-diagnostic-")
    assert [p.name for p in here.iterdir()] == [written.name]
    assert APP_PASSWORD not in "".join(_read(here / written).values())


def test_diagnose_on_a_missing_journal_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagnose", "--journal", str(tmp_path / "none.journal")]) == 2
    assert not list(tmp_path.glob("*.zip"))
