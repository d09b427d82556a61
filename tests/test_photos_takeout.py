"""Google Photos from a 2-part Takeout (English and French) into the sandbox Nextcloud, through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from tests.conftest import tree
from tests.photos_factory import build_photos_takeout
from tests.test_files_integration import report_json

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
