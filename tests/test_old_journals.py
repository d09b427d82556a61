"""Journals written by earlier releases open, migrate and resume with the current code.

The fixtures under ``tests/fixtures/journals/`` were written by the old code itself
(``tests/fixtures/journals/make_old_journal.py`` says how): a folder of eight small files planned
into a sandbox, then a run with one worker cancelled once three files were at the server. Each
fixture keeps the journal, the folder, and what the sandbox held when the run stopped.

- ``v0.1.0-60759f0``: commit 60759f0 (2026-11-25, the previous release), journal format 4;
- ``format1-747772f``: commit 747772f (2026-11-25), journal format 1: opening it applies the
  migrations to the current format.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from degoogle.cli import main
from degoogle.engine.migrations import SCHEMA_VERSION
from degoogle.sandbox import Sandbox
from tests.conftest import APP_PASSWORD, tree

FIXTURES = Path(__file__).parent / "fixtures" / "journals"
#: a time long before the fixtures were made: a file written again would not keep it
LONG_AGO = 1_000_000_000


def _status(journal: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["status", "--journal", str(journal), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert isinstance(status, dict)
    return status


@pytest.mark.parametrize("made_by", ["v0.1.0-60759f0", "format1-747772f"])
def test_a_journal_of_an_earlier_release_opens_and_resumes_to_the_end(
        tmp_path: Path, made_by: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    made = FIXTURES / made_by
    folder = tmp_path / "folder"
    shutil.copytree(made / "folder", folder)
    journal = tmp_path / "old.journal"
    shutil.copy(made / "journal", journal)
    with closing(sqlite3.connect(journal)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] <= SCHEMA_VERSION

    with Sandbox(tmp_path / "server", user="marie", password=APP_PASSWORD) as sandbox:
        # the server as the interrupted run left it: three files there already
        shutil.copytree(made / "server-files", sandbox.files_dir(), dirs_exist_ok=True)
        earlier = sorted(p for p in (sandbox.files_dir() / "folder").rglob("*") if p.is_file())
        assert len(earlier) == 3
        for path in earlier:
            os.utime(path, (LONG_AGO, LONG_AGO))
        # the fixture names the folder and the server's port on the machine that made it: this
        # test's instead (the same data, elsewhere), in the meta table every format has
        target = "nextcloud:" + sandbox.url.replace("://", "://marie@", 1)
        with closing(sqlite3.connect(journal)) as db, db:
            db.execute("UPDATE meta SET value = ? WHERE key = 'source'", (f"folder:{folder}",))
            db.execute("UPDATE meta SET value = ? WHERE key = 'target'", (target,))

        status = _status(journal, capsys)
        assert status["format"] == SCHEMA_VERSION
        assert status["plan"] == "complete"
        assert status["counts"] == {"files": {"moved": 3, "pending": 5}}

        monkeypatch.setenv("DEGOOGLE_TARGET_PASSWORD", sandbox.password)
        assert main(["run", "--journal", str(journal)]) == 0

        assert tree(sandbox.files_dir() / "folder") == tree(folder)  # everything, nothing twice ("… (2)")
        for path in earlier:  # what the earlier release moved was not written again
            assert path.stat().st_mtime == LONG_AGO, path.name
        assert _status(journal, capsys)["counts"] == {"files": {"moved": 8}}
