"""The ``Target`` contract (``tests/contracts/target_contract.py``) run against every target of
``targets/registry.py``, each against its real peer: the Nextcloud files, calendars and contacts
(sandbox, whose CalDAV/CardDAV is Radicale's), photos with albums and Keep notes (sandbox), mail as
an mbox archive in the Nextcloud (sandbox) and mail into the hoster's mailbox (Dovecot).

``DavTarget`` against any other CalDAV/CardDAV server is not a target the product offers (the
registry makes ``NextcloudGroupware``, its subclass, tested here): its round trips into Radicale and
Xandikos are in ``test_groupware_roundtrip.py``; it is left out here for the suite's time budget."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

from degoogle.model import Item, Kind
from degoogle.sandbox import Sandbox
from degoogle.sources.base import Source
from degoogle.specs import open_source
from degoogle.targets.base import Target
from degoogle.targets.imap import ImapTarget
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.dav import DavCollections
from degoogle.targets.nextcloud.files import NextcloudFiles
from degoogle.targets.nextcloud.groupware import NextcloudGroupware
from degoogle.targets.nextcloud.mail_archive import MailArchive
from degoogle.targets.nextcloud.photos import NextcloudPhotos
from tests.contracts.moving import ROOT
from tests.contracts.samples import jpeg
from tests.contracts.target_contract import OURS, SkipOnConflictContract, TargetCase, TargetContract
from tests.dovecot import MailUser
from tests.groupware_samples import event, ics, vcard
from tests.takeout_factory import CONTACTS_MEMBER, EXPORT_TIME, build_takeout

pytest_plugins = ["tests.dovecot"]  # the dovecot and mailbox fixtures


#: a file bigger than the smallest chunk, so that one file goes up as a chunked upload (two chunks)
BIG = 5 * 1024 * 1024 + 300_000
CHUNK = 5 * 1024 * 1024


def account(sandbox: Sandbox) -> NextcloudAccount:
    return NextcloudAccount.parse("nextcloud:" + sandbox.url.replace("://", f"://{sandbox.user}@", 1))


def below(root: Path, keep: Callable[[Path], bool] = lambda _p: True) -> list[bytes]:
    return [p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and keep(p)] if root.exists() else []


def remove_file(sandbox: Sandbox, under: str, marker: bytes) -> int:
    """Delete over WebDAV the file below ``under`` holding ``marker``; how many markers it held."""
    root = sandbox.files_dir()
    path = next(p for p in sorted((root / under).rglob("*")) if p.is_file() and marker in p.read_bytes())
    held = path.read_bytes().count(b"body line ") if path.suffix == ".mbox" else 1
    url = f"{sandbox.url}/remote.php/dav/files/{sandbox.user}/" + quote(path.relative_to(root).as_posix())
    assert requests.delete(url, auth=(sandbox.user, sandbox.password), timeout=30).status_code == 204
    return held


def remove_resource(dav: DavCollections, auth: tuple[str, str] | None, marker: bytes) -> int:
    """Delete the calendar or address book resource holding ``marker`` (``dav`` discovered)."""
    href = next(h for c in [*dav.calendars(), *dav.addressbooks()] for h in dav.list(c)
                if marker.decode() in dav.get(h)[0])
    assert requests.delete(href, auth=auth, timeout=30).status_code in (200, 204)
    return 1


#: what changes something at a Nextcloud when it succeeds
WRITES = frozenset({"PUT", "POST", "MKCOL", "MKCALENDAR", "MOVE", "COPY", "PROPPATCH", "DELETE"})


def sandbox_writes(sandbox: Sandbox) -> int:
    """How many requests changed something at the sandbox so far."""
    return sum(1 for r in sandbox.requests if r.method in WRITES and 200 <= r.status < 300)


class FileBased(TargetCase):
    """A case whose items the real sources read from files written under ``root``: ``files(variant)``
    gives each path and its bytes, ``spec`` how the source is named; ``markers`` what each holds once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = uuid.uuid4().hex[:8]

    def write(self, variant: str) -> Path:
        where = self.root / variant
        if not where.exists():
            for rel, data in self.files(variant).items():
                (where / rel).parent.mkdir(parents=True, exist_ok=True)
                (where / rel).write_bytes(data)
        return where

    def files(self, variant: str) -> dict[str, bytes]:
        raise NotImplementedError

    def spec(self, where: Path) -> str:
        raise NotImplementedError

    def source(self, variant: str) -> Source:
        return open_source(self.spec(self.write(variant)))


