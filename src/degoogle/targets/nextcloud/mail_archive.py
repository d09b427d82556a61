"""Mail into the Nextcloud's files as an archive — one mbox file per mail folder under ``Mail/`` —
for hosters with no mailbox (``--mail-to archive``). Thunderbird reads the files (ImportExportTools
NG's "import mbox file", or the file dropped into a local folders directory).

Terminology: a *volume* is the mbox being built for one source folder (``model.Volume``);
its *spool* is the local file ``<journal>.spool/<volume id>.mbox`` holding what has not gone up
yet; what has went up as the chunks of one chunked upload v2 (see ``chunked`` for the protocol).

Writing a message (``write``): read it from the source; then, under the volume's lock, append it
in mboxrd form (``convert.mbox.mboxrd_entry``: the message's bytes are never changed) to the spool
and record, in one journal transaction, the item staged with the spool's new length. When the spool
reaches the chunk size it goes up as the next chunk (``PUT …/uploads/<user>/<id>/<n>``), the journal
counts it, then the spool is emptied. Nothing is claimed moved then: the result is ``staged``.

Finishing (``finish``, once every write of a run ended): the spool goes up as the last chunk,
``MOVE …/.file`` assembles the mbox at its name with ``Overwrite: F`` (a slow assembly is awaited
as in ``chunked``), then one transaction marks the volume and all its messages done. A name another
file took meanwhile gives "Inbox (2).mbox": nothing is ever overwritten.

Resuming (the first time a process touches a volume): the spool is cut back to its journaled
length (bytes beyond belong to messages still pending); chunks the server holds beyond the
journal's count (a crash between a PUT and its journal entry) are deleted; an upload the server
dropped (Nextcloud expires them after 24 h without activity) or whose chunks do not add up puts the
volume's messages back to pending — written again, never claimed. A MOVE whose answer a crash lost
is recognised by the mbox being at its name with exactly the volume's size. The volume's upload id
ends with a stamp of the folder's archives at the hoster when it began (names and sizes, less our
own finished ones): when another archive of that folder reached the hoster since (a second move
with a new journal, while this one was stopped), the volume's messages go back to pending too and
are looked for in it before they are written again, not assembled a second time as "Inbox (2).mbox".
Upload ids of older journals carry no stamp: their volumes are continued as before.

Already there: a message an archive at the hoster already holds — its folder's ``Mail/<folder>.mbox``
or a numbered one beside it, by content (``archived_mail``) — is not written again: a second move of
the same mail, even with a new journal, reports it ``already_there``. Messages not there yet go into a
new archive beside them ("Inbox (2).mbox"): an mbox at the hoster is never rewritten.

Not kept: IMAP flags (read, starred). An mbox holds them only in headers (``Status``,
``X-Mozilla-Status``) that would change the messages, and messages are kept as they are.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from degoogle.convert.mail import INBOX
from degoogle.convert.mbox import mboxrd_entry
from degoogle.convert.names import NameRules, clean_name, name_key, numbered
from degoogle.errors import BadItemError, Cancelled, FatalError, RetryableError
from degoogle.model import Item, Kind, Outcome, Volume, WriteResult
from degoogle.targets.base import (
    NO_JOURNAL,
    FinishContext,
    Target,
    VerifyContext,
    VerifyResult,
    VolumeBook,
    WriteContext,
)
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.archived_mail import ArchivedMail
from degoogle.targets.nextcloud.chunked import ASSEMBLY_PENDING, DEFAULT_CHUNK, MAX_CHUNKS, MIN_CHUNK
from degoogle.targets.nextcloud.files import NextcloudFiles
from degoogle.targets.nextcloud.webdav import raise_for_status
from degoogle.wording import LANGUAGES, default_lang, role_name

log = logging.getLogger(__name__)

#: the folder of the Nextcloud that receives the archive
ROOT = "Mail"
SUFFIX = ".mbox"


#: hexadecimal digits of the stamp an upload id ends with (see "Resuming")
STAMP = 12


class UploadLost(Exception):
    """The server no longer holds the volume's upload as the journal describes it."""


