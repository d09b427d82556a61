"""Keep notes from a Takeout become Markdown notes of Nextcloud Notes, checked line by line."""

from __future__ import annotations

import hashlib
from pathlib import Path

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.photos_factory import build_keep_takeout
from tests.test_files_integration import report_json


def test_keep_notes_become_markdown_notes(tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    export = build_keep_takeout(tmp_path / "export", "fr")
    assert len(export.notes) >= 50 and export.trashed and export.attachments
    journal = tmp_path / "j.db"
    source = "takeout:" + ",".join(map(str, export.parts))
    assert main(["plan", source, target_env, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 0

    files = sandbox.files_dir()
    on_disk = {p.relative_to(files).as_posix() for p in (files / "Notes").rglob("*") if p.is_file()}
    assert on_disk == set(export.notes) | set(export.attachments)
    for path, (lines, edited) in export.notes.items():
        text = (files / path).read_text(encoding="utf-8")
        assert text.endswith("\n") and text[:-1].split("\n") == lines, path
        assert int((files / path).stat().st_mtime) == edited, path
    for path, sha1 in export.attachments.items():
        assert hashlib.sha1((files / path).read_bytes()).hexdigest() == sha1, path

    report = report_json(journal, tmp_path)
    notes = next(k for k in report["kinds"] if k["kind"] == "notes")
    assert notes["moved"] == len(export.notes) + len(export.attachments)
    assert report["skipped"]["notes"].get("note_in_trash", 0) >= export.trashed
