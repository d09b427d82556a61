"""The ``Source`` contract (``tests/contracts/source_contract.py``) run against every source of
``specs.py`` and ``sources/registry.py``: a Takeout archive (zip: Drive, mail, calendar, contacts,
photos, Keep; tgz in two parts), a local folder, local ics, vcf and mbox files, a CalDAV and a
CardDAV account (Xandikos) and an IMAP account (Dovecot). Each case plants damaged data beside the
good."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Hashable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from degoogle.model import SourceEntry
from degoogle.sources.base import Source, SourceOptions
from degoogle.specs import open_source
from degoogle.targets.nextcloud.dav import DavCollections
from tests.contracts.samples import jpeg
from tests.contracts.source_contract import SourceCase, SourceContract
from tests.dav_servers import DavServer, serve_xandikos
from tests.dovecot import MailUser
from tests.groupware_samples import event, ics, many_cards, many_events
from tests.takeout_factory import CONTACTS_MEMBER, MAIL_MEMBER, build_takeout, corrupt_member, truncate

pytest_plugins = ["tests.dovecot"]  # the dovecot and mailbox fixtures


@pytest.fixture(scope="module")
def own_xandikos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    """A Xandikos for this module's tests alone: the account's whole listing holds only their collections."""
    with serve_xandikos(tmp_path_factory.mktemp("xandikos")) as server:
        yield server


def files_state(root: Path) -> Hashable:
    """Every file and folder below ``root`` (and ``root``): its name, bytes, size and modification time."""
    found = []
    for path in sorted([root, *root.rglob("*")]):
        info = path.lstat()
        digest = hashlib.sha1(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else ""
        found.append((path.relative_to(root).as_posix(), info.st_mode, info.st_size, info.st_mtime_ns, digest))
    return tuple(found)


def message(n: int, label: str = "", headers: str = "") -> bytes:
    return (f"From contrat@degoogle.test Mon Mar 04 08:15:00 +0000 2019\n{headers}"
            f"Message-ID: <source-{n}-{label}@degoogle.test>\nDate: Mon, 4 Mar 2019 08:{n:02d}:00 +0000\n"
            f"From: Marie <marie@example.org>\nTo: Karim <karim@example.org>\nSubject: Message {n}\n\n"
            f"Bonjour, message {n}.\n\n").encode()


class LocalCase(SourceCase):
    """Data in files under ``root``; the source opened by ``spec``."""

    def __init__(self, root: Path, spec: str) -> None:
        self.root = root
        self.spec = spec

    def open(self) -> Source:
        return open_source(self.spec)

    def state(self) -> Hashable:
        return files_state(self.root)


# -- Takeout -------------------------------------------------------------------------------------


def takeout_case(root: Path) -> LocalCase:
    """Drive files (one damaged in the archive), a calendar and an address book with a damaged event
    and card, mail, photos with sidecars, and Keep notes (one not JSON)."""
    calendar, bad_events = many_events(4, bad_every=4, name="Famille")
    cards, bad_cards = many_cards(4, bad_every=4)
    photos = {}
    for i in range(2):
        photos[f"Takeout/Google Photos/Photos from 2019/IMG_{i}.jpg"] = jpeg(i)
        photos[f"Takeout/Google Photos/Photos from 2019/IMG_{i}.jpg.json"] = json.dumps(
            {"title": f"IMG_{i}.jpg", "photoTakenTime": {"timestamp": str(1_560_000_000 + i)}}).encode()
    note = {"title": "Courses", "textContent": "pain\nlait", "userEditedTimestampUsec": 1_700_000_000_000_000,
            "isTrashed": False, "isArchived": False}
    members = {
        "Takeout/Calendar/Famille.ics": calendar.encode(),
        CONTACTS_MEMBER["en"]: cards.encode(),
        MAIL_MEMBER["en"]: b"".join(message(n, headers="X-Gmail-Labels: Inbox,Opened\n") for n in range(3)),
        **photos,
        "Takeout/Keep/Courses.json": json.dumps(note).encode(),
        "Takeout/Keep/Abîmée.json": b"{not json",
    }
    drive = {"Documents/rapport.pdf": b"%PDF-1.4 rapport\n" * 50, "abîmé.bin": b"donnees " * 4000,
             "lisez-moi.txt": b"bonjour\n"}
    [part] = build_takeout(root, drive, lang="en", extra_members=members)
    corrupt_member(part, "Takeout/Drive/abîmé.bin")
    case = LocalCase(root, f"takeout:{part}")
    # damaged: a Drive file (its bytes in the archive), an event, a card, a note
    case.bad = 1 + len(bad_events) + len(bad_cards) + 1
    # good: two Drive files, three events, three cards, three messages, two photos, one note
    case.good = 2 + 3 + 3 + 3 + 2 + 1
    return case


class TestTakeoutArchive(SourceContract):
    @pytest.fixture
    def case(self, tmp_path: Path) -> SourceCase:
        return takeout_case(tmp_path / "export")


class TestTakeoutArchiveTgz(SourceContract):
    """The other Takeout format, in two parts, the second cut short as an interrupted download leaves it."""

    @pytest.fixture
    def case(self, tmp_path: Path) -> SourceCase:
        drive = {f"Documents/note {i}.txt": (f"note {i} " * 3000).encode() for i in range(6)}
        parts = build_takeout(tmp_path / "export", drive, fmt="tgz", parts=2, lang="fr")
        truncate(parts[1], 0.5)
        case = LocalCase(tmp_path / "export", "takeout:" + ",".join(map(str, parts)))
        case.bad, case.good = 1, 3  # the damaged part is one problem; the first part's files read
        return case


# -- a folder ------------------------------------------------------------------------------------


class FolderCase(LocalCase):
    def vanish(self, entries: list[SourceEntry]) -> str | None:
        (self.root / "Documents" / "rapport.pdf").unlink()
        return "Documents/rapport.pdf"


class TestLocalFolder(SourceContract):
    @pytest.fixture
    def case(self, tmp_path: Path) -> SourceCase:
        root = tmp_path / "Mes documents"
        (root / "Documents" / "Été 2023").mkdir(parents=True)
        (root / "Documents" / "rapport.pdf").write_bytes(b"%PDF-1.4 rapport\n" * 50)
        (root / "Documents" / "Été 2023" / "plage.jpg").write_bytes(jpeg(3))
        (root / "vide.txt").write_bytes(b"")
        (root / "lien perdu.txt").symlink_to(root / "nulle part.txt")  # a link to nothing: unreadable
        old = datetime(2020, 5, 17, 12, 0, tzinfo=UTC).timestamp()
        os.utime(root / "Documents" / "rapport.pdf", (old, old))
        case = FolderCase(root, f"folder:{root}")
        case.bad, case.good = 1, 3
        return case


# -- ics, vcf, mbox files ------------------------------------------------------------------------


class TestIcsFiles(SourceContract):
    @pytest.fixture
    def case(self, tmp_path: Path) -> SourceCase:
        root = tmp_path / "agendas"
        root.mkdir()
        famille, bad = many_events(6, bad_every=3, name="Famille")
        travail, _ = many_events(2, name="Travail", seed=1)
        (root / "Famille.ics").write_text(famille, encoding="utf-8")
        (root / "Travail.ics").write_text(travail, encoding="utf-8")
        (root / "Anniversaires.ics").write_text("<html><body>Erreur 404</body></html>", encoding="utf-8")
        case = LocalCase(root, f"ics:{root}")
        # damaged: two events, and a file that is no calendar at all
        case.bad, case.good = len(bad) + 1, 4 + 2
        return case


class TestVcfFiles(SourceContract):
    @pytest.fixture
    def case(self, tmp_path: Path) -> SourceCase:
        root = tmp_path / "contacts"
        root.mkdir()
        cards, bad = many_cards(6, bad_every=3)
        (root / "Tous.vcf").write_text(cards, encoding="utf-8")
        (root / "Famille.vcf").write_text("<html><body>Erreur 404</body></html>", encoding="utf-8")
        case = LocalCase(root, f"vcf:{root}")
        # damaged: two cards (each without its END), and a file that is no address book at all
        case.bad, case.good = len(bad) + 1, 6 - len(bad)
        return case


class TestMboxFiles(SourceContract):
    @pytest.fixture
    def case(self, tmp_path: Path) -> SourceCase:
        root = tmp_path / "courrier"
        root.mkdir()
        (root / "Boîte de réception.mbox").write_bytes(b"".join(message(n) for n in range(3)))
        (root / "Famille.mbox").write_bytes(message(7))
        (root / "Abîmé.mbox").write_bytes(b"Ceci n'est pas un mbox\n" + message(9))
        case = LocalCase(root, f"mbox:{root}")
        case.bad, case.good = 1, 4
        return case


# -- CalDAV and CardDAV accounts -----------------------------------------------------------------


class DavCase(SourceCase):
    """A calendar or an address book of this case on the session's Xandikos (it holds other tests' too)."""

    def __init__(self, server: DavServer, scheme: str, collection: str) -> None:
        self.server = server
        self.scheme = scheme
        self.collection = collection
        self.dav = DavCollections(server.url, server.user, server.password)
        self.dav.discover()

    def open(self) -> Source:
        return open_source(f"{self.scheme}:{self.server.url}", SourceOptions(password=self.server.password or None))

    def mine(self, entry: SourceEntry) -> bool:
        return entry.path[0] == self.collection

    def state(self) -> Hashable:
        """The server's collections by name, and this case's one with each item's etag."""
        collections = [*self.dav.calendars(), *self.dav.addressbooks()]
        return (tuple(sorted(c.name for c in collections)),
                tuple(sorted(self.dav.list(next(c for c in collections if c.name == self.collection)).items())))

    def vanish(self, entries: list[SourceEntry]) -> str | None:
        entry = next(e for e in entries if self.mine(e) and e.problem is None)
        href = json.loads(entry.locator)["href"]
        response = requests.delete(urljoin(self.server.url, href), timeout=30)
        assert response.status_code in (200, 204), response.status_code
        return entry.key


