"""``degoogle demo``: a whole migration with no account — a sample French Takeout archive moved
into the local sandbox server (files, calendars, contacts, and mail as an archive of mbox files:
the sandbox has no mailbox), then the report. The same engine and commands as a real run."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from degoogle.app.migration import Migration, MigrationOptions
from degoogle.app.moving import Move, Passwords
from degoogle.console import ConsoleProgress, say
from degoogle.engine.journal_file import JournalFiles
from degoogle.engine.report import to_html, to_text
from degoogle.logs import Redactor, setup_logging
from degoogle.samples import make_sample_takeout
from degoogle.sandbox import Sandbox


def run_demo(directory: Path | None, lang: str) -> int:
    """Run the demo in ``directory`` (kept) or a temporary folder (removed). Returns an exit code."""
    if directory is None:
        with tempfile.TemporaryDirectory(prefix="degoogle-demo-") as tmp:
            return _demo(Path(tmp), lang, keep=False)
    directory.mkdir(parents=True, exist_ok=True)
    return _demo(directory, lang, keep=True)


def _demo(work: Path, lang: str, *, keep: bool) -> int:
    parts = make_sample_takeout(work / "takeout")
    with Sandbox(work / "server", user="marie") as server:
        redact = Redactor([server.password])
        journal = work / "demo.journal"
        owned = JournalFiles(journal)
        for path in owned.all():  # a demo kept in --dir starts afresh, its log too
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        setup_logging(owned.log, redact)
        print(say(lang, "demo_archive", parts=", ".join(p.name for p in parts)))
        print(say(lang, "demo_server", url=server.url, user=server.user) + "\n")
        source = "takeout:" + ",".join(str(p) for p in parts)
        target = f"nextcloud:{server.url.replace('://', f'://{server.user}@', 1)}"
        options = MigrationOptions(mail_to="archive")
        with Migration.create(journal, source, target, options=options) as m:
            with ConsoleProgress(lang) as progress:
                m.plan(progress)
                moved = Move(m, Passwords(server.password), lang=lang, redact=redact).run(progress)
            print()
            print(to_text(moved.report))
            html = work / "demo-report.html"
            html.write_text(to_html(moved.report), encoding="utf-8")
        if keep:
            print("\n" + say(lang, "html", path=html))
            print(say(lang, "demo_files", path=server.files_dir()))
    return 0 if moved.result.state == "finished" else 1
