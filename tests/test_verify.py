"""Verification at the end of a run, as ``degoogle run`` and the wizard make it (``Move.run``): it
lists the hoster afresh with the run's own targets (no second discovery or sign-in) and still finds
what someone deleted at the hoster between the run's last write and the check."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import quote, unquote

import requests

from degoogle.app.migration import Migration, MigrationOptions
from degoogle.app.moving import Move, Passwords
from degoogle.convert.names import NameRules
from degoogle.engine.events import Event, RunStateChanged
from degoogle.engine.journal import Journal
from degoogle.engine.plan import Planner, PlanOptions
from degoogle.engine.run import Runner
from degoogle.engine.verify import verify
from degoogle.model import Kind, State
from degoogle.sandbox import Sandbox
from degoogle.specs import open_source
from degoogle.targets.nextcloud.dav import DavCollections
from degoogle.targets.nextcloud.groupware import DavTarget
from tests.dovecot import MailUser
from tests.groupware_samples import many_cards, many_events
from tests.mail_samples import takeout_mbox
from tests.takeout_factory import CALENDAR_FOLDER, CONTACTS_MEMBER, MAIL_MEMBER, build_takeout

pytest_plugins = ["tests.dovecot"]  # the dovecot and mailbox fixtures

CALENDARS = ("Travail", "Sport", "Famille")
FOLDERS = ("Factures", "Photos/2023", "Photos/2024")
GROUPWARE = frozenset({Kind.CALENDAR, Kind.CONTACTS})


def delete_behind_the_runs_back(sandbox: Sandbox, mailbox: MailUser) -> dict[Kind, str]:
    """Delete one Drive file, one event, one contact and one message of the inbox at the hoster; the
    file's path and the event's and contact's resource names."""
    auth = (sandbox.user, sandbox.password)
    file_url = f"{sandbox.url}/remote.php/dav/files/{sandbox.user}/" + quote("Google Drive/Factures/f1.txt")
    assert requests.delete(file_url, auth=auth, timeout=30).status_code == 204
    dav = DavCollections(sandbox.url, sandbox.user, sandbox.password)
    dav.discover()
    gone: dict[Kind, str] = {Kind.FILES: "Google Drive/Factures/f1.txt"}
    for kind, collection in ((Kind.CALENDAR, next(c for c in dav.calendars() if c.name == "Sport")),
                             (Kind.CONTACTS, dav.addressbooks()[0])):
        href = sorted(dav.list(collection))[0]
        assert requests.delete(href, auth=auth, timeout=30).status_code in (200, 204)
        gone[kind] = unquote(href.rstrip("/").rsplit("/", 1)[-1])
    dav.close()
    mailbox.delete_messages("INBOX", 1)
    return gone


