"""mbox files as mail programs write them (issue 12, points 4 and 9): separators without a date, a
Content-Length that protects a body, a byte-order mark; and a property: any sequence of messages,
however quoted, comes back exactly once each."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from degoogle.cli import main
from degoogle.convert.mbox import iter_mbox, mboxrd_entry

if TYPE_CHECKING:
    from tests.dovecot import MailUser

pytest_plugins = ["tests.dovecot"]  # the dovecot and mailbox fixtures


def _message(n: int, body: bytes = b"") -> bytes:
    return (f"From: a{n}@example.org\nSubject: message {n}\nMessage-ID: <{n}@example.org>\n\n".encode()
            + (body or f"body of {n}\n".encode()))


def _read(data: bytes) -> list[bytes]:
    return [m.raw for m in iter_mbox(io.BytesIO(data))]


def test_thunderbird_separators_without_a_date_split_messages() -> None:
    data = b"".join(b"From - \n" + _message(n) + b"\n" for n in range(4))
    assert _read(data) == [_message(n) for n in range(4)]


def test_an_address_alone_on_the_separator_splits_messages() -> None:
    data = b"".join(b"From 1844347792267117879@xxx\n" + _message(n) + b"\n" for n in range(3))
    assert _read(data) == [_message(n) for n in range(3)]


def test_a_body_line_starting_with_from_and_words_does_not_split() -> None:
    body = b"Hello,\n\nFrom my side, all is well.\n"
    data = b"From - \n" + _message(1, body) + b"\nFrom - \n" + _message(2) + b"\n"
    assert _read(data) == [_message(1, body), _message(2)]


def test_a_consistent_content_length_keeps_its_body_whole() -> None:
    body = b"first part\n\nFrom someone@example.org Thu Nov 20 10:10:10 2026\nstill the body\n"
    head = f"From: a@example.org\nContent-Length: {len(body)}\n\n".encode()
    data = b"From a@example.org Thu Nov 20 10:10:10 2026\n" + head + body + b"\nFrom - \n" + _message(2) + b"\n"
    assert _read(data) == [head + body, _message(2)]


def test_a_wrong_content_length_is_ignored() -> None:
    body = b"short\n"
    head = b"From: a@example.org\nContent-Length: 9999\n\n"
    data = b"From - \n" + head + body + b"\nFrom - \n" + _message(2) + b"\n"
    assert _read(data) == [head + body, _message(2)]
    lying = b"From: a@example.org\nContent-Length: 3\n\n"
    data = b"From - \n" + lying + body + b"\nFrom - \n" + _message(3) + b"\n"
    assert _read(data) == [lying + body, _message(3)]


def test_a_byte_order_mark_before_the_first_separator_is_skipped() -> None:
    data = b"\xef\xbb\xbfFrom - Thu Nov 20 10:10:10 2026\n" + _message(1) + b"\nFrom - \n" + _message(2) + b"\n"
    messages = list(iter_mbox(io.BytesIO(data)))
    assert [m.raw for m in messages] == [_message(1), _message(2)]
    assert data[messages[0].offset:].startswith(b"From - Thu")  # offsets still point at the bytes


def test_mboxrd_and_mboxo_unquoting_stay_right() -> None:
    original = _message(1, b">From the past\nFrom today\n>>From deep\n")
    assert _read(mboxrd_entry(original, None)) == [original]
    mboxo = b"From - \n" + _message(1, b">From today\n") + b"\n"
    assert [m.raw for m in iter_mbox(io.BytesIO(mboxo), quoting="mboxo")] == [_message(1, b"From today\n")]


_LINES = st.sampled_from([b"plain text\n", b"From the start of a line\n", b">From quoted\n", b">>From twice\n",
                          b"\n", b"From - \n", b"From x@y Thu Nov 20 10:10:10 2026\n", b"Content-Length: 5\n",
                          b"\r\n", b"caf\xc3\xa9\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(_LINES, max_size=8), st.booleans()), min_size=1, max_size=8),
       st.sampled_from([b"From - \n", b"From 1844347792267117879@xxx\n",
                        b"From MAILER-DAEMON Thu Nov 20 10:10:10 2026\n"]),
       st.booleans())
def test_any_sequence_of_messages_comes_back_exactly_once_each(bodies: list[tuple[list[bytes], bool]],
                                                               separator: bytes, bom: bool) -> None:
    """Messages written the mboxrd way (any body, with lines that look like separators, quoted lines,
    blank lines) read back one for one, byte for byte, whatever the separator form; a damaged one (here:
    over the size limit) is named in its place (``too_large``), never merged into a neighbour."""
    limit = 2000
    originals = [_message(n, (b"".join(lines) or b"x\n") + (b"y" * limit + b"\n" if damaged else b""))
                 for n, (lines, damaged) in enumerate(bodies)]
    entries = [mboxrd_entry(m, None) for m in originals]
    data = (b"\xef\xbb\xbf" if bom else b"") + b"".join(separator + e[e.index(b"\n") + 1:] for e in entries)
    read = list(iter_mbox(io.BytesIO(data), max_bytes=limit))
    assert len(read) == len(originals)
    for message, original, (_lines, damaged) in zip(read, originals, bodies, strict=True):
        assert message.too_large == damaged
        if not damaged:
            assert message.raw == original


def test_every_message_of_real_world_mbox_files_lands_in_the_mailbox(tmp_path: Path, target_env: str,
                                                                     mailbox: MailUser,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Thunderbird's ``From - `` file (4 messages), an export with an address alone on the separator
    (3), a file that starts with a byte-order mark (2): 9 messages in, 9 in the mailbox, none reported."""
    folder = tmp_path / "Mail"
    folder.mkdir()
    (folder / "Inbox").write_bytes(b"".join(b"From - \n" + _message(n) + b"\n" for n in range(4)))
    (folder / "Sent").write_bytes(b"".join(b"From 1844347792267117879@xxx\n" + _message(10 + n) + b"\n"
                                           for n in range(3)))
    (folder / "Archives").write_bytes(b"\xef\xbb\xbf" + b"".join(
        b"From MAILER-DAEMON Thu Nov 20 10:10:10 2026\n" + _message(20 + n) + b"\n" for n in range(2)))
    monkeypatch.setenv("DEGOOGLE_MAIL_PASSWORD", mailbox.password)
    journal = tmp_path / "j.db"
    assert main(["plan", f"mbox:{folder}", target_env, "--journal", str(journal), "--mail-to", mailbox.spec(),
                 "--only", "mail"]) == 0
    assert main(["run", "--journal", str(journal)]) == 0
    client = mailbox.client()
    try:
        counts = {name: client.folder_status(name, [b"MESSAGES"])[b"MESSAGES"]
                  for flags, _sep, name in client.list_folders() if b"\\Noselect" not in flags}
    finally:
        client.logout()
    assert sum(counts.values()) == 9, counts
    assert counts["INBOX"] == 4, counts
