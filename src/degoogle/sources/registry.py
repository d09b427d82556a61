"""Which code reads what: the expanders for files holding many items, and the account sources.

One table each, so a new kind of source is one line here and nothing else changes:

- ``expanders``: for file-based sources (a Takeout archive, ``ics:``/``vcf:``/``mbox:`` local
  files), the ``Expander`` of each kind. A kind with no expander is listed as "not moved by this
  version".
- ``ACCOUNT_SCHEMES``: spec scheme → ``factory(spec, rest, options) -> Source`` for sources that
  are accounts on a server (CalDAV/CardDAV, iCloud, IMAP). Factories import lazily.

Nothing is imported before it is used: an IMAP listing never loads the CalDAV client, an mbox file
never the vCard reader (issue 17: each costs a command tenths of a second at start-up).
"""

from __future__ import annotations

from collections.abc import Callable

from degoogle.model import Kind
from degoogle.sources.base import Expander, OpenFile, Source, SourceOptions

AccountFactory = Callable[[str, str, SourceOptions], Source]


#: the kinds this version can read from files
EXPANDER_KINDS = (Kind.CALENDAR, Kind.CONTACTS, Kind.MAIL, Kind.PHOTOS, Kind.NOTES)


def expander_class(kind: Kind) -> type[Expander] | None:
    """The expander class of ``kind`` (its module imported now), None when files of it cannot be read."""
    if kind is Kind.CALENDAR:
        from degoogle.sources.groupware_files import CalendarExpander

        return CalendarExpander
    if kind is Kind.CONTACTS:
        from degoogle.sources.contact_files import ContactsExpander

        return ContactsExpander
    if kind is Kind.MAIL:
        from degoogle.sources.mail_files import MailExpander

        return MailExpander
    if kind is Kind.PHOTOS:
        from degoogle.sources.photos_files import PhotosExpander

        return PhotosExpander
    if kind is Kind.NOTES:
        from degoogle.sources.keep_files import KeepExpander

        return KeepExpander
    return None


def expander_classes() -> dict[Kind, type[Expander]]:
    """The expander class of each kind this version can read from files."""
    return {kind: cls for kind in EXPANDER_KINDS if (cls := expander_class(kind)) is not None}


def expanders(open_file: OpenFile, options: SourceOptions) -> dict[Kind, Expander]:
    return {kind: cls(open_file, options) for kind, cls in expander_classes().items()}


def _open_caldav(spec: str, rest: str, options: SourceOptions) -> Source:
    from degoogle.sources import dav  # no connection is made before a scan

    return dav.open_caldav(spec, rest, options)


def _open_carddav(spec: str, rest: str, options: SourceOptions) -> Source:
    from degoogle.sources import dav

    return dav.open_carddav(spec, rest, options)


def _open_icloud(spec: str, rest: str, options: SourceOptions) -> Source:
    from degoogle.sources import dav

    return dav.open_icloud(spec, rest, options)


def _open_imap(spec: str, rest: str, options: SourceOptions) -> Source:
    from degoogle.sources import imap  # no connection is made before a scan

    return imap.open_imap(spec, rest, options)


def account_schemes() -> dict[str, AccountFactory]:
    """Spec schemes of account sources (``caldav:``, ``imap://``…) and how to open them (a factory
    imports its source's module when called)."""
    return {"caldav": _open_caldav, "carddav": _open_carddav, "icloud": _open_icloud,
            "imap": _open_imap, "imaps": _open_imap, "icloud-mail": _open_imap}


#: file-based local sources: scheme → the kind of items its files hold
FILE_SCHEMES: dict[str, Kind] = {"ics": Kind.CALENDAR, "vcf": Kind.CONTACTS, "mbox": Kind.MAIL}
