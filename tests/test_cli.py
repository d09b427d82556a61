"""The CLI contract: usage errors, status output, signals, keyring, report pages."""

from __future__ import annotations

import json
import mailbox
import os
import signal
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from degoogle.cli import main
from degoogle.engine.journal import Journal
from degoogle.errors import UserError
from degoogle.migration import Migration
from degoogle.model import Kind, SourceEntry
from degoogle.sandbox import Sandbox
from degoogle.sources.base import Source
from tests.conftest import tree
from tests.waiting import wait_until


def folder_with(tmp_path: Path, n: int, size: int = 100) -> Path:
    src = tmp_path / "Documents"
    for i in range(n):
        (src / f"d{i % 5}").mkdir(parents=True, exist_ok=True)
        (src / f"d{i % 5}" / f"f{i}.txt").write_bytes(f"{i:06d}".encode() * (size // 6 + 1))
    return src


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "folder:/nonexistent/x", "nextcloud:https://m@cloud.example.org"], "nonexistent"),
        (["plan", "gdrive:x", "nextcloud:https://m@cloud.example.org"], "unknown source"),
        (["plan", "folder:.", "nextcloud:http://m@cloud.example.org"], "only allowed for a server on this computer"),
        (["plan", "folder:.", "nextcloud:https://m:secret@cloud.example.org"], "do not put the password"),
        (["plan", "folder:.", "nextcloud:https://cloud.example.org"], "no user name"),
        (["plan", "folder:.", "nextcloud:https://m@cloud.example.org", "--only", "videos"], "unknown kind"),
    ],
)
def test_usage_errors_exit_2_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                            message: str) -> None:
    assert main([*argv, "--journal", str(tmp_path / "j.db")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "j.db").exists()


def test_a_missing_option_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exited:
        main(["run"])
    assert exited.value.code == 2


def test_run_on_a_missing_journal_and_without_a_password(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--journal", str(tmp_path / "none.db")]) == 2
    src = folder_with(tmp_path, 2)
    assert main(["plan", f"folder:{src}", "nextcloud:https://m@cloud.example.org", "--journal",
                 str(tmp_path / "j.db")]) == 0
    assert main(["run", "--journal", str(tmp_path / "j.db")]) == 2
    err = capsys.readouterr().err
    assert "no journal" in err and "DEGOOGLE_TARGET_PASSWORD" in err


def test_status_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = folder_with(tmp_path, 7)
    main(["plan", f"folder:{src}", "nextcloud:https://m@cloud.example.org", "--journal", str(tmp_path / "j.db")])
    capsys.readouterr()
    assert main(["status", "--journal", str(tmp_path / "j.db"), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["counts"] == {"files": {"pending": 7}}
    assert status["plan"] == "complete" and status["last_run"] is None
    assert status["target"] == "nextcloud:https://m@cloud.example.org"
    assert status["source"] == f"folder:{src.resolve()}"


def test_the_password_is_found_in_the_keyring(tmp_path: Path, sandbox: Sandbox) -> None:
    keyring.set_password("degoogle", f"{sandbox.user}@{sandbox.url.split('://')[1]}", sandbox.password)
    src = folder_with(tmp_path, 3)
    target = "nextcloud:" + sandbox.url.replace("://", f"://{sandbox.user}@")
    assert main(["plan", f"folder:{src}", target, "--journal", str(tmp_path / "j.db")]) == 0
    assert "DEGOOGLE_TARGET_PASSWORD" not in os.environ
    assert main(["run", "--journal", str(tmp_path / "j.db")]) == 0
    assert len(tree(sandbox.files_dir() / "Documents")) == 3


# one PUT per file: with bulk upload 600 small files are a handful of requests, over before a signal
@pytest.mark.parametrize("sandbox", [{"bulk_upload": False}], indirect=True)
def test_sigterm_stops_cleanly_with_130_and_run_resumes(tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = folder_with(tmp_path, 600, size=2000)
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0
    env = {**os.environ, "DEGOOGLE_TARGET_PASSWORD": sandbox.password}
    cmd = [sys.executable, "-m", "degoogle", "run", "--journal", str(journal), "--workers", "2"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until(lambda: any(r.method == "PUT" for r in sandbox.requests) or proc.poll() is not None,
               "the run's first upload", timeout=60, interval=0.01)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert "Resume with: degoogle run" in out
    with Journal.open(journal) as j:
        left = j.tallies()[("files", "pending", "")].count
    assert 0 < left < 600
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(tree(sandbox.files_dir() / "Documents")) == 600


class Interrupted(Source):
    """A source whose listing breaks after ``fail_after`` entries the first time (a disk unplugged)."""

    def __init__(self, names: list[str], fail_after: int | None) -> None:
        self.spec = "memory:"
        self.names = names
        self.fail_after = fail_after

    def describe(self) -> str:
        return "interrupted"

    def scan(self):  # type: ignore[no-untyped-def]
        for i, name in enumerate(self.names):
            if self.fail_after is not None and i == self.fail_after:
                raise UserError("the disk went away")
            yield SourceEntry(Kind.FILES, name, ("Dossier", name), size=1)

    def open(self, item):  # type: ignore[no-untyped-def]
        raise NotImplementedError


def test_an_interrupted_plan_is_finished_by_planning_again(tmp_path: Path) -> None:
    from degoogle.convert.names import NameRules
    from degoogle.engine.plan import Planner, PlanOptions

    names = [f"Photo {i}.JPG" if i % 2 else f"photo {i}.jpg" for i in range(1200)] + ["PHOTO 3.jpg"]
    options = PlanOptions(frozenset({Kind.FILES}), frozenset({Kind.FILES}), "Drive", NameRules.nextcloud_default())
    with Journal.create(tmp_path / "j.db") as j:
        with pytest.raises(UserError):
            Planner(j, Interrupted(names, fail_after=700), options, page_size=100).plan()
        assert j.get_meta("plan_state") == "listing"
        assert len(list(j.items())) == 700  # every full page was committed
        summary = Planner(j, Interrupted(names, fail_after=None), options, page_size=100).plan()
        assert (summary.found, summary.new) == (1201, 501)
        assert j.get_meta("plan_state") == "complete"
        targets = [i.target_path for i in j.items()]
        assert len(targets) == len({t.lower() for t in targets}) == 1201
        # the name taken in the first pass is still known to the second: the clash gets " (2)"
        assert targets[-1] == "Drive/Dossier/PHOTO 3 (2).jpg"


def test_html_report_is_escaped_and_in_french(tmp_path: Path, sandbox: Sandbox, target_env: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "<script>alert(1)<script>.txt").write_bytes(b"x")
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(tmp_path / "j.db")]) == 0
    assert main(["run", "--journal", str(tmp_path / "j.db")]) == 0
    out = tmp_path / "rapport.html"
    assert main(["report", "--lang", "fr", "--journal", str(tmp_path / "j.db"), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Renommés en chemin" in page and "rapport de migration" in page
    with Migration.open(tmp_path / "j.db") as m:
        assert m.report("fr").kinds[0].moved == 1


def test_the_run_asks_to_keep_the_computer_awake_unless_told_not_to(tmp_path: Path, sandbox: Sandbox,
                                                                    target_env: str) -> None:
    src = folder_with(tmp_path, 2)
    journal = tmp_path / "j.db"
    assert main(["plan", f"folder:{src}", target_env, "--journal", str(journal)]) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    log_text = (tmp_path / "j.db.log").read_text()
    # asked of the system; in a container without a desktop it is reported as not available
    assert "keep-awake: on" in log_text or "keep-awake: not available here" in log_text
    assert main(["run", "--journal", str(journal), "--allow-sleep"]) == 0
    assert "keep-awake: not asked" in (tmp_path / "j.db.log").read_text()


def test_with_no_arguments_and_no_screen_it_says_how_to_go_on(monkeypatch, capsys) -> None:
    from degoogle import cli

    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(cli.sys, "platform", "linux")
    assert cli.main(["--lang", "en"]) == cli.EXIT_USAGE
    assert "No screen to show the wizard on" in capsys.readouterr().out


def test_the_demo_moves_the_sample_with_no_account_mail_as_an_archive(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The README's first command without a screen: everything of the sample lands on the local server."""
    assert main(["demo", "--lang", "en", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Nothing needs your attention." in out
    files = tmp_path / "server" / "data" / "marie" / "files"
    assert len([p for p in (files / "Google Drive").rglob("*") if p.is_file()]) == 42
    mail = {p.name: [m["Message-ID"] for m in mailbox.mbox(p)] for p in (files / "Mail").glob("*.mbox")}
    assert {name: len(ids) for name, ids in mail.items()} == {"Inbox.mbox": 2, "Sent.mbox": 1, "Chats.mbox": 1}
    assert all(all(ids) for ids in mail.values()) and "Mail: Found 4, Moved 4, Checked at the hoster 4" in out


def test_the_demo_in_dutch_reports_and_names_the_mail_archive_in_dutch(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--lang", "nl", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Niets vraagt uw aandacht." in out
    assert "E-mail: Gevonden 4, Verhuisd 4, Gecontroleerd bij de hostingpartij 4" in out
    assert "Voorbeeldarchief van Takeout" in out and "Nothing needs" not in out and "Found" not in out
    mail = tmp_path / "server" / "data" / "marie" / "files" / "Mail"
    assert {p.name for p in mail.glob("*.mbox")} == {"Postvak IN.mbox", "Verzonden.mbox", "Chats.mbox"}


def test_every_command_line_message_is_in_every_language() -> None:
    from degoogle import cli_login, cli_schedule, console
    from degoogle.wording import translate

    for table in (console.MESSAGES, cli_login.MESSAGES, cli_schedule.MESSAGES):
        for key, english in table.items():
            assert translate("en", english) == english, key
            assert translate("fr", english) != english, f"{key}: no French in degoogle.po"
            assert translate("nl", english) != english or english.startswith("Units"), f"{key}: no Dutch"
