"""The listing's FETCH reader (``protocols.imap_fetch``) gives what imapclient gave, from imaplib's raw
data: literals in the middle of a line, quoted strings with escapes, nested lists, NIL, a server's own
spelling of the section, an unsolicited FETCH without UID; and against a real Dovecot, the same values
as imapclient's parser for every message of a folder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from degoogle.protocols.imap_fetch import fetch_listing, internal_date, parse_fetch

if TYPE_CHECKING:
    from tests.dovecot import Dovecot

pytest_plugins = ["tests.dovecot"]  # the dovecot fixture

HEADERS = b"BODY[HEADER.FIELDS (MESSAGE-ID DATE SUBJECT)]"


def test_raw_fetch_data_is_read_like_imapclient_reads_it() -> None:
    data = [
        (b'1 (UID 5 FLAGS (\\Seen $Forwarded) INTERNALDATE "05-Mar-2019 10:00:01 +0200" RFC822.SIZE 1234 '
         b"BODY[HEADER.FIELDS (MESSAGE-ID DATE SUBJECT)] {22}", b'Subject: x (y) "z"\r\n\r\n'),
        b")",
        b'2 (UID 6 FLAGS () INTERNALDATE " 5-Mar-2019 10:00:01 -0130" RFC822.SIZE 12 '
        b"BODY[HEADER.FIELDS (MESSAGE-ID DATE SUBJECT)] NIL)",
        b"3 (FLAGS (\\Deleted))",
        (b'4 (UID 8 BODY[HEADER.FIELDS ("MESSAGE-ID" "DATE")] {3}', b"abc"),
        b' FLAGS (\\Flagged) X-GM-LABELS ("\\\\Inbox" "a \\"b\\"") X-GM-MSGID 123)',
    ]
    found = parse_fetch(data)
    assert sorted(found) == [5, 6, 8]
    assert found[5][b"FLAGS"] == (b"\\Seen", b"$Forwarded")
    assert found[5][b"RFC822.SIZE"] == 1234
    assert found[5][HEADERS] == b'Subject: x (y) "z"\r\n\r\n'
    assert found[5][b"INTERNALDATE"] == datetime(2019, 3, 5, 8, 0, 1, tzinfo=UTC)
    assert found[6][b"INTERNALDATE"].utcoffset() == -timedelta(hours=1, minutes=30)
    assert found[6][HEADERS] is None
    assert found[6][b"FLAGS"] == ()
    assert found[8][b"FLAGS"] == (b"\\Flagged",)
    assert found[8][b"X-GM-LABELS"] == (b"\\Inbox", b'a "b"')
    assert found[8][b"X-GM-MSGID"] == 123


def test_internal_dates() -> None:
    assert internal_date(b"17-Jul-1996 02:44:25 -0700") == datetime(1996, 7, 17, 2, 44, 25,
                                                                     tzinfo=timezone(-timedelta(hours=7)))
    assert internal_date(b"not a date") is None


def test_a_real_folder_reads_the_same_as_through_imapclient(dovecot: Dovecot) -> None:
    user = dovecot.add_user()
    with user.client() as client:
        for n in range(30):
            flags = [b"\\Seen"] if n % 2 else [b"\\Flagged", b"$label"]
            body = (f"Message-ID: <{n}@example.org>\r\nDate: Tue, 5 Mar 2019 10:{n:02d}:00 +0100\r\n"
                    f"Subject: =?utf-8?q?=C3=A9t=C3=A9_{n}?= (\"quoted\")\r\n\r\nbody {n}\r\n").encode()
            client.append("INBOX", body, flags, datetime(2019, 3, 5, 10, n, tzinfo=timezone(timedelta(hours=2))))
        client.normalise_times = False
        client.select_folder("INBOX", readonly=True)
        uids = sorted(client.search("ALL"))
        wanted = [b"FLAGS", b"INTERNALDATE", b"RFC822.SIZE", b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE SUBJECT)]"]
        theirs = client.fetch(uids, wanted)
        ours = fetch_listing(client, uids, wanted)
    assert sorted(ours) == sorted(theirs) == uids
    for uid in uids:
        assert ours[uid][b"FLAGS"] == theirs[uid][b"FLAGS"]
        assert ours[uid][b"RFC822.SIZE"] == theirs[uid][b"RFC822.SIZE"]
        assert ours[uid][b"INTERNALDATE"] == theirs[uid][b"INTERNALDATE"]
        assert ours[uid][HEADERS] == theirs[uid][HEADERS]
