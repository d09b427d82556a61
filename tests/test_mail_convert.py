"""Mail conversion: the streaming mbox reader and Gmail labels → IMAP placement, dates and names."""

from __future__ import annotations

import io
import re
import tracemalloc
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from degoogle.convert.mail import (
    ARCHIVE,
    DRAFT,
    DRAFTS,
    FLAGGED,
    INBOX,
    JUNK,
    SEEN,
    SENT,
    TRASH,
    Policy,
    content_key,
    imap_utf7_decode,
    imap_utf7_encode,
    internal_date,
    keyword_atom,
    message_id,
    parse_labels,
    placement,
)
from degoogle.convert.mail_headers import date_header, parse_headers
from degoogle.convert.mbox import LINE_CHUNK, NotAnMboxError, iter_mbox, parse_from_line_date
from degoogle.errors import BadItemError

GMAIL_FROM = b"From 1783452341234567890@xxx Thu Nov 20 10:10:10 +0000 2026\n"
ASCTIME_FROM = b"From 1234@xxx Mon Jan  1 00:00:00 2024\n"

PLAIN = (
    b"X-GM-THRID: 1783452341234567890\n"
    b"X-Gmail-Labels: Inbox,Opened,Category Personal\n"
    b"Message-ID: <plain-1@example.org>\n"
    b"Date: Thu, 20 Nov 2026 11:10:10 +0100\n"
    b"From: Alice <alice@example.org>\n"
    b"Subject: hello\n"
    b"\n"
    b"First line.\n"
    b"\n"
    b"From my side, all is well (an unquoted body line that is no separator).\n"
)
# The message as it was sent, and as an mboxrd writer stores it.
QUOTED_ORIGINAL = (
    b"Message-ID: <quoted@example.org>\nSubject: quoting\n\n"
    b"From the desk of Marie\n>From a reply\n>>From deeper\n> From not quoted (space)\nend\n"
)
QUOTED_STORED = (
    b"Message-ID: <quoted@example.org>\nSubject: quoting\n\n"
    b">From the desk of Marie\n>>From a reply\n>>>From deeper\n> From not quoted (space)\nend\n"
)
NO_ID_8BIT_BROKEN = (
    b"Subject: Caf\xc3\xa9 et cr\xe8me\n"  # raw UTF-8 and Latin-1 in one header: 8-bit, no MIME
    b"Date: not a date at all\n"
    b"Content-Type: multipart/mixed; boundary=\"never-closed\n"  # unterminated quote, no end boundary
    b"\n"
    b"--never-closed\nContent-Type: text/plain; charset=iso-8859-1\n\nd\xe9j\xe0 vu\n"
)


def mbox(*messages: tuple[bytes, bytes]) -> bytes:
    """An mbox as a writer lays it out: separator, message, one empty line."""
    return b"".join(from_line + body + b"\n" for from_line, body in messages)


def test_messages_come_back_as_written_with_dates_and_offsets(tmp_path: Path) -> None:
    data = mbox((GMAIL_FROM, PLAIN), (ASCTIME_FROM, QUOTED_STORED), (GMAIL_FROM, NO_ID_8BIT_BROKEN))
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    path.write_bytes(data)
    with path.open("rb") as stream:
        found = list(iter_mbox(stream))
    assert [m.raw for m in found] == [PLAIN, QUOTED_ORIGINAL, NO_ID_8BIT_BROKEN]
    assert [m.size for m in found] == [len(PLAIN), len(QUOTED_ORIGINAL), len(NO_ID_8BIT_BROKEN)]
    assert not any(m.too_large for m in found)
    assert found[0].from_line_date == datetime(2026, 11, 20, 10, 10, 10, tzinfo=UTC)
    assert found[1].from_line_date == datetime(2024, 1, 1, tzinfo=UTC)
    assert found[0].offset == 0
    assert sum(m.length for m in found) == len(data)
    with path.open("rb") as stream:  # a resuming importer seeks back to one message
        stream.seek(found[2].offset)
        again = list(iter_mbox(io.BytesIO(stream.read(found[2].length))))
    assert [m.raw for m in again] == [NO_ID_8BIT_BROKEN]


