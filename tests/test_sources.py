"""Sources read what the user has, exactly: Takeout archives (zip, tgz, split, damaged) and local folders."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import tarfile
import tempfile
import threading
import tracemalloc
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from degoogle.errors import BadItemError, FatalError, UserError
from degoogle.model import Item, Kind, SourceEntry, State
from degoogle.samples import make_sample_takeout
from degoogle.sources.base import Source
from degoogle.sources.folder import LocalFolder
from degoogle.sources.takeout import TakeoutArchive
from tests.takeout_factory import (
    CALENDAR_FOLDER,
    CONTACTS_MEMBER,
    EXPORT_TIME,
    MAIL_MEMBER,
    Filler,
    build_takeout,
    corrupt_member,
    sha1_of,
    truncate,
)

DRIVE_FILES: dict[str, bytes] = {
    "Documents/rapport.pdf": b"%PDF-1.4 rapport " * 300,
    "Documents/Impôts 2025/Avis d'impôt.pdf": b"%PDF-1.4 avis " * 50,
    "Photos/Vacances Bretagne/IMG_0001.jpg": random.Random(1).randbytes(150_000),
    "Vide.txt": b"",
    "Notes .txt": "Penser à rappeler Jeanne.\n".encode(),
    # longer than the 100 characters a plain tar header holds: a pax header comes first
    "Archives/" + "Dossier très long " * 6 + "/lettre.txt": b"une lettre",
}


def item_for(entry: SourceEntry) -> Item:
    """The journal row the planner would make from an entry."""
    path = "/".join(entry.path)
    return Item(
        id=0, kind=entry.kind, source_key=entry.key, source_path=path, target_path=path, size=entry.size,
        mtime=entry.mtime, fingerprint=entry.fingerprint, locator=entry.locator, state=State.PENDING,
    )


def read_sha1(source: Source, entry: SourceEntry, chunk: int = 64 * 1024) -> str:
    digest = hashlib.sha1()
    with source.open(item_for(entry)) as stream:
        while data := stream.read(chunk):
            digest.update(data)
    return digest.hexdigest()


def drive_entries(entries: list[SourceEntry]) -> dict[str, SourceEntry]:
    found = [e for e in entries if e.kind is Kind.FILES and e.supported and e.problem is None]
    assert len({e.key for e in found}) == len(found), "a key is listed twice"
    return {e.key: e for e in found}


# --- Takeout: what is listed, and the bytes read back --------------------------------------------------


@pytest.mark.parametrize("parts", [1, 2])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", ["zip", "tgz"])
def test_every_drive_file_is_listed_once_and_reads_back_exactly(tmp_path, fmt, lang, parts):
    paths = build_takeout(tmp_path, DRIVE_FILES, fmt=fmt, lang=lang, parts=parts)
    source = TakeoutArchive(paths, f"takeout:{tmp_path}")
    entries = list(source.scan())
    drive = drive_entries(entries)
    assert set(drive) == set(DRIVE_FILES)
    for key, content in DRIVE_FILES.items():
        entry = drive[key]
        assert entry.path == tuple(key.split("/"))
        assert entry.size == len(content)
        assert abs((entry.mtime or 0) - EXPORT_TIME) <= 2  # zip keeps times to 2 s
        assert read_sha1(source, entry) == sha1_of(content), key
    assert len(entries) == len(DRIVE_FILES), "Takeout's own archive_browser.html must not be listed"
    assert source.describe() == f"Google Takeout archive, {parts} part{'s' if parts > 1 else ''}"
    source.close()


def test_forced_zip64_members_read_back_exactly(tmp_path):
    source = TakeoutArchive(build_takeout(tmp_path, DRIVE_FILES, zip64=True), "t")
    drive = drive_entries(list(source.scan()))
    assert {key: read_sha1(source, e) for key, e in drive.items()} == {
        key: sha1_of(content) for key, content in DRIVE_FILES.items()
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mail_calendar_contacts_are_read_by_their_kind_and_other_products_listed_as_not_moved(tmp_path, lang):
    extra = {
        MAIL_MEMBER[lang]: b"From x@y Sat Jan 1 00:00:00 2000\nX-Gmail-Labels: Inbox\n\nhello\n",
        f"{CALENDAR_FOLDER[lang]}/Famille.ics": b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        CONTACTS_MEMBER[lang]: b"BEGIN:VCARD\r\nEND:VCARD\r\n",
        "Takeout/Google Photos/Photos from 2024/IMG_1.jpg": b"jpeg",
        "Takeout/Keep/Courses.json": b"{}",
        "Takeout/YouTube/history.json": b"[]",
    }
    source = TakeoutArchive(build_takeout(tmp_path, {"a.txt": b"a"}, lang=lang, extra_members=extra), "t")
    by_key = {e.key: e for e in source.scan()}
    other = by_key["other:Takeout/YouTube/history.json"]
    assert other.kind is Kind.FILES and not other.supported and other.problem is None and other.size == 2
    assert "YouTube" in other.detail
    # Google Photos and Keep are read by their own kinds
    photo = by_key["photos:Google Photos/Photos from 2024/IMG_1.jpg"]
    assert photo.kind is Kind.PHOTOS and photo.supported and photo.path == ("Photos", "2024", "IMG_1.jpg")
    note = by_key["notes:Keep/Courses.json"]
    assert note.kind is Kind.NOTES and note.supported and note.path == ("Notes", "Courses.md")
    assert by_key["a.txt"].supported
    # the mbox, the calendar and the address book are not items themselves: their contents are
    [message] = [e for e in by_key.values() if e.kind is Kind.MAIL]
    assert message.supported and message.path[0] == "\\Inbox"
    with source.open(item_for(message)) as stream:
        assert stream.read().endswith(b"hello\n")
    assert not [e for e in by_key.values() if e.kind is Kind.CALENDAR]  # an empty calendar holds nothing
    [card] = [e for e in by_key.values() if e.kind is Kind.CONTACTS]
    assert card.problem == "malformed_contact"  # a card with no name and no UID, reported


@pytest.mark.parametrize("folder", ["Google Drive", "Mon Drive", "My Drive"])
def test_drive_tree_is_recognised_under_its_other_names(tmp_path, folder):
    source = TakeoutArchive(build_takeout(tmp_path, DRIVE_FILES, drive_folder=folder), "t")
    assert set(drive_entries(list(source.scan()))) == set(DRIVE_FILES)


@pytest.mark.parametrize("fmt", ["zip", "tgz"])
def test_same_drive_path_twice_gets_distinct_stable_keys_and_its_own_bytes(tmp_path, fmt):
    # zip: the second copy is in part 2; tgz (one part): a tar may hold one name twice
    paths = build_takeout(
        tmp_path, {"Doc/x.txt": b"first"}, fmt=fmt, parts=2 if fmt == "zip" else 1,
        extra_members={"Takeout/Drive/Doc/x.txt": b"second"},
    )
    source = TakeoutArchive(paths, "t")
    drive = drive_entries(list(source.scan()))
    second = f"Doc/x.txt#{paths[-1].name}"
    assert set(drive) == {"Doc/x.txt", second}
    assert read_sha1(source, drive["Doc/x.txt"]) == sha1_of(b"first")
    assert read_sha1(source, drive[second]) == sha1_of(b"second")
    assert [e.key for e in source.scan()] == [e.key for e in source.scan()]


def test_a_resumed_run_opens_items_without_listing_again(tmp_path):
    paths = build_takeout(tmp_path, DRIVE_FILES, fmt="tgz", parts=2)
    first = TakeoutArchive(paths, "t")
    entries = list(first.scan())
    first.close()
    later = TakeoutArchive(paths, "t")  # a new process: only the journal's rows are known
    for entry in reversed(entries):  # and in any order
        assert read_sha1(later, entry) == sha1_of(DRIVE_FILES[entry.key])


def test_a_folder_of_parts_means_every_takeout_part_in_order(tmp_path):
    paths = build_takeout(tmp_path, {f"f{n}.txt": b"x" * n for n in range(12)}, parts=11)
    (tmp_path / "notes.zip").write_bytes(b"not a part")
    source = TakeoutArchive([tmp_path], "t")
    assert [p.path for p in source.parts] == paths  # -010 after -009, then -011
    assert len(drive_entries(list(source.scan()))) == 12


def test_an_archive_that_does_not_exist_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="not found"):
        TakeoutArchive([tmp_path / "takeout-1.zip"], "t")
    with pytest.raises(UserError):
        TakeoutArchive([Path(tempfile.mkdtemp(dir=tmp_path))], "t")  # a folder without parts


# --- Takeout: damaged parts ---------------------------------------------------------------------------

NOISY = {f"Dossier/fichier {n:02d}.bin": random.Random(n).randbytes(20_000) for n in range(20)}


def test_truncated_tgz_part_lists_what_came_before_then_a_problem_and_the_other_part_fully(tmp_path):
    paths = build_takeout(tmp_path, NOISY, fmt="tgz", parts=2)
    size = truncate(paths[0], 0.5)
    source = TakeoutArchive(paths, "t")
    entries = list(source.scan())
    problem = [e for e in entries if e.key == f"part:{paths[0].name}"]
    assert len(problem) == 1 and problem[0].problem == "archive_damaged"
    assert f"truncated: ends at byte {size}" in problem[0].detail and str(tmp_path) not in problem[0].detail
    part1 = entries[: entries.index(problem[0])]
    complete = [e for e in part1 if e.problem is None]
    assert 3 <= len(complete) < 10  # half of part 1's ten files, minus the one cut in two
    assert [e.problem for e in part1 if e.problem] in ([], ["corrupt_member"])
    for entry in complete:
        assert read_sha1(source, entry) == sha1_of(NOISY[entry.key])
    part2 = entries[entries.index(problem[0]) + 1:]
    assert sorted(e.key for e in part2) == sorted(NOISY)[10:]
    for entry in part2:
        assert read_sha1(source, entry) == sha1_of(NOISY[entry.key])


def test_tgz_cut_right_after_a_complete_file_is_still_reported_damaged(tmp_path):
    # the decompressed data stops exactly between two members: tar alone would call it a clean end
    whole = tmp_path / "whole.tar"
    with tarfile.open(whole, "w") as archive:
        for name in ("Takeout/Drive/a.txt", "Takeout/Drive/b.txt"):
            info = tarfile.TarInfo(name)
            info.size = 1000
            archive.addfile(info, io.BytesIO(b"z" * 1000))
    data = whole.read_bytes()
    cut = 512 + 1024  # header + padded data of the first member
    compressor = zlib.compressobj(wbits=31)
    part = tmp_path / "takeout-20261120T101010Z-001.tgz"
    part.write_bytes(compressor.compress(data[:cut]) + compressor.flush(zlib.Z_FULL_FLUSH))
    source = TakeoutArchive([part], "t")
    entries = list(source.scan())
    assert [(e.key, e.problem) for e in entries] == [
        ("a.txt", None), (f"part:{part.name}", "archive_damaged"),
    ]
    assert read_sha1(source, entries[0]) == sha1_of(b"z" * 1000)


def test_truncated_zip_part_is_one_problem_entry_and_the_other_part_lists_fully(tmp_path):
    paths = build_takeout(tmp_path, NOISY, parts=2)
    truncate(paths[0], 0.7)
    source = TakeoutArchive(paths, "t")
    entries = list(source.scan())
    assert entries[0].key == f"part:{paths[0].name}" and entries[0].problem == "archive_damaged"
    assert "truncated" in entries[0].detail and "central directory" in entries[0].detail
    assert sorted(e.key for e in entries[1:]) == sorted(NOISY)[10:]
    assert all(read_sha1(source, e) == sha1_of(NOISY[e.key]) for e in entries[1:])


@pytest.mark.parametrize("suffix", ["zip", "tgz"])
def test_a_web_page_saved_as_a_part_is_a_problem_entry(tmp_path, suffix):
    good = build_takeout(tmp_path, {"a.txt": b"a"})
    page = tmp_path / f"takeout-20261120T101010Z-002.{suffix}"
    page.write_text("<!DOCTYPE html><html><body>Sign in - Google Accounts</body></html>")
    entries = list(TakeoutArchive([*good, page], "t").scan())
    assert [e.key for e in entries] == ["a.txt", f"part:{page.name}"]
    assert entries[1].problem == "archive_damaged" and "web page" in entries[1].detail


def test_corrupt_zip_member_fails_when_read_and_its_neighbours_read_fine(tmp_path):
    paths = build_takeout(tmp_path, NOISY)
    victim = "Dossier/fichier 05.bin"
    corrupt_member(paths[0], f"Takeout/Drive/{victim}")
    source = TakeoutArchive(paths, "t")
    drive = drive_entries(list(source.scan()))
    with pytest.raises(BadItemError) as caught:
        read_sha1(source, drive[victim])
    assert caught.value.code == "corrupt_member" and victim in caught.value.detail
    assert str(tmp_path) not in caught.value.detail
    for key in sorted(NOISY):
        if key != victim:
            assert read_sha1(source, drive[key]) == sha1_of(NOISY[key])


def test_corrupt_tgz_data_fails_when_read_never_returning_wrong_bytes_silently(tmp_path):
    paths = build_takeout(tmp_path, NOISY, fmt="tgz")
    source = TakeoutArchive(paths, "t")
    drive = drive_entries(list(source.scan()))
    with paths[0].open("r+b") as fh:  # one damaged byte, size unchanged
        fh.seek(paths[0].stat().st_size // 2)
        byte = fh.read(1)
        fh.seek(-1, os.SEEK_CUR)
        fh.write(bytes([byte[0] ^ 0xFF]))
    failed = 0
    for key in sorted(NOISY):
        try:
            assert read_sha1(source, drive[key]) == sha1_of(NOISY[key])
        except BadItemError:
            failed += 1
    assert failed >= 1


def test_a_part_removed_after_listing_pauses_the_run(tmp_path):
    for fmt in ("zip", "tgz"):
        paths = build_takeout(tmp_path / fmt, DRIVE_FILES, fmt=fmt)
        source = TakeoutArchive(paths, "t")
        entry = drive_entries(list(source.scan()))["Vide.txt"]
        paths[0].unlink()  # the USB disk was unplugged
        with pytest.raises(FatalError):
            read_sha1(source, entry)


def test_a_replaced_tgz_part_is_refused_rather_than_misread(tmp_path):
    paths = build_takeout(tmp_path, DRIVE_FILES, fmt="tgz")
    source = TakeoutArchive(paths, "t")
    entry = drive_entries(list(source.scan()))["Documents/rapport.pdf"]
    build_takeout(tmp_path, {"Autre.txt": b"another export"}, fmt="tgz")  # same part name
    with pytest.raises(BadItemError) as caught:
        read_sha1(source, entry)
    assert caught.value.code == "source_changed"


# --- Takeout: threads and memory ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["tgz", "zip"])
def test_four_threads_reading_at_once_get_exact_bytes(tmp_path, fmt):
    files = {f"Lot {n // 10}/f{n:03d}.bin": random.Random(n).randbytes(30_000 + n) for n in range(60)}
    source = TakeoutArchive(build_takeout(tmp_path, files, fmt=fmt, parts=2), "t")
    entries = list(drive_entries(list(source.scan())).values())
    start = threading.Barrier(4)

    def worker(seed: int) -> dict[str, str]:
        order = entries[:]
        random.Random(seed).shuffle(order)  # forwards and backwards through the parts
        start.wait()
        return {e.key: read_sha1(source, e, chunk=7_001) for e in order}

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(worker, range(4)))
    expected = {key: sha1_of(content) for key, content in files.items()}
    assert all(result == expected for result in results)
    source.close()


@pytest.mark.parametrize("fmt", ["zip", "tgz"])
def test_reading_a_200_mb_member_keeps_memory_flat(tmp_path, fmt):
    big = Filler(200 * 1024 * 1024, seed=7)
    source = TakeoutArchive(build_takeout(tmp_path, {"Vidéos/film.mkv": big}, fmt=fmt), "t")
    entry = drive_entries(list(source.scan()))["Vidéos/film.mkv"]
    assert entry.size == big.size
    tracemalloc.start()
    try:
        digest = read_sha1(source, entry, chunk=1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert digest == big.sha1()
    assert peak < 6 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


# --- LocalFolder --------------------------------------------------------------------------------------

TREE = {
    "b.txt": b"b",
    "a/z.txt": b"z" * 10,
    "a/Été/photo.png": random.Random(3).randbytes(5000),
    "a/vide.txt": b"",
    "c d/Notes .txt": b"notes",
}


def make_tree(root: Path, files: dict[str, bytes] = TREE) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_local_folder_lists_nested_files_in_a_stable_order_and_reads_them_back(tmp_path):
    make_tree(tmp_path)
    source = LocalFolder(tmp_path, f"folder:{tmp_path}")
    entries = list(source.scan())
    # depth first, names sorted by code point in each folder ("É" sorts after "z")
    assert [e.key for e in entries] == ["a/vide.txt", "a/z.txt", "a/Été/photo.png", "b.txt", "c d/Notes .txt"]
    assert [e.key for e in source.scan()] == [e.key for e in entries]
    for entry in entries:
        info = (tmp_path / entry.key).stat()
        assert entry.kind is Kind.FILES and entry.supported and entry.problem is None
        assert entry.path == tuple(entry.key.split("/"))
        assert (entry.size, entry.mtime) == (len(TREE[entry.key]), info.st_mtime)
        assert entry.fingerprint == f"{info.st_size}:{info.st_mtime_ns}"
        assert read_sha1(source, entry) == sha1_of(TREE[entry.key])


def test_local_folder_follows_links_to_files_skips_links_to_folders_and_reports_broken_links(tmp_path):
    root = tmp_path / "root"
    make_tree(root, {"réel/x.txt": b"x"})
    (tmp_path / "ailleurs.txt").write_bytes(b"outside")
    (root / "lien.txt").symlink_to(tmp_path / "ailleurs.txt")
    (root / "dossier-lien").symlink_to(root / "réel")
    (root / "cassé.txt").symlink_to(tmp_path / "nulle-part")
    os.mkfifo(root / "tube")
    source = LocalFolder(root, "folder:root")
    entries = {e.key: e for e in source.scan()}
    assert set(entries) == {"réel/x.txt", "lien.txt", "cassé.txt"}
    assert entries["cassé.txt"].problem == "unreadable" and "points to nothing" in entries["cassé.txt"].detail
    with source.open(item_for(entries["lien.txt"])) as stream:
        assert stream.read() == b"outside"


def test_local_file_replaced_by_a_folder_after_listing_is_unreadable(tmp_path):
    make_tree(tmp_path)
    source = LocalFolder(tmp_path, "f")
    entry = next(e for e in source.scan() if e.key == "b.txt")
    (tmp_path / "b.txt").unlink()
    (tmp_path / "b.txt").mkdir()
    with pytest.raises(BadItemError) as caught:
        source.open(item_for(entry))
    assert caught.value.code == "unreadable" and caught.value.detail == "b.txt: no longer a regular file"


def test_local_file_replaced_by_a_pipe_after_listing_fails_at_once_instead_of_hanging(tmp_path):
    make_tree(tmp_path)
    source = LocalFolder(tmp_path, "f")
    entry = next(e for e in source.scan() if e.key == "b.txt")
    (tmp_path / "b.txt").unlink()
    os.mkfifo(tmp_path / "b.txt")  # nobody writes to it: a blocking open would wait forever
    outcome: list[str] = []

    def try_open() -> None:
        try:
            source.open(item_for(entry))
        except BadItemError as exc:
            outcome.append(exc.code)

    worker = threading.Thread(target=try_open, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive() and outcome == ["unreadable"]


def test_local_file_grown_after_listing_is_streamed_as_it_is_now(tmp_path):
    make_tree(tmp_path)
    source = LocalFolder(tmp_path, "f")
    entry = next(e for e in source.scan() if e.key == "a/z.txt")
    (tmp_path / "a/z.txt").write_bytes(b"z" * 5000)
    assert read_sha1(source, entry) == sha1_of(b"z" * 5000)


def test_local_file_deleted_is_unreadable_and_a_vanished_folder_pauses_the_run(tmp_path):
    root = tmp_path / "clé USB"
    make_tree(root)
    source = LocalFolder(root, "f")
    entries = {e.key: e for e in source.scan()}
    (root / "b.txt").unlink()
    with pytest.raises(BadItemError) as caught:
        source.open(item_for(entries["b.txt"]))
    assert caught.value.code == "unreadable" and str(tmp_path) not in caught.value.detail
    (root).rename(tmp_path / "elsewhere")  # the disk was unplugged
    with pytest.raises(FatalError) as paused:
        source.open(item_for(entries["a/z.txt"]))
    assert paused.value.code == "source_gone"


def test_a_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="not found"):
        LocalFolder(tmp_path / "absent", "f")


def _as_unprivileged_user(probe: Callable[[], Any]) -> Any:
    """Run ``probe`` as user ``nobody`` in a forked child when we are root (root reads everything)."""
    if os.geteuid() != 0:
        return probe()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            result = json.dumps({"ok": probe()})
        except BaseException as exc:  # reported to the parent, which fails the test
            result = json.dumps({"error": repr(exc)})
        finally:
            with os.fdopen(write_end, "w") as out:
                out.write(result)
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        outcome = json.loads(answer.read())
    os.waitpid(pid, 0)
    assert "ok" in outcome, outcome
    return outcome["ok"]


def test_permission_denied_subfolder_is_one_problem_and_a_locked_file_unreadable_for_a_normal_user():
    root = Path(tempfile.mkdtemp(prefix="degoogle-perm-"))  # outside pytest's root-only tmp folders
    try:
        files = {"ok.txt": b"ok", "verrouillé.txt": b"x", "privé/journal.txt": b"x", "public/y.txt": b"y"}
        make_tree(root, files)
        root.chmod(0o755)
        (root / "public").chmod(0o755)
        (root / "verrouillé.txt").chmod(0)
        (root / "privé").chmod(0)

        def probe() -> dict[str, Any]:
            source = LocalFolder(root, "f")
            entries = list(source.scan())
            locked = next(e for e in entries if e.key == "verrouillé.txt")
            try:
                with source.open(item_for(locked)):
                    opened = "read"
            except BadItemError as exc:
                opened = exc.code
            return {"entries": [[e.key, e.problem] for e in entries], "open": opened}

        seen = _as_unprivileged_user(probe)
        assert seen["entries"] == [
            ["ok.txt", None], ["privé/", "unreadable"], ["public/y.txt", None], ["verrouillé.txt", None],
        ]
        assert seen["open"] == "unreadable"
    finally:
        (root / "privé").chmod(0o755)
        shutil.rmtree(root)


# --- the demo's sample export -------------------------------------------------------------------------


def _pdf_is_well_formed(data: bytes) -> bool:
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    rows = data[start:].split(b"\n")
    count = int(rows[1].split()[1])
    offsets = [int(row.split()[0]) for row in rows[3:2 + count]]
    return data.startswith(b"%PDF-1.") and data.endswith(b"%%EOF\n") and rows[0] == b"xref" and all(
        data[offset:].startswith(b"%d 0 obj" % number) for number, offset in enumerate(offsets, start=1)
    )


def test_sample_export_is_a_small_realistic_french_takeout_the_same_every_time(tmp_path):
    parts = make_sample_takeout(tmp_path / "a")
    assert [p.name for p in parts] == ["takeout-20261120T101010Z-001.zip", "takeout-20261120T101010Z-002.zip"]
    assert [p.read_bytes() for p in parts] == [p.read_bytes() for p in make_sample_takeout(tmp_path / "b")]

    source = TakeoutArchive(parts, "takeout:sample")
    entries = list(source.scan())
    drive = drive_entries(entries)
    assert 35 <= len(drive) <= 50 and 1_500_000 <= sum(e.size for e in drive.values()) <= 3_000_000
    names = {e.path[-1] for e in drive.values()}
    assert {"Devis: cuisine?.pdf", "Notes .txt"} <= names and any(n.endswith(" ") for n in names)
    assert any(e.size == 0 for e in drive.values())
    assert any(e.path[:2] == ("Documents", "Impôts 2025") for e in drive.values())
    assert any(e.path[:2] == ("Photos", "Vacances Bretagne") for e in drive.values())
    same_after_nfc = Counter(unicodedata.normalize("NFC", key) for key in drive)
    assert [n for n in same_after_nfc.values() if n > 1] == [2]
    calendars = Counter(e.path[0] for e in entries if e.kind is Kind.CALENDAR and e.supported)
    contacts = Counter(e.path[0] for e in entries if e.kind is Kind.CONTACTS and e.supported)
    assert (calendars, contacts) == (Counter({"Famille": 2}), Counter({"Contacts": 3}))
    for entry in drive.values():
        with source.open(item_for(entry)) as stream:
            data = stream.read()
        if entry.key.endswith(".pdf"):
            assert _pdf_is_well_formed(data), entry.key
        if entry.key.endswith(".png"):
            assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82"), entry.key
    mail = next(e for e in entries if e.kind is Kind.MAIL)
    with source.open(item_for(mail)) as stream:
        assert b"X-Gmail-Labels: " in stream.read()
