"""What the person chose in the wizard, and the one place it becomes engine calls.

No Qt here. ``Choices`` is filled page by page; ``source_spec``/``target_spec`` turn it into the spec
strings the CLI also takes; ``create_migration`` is the single call into ``Migration.create`` (the
mailbox settings travel through it); ``SecretKeeper`` is the single place secrets are kept (the OS
keyring, or only memory in practice mode or when there is no usable keyring). ``find_unfinished``
finds the journals in the app's data folder that still have something to move.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from degoogle.app.migration import Migration, MigrationOptions, movable_kinds
from degoogle.app.status import progress
from degoogle.engine.journal import Journal
from degoogle.errors import DegoogleError, UserError
from degoogle.model import ALL_KINDS, Kind
from degoogle.secrets import SecretStore, account_keyring_name
from degoogle.sources.streams import looks_like_web_page
from degoogle.specs import normalise_source
from degoogle.targets import registry
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.registry import TargetOptions

#: stands in for the person's account when asking what this version can write at all (no network)
_ANY_ACCOUNT = NextcloudAccount("https://cloud.example.org", "someone")
_ANY_MAILBOX = "imaps://someone@mail.example.org"

log = logging.getLogger(__name__)

JOURNALS = "migrations"


@dataclass
class Mailbox:
    """Where the mail goes. ``mode``: ``imap`` (the hoster's mailbox) or ``archive`` (mbox files in the
    Nextcloud, for a hoster without mailboxes)."""

    mode: str = "imap"
    host: str = ""
    port: int = 993
    user: str = ""

    def destination(self) -> str:
        """``archive`` or ``imaps://user@host[:port]`` (the engine's ``mail_to``)."""
        if self.mode == "archive":
            return "archive"
        port = "" if self.port == 993 else f":{self.port}"
        return f"imaps://{self.user}@{self.host}{port}"


@dataclass
class Choices:
    """Everything the pages collect, secrets excepted (``SecretKeeper`` holds those)."""

    kinds: set[Kind] = field(default_factory=set)
    source: str = "takeout"  # takeout, google, icloud, folder, imap
    takeout_parts: list[Path] = field(default_factory=list)
    folder: Path | None = None
    apple_id: str = ""
    imap_host: str = ""
    imap_port: int = 993
    imap_user: str = ""
    hoster: str = ""
    base_url: str = ""
    login: str = ""
    mailbox: Mailbox = field(default_factory=Mailbox)

    def source_spec(self) -> str:
        """The SOURCE spec (as ``degoogle plan`` takes it). ``UserError`` when a needed field is empty."""
        if self.source == "takeout":
            if not self.takeout_parts:
                raise UserError("no Takeout archive chosen", code="bad_source")
            return "takeout:" + ",".join(str(p) for p in self.takeout_parts)
        if self.source == "folder":
            if self.folder is None:
                raise UserError("no folder chosen", code="bad_source")
            return f"folder:{self.folder}"
        if self.source == "icloud":
            return f"icloud:{self.apple_id.strip()}"
        if self.source == "imap":
            return f"imaps://{self.imap_user.strip()}@{self.imap_host.strip()}:{self.imap_port}"
        if self.source == "google":
            return "google:"
        raise UserError(f"unknown source {self.source}", code="bad_source")

    def account(self) -> NextcloudAccount:
        return NextcloudAccount(self.base_url.rstrip("/"), self.login)

    def target_spec(self) -> str:
        return self.account().spec

    def wants_mail(self, movable: Iterable[Kind]) -> bool:
        return Kind.MAIL in self.kinds and Kind.MAIL in set(movable)


def server_address(typed: str) -> str:
    """What the person typed as their Nextcloud's address, refused at once when it is an e-mail
    address (``UserError`` ``address_is_email``): read as a URL, "marie@exemple.org" would quietly
    become exemple.org. The command line's ``user@host`` is not this field's business."""
    text = typed.strip()
    if "://" not in text and "@" in text.split("/")[0]:
        raise UserError(f"an e-mail address, not a server address: {text!r}", code="address_is_email", subject=text)
    return text


def part_problem(path: Path) -> str | None:
    """Why a chosen Takeout part cannot be read, as a reason code, known at once (no listing): not
    there, a web page saved instead of the download, or not a zip/tgz at all. None when it looks like
    an archive (or is a folder, where the archive's parts are looked for). A part that starts right but
    is cut short is found when listed, and set aside with the part named."""
    try:
        if path.is_dir():
            return None
        with path.open("rb") as fh:
            head = fh.read(2)
    except FileNotFoundError:
        return "source_not_found"
    except OSError:
        return "unreadable"
    if head in (b"PK", b"\x1f\x8b"):
        return None
    return "archive_is_web_page" if looks_like_web_page(path) else "not_an_archive"


def folder_problem(path: Path) -> str | None:
    """Why a chosen folder cannot be copied (``source_not_found``, ``not_a_folder``), or None."""
    if not path.exists():
        return "source_not_found"
    return None if path.is_dir() else "not_a_folder"


def version_movable() -> frozenset[Kind]:
    """The kinds this version can move at all, whatever the hoster (mail: to a mailbox or an archive)."""
    kinds = set(movable_kinds(_ANY_ACCOUNT, MigrationOptions()))
    for mail_to in ("archive", _ANY_MAILBOX):
        kinds |= movable_kinds(_ANY_ACCOUNT, MigrationOptions(mail_to=mail_to))
    return frozenset(kinds)


