"""The reason codes: why an item was not moved as it was, or why a run or a request stopped, as one
enumeration that every layer can import (sources, targets, convert/ and the engine alike).

A code is stored in the journal (a public format) and in reports, so the values never change: they
are today's strings, and a ``Reason`` is a ``str`` equal to its value. Every code has its words, why and
what to do, in French, English and Dutch: ``engine/reasons.py`` holds the English, the catalogues
(``degoogle/locale``) the translations; ``tests/test_reason_words.py`` fails when a code lacks them in
one language, or when the code raises or records a code that is not a member here.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """A stable reason code (``Reason.KEPT_BOTH == "kept_both"``)."""

    # -- renames (names Nextcloud or its desktop clients refuse) ---------------------------------------------
    UNICODE_NFC = "unicode_nfc"
    FORBIDDEN_NAME = "forbidden_name"
    FORBIDDEN_BASENAME = "forbidden_basename"
    FORBIDDEN_CHARACTER = "forbidden_character"
    CONTROL_CHARACTER = "control_character"
    LEADING_SPACE = "leading_space"
    TRAILING_SPACE_OR_DOT = "trailing_space_or_dot"
    FORBIDDEN_EXTENSION = "forbidden_extension"
    TOO_LONG = "too_long"
    EMPTY_NAME = "empty_name"
    NAME_CLASH = "name_clash"
    KEPT_BOTH = "kept_both"
    # -- skipped ---------------------------------------------------------------------------------------------
    NOT_SUPPORTED_YET = "not_supported_yet"
    NOT_SELECTED = "not_selected"
    NO_MAIL_DESTINATION = "no_mail_destination"
    SPAM_TRASH_LEFT_OUT = "spam_trash_left_out"
    DELETED_AT_SOURCE = "deleted_at_source"
    # -- quarantined -----------------------------------------------------------------------------------------
    ARCHIVE_DAMAGED = "archive_damaged"
    CORRUPT_MEMBER = "corrupt_member"
    UNREADABLE = "unreadable"
    SOURCE_CHANGED = "source_changed"
    REFUSED_BY_SERVER = "refused_by_server"
    TOO_BIG_FOR_SPACE = "too_big_for_space"
    SERVER_ERROR = "server_error"
    TOO_LARGE = "too_large"
    # -- failed / paused -------------------------------------------------------------------------------------
    TEMPORARY = "temporary"
    CHECKSUM_MISMATCH = "checksum_mismatch"
    # -- what the person gave that cannot be used (the error's ``subject`` names it) -------------------------
    SOURCE_NOT_FOUND = "source_not_found"
    NOT_A_FOLDER = "not_a_folder"
    NOT_AN_ARCHIVE = "not_an_archive"
    ARCHIVE_IS_WEB_PAGE = "archive_is_web_page"
    NO_ARCHIVE_IN_FOLDER = "no_archive_in_folder"
    NOTHING_FOUND = "nothing_found"
    HOST_NOT_FOUND = "host_not_found"
    ADDRESS_IS_EMAIL = "address_is_email"
    ADDRESS_HAS_SPACES = "address_has_spaces"
    UNREACHABLE = "unreachable"
    AUTH_FAILED = "auth_failed"
    NO_SPACE = "no_space"
    NO_CHUNKED_UPLOAD = "no_chunked_upload"
    SERVER_MAINTENANCE = "server_maintenance"
    TLS_ERROR = "tls_error"
    REDIRECTED_ELSEWHERE = "redirected_elsewhere"
    SERVER_REFUSED = "server_refused"
    NOT_INSTALLED = "not_installed"
    SOURCE_GONE = "source_gone"
    # the codes an error carries when the code raising it named none: worded, so nothing shows as a bare code
    BAD_ITEM = "bad_item"
    SKIPPED = "skipped"
    FATAL = "fatal"
    INTERNAL_ERROR = "internal_error"
    # -- verification ----------------------------------------------------------------------------------------
    MISSING_AT_TARGET = "missing_at_target"
    SIZE_MISMATCH = "size_mismatch"
    # -- calendars and contacts ------------------------------------------------------------------------------
    MALFORMED_EVENT = "malformed_event"
    MALFORMED_CONTACT = "malformed_contact"
    NOT_CALENDAR = "not_calendar"
    NOT_VCARD = "not_vcard"
    CONTACT_GROUP_FOLDED = "contact_group_folded"
    MALFORMED_TIME_ZONE = "malformed_time_zone"
    UNKNOWN_TIME_ZONE = "unknown_time_zone"
    EVENT_MOVED_FLOATING = "event_moved_floating"
    CONTACT_PHOTO_DROPPED = "contact_photo_dropped"
    KEPT_BOTH_EVENT = "kept_both_event"
    KEPT_BOTH_CONTACT = "kept_both_contact"
    SERVER_LIMIT_WAIT = "server_limit_wait"
    CALENDAR_CREATION_WAIT = "calendar_creation_wait"
    CALENDAR_MERGED = "calendar_merged"
    CALENDAR_LIMIT_LEFT_OUT = "calendar_limit_left_out"
    CALENDAR_LIMIT_REACHED = "calendar_limit_reached"
    CONFLICT_SKIPPED = "conflict_skipped"
    NO_DAV_SERVICE = "no_dav_service"
    NOT_A_DAV_SERVER = "not_a_dav_server"
    SOURCE_AUTH_FAILED = "source_auth_failed"
    SOURCE_UNREACHABLE = "source_unreachable"
    REFUSED_BY_SOURCE = "refused_by_source"
    # -- mail ------------------------------------------------------------------------------------------------
    MAIL_TOO_LARGE = "mail_too_large"
    MAIL_REFUSED = "mail_refused"
    MAIL_OVERSIZED = "mail_oversized"
    NOT_MBOX = "not_mbox"
    SOURCE_TLS_ERROR = "source_tls_error"
    # -- photos and notes ------------------------------------------------------------------------------------
    PHOTO_NO_DATE = "photo_no_date"
    PHOTO_ALBUMS_NO_APP = "photo_albums_no_app"
    PHOTO_PLACES_NOT_WRITTEN = "photo_places_not_written"
    PHOTO_IN_TRASH = "photo_in_trash"
    PHOTO_NOT_MEDIA = "photo_not_media"
    NOTE_IN_TRASH = "note_in_trash"
    MALFORMED_NOTE = "malformed_note"
    # -- what was asked cannot be done as asked (the command line shows the error's own detail) --------------
    USAGE = "usage"
    ERROR = "error"
    BAD_SOURCE = "bad_source"
    BAD_TARGET = "bad_target"
    INSECURE_TARGET = "insecure_target"
    NOT_NEXTCLOUD = "not_nextcloud"
    PASSWORD_IN_SPEC = "password_in_spec"
    NO_PASSWORD = "no_password"
    NO_KEYRING = "no_keyring"
    LOGIN_TIMEOUT = "login_timeout"
    LOGIN_CANCELLED = "login_cancelled"
    BAD_ONLY = "bad_only"
    BAD_MAIL_TO = "bad_mail_to"
    # -- the journal of a move -------------------------------------------------------------------------------
    JOURNAL_EXISTS = "journal_exists"
    JOURNAL_MISSING = "journal_missing"
    JOURNAL_INVALID = "journal_invalid"
    JOURNAL_TOO_NEW = "journal_too_new"
    JOURNAL_MISMATCH = "journal_mismatch"
    NO_PLAN = "no_plan"
    PLAN_INCOMPLETE = "plan_incomplete"
    CANCELLED = "cancelled"


#: every code's value, for a membership test that also takes ``None`` and unknown strings
CODES = frozenset(reason.value for reason in Reason)


def is_reason(code: str | None) -> bool:
    """Whether ``code`` is one of the codes above (a journal from a later version may hold others)."""
    return code in CODES