def test_verification_after_a_run_lists_each_collection_once_with_the_runs_targets_and_finds_what_was_deleted(
        tmp_path: Path, sandbox: Sandbox, mailbox: MailUser) -> None:
    files = {f"{folder}/f{n}.txt": f"{folder} {n}".encode() for n in range(3) for folder in FOLDERS}
    members = {f"{CALENDAR_FOLDER['en']}/{name}.ics": many_events(12, name=name, seed=n, prefix=name)[0].encode()
               for n, name in enumerate(CALENDARS)}
    members[CONTACTS_MEMBER["en"]] = many_cards(15)[0].encode()
    members[MAIL_MEMBER["en"]] = takeout_mbox(40).data
    parts = build_takeout(tmp_path / "export", files, extra_members=members, drive_folder="Drive")
    target = "nextcloud:" + sandbox.url.replace("://", f"://{sandbox.user}@", 1)
    m = Migration.create(tmp_path / "j.journal", f"takeout:{parts[0]}", target,
                         options=MigrationOptions(mail_to=mailbox.spec()))
    m.plan(password=sandbox.password)
    gone: dict[Kind, str] = {}
    seen_before_verify = [0]

    def sink(event: Event) -> None:
        # the run has written its last item and not yet verified: someone deletes at the hoster
        if isinstance(event, RunStateChanged) and event.state == "finished":
            gone.update(delete_behind_the_runs_back(sandbox, mailbox))
            seen_before_verify[0] = len(sandbox.requests)

    moved = Move(m, Passwords(sandbox.password, mail=mailbox.password)).run(sink)
    assert moved.result.state == "finished" and moved.verified is not None
    missing = sorted((p.item.kind, p.reason) for p in moved.verified.problems)
    assert missing == sorted((kind, "missing_at_target") for kind in (Kind.FILES, Kind.CALENDAR, Kind.CONTACTS,
                                                                       Kind.MAIL))
    by_kind = {p.item.kind: p.item for p in moved.verified.problems}
    assert by_kind[Kind.FILES].target_path == gone[Kind.FILES]
    assert by_kind[Kind.CALENDAR].name == gone[Kind.CALENDAR]
    assert by_kind[Kind.CONTACTS].name == gone[Kind.CONTACTS]
    assert moved.verified.ok == moved.verified.checked - 4
    assert moved.verified.checked == sum(t.count for (_k, state, _o), t in m.journal.tallies().items()
                                         if state == State.DONE)

    # verification: no second sign-in or discovery (listings only); each calendar, address book and
    # Drive folder listed once
    verifying = sandbox.requests[seen_before_verify[0]:]
    assert [r.path for r in verifying if r.path.startswith("/.well-known/")] == []
    assert {r.method for r in verifying} == {"PROPFIND"}
    listed = Counter(r.path for r in verifying if r.method == "PROPFIND")
    dav = DavCollections(sandbox.url, sandbox.user, sandbox.password)
    dav.discover()
    collections = [*dav.calendars(), *dav.addressbooks()]
    dav.close()
    assert {c.name for c in collections} >= set(CALENDARS)
    for collection in collections:
        path = collection.url.split("://", 1)[1].split("/", 1)[1]
        assert listed[f"/{path}"] == 1, (collection.name, listed)
    for folder in FOLDERS:
        path = f"/remote.php/dav/files/{sandbox.user}/Google Drive/{folder}/"
        assert listed[path] == 1, (folder, listed)
    m.close()


def test_calendars_read_a_few_items_ahead_are_each_listed_once_and_every_item_is_found_or_missed(
        tmp_path: Path, sandbox: Sandbox) -> None:
    members = {f"{CALENDAR_FOLDER['en']}/{name}.ics": many_events(6, name=name, seed=n, prefix=name)[0].encode()
               for n, name in enumerate(CALENDARS)}
    members[CONTACTS_MEMBER["en"]] = many_cards(5)[0].encode()
    source = open_source("takeout:" + str(build_takeout(tmp_path / "export", {}, extra_members=members)[0]))
    journal = Journal.create(tmp_path / "j.db")
    Planner(journal, source, PlanOptions(GROUPWARE, GROUPWARE, "", NameRules.nextcloud_default())).plan()
    # two items read ahead: most items wait for their calendar's listing, which is asked once
    target = DavTarget(sandbox.url, sandbox.user, sandbox.password, items_ahead=2)
    assert Runner(journal, source, [target]).run().state == "finished"
    dav = DavCollections(sandbox.url, sandbox.user, sandbox.password)
    dav.discover()
    sport = next(c for c in dav.calendars() if c.name == "Sport")
    gone = sorted(dav.list(sport))[2]
    assert requests.delete(gone, auth=(sandbox.user, sandbox.password), timeout=30).status_code in (200, 204)
    sandbox.clear_requests()

    summary = verify(journal, [target])
    assert summary.checked == 6 * len(CALENDARS) + 5
    assert [(p.item.collection, p.item.name, p.reason) for p in summary.problems] == [
        ("Sport", unquote(gone.rstrip("/").rsplit("/", 1)[-1]), "missing_at_target")]
    listed = Counter(r.path for r in sandbox.requests if r.method == "PROPFIND")
    for collection in [*dav.calendars(), *dav.addressbooks()]:
        assert listed["/" + collection.url.split("://", 1)[1].split("/", 1)[1]] == 1, (collection.name, listed)
    # the results are recorded in the journal, in plan order
    assert [i.verified for i in journal.items(kind=Kind.CALENDAR)].count("missing_at_target") == 1
    dav.close()
    target.close()
    source.close()
    journal.close()