class TestCalDavAccount(SourceContract):
    @pytest.fixture
    def case(self, own_xandikos: DavServer) -> SourceCase:
        name, label = f"Contrat {uuid.uuid4().hex[:6]}", uuid.uuid4().hex[:6]
        case = DavCase(own_xandikos, "caldav", name)
        home = case.dav.ensure_calendar(name)
        for n in range(5):
            # one event a resource, as calendar programs write them; the third is damaged (month 13)
            start = ":20261345T250000" if n == 2 else f":2026010{n + 1}T090000Z"
            text = ics(event(f"contrat-{n}-{label}@degoogle.test", f"Rendez-vous {n}", start,
                             f":2026010{n + 1}T100000Z"), name=name, method=False)
            response = requests.put(home.url + f"{n}.ics", data=text.encode(), timeout=30,
                                    headers={"Content-Type": "text/calendar"})
            assert response.status_code in (201, 204), response.text
        case.bad, case.good = 1, 4
        return case


class TestCardDavAccount(SourceContract):
    @pytest.fixture
    def case(self, own_xandikos: DavServer) -> SourceCase:
        name = f"Contrat {uuid.uuid4().hex[:6]}"
        case = DavCase(own_xandikos, "carddav", name)
        book = case.dav.ensure_addressbook(name)
        cards, _ = many_cards(4, seed=uuid.uuid4().int % 10_000)
        for n, card in enumerate(cards.split("END:VCARD\r\n")[:-1]):
            response = requests.put(book.url + f"{n}.vcf", data=(card + "END:VCARD\r\n").encode(), timeout=30,
                                    headers={"Content-Type": "text/vcard; charset=utf-8"})
            assert response.status_code in (201, 204), response.text
        case.bad, case.good = 0, 4
        return case