# -- files ---------------------------------------------------------------------------------------


class FilesCase(FileBased):
    kinds = frozenset({Kind.FILES})

    def __init__(self, root: Path, sandbox: Sandbox) -> None:
        super().__init__(root)
        self.sandbox = sandbox

    def files(self, variant: str) -> dict[str, bytes]:
        return {
            "lettre.txt": f"{variant}: lettre à Marie\n".encode() * 3,
            "Dossier/été.jpg": variant.encode() + b"\xff\xd8\xff" + bytes(range(256)) * 8,
            "Dossier/Sous-dossier/notes.md": f"# {variant} notes\n".encode(),
            "petit.txt": f"{variant}: petit fichier\n".encode(),
            "gros.bin": variant.encode() + bytes(range(251)) * (BIG // 251),
        }

    def markers(self, variant: str) -> list[bytes]:
        return list(self.files(variant).values())

    def spec(self, where: Path) -> str:
        return f"folder:{where}"

    def footprint(self) -> object:
        return sandbox_writes(self.sandbox)

    def make(self) -> Target:
        return NextcloudFiles(account(self.sandbox), self.sandbox.password, chunk_size=CHUNK)

    def stored(self) -> list[bytes]:
        return below(self.sandbox.files_dir() / ROOT)

    def remove(self, marker: bytes) -> int:
        return remove_file(self.sandbox, ROOT, marker)


class TestNextcloudFiles(TargetContract):
    @pytest.fixture
    def case(self, tmp_path: Path, sandbox: Sandbox) -> TargetCase:
        return FilesCase(tmp_path / "sources", sandbox)


# -- calendars and contacts ----------------------------------------------------------------------


class GroupwareCase(FileBased):
    """Events of one calendar and contacts of one address book, from a Takeout export."""

    kinds = frozenset({Kind.CALENDAR, Kind.CONTACTS})

    def files(self, variant: str) -> dict[str, bytes]:
        events = [event(f"contrat-{i}-{self.label}@degoogle.test", f"{variant} appointment {i}.",
                        f":2026010{i + 1}T090000Z", f":2026010{i + 1}T100000Z") for i in range(2)]
        cards = [vcard(f"contrat-card-{i}-{self.label}@degoogle.test", f"{variant} person {i}.", "Contrat",
                       f"P{i}", f"EMAIL:p{i}@example.org") for i in range(2)]
        members = {f"Takeout/Calendar/Contrat {self.label}.ics": ics(*events, name=f"Contrat {self.label}").encode(),
                   CONTACTS_MEMBER["en"]: "".join(cards).encode()}
        [part] = build_takeout(self.root / f"{variant}-export", {}, lang="en", extra_members=members)
        return {"takeout.zip": part.read_bytes()}

    def markers(self, variant: str) -> list[bytes]:
        return [f"{variant} {what} {i}.".encode() for what in ("appointment", "person") for i in range(2)]

    def spec(self, where: Path) -> str:
        return f"takeout:{where / 'takeout.zip'}"


class SandboxGroupwareCase(GroupwareCase):
    def __init__(self, root: Path, sandbox: Sandbox) -> None:
        super().__init__(root)
        self.sandbox = sandbox

    def footprint(self) -> object:
        return sandbox_writes(self.sandbox)

    def make(self) -> Target:
        return NextcloudGroupware(account(self.sandbox), self.sandbox.password)

    def skipping(self) -> Target:
        return NextcloudGroupware(account(self.sandbox), self.sandbox.password, on_conflict="skip")

    def remove(self, marker: bytes) -> int:
        dav = DavCollections(self.sandbox.url, self.sandbox.user, self.sandbox.password)
        dav.discover()
        return remove_resource(dav, (self.sandbox.user, self.sandbox.password), marker)

    def stored(self) -> list[bytes]:
        return below(self.sandbox.groupware_dir(),
                     lambda p: not p.name.startswith(".Radicale") and ".Radicale.cache" not in p.parts)


class TestNextcloudGroupware(TargetContract, SkipOnConflictContract):
    @pytest.fixture
    def case(self, tmp_path: Path, sandbox: Sandbox) -> TargetCase:
        return SandboxGroupwareCase(tmp_path / "sources", sandbox)


# -- photos --------------------------------------------------------------------------------------


class PhotosCase(FileBased):
    """Photos of a year folder, one of them also in an album, and Keep notes, from a Takeout export."""

    kinds = frozenset({Kind.PHOTOS, Kind.NOTES})

    def __init__(self, root: Path, sandbox: Sandbox) -> None:
        super().__init__(root)
        self.sandbox = sandbox

    def photos(self, variant: str) -> list[bytes]:
        return [jpeg(i + (0 if variant == OURS else 50)) for i in range(3)]

    def files(self, variant: str) -> dict[str, bytes]:
        year = "Takeout/Google Photos/Photos from 2019"
        members: dict[str, bytes] = {}
        for i, data in enumerate(self.photos(variant)):
            members[f"{year}/IMG_{i}.jpg"] = data
            members[f"{year}/IMG_{i}.jpg.json"] = json.dumps(
                {"title": f"IMG_{i}.jpg", "photoTakenTime": {"timestamp": str(1_560_000_000 + i * 60)}}).encode()
        members["Takeout/Google Photos/Vacances/IMG_0.jpg"] = self.photos(variant)[0]
        members["Takeout/Google Photos/Vacances/metadata.json"] = json.dumps({"title": "Vacances"}).encode()
        for i, title in enumerate(("Courses", "Idées")):
            members[f"Takeout/Keep/{title}.json"] = json.dumps(
                {"title": title, "textContent": f"{variant} note {i}.", "isTrashed": False, "isArchived": False,
                 "userEditedTimestampUsec": 1_700_000_000_000_000 + i}).encode()
        [part] = build_takeout(self.root / f"{variant}-export", {}, lang="en", extra_members=members,
                               mtime=EXPORT_TIME)
        return {"takeout.zip": part.read_bytes()}

    def markers(self, variant: str) -> list[bytes]:
        return [*self.photos(variant), *(f"{variant} note {i}.".encode() for i in range(2))]

    def spec(self, where: Path) -> str:
        return f"takeout:{where / 'takeout.zip'}"

    def footprint(self) -> object:
        return sandbox_writes(self.sandbox)

    def make(self) -> Target:
        return NextcloudPhotos(account(self.sandbox), self.sandbox.password)

    def stored(self) -> list[bytes]:
        return below(self.sandbox.files_dir() / "Photos") + below(self.sandbox.files_dir() / "Notes")

    def remove(self, marker: bytes) -> int:
        return remove_file(self.sandbox, "Photos", marker)


class TestNextcloudPhotos(TargetContract):
    @pytest.fixture
    def case(self, tmp_path: Path, sandbox: Sandbox) -> TargetCase:
        return PhotosCase(tmp_path / "sources", sandbox)


# -- mail ----------------------------------------------------------------------------------------


class MailCase(FileBased):
    """Messages of one mbox file: small ones and bigger ones (``lines`` of 77 bytes each), with their
    Message-IDs."""

    kinds = frozenset({Kind.MAIL})
    lines: tuple[int, ...] = (2, 2, 2, 3000)

    def files(self, variant: str) -> dict[str, bytes]:
        messages = []
        for i, count in enumerate(self.lines):
            filler = (b"x" * 76 + b"\n") * count
            messages.append(
                b"From contrat@degoogle.test Mon Mar 04 08:15:00 +0000 2019\n"
                + f"Message-ID: <contrat-{i}-{self.label}@degoogle.test>\nDate: Mon, 4 Mar 2019 08:1{i}:00 +0000\n"
                  f"From: Marie <marie@example.org>\nTo: Karim <karim@example.org>\nSubject: Contrat {i}\n\n"
                  f"{variant} body line {i}.\n".encode() + filler + b"\n")
        return {"Contrat.mbox": b"".join(messages)}

    def markers(self, variant: str) -> list[bytes]:
        return [f"{variant} body line {i}.".encode() for i in range(len(self.lines))]

    def spec(self, where: Path) -> str:
        return f"mbox:{where / 'Contrat.mbox'}"


class MailArchiveCase(MailCase):
    """For the stopped run, the second message is over a chunk: a chunk of the volume is at the hoster
    when the run stops at the last message."""

    def __init__(self, root: Path, sandbox: Sandbox) -> None:
        super().__init__(root)
        self.sandbox = sandbox

    def before_stopping(self) -> None:
        self.lines = (2, CHUNK // 77 + 2000, 2, 3000)

    def cut(self, planned: list[Item]) -> Item:
        return max(planned, key=lambda item: item.id)

    def footprint(self) -> object:
        return sandbox_writes(self.sandbox)

    def make(self) -> Target:
        return MailArchive(account(self.sandbox), self.sandbox.password, lang="en", chunk_size=CHUNK)

    def stored(self) -> list[bytes]:
        return below(self.sandbox.files_dir() / "Mail")

    def remove(self, marker: bytes) -> int:
        return remove_file(self.sandbox, "Mail", marker)


class TestMailArchive(TargetContract):
    @pytest.fixture
    def case(self, tmp_path: Path, sandbox: Sandbox) -> TargetCase:
        return MailArchiveCase(tmp_path / "sources", sandbox)


class MailboxCase(MailCase):
    def __init__(self, root: Path, user: MailUser) -> None:
        super().__init__(root)
        self.user = user

    def make(self) -> Target:
        return ImapTarget(self.user.spec(), self.user.password)

    def footprint(self) -> object:
        client = self.user.client()
        try:
            return sorted((name, client.folder_status(name, [b"UIDNEXT"])[b"UIDNEXT"])
                          for flags, _sep, name in client.list_folders() if b"\\Noselect" not in flags)
        finally:
            client.logout()

    def stored(self) -> list[bytes]:
        client = self.user.client()
        try:
            found: list[bytes] = []
            for flags, _sep, name in client.list_folders():
                if b"\\Noselect" in flags or not client.select_folder(name, readonly=True)[b"EXISTS"]:
                    continue
                found += [data[b"BODY[]"] for data in client.fetch(client.search(["ALL"]), [b"BODY.PEEK[]"]).values()]
            return found
        finally:
            client.logout()


    def remove(self, marker: bytes) -> int:
        client = self.user.client()
        try:
            for flags, _sep, name in client.list_folders():
                if b"\\Noselect" in flags or not client.select_folder(name)[b"EXISTS"]:
                    continue
                found = client.fetch(client.search(["ALL"]), [b"BODY.PEEK[]"])
                uids = [uid for uid, data in found.items() if marker in data[b"BODY[]"]]
                if uids:
                    client.delete_messages(uids)
                    client.expunge()
                    return len(uids)
            raise AssertionError(f"{marker!r} is in no folder")
        finally:
            client.logout()


class TestImapMailbox(TargetContract):
    @pytest.fixture
    def case(self, tmp_path: Path, mailbox: MailUser) -> TargetCase:
        return MailboxCase(tmp_path / "sources", mailbox)