def test_quoting_modes() -> None:
    data = mbox((GMAIL_FROM, QUOTED_STORED))
    assert next(iter_mbox(io.BytesIO(data))).raw == QUOTED_ORIGINAL
    mboxo = next(iter_mbox(io.BytesIO(data), quoting="mboxo")).raw
    assert b"\nFrom the desk" in mboxo and b"\n>>From a reply" in mboxo and b"\n>>>From deeper" in mboxo
    assert next(iter_mbox(io.BytesIO(data), quoting="none")).raw == QUOTED_STORED


def test_crlf_file() -> None:
    crlf = lambda b: b.replace(b"\n", b"\r\n")  # noqa: E731
    data = crlf(mbox((GMAIL_FROM, PLAIN), (ASCTIME_FROM, QUOTED_STORED)))
    found = list(iter_mbox(io.BytesIO(data)))
    assert [m.raw for m in found] == [crlf(PLAIN), crlf(QUOTED_ORIGINAL)]
    assert found[1].from_line_date == datetime(2024, 1, 1, tzinfo=UTC)
    assert found[1].offset == len(crlf(GMAIL_FROM + PLAIN + b"\n"))


def test_separator_without_empty_line_before_it_still_splits() -> None:
    data = GMAIL_FROM + b"Subject: a\n\nbody a\n" + ASCTIME_FROM + b"Subject: b\n\nbody b\n"
    assert [m.raw for m in iter_mbox(io.BytesIO(data))] == [b"Subject: a\n\nbody a\n", b"Subject: b\n\nbody b\n"]


def test_empty_lines_inside_and_at_the_end_of_a_message_are_kept() -> None:
    body = b"Subject: a\n\nbody\n\n\n"
    assert [m.raw for m in iter_mbox(io.BytesIO(mbox((GMAIL_FROM, body), (GMAIL_FROM, body))))] == [body, body]


def test_long_lines_are_read_in_pieces_and_only_line_starts_count() -> None:
    body = (b"Subject: long\n\n" + b"x" * LINE_CHUNK + b">From stays quoted mid-line\n"
            + b"y" * (LINE_CHUNK - 1) + b"From a@b Mon Jan 01 00:00:00 2024 is mid-line too\nend\n")
    found = list(iter_mbox(io.BytesIO(mbox((GMAIL_FROM, body), (GMAIL_FROM, PLAIN)))))
    assert [m.raw for m in found] == [body, PLAIN]


def test_not_an_mbox_raises_a_bad_item_error() -> None:
    with pytest.raises(NotAnMboxError, match="not an mbox") as caught:
        list(iter_mbox(io.BytesIO(b"Subject: an .eml, not an mbox\n\nbody\n")))
    assert isinstance(caught.value, BadItemError)
    assert list(iter_mbox(io.BytesIO(b""))) == []