# -- an IMAP account -----------------------------------------------------------------------------


class ImapCase(SourceCase):
    """Messages in two folders, read and unread, starred; a deleted one (not expunged) left out."""

    def __init__(self, user: MailUser) -> None:
        self.user = user
        client = user.client()
        try:
            client.create_folder("Famille/Été 2023")
            client.append("INBOX", message(1), flags=[b"\\Seen"])
            client.append("INBOX", message(2), flags=[])
            client.append("INBOX", message(3), flags=[b"\\Flagged"])
            client.append("INBOX", message(4), flags=[b"\\Deleted"])
            client.append("Famille/Été 2023", message(5), flags=[])
        finally:
            client.logout()
        self.bad, self.good = 0, 4

    def open(self) -> Source:
        return open_source(self.user.spec(), SourceOptions(password=self.user.password))

    def state(self) -> Hashable:
        client = self.user.client()
        try:
            found = []
            for flags, _sep, name in sorted(client.list_folders(), key=lambda f: f[2]):
                if b"\\Noselect" in flags:
                    continue
                status = client.folder_status(name, [b"UIDVALIDITY", b"UIDNEXT", b"MESSAGES", b"UNSEEN"])
                client.select_folder(name, readonly=True)
                messages = client.fetch(client.search(["ALL"]), [b"FLAGS"]) if status[b"MESSAGES"] else {}
                found.append((name, tuple(sorted(status.items())),
                              tuple(sorted((uid, tuple(sorted(set(d[b"FLAGS"]) - {b"\\Recent"})))
                                           for uid, d in messages.items()))))
            return tuple(found)
        finally:
            client.logout()

    def vanish(self, entries: list[SourceEntry]) -> str | None:
        self.user.delete_messages("Famille/Été 2023")
        return next(e.key for e in entries if e.path[0].startswith("Famille"))


class TestImapAccount(SourceContract):
    @pytest.fixture
    def case(self, mailbox: MailUser) -> SourceCase:
        return ImapCase(mailbox)