def mail_destinations() -> frozenset[str]:
    """Where this version can put mail: ``imap`` (the hoster's mailbox), ``archive`` (the Nextcloud)."""
    found = set()
    if registry.mail(_ANY_MAILBOX, _ANY_ACCOUNT, TargetOptions()) is not None:
        found.add("imap")
    if registry.mail("archive", _ANY_ACCOUNT, TargetOptions()) is not None:
        found.add("archive")
    return frozenset(found)


def migration_options(choices: Choices, movable: Iterable[Kind]) -> MigrationOptions:
    """The engine's options for these choices: where mail goes, when mail is to be moved."""
    mail_to = choices.mailbox.destination() if choices.wants_mail(movable) else None
    return MigrationOptions(mail_to=mail_to)


def create_migration(path: Path, choices: Choices, movable: Iterable[Kind]) -> Migration:
    """The one call into ``Migration.create``: the chosen kinds and the mailbox settings. Raises what
    ``Migration.create`` raises (``UserError`` for a wrong source)."""
    kinds = frozenset(choices.kinds) or frozenset(ALL_KINDS)
    return Migration.create(path, choices.source_spec(), choices.target_spec(), kinds=kinds,
                            options=migration_options(choices, movable))


def earlier_journal(data_dir: Path, choices: Choices) -> Path | None:
    """The journal of an earlier move of the same source to the same account, newest first, so that
    running the wizard again continues it (what it moved is known, nothing is written twice) instead
    of starting a new one. None when there is none, or when the choices do not name a source yet. A
    journal that cannot be read is passed over."""
    try:
        source = normalise_source(choices.source_spec())
        target = choices.account().spec
    except (DegoogleError, ValueError):
        return None
    found: list[tuple[float, Path]] = []
    for path in (data_dir / JOURNALS).glob("*.journal"):
        try:
            with Journal.open(path) as journal:
                if (journal.get_meta("source"), journal.get_meta("target")) == (source, target):
                    found.append((path.stat().st_mtime, path))
        except (DegoogleError, OSError, ValueError, sqlite3.Error) as exc:
            log.warning("journal %s skipped: %s", path.name, exc)
    return max(found)[1] if found else None


def journal_for(data_dir: Path, choices: Choices) -> Path:
    """Where this move's journal is: the earlier one of the same source and account, or a new one."""
    return earlier_journal(data_dir, choices) or new_journal_path(data_dir)


def new_journal_path(data_dir: Path) -> Path:
    folder = data_dir / JOURNALS
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stamp}.journal"
    n = 2
    while path.exists():
        path = folder / f"{stamp}-{n}.journal"
        n += 1
    return path


class SecretKeeper:
    """The wizard's only door to secrets. ``remember`` False (practice mode) keeps them in memory
    only; otherwise the OS keyring, and memory for this session when there is no usable keyring
    (``last_stored`` then says False so the wizard can tell the person)."""

    def __init__(self, store: SecretStore | None = None, *, remember: bool = True) -> None:
        self._store = store or SecretStore()
        self._remember = remember
        self._memory: dict[str, str] = {}
        self.last_stored = False

    def _keep(self, name: str, secret: str) -> bool:
        self._memory[name] = secret
        self.last_stored = False
        if self._remember:
            try:
                self._store.set(name, secret)
                self.last_stored = True
            except UserError as exc:
                log.warning("secret kept for this session only: %s", exc.code)
        return self.last_stored

    def _get(self, name: str) -> str | None:
        if name in self._memory:
            return self._memory[name]
        if not self._remember:
            return None
        return self._store.get(name)

    def keep_target(self, account: NextcloudAccount, password: str) -> bool:
        return self._keep(account.keyring_name, password)

    def target(self, account: NextcloudAccount) -> str | None:
        return self._get(account.keyring_name)

    def keep_source(self, spec: str, secret: str) -> bool:
        return self._keep(account_keyring_name(spec), secret)

    def source(self, spec: str) -> str | None:
        """An account source's password (None for sources that need none, or when none is kept)."""
        return self._get(account_keyring_name(spec))

    def keep_mailbox(self, mail_to: str, secret: str) -> bool:
        return self._keep(account_keyring_name(mail_to), secret)

    def mailbox(self, mail_to: str | None) -> str | None:
        return self._get(account_keyring_name(mail_to)) if mail_to and mail_to != "archive" else None

    def known(self) -> list[str]:
        """Every secret seen in this session, for the log's redactor."""
        return list(self._memory.values())


@dataclass(frozen=True)
class Unfinished:
    """A journal in the data folder with items still to move."""

    path: Path
    source: str
    target: str
    done: int
    total: int
    started: float


def find_unfinished(data_dir: Path) -> list[Unfinished]:
    """Journals under ``data_dir`` whose plan is complete and that still hold pending or failed items
    of a kind this version moves; newest first. A journal that cannot be read is skipped."""
    found = []
    for path in sorted((data_dir / JOURNALS).glob("*.journal")):
        try:
            with Migration.open(path) as m:
                if m.journal.get_meta("plan_state") != "complete":
                    continue
                moving = progress(m.journal, m.movable())
                if not moving.finished:
                    found.append(Unfinished(path, m.source_spec, m.target_spec, sum(moving.done.values()),
                                            moving.total, path.stat().st_mtime))
        except (DegoogleError, OSError, ValueError, sqlite3.Error) as exc:
            log.warning("journal %s skipped: %s", path.name, exc)
    return sorted(found, key=lambda u: u.started, reverse=True)
