"""The IMAP target and the IMAP source against a real Dovecot: folders, flags, dates, limits,
exactly-once when a connection drops mid-APPEND, TLS checks, and a whole account copied via the CLI."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import random
import socket
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

import pytest

from degoogle.cli import main
from degoogle.convert.names import NameRules
from degoogle.engine.events import RunStateChanged
from degoogle.engine.journal import Journal
from degoogle.engine.plan import Planner, PlanOptions
from degoogle.engine.reasons import reason
from degoogle.engine.retry import Backoff
from degoogle.engine.run import Runner
from degoogle.errors import BadItemError, FatalError, RetryableError, UserError
from degoogle.model import Item, Kind, Outcome, State
from degoogle.sources.base import Source, SourceOptions
from degoogle.sources.imap import ImapAccount, ImapSource, connect, gmail_labels
from degoogle.targets.base import BatchContext, MemoryCollections, WriteContext
from degoogle.targets.imap import ImapTarget

if TYPE_CHECKING:
    from tests.dovecot import Dovecot, MailUser

pytest_plugins = ["tests.dovecot"]  # the dovecot, old_dovecot and mailbox fixtures

WHEN = datetime(2014, 7, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))


def message(n: int, *, mid: bool = True, size: int = 0) -> bytes:
    return ((f"Message-ID: <m{n}@degoogle.test>\n" if mid else "") + f"Date: Mon, 14 Jul 2014 09:3{n % 10}:00 +0200\n"
            f"Subject: message {n} — été\n\nBonjour {n}\n" + "x" * size + "\n").encode()


class Messages(Source):
    """Messages held in memory, as a source hands them to a target."""

    spec = "memory:"

    def __init__(self, data: dict[int, bytes]) -> None:
        self.data = data

    def describe(self) -> str:
        return "memory"

    def scan(self) -> Iterator:  # type: ignore[type-arg]
        return iter(())

    def open(self, item: Item) -> AbstractContextManager[BinaryIO]:
        return nullcontext(cast(BinaryIO, io.BytesIO(self.data[item.id])))


def item(n: int, folder: str, flags: list[str] | None = None, keywords: list[str] | None = None,
         when: datetime | None = WHEN) -> Item:
    attrs = {"flags": flags or [], "keywords": keywords or [], "date": when.isoformat() if when else None}
    return Item(n, Kind.MAIL, f"k{n}", f"{folder}/m{n}", f"{folder}/m{n}", 0, None, "", "", State.PENDING,
                attrs=attrs)


def context(source: Source, collections: MemoryCollections | None = None) -> WriteContext:
    return WriteContext(source, lambda n: None, lambda: False, None, collections or MemoryCollections())  # type: ignore[arg-type]


def batch_context(source: Source) -> BatchContext:
    return BatchContext(source, lambda item, n: None, lambda: False, lambda item: None,  # type: ignore[arg-type,return-value]
                        MemoryCollections())


def fetch_all(user: MailUser, folder: str) -> dict[int, dict[bytes, object]]:
    client = user.client()
    try:
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        found = client.fetch(uids, [b"FLAGS", b"INTERNALDATE", b"BODY.PEEK[]"]) if uids else {}
        for data in found.values():
            data[b"FLAGS"] = tuple(f for f in data[b"FLAGS"] if f != b"\\Recent")
        return found
    finally:
        client.logout()


# -- addresses and the secure connection -----------------------------------------------------------

def test_account_addresses() -> None:
    assert ImapAccount.parse("imaps://marie@mail.example.org") == ImapAccount("marie", "mail.example.org", 993, "tls")
    assert ImapAccount.parse("imap://marie@127.0.0.1:1143") == ImapAccount("marie", "127.0.0.1", 1143, "starttls")
    assert ImapAccount.parse("imaps://marie@gmail.com@imap.gmail.com").user == "marie@gmail.com"
    assert ImapAccount.parse("imaps://marie%40example.org@mail.example.org:10993").port == 10993
    icloud = ImapAccount.parse("icloud-mail:marie@icloud.com")
    assert (icloud.host, icloud.port, icloud.security, icloud.icloud) == ("imap.mail.me.com", 993, "tls", True)
    for bad in ("imaps://mail.example.org", "pop3://marie@mail.example.org", "imaps://marie@host:port"):
        with pytest.raises(UserError):
            ImapAccount.parse(bad)


def test_no_encryption_only_on_this_computer_and_certificates_are_checked(dovecot: Dovecot) -> None:
    from tests.dovecot import Dovecot

    user = dovecot.add_user()
    # the test server offers no STARTTLS: fine on 127.0.0.1; refused under a name that is not
    # plainly this computer ("127.1" reaches 127.0.0.1 too, as a remote name would reach its server)
    connect(ImapAccount(user.name, "127.0.0.1", user.port, "starttls"), user.password).logout()
    with pytest.raises(FatalError) as refused:
        connect(ImapAccount(user.name, "127.1", user.port, "starttls"), user.password)
    assert refused.value.code == "tls_error"
    with Dovecot(tls=True, quota=False) as secure:
        secured = secure.add_user()
        for account in (ImapAccount(secured.name, "127.0.0.1", secure.imaps_port, "tls"),
                        ImapAccount(secured.name, "127.0.0.1", secure.port, "starttls")):
            with pytest.raises(FatalError) as untrusted:  # a self-signed certificate is not trusted
                connect(account, secured.password)
            assert untrusted.value.code == "tls_error"
    with pytest.raises(FatalError) as wrong:
        connect(ImapAccount(user.name, "127.0.0.1", user.port, "starttls"), "not the password")
    assert wrong.value.code == "auth_failed"


# -- the target --------------------------------------------------------------------------------------

def test_roles_go_to_special_use_folders_with_flags_keywords_and_dates(mailbox: MailUser) -> None:
    data = {n: message(n) for n in range(1, 7)}
    target = ImapTarget(mailbox.spec(), mailbox.password)
    collections = MemoryCollections()
    ctx = context(Messages(data), collections)
    writes = [
        item(1, "\\Inbox", ["\\Seen", "\\Flagged"], ["$Important", "Famille"]),
        item(2, "\\Sent", ["\\Seen", "\\Answered"]),
        item(3, "\\Drafts", ["\\Draft"]),
        item(4, "\\Archive", ["\\Seen"], when=None),
        item(5, "Travail/Clients/École & co", [], ["Catégorie"]),  # a keyword must be an atom: dropped
        item(6, "\\Junk", ["\\Seen", "\\Deleted"]),                # only the four states are kept
    ]
    try:
        results = [target.write(i, ctx) for i in writes]
    finally:
        target.close()
    assert [r.outcome for r in results] == [Outcome.MOVED] * 6
    assert collections._map == {"\\Inbox": "INBOX", "\\Sent": "Envoyés", "\\Drafts": "Brouillons",  # noqa: SLF001
                                "\\Archive": "Archives", "Travail/Clients/École & co": "Travail/Clients/École & co",
                                "\\Junk": "Indésirables"}
    [(_, inbox)] = fetch_all(mailbox, "INBOX").items()
    assert set(inbox[b"FLAGS"]) == {b"\\Seen", b"\\Flagged", b"$Important", b"Famille"}
    assert inbox[b"INTERNALDATE"] == WHEN
    assert inbox[b"BODY[]"] == data[1].replace(b"\n", b"\r\n")  # bytes as they were; IMAP's line ends
    [(_, sent)] = fetch_all(mailbox, "Envoyés").items()
    assert set(sent[b"FLAGS"]) == {b"\\Seen", b"\\Answered"}
    [(_, client)] = fetch_all(mailbox, "Travail/Clients/École & co").items()
    assert set(client[b"FLAGS"]) == set()
    [(_, junk)] = fetch_all(mailbox, "Indésirables").items()
    assert set(junk[b"FLAGS"]) == {b"\\Seen"}
    # the folder's name went over the wire in modified UTF-7: that is what Dovecot keeps on disk
    on_disk = mailbox.maildir / "Travail" / "Clients"
    assert (on_disk / "&AMk-cole &- co").is_dir()
    client_conn = mailbox.client()
    try:
        subscribed = {name for _f, _s, name in client_conn.list_sub_folders()}
    finally:
        client_conn.logout()
    assert {"Travail", "Travail/Clients", "Travail/Clients/École & co"} <= subscribed


def test_a_server_without_special_use_flags_and_with_a_namespace_prefix(old_dovecot: Dovecot) -> None:
    user = old_dovecot.add_user()
    target = ImapTarget(user.spec(), user.password)
    collections = MemoryCollections()
    ctx = context(Messages({n: message(n) for n in range(1, 5)}), collections)
    try:
        for i in (item(1, "\\Sent"), item(2, "\\Trash"), item(3, "Projets/v1.2"), item(4, "\\Inbox")):
            assert target.write(i, ctx).outcome == Outcome.MOVED
    finally:
        target.close()
    assert collections._map == {"\\Sent": "INBOX.Sent Messages", "\\Trash": "INBOX.Deleted Messages",  # noqa: SLF001
                                "Projets/v1.2": "INBOX.Projets.v1_2", "\\Inbox": "INBOX"}
    assert len(fetch_all(user, "INBOX.Projets.v1_2")) == 1


def test_a_batch_to_a_server_without_literal_plus_waits_for_each_go_ahead(old_dovecot: Dovecot) -> None:
    user = old_dovecot.add_user()
    target = ImapTarget(user.spec(), user.password)
    data = {n: message(n, mid=n != 2, size=3000 * n) for n in range(1, 5)}
    try:
        results = target.write_batch([item(n, "Travail", ["\\Seen"]) for n in range(1, 5)],
                                     batch_context(Messages(data)))
    finally:
        target.close()
    assert [r.outcome for r in results] == [Outcome.MOVED] * 4  # type: ignore[union-attr]
    stored = fetch_all(user, "INBOX.Travail")
    assert sorted(m[b"BODY[]"] for m in stored.values()) == sorted(d.replace(b"\n", b"\r\n") for d in data.values())
    assert all(m[b"FLAGS"] == (b"\\Seen",) for m in stored.values())


def test_a_message_is_appended_once_whatever_happens(mailbox: MailUser) -> None:
    data = {1: message(1), 2: message(2, mid=False), 3: message(3, mid=False).replace(b"Bonjour", b"Bonsoir")}
    writes = [item(1, "Travail"), item(2, "Travail"), item(3, "Travail")]
    first = ImapTarget(mailbox.spec(), mailbox.password)
    try:
        assert [first.write(i, context(Messages(data))).outcome for i in writes[:2]] == [Outcome.MOVED] * 2
    finally:
        first.close()
    # a new run (a new target, as after a crash): what is there is recognised, by Message-ID or by content
    again = ImapTarget(mailbox.spec(), mailbox.password)
    try:
        outcomes = [again.write(i, context(Messages(data))).outcome for i in writes]
    finally:
        again.close()
    assert outcomes == [Outcome.ALREADY_THERE, Outcome.ALREADY_THERE, Outcome.MOVED]  # 3: same size, other bytes
    assert again.appends == 1
    assert len(fetch_all(mailbox, "Travail")) == 3


def test_a_different_message_with_the_same_message_id_and_date_is_appended_the_same_bytes_are_not(
        mailbox: MailUser) -> None:
    resent = message(4).replace(b"Bonjour", b"Rebonjour")  # same Message-ID and Date, other bytes
    data = {4: message(4), 5: resent, 6: message(4)}
    target = ImapTarget(mailbox.spec(), mailbox.password)
    try:
        assert target.write(item(4, "Factures"), context(Messages(data))).outcome == Outcome.MOVED
    finally:
        target.close()
    again = ImapTarget(mailbox.spec(), mailbox.password)
    try:
        outcomes = [again.write(item(n, "Factures"), context(Messages(data))).outcome for n in (5, 6)]
    finally:
        again.close()
    assert outcomes == [Outcome.MOVED, Outcome.ALREADY_THERE]
    bodies = sorted(d[b"BODY[]"] for d in fetch_all(mailbox, "Factures").values())  # type: ignore[type-var]
    assert bodies == sorted(m.replace(b"\n", b"\r\n") for m in (message(4), resent))


class CuttingProxy:
    """A TCP relay to Dovecot that, once, lets an APPEND reach the server and then cuts the
    connection before its answer comes back — the worst moment for exactly-once. With ``midway``,
    it cuts an APPEND command halfway instead: the server never gets all of it. It counts the
    APPEND commands it relays."""

    def __init__(self, port: int, *, midway: bool = False) -> None:
        self.upstream = port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.midway = midway
        self.cut = False
        self.appends = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream))
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, answers: bool) -> None:
        try:
            while data := src.recv(65536):
                if not answers:
                    self.appends += data.count(b" APPEND ")
                if self.midway and not answers and not self.cut and b" APPEND " in data:
                    self.cut = True  # half a command: the server stores none of its messages
                    dst.sendall(data[: data.index(b" APPEND ") + len(data[data.index(b" APPEND "):]) // 2])
                    for s in (src, dst):
                        s.shutdown(socket.SHUT_RDWR)
                    return
                if not self.midway and answers and not self.cut and b"[APPENDUID " in data:  # Dovecot's APPEND answer
                    self.cut = True  # the server stored the message; the client never hears it
                    for s in (src, dst):
                        s.shutdown(socket.SHUT_RDWR)
                    return
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                s.close()

    def close(self) -> None:
        self.server.close()


def test_a_connection_cut_after_the_server_took_the_message_does_not_append_it_twice(mailbox: MailUser) -> None:
    proxy = CuttingProxy(mailbox.port)
    target = ImapTarget(f"imap://{mailbox.name}@127.0.0.1:{proxy.port}", mailbox.password)
    data = {n: message(n, mid=n != 2) for n in range(1, 4)}
    try:
        results = [target.write(item(n, "Travail"), context(Messages(data))) for n in (1, 2, 3)]
    finally:
        target.close()
        proxy.close()
    assert proxy.cut
    assert [r.outcome for r in results] == [Outcome.MOVED] * 3
    assert target.appends == 3  # the cut APPEND was found at the server, not sent again
    stored = sorted(hashlib.sha256(m[b"BODY[]"]).hexdigest() for m in fetch_all(mailbox, "Travail").values())
    assert stored == sorted(hashlib.sha256(d.replace(b"\n", b"\r\n")).hexdigest() for d in data.values())


def test_a_batch_goes_in_one_append_command_with_each_message_and_its_uid(mailbox: MailUser) -> None:
    proxy = CuttingProxy(mailbox.port)
    proxy.cut = True  # relay only: count
    target = ImapTarget(f"imap://{mailbox.name}@127.0.0.1:{proxy.port}", mailbox.password)
    data = {n: message(n, mid=n != 3) for n in range(1, 7)}
    data[6] = data[5]  # the same message twice in a batch: stored once
    flags = {1: ["\\Seen"], 2: ["\\Flagged"], 4: ["\\Seen", "\\Answered"]}
    try:
        results = target.write_batch([item(n, "Travail", flags.get(n)) for n in range(1, 7)],
                                     batch_context(Messages(data)))
    finally:
        target.close()
        proxy.close()
    assert proxy.appends == 1
    assert [r.outcome for r in results] == [Outcome.MOVED] * 5 + [Outcome.ALREADY_THERE]  # type: ignore[union-attr]
    stored = fetch_all(mailbox, "Travail")
    assert len(stored) == 5
    for n, result in enumerate(results[:5], start=1):
        uid = int(result.checksum.rpartition(":")[2])  # type: ignore[union-attr]
        assert stored[uid][b"BODY[]"] == data[n].replace(b"\n", b"\r\n")
        assert set(stored[uid][b"FLAGS"]) == {f.encode() for f in flags.get(n, [])}
        assert stored[uid][b"INTERNALDATE"] == WHEN


def test_a_batch_whose_answer_was_lost_is_found_at_the_server_not_appended_again(mailbox: MailUser) -> None:
    proxy = CuttingProxy(mailbox.port)
    target = ImapTarget(f"imap://{mailbox.name}@127.0.0.1:{proxy.port}", mailbox.password)
    data = {n: message(n, mid=n != 2) for n in range(1, 6)}
    batch = [item(n, "Travail") for n in range(1, 6)]
    try:
        results = target.write_batch(batch, batch_context(Messages(data)))
        again = target.write_batch(batch, batch_context(Messages(data)))
    finally:
        target.close()
        proxy.close()
    assert proxy.cut
    assert [r.outcome for r in results] == [Outcome.MOVED] * 5  # type: ignore[union-attr]
    assert [r.outcome for r in again] == [Outcome.ALREADY_THERE] * 5  # type: ignore[union-attr]
    assert proxy.appends == 1
    stored = sorted(hashlib.sha256(m[b"BODY[]"]).hexdigest() for m in fetch_all(mailbox, "Travail").values())
    assert stored == sorted(hashlib.sha256(d.replace(b"\n", b"\r\n")).hexdigest() for d in data.values())


def test_a_batch_cut_before_the_server_had_all_of_it_is_tried_again_once(mailbox: MailUser) -> None:
    proxy = CuttingProxy(mailbox.port, midway=True)
    target = ImapTarget(f"imap://{mailbox.name}@127.0.0.1:{proxy.port}", mailbox.password)
    data = {n: message(n, mid=n != 2, size=2000) for n in range(1, 6)}
    batch = [item(n, "Travail") for n in range(1, 6)]
    try:
        results = target.write_batch(batch, batch_context(Messages(data)))
        assert proxy.cut and fetch_all(mailbox, "Travail") == {}  # all or nothing: nothing
        assert all(isinstance(r, RetryableError) and r.code == "unreachable" for r in results)
        again = target.write_batch(batch, batch_context(Messages(data)))
    finally:
        target.close()
        proxy.close()
    assert [r.outcome for r in again] == [Outcome.MOVED] * 5  # type: ignore[union-attr]
    assert len(fetch_all(mailbox, "Travail")) == 5


def test_messages_over_the_size_limit_are_set_aside(dovecot: Dovecot) -> None:
    big = {1: message(1), 2: message(2, size=150_000), 3: message(3), 4: message(4)}
    announced, refused = dovecot.add_user("announced"), dovecot.add_user("refusing")
    # messages sent in APPENDs: over APPENDLIMIT never sent (1 + 2); refused, each sent alone (2), then
    # the batch in one command, refused whole (3), then one by one (3)
    for user, appends in ((announced, 1 + 2), (refused, 2 + 3 + 3)):
        target = ImapTarget(user.spec(), user.password)
        try:
            with pytest.raises(BadItemError) as too_big:
                target.write(item(2, "\\Inbox"), context(Messages(big)))
            assert too_big.value.code == "mail_too_large"
            assert target.write(item(1, "\\Inbox"), context(Messages(big))).outcome == Outcome.MOVED
            # in a batch (one command for all, which the server refuses whole): that one set aside, the others moved
            results = target.write_batch([item(n, "Travail") for n in (2, 3, 4)], batch_context(Messages(big)))
        finally:
            target.close()
        assert isinstance(results[0], BadItemError) and results[0].code == "mail_too_large"
        assert [r.outcome for r in results[1:]] == [Outcome.MOVED] * 2  # type: ignore[union-attr]
        assert {m[b"BODY[]"] for m in fetch_all(user, "Travail").values()} == {
            big[n].replace(b"\n", b"\r\n") for n in (3, 4)}
        assert target.appends == appends


# -- the source, and a whole account through the CLI ------------------------------------------------------

def fill(user: MailUser) -> dict[str, list[tuple[bytes, set[bytes], datetime]]]:
    """A source account: folders (special-use, nested, accented), states, keywords, dates."""
    plan = {
        "INBOX": [(message(1), {b"\\Seen"}), (message(2), {b"\\Flagged", b"$Forwarded"}),
                  (message(3, mid=False), set())],
        "Envoyés": [(message(4), {b"\\Seen", b"\\Answered"})],
        "Famille/Été 2023": [(message(5), {b"\\Seen"})],
        "Indésirables": [(message(6), {b"\\Seen"})],
    }
    client = user.client()
    stored: dict[str, list[tuple[bytes, set[bytes], datetime]]] = {}
    try:
        client.create_folder("Famille/Été 2023")
        for n, (folder, messages) in enumerate(plan.items()):
            for k, (data, flags) in enumerate(messages):
                when = datetime(2015 + n, 1 + k, 2, 3, 4, 5, tzinfo=UTC)
                client.append(folder, data, flags=list(flags), msg_time=when)
                stored.setdefault(folder, []).append((data.replace(b"\n", b"\r\n"), flags, when))
        client.append("INBOX", message(9), flags=[b"\\Deleted"])  # deleted, not expunged: left out
    finally:
        client.logout()
    return stored


def snapshot(user: MailUser) -> dict[str, set[tuple[str, frozenset[bytes], datetime]]]:
    client = user.client()
    out: dict[str, set[tuple[str, frozenset[bytes], datetime]]] = {}
    try:
        for flags, _sep, name in client.list_folders():
            if b"\\Noselect" in flags or not client.select_folder(name, readonly=True)[b"EXISTS"]:
                continue
            found = client.fetch(client.search(["ALL"]), [b"FLAGS", b"INTERNALDATE", b"BODY.PEEK[]"])
            out[name] = {(hashlib.sha256(d[b"BODY[]"]).hexdigest(), frozenset(d[b"FLAGS"]) - {b"\\Recent"},
                          d[b"INTERNALDATE"]) for d in found.values()}
    finally:
        client.logout()
    return out


def test_an_imap_account_is_copied_read_only_through_the_cli(tmp_path: Path, dovecot: Dovecot, target_env: str,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    source, target = dovecot.add_user(), dovecot.add_user()
    stored = fill(source)
    before = snapshot(source)
    monkeypatch.setenv("DEGOOGLE_SOURCE_PASSWORD", source.password)
    monkeypatch.setenv("DEGOOGLE_MAIL_PASSWORD", target.password)
    journal = tmp_path / "j.db"
    assert main(["plan", source.spec(), target_env, "--journal", str(journal), "--mail-to", target.spec()]) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    assert snapshot(source) == before  # EXAMINE and BODY.PEEK: nothing changed at the source, not even \Seen
    landed = snapshot(target)
    expected = {folder: {(hashlib.sha256(d).hexdigest(), frozenset(f), when) for d, f, when in rows}
                for folder, rows in stored.items() if folder != "Indésirables"}  # Junk left out
    assert landed == expected
    report = tmp_path / "r.json"
    main(["report", "--journal", str(journal), "--json", str(report)])
    reported = json.loads(report.read_text())
    mail = next(k for k in reported["kinds"] if k["kind"] == "mail")
    assert (mail["moved"], mail["verified_ok"]) == (5, 5)
    # the Junk message and the one marked deleted are counted as not moved, each with its reason
    assert reported["skipped"]["mail"] == {"spam_trash_left_out": 1, "deleted_at_source": 1}
    # someone deletes a message at the hoster: verification says so
    target.delete_messages("Famille/Été 2023")
    assert main(["verify", "--journal", str(journal)]) == 3
    # in French, each problem in words, the code and the detail on a line of their own for support staff
    capsys.readouterr()
    assert main(["verify", "--journal", str(journal), "--lang", "fr"]) == 3
    said = capsys.readouterr().out.splitlines()
    problem = next(n for n, line in enumerate(said) if line.startswith("  ! "))
    assert "Famille" in said[problem] and reason("missing_at_target").fr in said[problem]
    assert said[problem + 1].strip().startswith("(missing_at_target)")
    main(["report", "--journal", str(journal), "--json", str(report)])
    [line] = json.loads(report.read_text())["attention"]
    assert (line["reason"], line["path"].split("/")[0]) == ("missing_at_target", "Famille")


def test_gmail_labels_over_imap_read_like_takeout_labels() -> None:
    labels = [b"\\Inbox", b"\\Important", b"Travail/Clients", "\\Sent"]
    assert gmail_labels(labels, {"\\Seen", "\\Flagged"}, None) == [
        "Inbox", "Important", "Travail/Clients", "Sent", "Starred"]
    assert gmail_labels([], set(), "\\Junk") == ["Unread", "Spam"]


class Link:
    """A TCP relay to Dovecot standing for the network between this computer and a mail server:
    ``down()`` cuts every connection and answers new ones by closing them, ``up()`` mends it."""

    def __init__(self, port: int) -> None:
        self.upstream = port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.is_up = True
        self.refused = 0
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if not self.is_up:
                self.refused += 1
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.upstream))
            with self._lock:
                self._open += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                s.close()

    def down(self) -> None:
        self.is_up = False
        with self._lock:
            for s in self._open:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
            self._open.clear()

    def up(self) -> None:
        self.is_up = True

    def close(self) -> None:
        self.down()
        self.server.close()


def test_a_source_mail_server_out_of_reach_is_waited_for_not_blamed_on_its_messages(
        tmp_path: Path, dovecot: Dovecot) -> None:
    source_user, target_user = dovecot.add_user(), dovecot.add_user()
    stored = fill(source_user)
    link = Link(source_user.port)
    source = ImapSource(f"imap://{source_user.name}@127.0.0.1:{link.port}", SourceOptions(source_user.password))
    target = ImapTarget(target_user.spec(), target_user.password)
    journal = Journal.create(tmp_path / "j.db")
    events: list[RunStateChanged] = []

    def sink(event: object) -> None:
        if isinstance(event, RunStateChanged):
            events.append(event)
            if event.state == "waiting" and not link.is_up:
                link.up()  # the router comes back while the run waits for the source

    try:
        options = PlanOptions(frozenset({Kind.MAIL}), frozenset({Kind.MAIL}), "", NameRules.nextcloud_default())
        Planner(journal, source, options).plan()
        link.down()  # the home connection to the mail provider drops just as the run starts
        backoff = Backoff(base=0.01, cap=0.05, attempts=2, outage_cap=0.1, rng=random.Random(5))
        result = Runner(journal, source, [target], sink=sink, workers=2, backoff=backoff).run()
    finally:
        source.close()
        target.close()
        link.close()
    assert result.state == "finished"
    assert link.refused >= 2  # tried while it was down, and probed it
    assert any(e.state == "waiting" and e.reason == "source_unreachable" for e in events)
    tallies = journal.tallies()
    assert ("mail", "failed", "") not in tallies  # nothing blamed on the messages
    moved = sum(len(rows) for folder, rows in stored.items() if folder != "Indésirables")
    assert tallies[("mail", "done", "moved")].count == moved
    assert sum(len(rows) for rows in snapshot(target_user).values()) == moved