def archive_path(collection: str, lang: str, rules: NameRules) -> str:
    """Where a mail folder's mbox goes: ``Mail/<folder>.mbox``, a role (``\\Sent``) by its readable
    name in ``lang``, a nested folder ``a/b`` as ``Mail/a/b.mbox``, each name cleaned as files are."""
    parts = [p for p in collection.split("/") if p.strip()] or [INBOX]
    if len(parts) == 1:
        parts = [role_name(lang, parts[0])]
    names = [clean_name(p, rules).name for p in parts[:-1]] + [clean_name(parts[-1] + SUFFIX, rules).name]
    return "/".join([ROOT, *names])


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


class _Building:
    """A volume this process works on: its lock, its journal state as last written, whether it was
    checked against the spool and the server, whether its upload folder exists."""

    def __init__(self, volume: Volume) -> None:
        self.lock = threading.Lock()
        self.volume = volume
        self.checked = False
        self.upload_made = False


class MailArchive(Target):
    """Mail as mbox files in a Nextcloud (see the module docstring). Thread-safe."""

    kinds = frozenset({Kind.MAIL})

    def __init__(self, account: NextcloudAccount, password: str, *, chunk_size: int = DEFAULT_CHUNK,
                 workers: int = 4, lang: str | None = None, rules: NameRules | None = None) -> None:
        self.account = account
        self.spec = account.spec + "#mail-archive"
        self.files = NextcloudFiles(account, password, workers=workers, chunk_size=chunk_size or DEFAULT_CHUNK)
        self.chunk_size = max(MIN_CHUNK, chunk_size or DEFAULT_CHUNK)
        self.lang = lang if lang in LANGUAGES else default_lang()
        self.rules = rules or NameRules.nextcloud_default()
        self._building: dict[int, _Building] = {}
        self._lock = threading.Lock()
        self.archived = ArchivedMail(self.files)

    def describe(self) -> str:
        return f"mbox archive in Nextcloud {self.account.host}, {self.account.user}"

    def prepare(self) -> None:
        """As ``NextcloudFiles.prepare``; chunks follow the server's limit."""
        self.files.prepare()
        self.chunk_size = min(self.chunk_size, max(MIN_CHUNK, self.files.chunked.chunk_size))

    # -- volumes -------------------------------------------------------------------------------

    def _upload_url(self, volume: Volume, name: str = "") -> str:
        return f"{self.files.chunked.root}{volume.upload_id}/{name}"

    @staticmethod
    def _spool(book: VolumeBook, volume: Volume) -> Path:
        return book.spool_dir / f"{volume.id}{SUFFIX}"

    def _building_for(self, collection: str, book: VolumeBook) -> _Building:
        """The open volume of ``collection``, started (name chosen) when it has none."""
        with self._lock:
            for building in self._building.values():
                if building.volume.collection == collection and building.volume.state == "open":
                    return building
            volume = book.open_volume(collection)
            if volume is None:
                path = self._free_path(archive_path(collection, self.lang, self.rules), book.taken())
                volume = book.start(collection, path, self._upload_id(collection, book))
                log.info("mail folder %s is archived into %s", collection, path)
            return self._building.setdefault(volume.id, _Building(volume))

    def _free_path(self, wanted: str, taken: set[str]) -> str:
        """``wanted``, or "name (n).mbox" beside it, free at the server and among our volumes."""
        folder = _parent(wanted)
        self.files.folder(folder)  # make it (and its parents) once
        names = {name_key(n) for n in self.files.list_folder(folder)}
        names |= {name_key(_base(p)) for p in taken if _parent(p) == folder}
        name, n = _base(wanted), 1
        while name_key(name) in names:
            n += 1
            name = numbered(_base(wanted), n)
        return f"{folder}/{name}"

    def _stamp(self, collection: str, book: VolumeBook) -> str:
        """The folder's archives at the hoster now, less the volumes we finished, as a short digest."""
        found = self.archived.archives(archive_path(collection, self.lang, self.rules))
        mine = {path for path in found if book.done_size(path) is not None}
        listed = "\n".join(f"{path}\t{size}" for path, size in sorted(found.items()) if path not in mine)
        return hashlib.sha1(listed.encode("utf-8"), usedforsecurity=False).hexdigest()[:STAMP]

    def _upload_id(self, collection: str, book: VolumeBook) -> str:
        return f"degoogle-mbox-{uuid.uuid4().hex}-{self._stamp(collection, book)}"

    def _archived_since(self, volume: Volume, book: VolumeBook) -> bool:
        """Whether another archive of the volume's folder reached the hoster since the volume began."""
        stamp = volume.upload_id.rsplit("-", 1)[-1]
        if len(volume.upload_id.split("-")) != 4 or len(stamp) != STAMP or volume.bytes == 0:
            return False  # an older journal's volume, or nothing staged yet
        return stamp != self._stamp(volume.collection, book)

    def _check(self, building: _Building, book: VolumeBook) -> None:
        """Bring the spool and the server in line with the journal (see "Resuming")."""
        volume = building.volume
        spool = self._spool(book, volume)
        spool.parent.mkdir(parents=True, exist_ok=True)
        size = spool.stat().st_size if spool.exists() else 0
        if size < volume.spool_bytes:  # a power cut lost what the journal counts: write it again
            self._restart(building, book, "the local spool file is shorter than recorded")
            return
        with spool.open("ab") as f:
            f.truncate(volume.spool_bytes)
        if volume.chunks == 0:
            # nothing at the server counts yet: an upload folder made before a crash is dropped
            self._delete_upload(volume)
            building.checked = True
            if self._archived_since(volume, book):
                self._restart(building, book, "another archive of this mail folder reached the hoster")
            return
        have = self.files.chunked.chunks_on_server(volume.upload_id)
        if have is None:
            if volume.spool_bytes == 0 and self.files.exists_with_size(volume.target_path, volume.bytes):
                book.finish(volume)  # assembled before a crash, and the journal never heard
                building.volume = replace(volume, state="done")
                log.info("%s was complete at the hoster already", volume.target_path)
            else:
                self._restart(building, book, "the hoster dropped the unfinished upload")
            return
        for n in sorted(have):
            if n > volume.chunks:  # sent before a crash, never journaled: its messages are pending
                response = self.files.request_url("DELETE", self._upload_url(volume, f"{n:05d}"), "drop a chunk")
                if response.status_code != 404:
                    raise_for_status(response, "drop a chunk")
        if sum(have.get(n, -1) for n in range(1, volume.chunks + 1)) != volume.sent_bytes:
            self._restart(building, book, "the chunks at the hoster do not add up")
            return
        building.checked = building.upload_made = True
        if self._archived_since(volume, book):
            self._restart(building, book, "another archive of this mail folder reached the hoster")

    def _delete_upload(self, volume: Volume) -> None:
        response = self.files.request_url("DELETE", self._upload_url(volume), "drop archive upload")
        if response.status_code != 404:
            raise_for_status(response, "drop archive upload")

    def _restart(self, building: _Building, book: VolumeBook, why: str) -> None:
        """Put the volume's messages back to pending and start it again empty."""
        old = building.volume
        upload_id = self._upload_id(old.collection, book)
        count = book.restart(old, upload_id)
        with self._spool(book, old).open("ab") as f:
            f.truncate(0)
        building.volume = replace(old, upload_id=upload_id, chunks=0, bytes=0, spool_bytes=0)
        building.checked, building.upload_made = True, False
        log.warning("archive of mail folder %s: %s; its %d messages are written again", old.collection, why, count)
        try:
            self._delete_upload(old)
        except (RetryableError, BadItemError, FatalError) as exc:
            log.info("the old upload of %s was not deleted (%s); the server expires it", old.collection, exc.code)

    def _ensure_upload(self, building: _Building) -> None:
        if building.upload_made:
            return
        volume = building.volume
        response = self.files.request_url("MKCOL", self._upload_url(volume), f"start archive {volume.target_path}",
                                          headers={"Destination": self.files.url(volume.target_path)})
        if response.status_code in (404, 501):
            raise FatalError(f"MKCOL on the uploads endpoint: HTTP {response.status_code}", code="no_chunked_upload")
        if response.status_code != 405:  # 405: made before, in this run
            raise_for_status(response, f"start archive {volume.target_path}")
        building.upload_made = True

    def _send_spool(self, building: _Building, book: VolumeBook) -> None:
        """The spool goes up as the upload's next chunk; then the journal counts it and the spool
        starts again empty. Raises ``UploadLost`` when the upload folder is gone."""
        volume = building.volume
        if volume.chunks >= MAX_CHUNKS:
            raise FatalError(f"{volume.target_path}: more than {MAX_CHUNKS} chunks", code="too_large")
        self._ensure_upload(building)
        n = volume.chunks + 1
        spool = self._spool(book, volume)
        what = f"upload part {n} of {volume.target_path}"
        with spool.open("rb") as body:  # streamed: requests takes the length from the file
            response = self.files.request_url(
                "PUT", self._upload_url(volume, f"{n:05d}"), what, data=body,
                headers={"Destination": self.files.url(volume.target_path),
                         "Content-Type": "application/octet-stream"})
        if response.status_code == 404:
            raise UploadLost("the hoster dropped the unfinished upload")
        raise_for_status(response, what)
        book.chunk_sent(volume, n)
        building.volume = replace(volume, chunks=n, spool_bytes=0)
        with spool.open("ab") as f:
            f.truncate(0)

    # -- writing -------------------------------------------------------------------------------

    def write(self, item: Item, ctx: WriteContext) -> WriteResult:
        book = ctx.volumes
        if book is None:
            raise FatalError("the mail archive needs the journal's volumes", code="internal_error")
        with ctx.source.open(item) as stream:
            raw = stream.read()  # one message: its size is bounded by the source's listing
        if ctx.should_stop():
            raise Cancelled("stopped while reading")
        there = self.archived.where(archive_path(item.collection, self.lang, self.rules), raw)
        if there is not None:
            ctx.on_bytes(item.size)
            return WriteResult(Outcome.ALREADY_THERE, there)
        when = item.attrs.get("date")
        entry = mboxrd_entry(raw, datetime.fromisoformat(when) if isinstance(when, str) else None)
        while True:
            building = self._building_for(item.collection, book)
            with building.lock:
                if not building.checked:
                    self._check(building, book)
                if building.volume.state != "open":
                    continue  # found complete at the hoster: a new volume takes this message
                volume = self._append(building, book, item, entry)
                if volume.bytes == len(entry):  # the volume's first message: the report says where
                    ctx.collections.set(item.collection, volume.target_path)
                if volume.spool_bytes >= self.chunk_size:
                    try:
                        self._send_spool(building, book)
                    except UploadLost as lost:
                        self._restart(building, book, str(lost))
                    except (RetryableError, BadItemError) as exc:
                        # the message is staged: it must not be written again, so its chunk goes later
                        log.info("%s: the chunk goes up later (%s)", volume.target_path, exc.detail)
            ctx.on_bytes(item.size)
            return WriteResult(Outcome.MOVED, volume.target_path, staged=True)

    def _append(self, building: _Building, book: VolumeBook, item: Item, entry: bytes) -> Volume:
        volume = building.volume
        spool = self._spool(book, volume)
        try:
            with spool.open("ab") as f:
                f.write(entry)
            book.stage(volume, item.id, len(entry), volume.spool_bytes + len(entry))
        except BaseException:
            with spool.open("ab") as f:  # the journal did not take it: neither does the spool
                f.truncate(volume.spool_bytes)
            raise
        building.volume = replace(volume, bytes=volume.bytes + len(entry),
                                  spool_bytes=volume.spool_bytes + len(entry))
        return building.volume

    # -- finishing -----------------------------------------------------------------------------

    def finish(self, ctx: FinishContext) -> None:
        book = ctx.volumes
        for volume in book.open_volumes():
            if ctx.should_stop():
                raise Cancelled("stopped while finishing the archive")
            with self._lock:
                building = self._building.setdefault(volume.id, _Building(volume))
            with building.lock:
                if not building.checked:
                    self._check(building, book)
                volume = building.volume
                if volume.state != "open" or volume.bytes == 0:
                    continue
                try:
                    if volume.spool_bytes or volume.chunks == 0:
                        self._send_spool(building, book)
                    self._assemble(building, book)
                except UploadLost as lost:
                    self._restart(building, book, str(lost))
                    continue
                count = book.finish(building.volume)
                building.volume = replace(building.volume, state="done")
                ctx.collections.set(volume.collection, building.volume.target_path)
                log.info("%s is complete at the hoster: %d messages", building.volume.target_path, count)

    def _assemble(self, building: _Building, book: VolumeBook) -> None:
        """``MOVE …/.file`` onto the volume's name, never over another file (see ``chunked``)."""
        while True:
            volume = building.volume
            what = f"assemble {volume.target_path}"
            headers = {"Destination": self.files.url(volume.target_path), "OC-Total-Length": str(volume.bytes),
                       "Overwrite": "F"}
            try:
                response = self.files.request_url("MOVE", self._upload_url(volume, ".file"), what,
                                                  headers=headers, timeout=(15, 900))
            except RetryableError:
                response = None  # reset or timed out: the server may still be assembling
            if response is None or response.status_code in ASSEMBLY_PENDING:
                if self.files.chunked.await_assembly(volume.target_path, volume.bytes):
                    return
                raise RetryableError(f"{what}: the file has not appeared yet", code="temporary")
            if response.status_code == 412:  # a file took the name since the volume began
                path = self._free_path(volume.target_path, book.taken())
                log.info("%s is taken by another file: the archive goes to %s", volume.target_path, path)
                book.retarget(volume, path)
                building.volume = replace(volume, target_path=path)
                continue
            if response.status_code == 404:
                if self.files.exists_with_size(volume.target_path, volume.bytes):
                    return  # an earlier MOVE did it, its answer lost
                raise UploadLost("the hoster dropped the unfinished upload")
            if response.status_code == 400:
                raise UploadLost("the hoster found that the parts do not make the file")
            if response.status_code == 423:
                raise RetryableError(f"{what}: HTTP 423 (locked)", code="temporary")
            raise_for_status(response, what)
            return

    # -- verification --------------------------------------------------------------------------

    def verify(self, items: Iterable[Item], ctx: VerifyContext = NO_JOURNAL) -> Iterator[VerifyResult]:
        """Each message's mbox is at the hoster with the size of everything written into it (the size
        the journal's volumes in ``ctx`` record, when lent)."""
        book = ctx.volumes(Kind.MAIL) if ctx.volumes is not None else None
        found: dict[str, int | None] = {}
        for item in items:
            path = item.target_path
            if path not in found:
                remote = self.files.list_folder(_parent(path)).get(_base(path))
                found[path] = remote.size if remote is not None and not remote.is_dir else None
            expected = book.done_size(path) if book is not None else None
            if found[path] is None:
                yield VerifyResult(item, False, "missing_at_target")
            elif expected is not None and found[path] != expected:
                yield VerifyResult(item, False, "size_mismatch", f"{found[path]} bytes, expected {expected}")
            else:
                yield VerifyResult(item, True)

    def close(self) -> None:
        self.files.close()
