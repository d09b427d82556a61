"""Messages in mbox files as items: placement, identity, what is left out, and reading them back
from a stream that only goes forward (a zip member), with several workers asking at once."""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from degoogle.convert.mail_headers import parse_headers
from degoogle.model import Item, Kind, SourceEntry, State
from degoogle.sources.base import FileRef, SourceOptions
from degoogle.sources.local_files import LocalFiles
from degoogle.sources.mail_files import MailExpander, file_folder
from degoogle.sources.takeout import TakeoutArchive
from tests.mail_samples import SCENARIOS, takeout_mbox
from tests.takeout_factory import MAIL_MEMBER, build_takeout

FROM = b"From 1783452341234567890@xxx Thu Nov 20 10:10:10 +0000 2026\n"


def item_of(entry: SourceEntry, number: int = 1) -> Item:
    return Item(number, entry.kind, entry.key, "/".join(entry.path), "/".join(entry.path), entry.size, None,
                entry.fingerprint, entry.locator, State.PENDING, attrs=entry.attrs)


class ForwardOnly(io.RawIOBase):
    """A stream that cannot seek, like a zip member; counts how often it was opened."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._data.read(min(len(buffer), 8192))
        buffer[: len(chunk)] = chunk
        return len(chunk)


class Opener:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.opened = 0
        self.lock = threading.Lock()

    @contextmanager
    def _open(self, ref: str) -> Iterator[BinaryIO]:
        with self.lock:
            self.opened += 1
        yield cast(BinaryIO, ForwardOnly(self.files[ref]))

    def __call__(self, ref: str) -> AbstractContextManager[BinaryIO]:
        return self._open(ref)


def expand(data: bytes | dict[str, bytes], options: SourceOptions | None = None,
           name: str = "All mail Including Spam and Trash.mbox") -> tuple[MailExpander, list[SourceEntry], Opener]:
    files = data if isinstance(data, dict) else {"all": data}
    opener = Opener(files)
    expander = MailExpander(opener, options or SourceOptions())
    refs = [FileRef(ref, ("Mail", name if len(files) == 1 else f"{ref}.mbox"), len(body))
            for ref, body in files.items()]
    return expander, list(expander.expand(refs)), opener


def test_every_message_is_read_back_exactly_from_a_forward_only_stream_by_many_workers() -> None:
    sample = takeout_mbox(600)
    expander, listed, opener = expand(sample.data)
    entries = [e for e in listed if e.left_out is None]  # what a run reads (Spam and Trash left out)
    assert len(entries) == sum(1 for m in sample.messages if m.moved)
    opened_for_listing = opener.opened
    results: dict[str, bytes] = {}
    lock = threading.Lock()
    queue = list(enumerate(entries))

    def work() -> None:
        while True:
            with lock:
                if not queue:
                    return
                number, entry = queue.pop(0)
            with expander.open(item_of(entry, number)) as stream:
                data = stream.read()
            with lock:
                results[entry.key] = data

    workers = [threading.Thread(target=work) for _ in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert {key: hashlib.sha256(data).hexdigest()[:16] for key, data in results.items()} == {
        e.key: e.fingerprint for e in entries}
    # items asked for a little out of order come from the cursor's window: the file is read once
    assert opener.opened - opened_for_listing == 1
    assert expander.reopened() == 0
    # an earlier message, long gone from the window, means starting the file again
    with expander.open(item_of(entries[0])) as stream:
        assert hashlib.sha256(stream.read()).hexdigest()[:16] == entries[0].fingerprint
    expander.close()


def test_an_earlier_message_outside_the_window_reopens_the_file() -> None:
    sample = takeout_mbox(60)
    opener = Opener({"all": sample.data})
    expander = MailExpander(opener, SourceOptions(), window=4096)
    entries = list(expander.expand([FileRef("all", ("Mail", "All mail.mbox"), len(sample.data))]))
    listed = opener.opened
    last = entries[-1]
    with expander.open(item_of(last)) as stream:
        stream.read()
    with expander.open(item_of(entries[0])) as stream:
        assert hashlib.sha256(stream.read()).hexdigest()[:16] == entries[0].fingerprint
    assert opener.opened - listed == 2


def test_messages_are_moved_byte_for_byte_even_broken_and_8bit() -> None:
    broken = (b"Subject: Caf\xc3\xa9 cr\xe8me\nMessage-ID: <broken@x>\nContent-Type: multipart/mixed; "
              b"boundary=\"never\n\n--never\nd\xe9j\xe0\n")
    no_id = b"Subject: no id\nDate: Mon, 4 Mar 2019 08:15:00 +0000\n\nbody\n>From quoted\n"
    data = FROM + b"X-Gmail-Labels: Inbox\n" + broken + b"\n" + FROM + b"X-Gmail-Labels: Sent\n" + no_id.replace(
        b"\n>From", b"\n>>From") + b"\n"
    expander, entries, _ = expand(data)
    got = []
    for entry in entries:
        with expander.open(item_of(entry)) as stream:
            got.append(stream.read())
    assert got == [b"X-Gmail-Labels: Inbox\n" + broken, b"X-Gmail-Labels: Sent\n" + no_id]
    assert [e.path[0] for e in entries] == ["\\Inbox", "\\Sent"]
    assert entries[0].path[1].startswith("Café")


def test_spam_and_trash_are_listed_left_out_unless_asked() -> None:
    sample = takeout_mbox(len(SCENARIOS))
    _, entries, _ = expand(sample.data)
    moving = [e for e in entries if e.left_out is None]
    assert not {e.path[0] for e in moving} & {"\\Junk", "\\Trash"}
    assert len(moving) == len([s for s in SCENARIOS if s.folder is not None])
    left_out = [e for e in entries if e.left_out is not None]
    assert {e.left_out for e in left_out} == {"spam_trash_left_out"}
    assert sorted(e.path[0] for e in left_out) == ["\\Junk", "\\Trash", "\\Trash"]
    _, everything, _ = expand(sample.data, SourceOptions(include_spam_trash=True))
    assert all(e.left_out is None for e in everything)
    # listed the same way both times: planning again with Spam and Trash finds the same rows
    assert {(e.key, e.path, e.locator) for e in everything} == {(e.key, e.path, e.locator) for e in entries}


def test_copy_per_label_gives_an_entry_per_folder_with_its_own_key() -> None:
    sample = takeout_mbox(len(SCENARIOS))
    _, one, _ = expand(sample.data)
    _, per_label, _ = expand(sample.data, SourceOptions(mail_policy="copy_per_label"))
    family = [e for e in per_label if e.locator == next(x.locator for x in one if x.path[0] == "\\Inbox"
                                                            and "Famille" in x.attrs["keywords"])]
    assert sorted(e.path[0] for e in family) == ["Famille", "Vacances 2024", "\\Inbox"]
    assert len({e.key for e in per_label}) == len(per_label)
    assert len(per_label) == len(one) + 3  # two more copies of one message, one more of another


def test_a_message_in_several_label_files_is_listed_once_and_keys_are_stable() -> None:
    body = b"X-Gmail-Labels: Inbox,Travail\nMessage-ID: <same@x>\nDate: Mon, 4 Mar 2019 08:15:00 +0000\n\nhi\n"
    other = b"X-Gmail-Labels: Travail\nMessage-ID: <same@x>\nDate: Tue, 5 Mar 2019 08:15:00 +0000\n\nother\n"
    files = {"Inbox": FROM + body + b"\n", "Travail": FROM + body + b"\n" + FROM + other + b"\n"}
    _, entries, _ = expand(files)
    assert [e.path[0] for e in entries] == ["\\Inbox", "Travail"]  # same id, another Date: another message
    _, again, _ = expand(files)
    assert [e.key for e in again] == [e.key for e in entries]


def test_different_messages_with_the_same_message_id_and_date_are_both_listed_the_same_bytes_once() -> None:
    head = b"Message-ID: <resent@x>\nDate: Mon, 4 Mar 2019 08:15:00 +0000\nSubject: "
    first, resent, forged = head + b"Facture\n\nfirst\n", head + b"Facture\n\nsecond\n", head + b"Autre\n\nthird\n"
    files = {"Inbox": FROM + first + b"\n" + FROM + resent + b"\n" + FROM + first + b"\n" + FROM + forged + b"\n"}
    source, entries, _ = expand(files)
    assert len(entries) == 3 and len({e.key for e in entries}) == 3
    assert sorted(e.size for e in entries) == sorted(len(m) for m in (first, resent, forged))
    _, again, _ = expand(files)
    assert [e.key for e in again] == [e.key for e in entries]  # stable from one listing to the next


def test_files_read_one_after_the_other_are_not_all_kept_open() -> None:
    files = {f"label{n}": takeout_mbox(20).data.replace(b"@degoogle.test>", f"@{n}.test>".encode()) for n in range(4)}
    expander, entries, opener = expand(files)
    listed = opener.opened
    for number, entry in enumerate(entries):
        with expander.open(item_of(entry, number)) as stream:
            assert hashlib.sha256(stream.read()).hexdigest()[:16] == entry.fingerprint
    assert opener.opened - listed == 4 and expander.open_files() == 2


def test_oversized_and_unreadable_files_are_entries_with_a_problem() -> None:
    big = FROM + b"X-Gmail-Labels: Inbox\nSubject: big\n\n" + b"x" * 5000 + b"\n"
    opener = Opener({"big": big + FROM + b"X-Gmail-Labels: Inbox\n\nsmall\n", "eml": b"Subject: not an mbox\n\n"})
    expander = MailExpander(opener, SourceOptions(), max_bytes=1000)
    entries = list(expander.expand([FileRef("big", ("Mail", "a.mbox"), 1), FileRef("eml", ("Mail", "b.mbox"), 1)]))
    assert [(e.problem, e.path[0]) for e in entries] == [("mail_oversized", "Mail/a"), (None, "\\Inbox"),
                                                          ("not_mbox", "Mail/b")]


def test_thunderbird_local_folders_keep_states_and_list_deleted_messages_left_out(tmp_path: Path) -> None:
    root = tmp_path / "Local Folders"
    (root / "Travail.sbd").mkdir(parents=True)
    (root / "Inbox").write_bytes(
        FROM + b"X-Mozilla-Status: 0001\nX-Mozilla-Keys: $label1 todo\nSubject: read\n\nx\n\n"
        + FROM + b"X-Mozilla-Status: 0006\nSubject: replied and marked\n\ny\n\n"
        + FROM + b"X-Mozilla-Status: 0009\nSubject: deleted, not compacted yet\n\nz\n")
    (root / "Travail.sbd" / "Clients").write_bytes(FROM + b"Status: RO\nX-Status: A\nSubject: c\n\nc\n")
    (root / "Trash").write_bytes(FROM + b"Subject: binned\n\nt\n")
    (root / "Inbox.msf").write_bytes(b"// mork index, not mail")
    source = LocalFiles(Kind.MAIL, [root], f"mbox:{root}")
    entries = list(source.scan())
    assert [(e.path[0], e.attrs["flags"], e.attrs["keywords"], e.left_out) for e in entries] == [
        ("\\Inbox", ["\\Seen"], ["$label1", "todo"], None),
        ("\\Inbox", ["\\Answered", "\\Flagged"], [], None),
        ("\\Inbox", ["\\Seen"], [], "deleted_at_source"),
        ("\\Trash", [], [], "spam_trash_left_out"),
        ("Travail/Clients", ["\\Answered", "\\Seen"], [], None),
    ]
    assert file_folder(("Envoyés",)) == "\\Sent" and file_folder(("Archives 2020.mbox",)) == "Archives 2020"


def test_takeout_zip_members_stream_through_the_archive(tmp_path: Path) -> None:
    sample = takeout_mbox(300)
    parts = build_takeout(tmp_path, {"x.txt": b"x"}, extra_members={MAIL_MEMBER["fr"]: sample.data}, lang="fr")
    with zipfile.ZipFile(parts[0]) as archive:
        assert archive.getinfo(MAIL_MEMBER["fr"]).compress_type == zipfile.ZIP_DEFLATED
    source = TakeoutArchive(parts, f"takeout:{parts[0]}")
    try:
        mail = [e for e in source.scan() if e.kind == Kind.MAIL and e.left_out is None]
        assert len(mail) == sum(1 for m in sample.messages if m.moved)
        for number, entry in enumerate(mail):
            with source.open(item_of(entry, number)) as stream:
                data = stream.read()
            assert hashlib.sha256(data).hexdigest()[:16] == entry.fingerprint
            assert parse_headers(data).get("X-Gmail-Labels") is not None
    finally:
        source.close()