def test_too_large_message_is_skipped_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    big_size = 24 * 1024 * 1024
    line = b"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n"
    head = b"Subject: big\nContent-Type: application/octet-stream\n\n"
    lines = (big_size - len(head)) // len(line)
    big_raw_size = len(head) + lines * len(line)
    with path.open("wb") as out:
        out.write(GMAIL_FROM + PLAIN + b"\n" + ASCTIME_FROM + head)
        for _ in range(lines // 1024):
            out.write(line * 1024)
        out.write(line * (lines % 1024))
        out.write(b"\n" + GMAIL_FROM + QUOTED_STORED + b"\n")
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            found = [(m.raw, m.too_large, m.size, m.offset, m.length)
                     for m in iter_mbox(stream, max_bytes=1024 * 1024)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, f"peak {peak} bytes for a {big_size}-byte message"
    assert [f[0] for f in found] == [PLAIN, b"", QUOTED_ORIGINAL]
    assert [f[1] for f in found] == [False, True, False]
    assert found[1][2] == big_raw_size
    assert found[2][3] == found[1][3] + found[1][4] == path.stat().st_size - len(GMAIL_FROM + QUOTED_STORED + b"\n")


@pytest.mark.parametrize(("line", "expected"), [
    (b"From 1234@xxx Thu Nov 20 10:10:10 +0000 2026\r\n", datetime(2026, 11, 20, 10, 10, 10, tzinfo=UTC)),
    (b"From MAILER-DAEMON Fri Jul  8 12:08:34 2011\n", datetime(2011, 7, 8, 12, 8, 34, tzinfo=UTC)),
    (b"From a@b Sat Apr 12 15:59:28 2025 -0700\n",
     datetime(2025, 4, 12, 15, 59, 28, tzinfo=timezone(timedelta(hours=-7)))),
    (b"From a@b Mon Feb 30 10:00:00 2024\n", None),
    (b"From a@b yesterday\n", None),
])
def test_from_line_dates(line: bytes, expected: datetime | None) -> None:
    assert parse_from_line_date(line) == expected


lines = st.sampled_from([b"From x\n", b">From x\n", b">>From y\n", b"\n", b"text\n", b"\r\n",
                         b"From a@b Mon Jan 01 00:00:00 2024\n", b"> From z\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(lines, max_size=8).map(b"".join), min_size=1, max_size=5))
def test_mboxrd_round_trip(messages: list[bytes]) -> None:
    quote = re.compile(rb"^(>*From )", re.MULTILINE)
    data = b"".join(GMAIL_FROM + quote.sub(rb">\1", body) + b"\n" for body in messages)
    assert [m.raw for m in iter_mbox(io.BytesIO(data))] == messages


# --- labels ---------------------------------------------------------------------------------------

def test_parse_labels_plain_quoted_nested() -> None:
    assert parse_labels('Inbox,Important,"Projets, 2024",Famille/Vacances,Inbox') == [
        "Inbox", "Important", "Projets, 2024", "Famille/Vacances"]
    assert parse_labels(r'"say \"hi\", ok", x') == ['say "hi", ok', "x"]
    assert parse_labels("") == []


def test_parse_labels_french_takeout_encoded_words_folded() -> None:
    value = ("=?UTF-8?Q?Messages_archiv=C3=A9s,Ouvert,Cat=C3=A9gorie=C2=A0:_E-mails_?=\r\n"
             ' =?UTF-8?Q?personnels,"Culture,_associations,_=C3=A9v=C3=A9nements"?=')
    assert parse_labels(value) == ["Messages archivés", "Ouvert", "Catégorie\xa0: E-mails personnels",
                                   "Culture, associations, événements"]
    assert parse_labels("Inbox,=?UTF-8?B?w5xiZXIgdW5z?=,Opened") == ["Inbox", "Über uns", "Opened"]
    assert parse_labels("=?UTF-8?Q?Bo=C3=AEte?= de réception,Non lus") == ["Boîte de réception", "Non lus"]


EN_FR_CASES = [
    # (English labels, French labels, folders, flags, keywords) in "one copy"
    (["Inbox", "Opened"], ["Boîte de réception", "Ouvert"], [INBOX], {SEEN}, []),
    (["Inbox", "Unread"], ["Boîte de réception", "Non lus"], [INBOX], set(), []),
    (["Sent", "Opened"], ["Messages envoyés", "Ouvert"], [SENT], {SEEN}, []),
    (["Drafts"], ["Brouillons"], [DRAFTS], {SEEN, DRAFT}, []),
    (["Starred", "Inbox", "Opened"], ["Suivis", "Boîte de réception", "Ouvert"], [INBOX], {SEEN, FLAGGED}, []),
    (["Chat", "Opened"], ["Chats", "Ouvert"], ["Chats"], {SEEN}, []),
    (["Archived", "Opened"], ["Messages archivés", "Ouvert"], [ARCHIVE], {SEEN}, []),
    (["Important", "Inbox", "Category Updates", "Unread"],
     ["Important", "Boîte de réception", "Catégorie\xa0: Mises à jour", "Non lus"],
     [INBOX], set(), ["$Important", "Category_Updates|Categorie_:_Mises_a_jour"]),
]


@pytest.mark.parametrize("case", EN_FR_CASES, ids=lambda c: ",".join(c[0]))
@pytest.mark.parametrize("language", [0, 1], ids=["en", "fr"])
def test_system_labels_in_english_and_french(case: tuple, language: int) -> None:
    labels, folders, flags, keywords = case[language], case[2], case[3], case[4]
    result = placement(labels)
    assert (result.folders, result.flags, result.skipped_reason) == (folders, flags, None)
    assert result.keywords == [k.split("|")[language] if "|" in k else k for k in keywords]


@pytest.mark.parametrize(("labels", "reason", "role"), [
    (["Spam", "Unread"], "spam", JUNK), (["Trash", "Inbox"], "trash", TRASH),
    (["Corbeille", "Boîte de réception", "Travail"], "trash", TRASH),
])
def test_spam_and_trash_skipped_unless_asked(labels: list[str], reason: str, role: str) -> None:
    skipped = placement(labels)
    assert (skipped.folders, skipped.skipped_reason) == ([], reason)
    policies: tuple[Policy, ...] = ("one_copy", "copy_per_label")
    for policy in policies:
        kept = placement(labels, policy=policy, include_spam_trash=True)
        assert (kept.folders, kept.skipped_reason) == ([role], None)
        assert kept.keywords == (["Travail"] if "Travail" in labels else [])


def test_multi_label_message_in_both_policies() -> None:
    labels = ["Inbox", "Work", "Family/Kids", "Important", "Starred", "Opened", "Sent"]
    one = placement(labels)
    assert one.folders == [INBOX]
    assert one.flags == {SEEN, FLAGGED}
    assert one.keywords == ["$Important", "Work", "Family/Kids"]
    every = placement(labels, policy="copy_per_label")
    assert every.folders == [INBOX, SENT, "Work", "Family/Kids"]
    assert every.keywords == ["$Important"]


def test_user_labels_only_and_nested() -> None:
    labels = ["Famille/ Vacances 2019 /", "Réunions (CA)", "Opened"]
    one = placement(labels)
    assert one.folders == ["Famille/Vacances 2019"]
    assert one.keywords == ["Reunions__CA_"]
    assert placement(labels, policy="copy_per_label").folders == ["Famille/Vacances 2019", "Réunions (CA)"]
    assert placement([]).folders == [ARCHIVE]
    with pytest.raises(ValueError, match="policy"):
        placement(labels, policy="all")  # type: ignore[arg-type]


ATOM = re.compile(r'[\x21-\x7e]+')
ATOM_SPECIALS = set('(){%*"\\]')


@given(st.text())
def test_keywords_are_always_imap_atoms(label: str) -> None:
    atom = keyword_atom(label)
    assert ATOM.fullmatch(atom) and not ATOM_SPECIALS & set(atom)
    assert keyword_atom("日本") != keyword_atom("台北") and keyword_atom("日本").startswith("label_")


# --- dates and identities --------------------------------------------------------------------------

RECEIVED = (
    b"Received: by 2002:a05:622a:68cd with SMTP id ic13;\n        Mon, 7 Apr 2025 07:31:03 -0700 (PDT)\n"
    b"Received: from relay.example.org by mx.google.com; Mon, 7 Apr 2025 14:30:58 +0000\n"
    b"Date: Mon, 7 Apr 2025 16:29:00 +0200\n"
    b"Message-ID:\n <folded-id@example.org> (comment)\n"
    b"\nReceived: in the body; Tue, 1 Jan 2030 00:00:00 +0000\n"
)


def test_internal_date_prefers_from_line_then_newest_received_then_date() -> None:
    from_line = datetime(2025, 4, 7, 14, 31, 10, tzinfo=UTC)
    assert internal_date(RECEIVED, from_line) == from_line
    assert internal_date(RECEIVED, None) == datetime(2025, 4, 7, 14, 31, 3, tzinfo=UTC)
    assert internal_date(b"Date: Mon, 7 Apr 2025 16:29:00 +0200\n\nbody", None) == datetime(
        2025, 4, 7, 14, 29, tzinfo=UTC)
    assert internal_date(b"Received: no date here\nDate: Mon, 7 Apr 2025 16:29:00 -0000\n\nx", None) == datetime(
        2025, 4, 7, 16, 29, tzinfo=UTC)
    assert internal_date(NO_ID_8BIT_BROKEN, None) is None
    assert internal_date(b"", None) is None


def test_message_id_and_content_key() -> None:
    assert message_id(RECEIVED) == "<folded-id@example.org>"
    assert message_id(PLAIN) == "<plain-1@example.org>"
    assert message_id(NO_ID_8BIT_BROKEN) is None
    assert message_id(b"Message-ID:   \n\nbody") is None
    assert message_id(b"Message-ID: <caf\xe9@example.org>\n\n") == "<caf\ufffd@example.org>"
    assert message_id(b"Subject: no body, no blank line\nMessage-ID: <last@x>") == "<last@x>"
    key = content_key(NO_ID_8BIT_BROKEN)
    assert key == content_key(bytes(NO_ID_8BIT_BROKEN))
    assert re.fullmatch(rf"{len(NO_ID_8BIT_BROKEN)}:nodate:[0-9a-f]{{64}}", key)
    assert content_key(NO_ID_8BIT_BROKEN + b" ") != key
    assert content_key(RECEIVED).split(":", 1)[1].startswith("2025-04-07T14:29:00Z:")


# --- modified UTF-7 --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "wire"), [
    ("Messages envoyés", "Messages envoy&AOk-s"),
    ("&", "&-"),
    ("Tom & Jerry", "Tom &- Jerry"),
    ("Boîte de réception", "Bo&AO4-te de r&AOk-ception"),
    ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),  # RFC 3501 §5.1.3 example
    ("😀", "&2D3eAA-"),
    ("", ""),
])
def test_utf7_known_vectors(text: str, wire: str) -> None:
    assert imap_utf7_encode(text) == wire
    assert imap_utf7_decode(wire) == text


@pytest.mark.parametrize("bad", ["&AOk", "é", "&AOk!-", "&AGE-", "&AO-"])
def test_utf7_decode_refuses_malformed(bad: str) -> None:
    with pytest.raises(ValueError, match="modified UTF-7|utf-16"):
        imap_utf7_decode(bad)


@given(st.text())
def test_utf7_round_trip(text: str) -> None:
    wire = imap_utf7_encode(text)
    assert all("\x20" <= c <= "\x7e" for c in wire)
    assert imap_utf7_decode(wire) == text


def _date_as_email_utils_reads_it(value: str) -> str:
    """What a message's Date becomes in its identity, read by the standard library alone."""
    from email.utils import parsedate_to_datetime

    text = " ".join(value.split())
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return text
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


@pytest.mark.parametrize("value", [
    "Thu, 3 Dec 2026 14:05:00 +0100", "3 Dec 2026 14:05 -0730", "Thu, 03 DEC 2026 23:59:59 -0000",
    "Thu, 3 Dec 2026 14:05:00 +0100 (CET)", "Mon, 31 Feb 2026 10:00:00 +0000", "Thu, 3 Dec 2026 24:00:00 +0100",
    "Thu, 3 Dec 2026 14:05:00 +2400", "Thu, 3 Dec 2026 14:05:00 +0160", "Thu, 3 Dec 0099 14:05:00 +0100",
    "Thu, 3 Foo 2026 14:05:00 +0100", "Thu,  3  Dec 2026\r\n 14:05:00 +0100", "Thu, 3 Dec 2026 14:05:60 +0100",
    "Thu, 3 Dec 2026 14:05:00 GMT", "Thu, 3 Dec 2026 14:05:00 +01000", "3 Dec 1969 00:00:00 -1200", "yesterday",
])
def test_a_date_field_names_the_same_instant_as_the_standard_library_says(value: str) -> None:
    # the listing reads the usual spelling itself (it was a fifth of a mail listing's time): a message's
    # identity, hence its journal key, must not change
    assert date_header(parse_headers(f"Date: {value}\r\n\r\n".encode())) == _date_as_email_utils_reads_it(value)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["", "Mon, ", "Sun, ", "Xyz, "]), st.integers(0, 33),
       st.sampled_from(["Jan", "feb", "MAR", "Dec", "Foo"]), st.integers(1000, 2200), st.integers(0, 25),
       st.integers(0, 61), st.one_of(st.none(), st.integers(0, 61)), st.sampled_from("+-"), st.integers(0, 2500))
def test_any_usual_date_field_names_the_same_instant_as_the_standard_library_says(
        day_name: str, day: int, month: str, year: int, hour: int, minute: int, second: int | None, sign: str,
        offset: int) -> None:
    seconds = "" if second is None else f":{second:02d}"
    value = f"{day_name}{day} {month} {year} {hour:02d}:{minute:02d}{seconds} {sign}{offset:04d}"
    assert date_header(parse_headers(f"Date: {value}\r\n\r\n".encode())) == _date_as_email_utils_reads_it(value)
