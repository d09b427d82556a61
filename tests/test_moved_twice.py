"""The same Takeout moved twice, each time with a new journal (what the wizard does when it starts
again): the second move writes nothing at the hoster and says "already there" for everything — files,
calendars, contacts, and mail into the hoster's mailbox or into the Nextcloud as an mbox archive."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from degoogle.cli import main
from degoogle.sandbox import Sandbox
from degoogle.targets.nextcloud.dav import DavCollections
from tests.mail_samples import takeout_mbox
from tests.takeout_factory import MAIL_MEMBER, build_takeout
from tests.test_groupware_files import takeout_members
from tests.test_mail_takeout import uidnext

if TYPE_CHECKING:
    from tests.dovecot import MailUser

pytest_plugins = ["tests.dovecot"]  # the dovecot and mailbox fixtures

#: what changes something at a Nextcloud when it succeeds
WRITES = frozenset({"PUT", "POST", "MKCOL", "MKCALENDAR", "MOVE", "COPY", "PROPPATCH", "DELETE"})


def takeout(tmp_path: Path) -> str:
    members = {**takeout_members("fr"), MAIL_MEMBER["fr"]: takeout_mbox(40).data}
    files = {"Documents/rapport.pdf": b"%PDF-1.4 rapport\n", "Photos/été.jpg": b"\xff\xd8\xff" + b"j" * 5000,
             "lisez-moi.txt": b"bonjour\n"}
    return "takeout:" + str(build_takeout(tmp_path / "export", files, lang="fr", extra_members=members)[0])


def report(journal: Path, tmp_path: Path) -> dict:
    out = tmp_path / f"{journal.stem}.json"
    assert main(["report", "--journal", str(journal), "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def on_disk(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and ".Radicale" not in p.name and ".Radicale.cache" not in p.parts}


@pytest.mark.parametrize("mail_to", ["mailbox", "archive"])
def test_the_same_takeout_moved_twice_with_two_journals_writes_nothing_the_second_time(
        tmp_path: Path, sandbox: Sandbox, target_env: str, mailbox: MailUser, monkeypatch: pytest.MonkeyPatch,
        mail_to: str) -> None:
    source = takeout(tmp_path)
    monkeypatch.setenv("DEGOOGLE_MAIL_PASSWORD", mailbox.password)
    where = mailbox.spec() if mail_to == "mailbox" else "archive"
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert main(["plan", source, target_env, "--journal", str(first), "--mail-to", where]) == 0
    assert main(["run", "--journal", str(first)]) == 0
    moved = {k["kind"]: k for k in report(first, tmp_path)["kinds"]}
    assert all(moved[kind]["moved"] > 0 for kind in ("files", "calendar", "contacts", "mail"))

    files_before, groupware_before = on_disk(sandbox.files_dir()), on_disk(sandbox.groupware_dir())
    mail_before = uidnext(mailbox)
    sandbox.clear_requests()
    assert main(["plan", source, target_env, "--journal", str(second), "--mail-to", where]) == 0
    assert main(["run", "--journal", str(second)]) == 0

    writes = [r for r in sandbox.requests if r.method in WRITES and r.status < 300]
    assert writes == []
    assert on_disk(sandbox.files_dir()) == files_before and on_disk(sandbox.groupware_dir()) == groupware_before
    assert uidnext(mailbox) == mail_before
    again = report(second, tmp_path)
    for counts in again["kinds"]:
        assert counts["moved"] == counts["kept_both"] == counts["quarantined"] == counts["failed"] == 0, counts
        assert counts["already_there"] == counts["found"] - counts["skipped"], counts
        assert counts["verify_problems"] == 0 and counts["verified_ok"] == counts["already_there"], counts
        assert counts["already_there"] == moved[counts["kind"]]["moved"] + moved[counts["kind"]]["already_there"]
    dav = DavCollections(sandbox.url, sandbox.user, sandbox.password)
    assert not any("(2)" in c.name for c in [*dav.calendars(), *dav.addressbooks()])
    assert not any("(2)" in name for name in files_before)
