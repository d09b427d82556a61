"""Which target writes each kind, besides the Nextcloud files target.

One place, so a new target is one function here: ``groupware`` (calendars and contacts, into the
Nextcloud's CalDAV/CardDAV) and ``mail`` (``--mail-to``: the hoster's IMAP mailbox, or ``archive``:
mbox files in the Nextcloud). Each returns the kinds it writes and a factory taking the secrets
(the Nextcloud app password, the mailbox password), or ``None`` when this version has none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from degoogle.model import Kind
from degoogle.targets.base import Target
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.chunked import DEFAULT_CHUNK


@dataclass(frozen=True)
class TargetOptions:
    """The user's choices for the targets: ``merge_calendars`` — write a source calendar into an existing
    target calendar of the same name instead of making "Name (2)"; ``on_conflict`` — an item whose UID is
    at the target with other content is written beside it (``kept_both``) or left out (``skip``);
    ``chunk_size`` — the size of the chunks big files and mail archives go up in; ``lang`` — the language
    of names the targets make (a mail archive's "Inbox.mbox"), the user's locale's when None;
    ``calendar_limits`` — the hoster's limits on making calendars (Nextcloud's defaults when None);
    ``over_limit`` — past the hoster's maximum of calendars, the rest ``merge``d into existing ones
    or left out (``leave_out``)."""

    merge_calendars: bool = False
    on_conflict: Literal["kept_both", "skip"] = "kept_both"
    workers: int = 4
    chunk_size: int = DEFAULT_CHUNK
    lang: str | None = None
    calendar_limits: str | None = None
    over_limit: Literal["merge", "leave_out"] = "merge"


#: (Nextcloud app password, mailbox password or None) -> the target
Factory = Callable[[str, str | None], Target]


def groupware(account: NextcloudAccount, options: TargetOptions) -> tuple[frozenset[Kind], Factory] | None:
    """Calendars and address books in the Nextcloud, or None when this version has no such target."""
    from degoogle.targets.nextcloud.calendar_limits import CalendarLimits
    from degoogle.targets.nextcloud.groupware import NextcloudGroupware

    limits = CalendarLimits.parse(options.calendar_limits) if options.calendar_limits else None

    def factory(password: str, _mail_password: str | None) -> Target:
        return NextcloudGroupware(account, password, merge_calendars=options.merge_calendars,
                                  on_conflict=options.on_conflict, calendar_limits=limits,
                                  over_limit=options.over_limit)

    return frozenset({Kind.CALENDAR, Kind.CONTACTS}), factory


def photos(account: NextcloudAccount, options: TargetOptions) -> tuple[frozenset[Kind], Factory] | None:
    """Google Photos (files with their albums in Nextcloud Photos) and Keep notes (Markdown files for
    Nextcloud Notes), or None when this version has no such target."""
    from degoogle.targets.nextcloud.photos import NextcloudPhotos

    def factory(password: str, _mail_password: str | None) -> Target:
        return NextcloudPhotos(account, password, workers=options.workers, chunk_size=options.chunk_size)

    return NextcloudPhotos.kinds, factory


def mail(mail_to: str, account: NextcloudAccount, options: TargetOptions) -> tuple[frozenset[Kind], Factory] | None:
    """The mail target ``mail_to`` names (``imaps://…``, ``imap://…``, ``archive``), or None."""
    if mail_to.casefold().startswith(("imap://", "imaps://")):
        from degoogle.protocols.imap import ImapAccount
        from degoogle.targets.imap import ImapTarget

        ImapAccount.parse(mail_to)  # a malformed address is a UserError now, at planning

        def imap_factory(_password: str, mail_password: str | None) -> Target:
            return ImapTarget(mail_to, mail_password)

        return frozenset({Kind.MAIL}), imap_factory
    if mail_to.casefold() == "archive":
        from degoogle.targets.nextcloud.mail_archive import MailArchive

        def archive_factory(password: str, _mail_password: str | None) -> Target:
            return MailArchive(account, password, chunk_size=options.chunk_size, workers=options.workers,
                               lang=options.lang)

        return frozenset({Kind.MAIL}), archive_factory
    return None
