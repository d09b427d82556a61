"""The mail archive's volumes carry a stamp of the folder's archives at the hoster in their upload id
(``targets/nextcloud/mail_archive.py``, "Resuming"); a volume begun by an older degoogle has none and
is continued as before. The behaviour with a stamp is the Target contract's (``tests/test_contract_targets.py``,
``TestMailArchive``)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from degoogle.engine.run import Runner
from degoogle.model import Outcome, State
from degoogle.sandbox import Sandbox
from degoogle.targets.nextcloud.mail_archive import STAMP
from tests.contracts.moving import StoppingSource, check, fates, items, plan, run
from tests.contracts.target_contract import OURS, assert_each_once
from tests.test_contract_targets import MailArchiveCase


def test_a_volume_begun_by_an_older_degoogle_without_a_stamp_is_continued(tmp_path: Path, sandbox: Sandbox) -> None:
    case = MailArchiveCase(tmp_path / "sources", sandbox)
    journal = tmp_path / "j.db"
    plan(journal, case.source(OURS), case.kinds)
    last = max(items(journal), key=lambda item: item.id)
    stopping = StoppingSource(case.source(OURS), last.source_key, after=max(1, last.size - 1))

    def hold(runner: Runner) -> None:
        stopping.stop = runner.cancel

    assert run(journal, stopping, case.make(), workers=1, hold=hold).state == "cancelled"
    with sqlite3.connect(journal) as db:
        [(upload_id,)] = db.execute("SELECT upload_id FROM volumes").fetchall()
        assert len(upload_id.rsplit("-", 1)[-1]) == STAMP
        # the upload id as the previous release wrote it
        db.execute("UPDATE volumes SET upload_id = ?", (f"degoogle-mbox-{uuid.uuid4().hex}",))
    assert {state for state, _ in fates(journal)} == {State.STAGED, State.PENDING}

    assert run(journal, case.source(OURS), case.make()).state == "finished"
    assert {outcome for _, outcome in fates(journal)} == {Outcome.MOVED}
    assert_each_once(case, OURS)
    assert [p.name for p in (sandbox.files_dir() / "Mail").iterdir()] == ["Contrat.mbox"]
    assert check(journal, case.make()).problems == []
