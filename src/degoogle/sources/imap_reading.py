"""Reading an IMAP account's messages back, in batches, for the IMAP source (``sources.imap``).

A ``MessageReader`` fetches the batch of messages (fixed at listing, ``sources.imap_listing``)
holding the one asked for, in one command on one connection, and keeps it (up to ``CACHE_BYTES``)
for the workers that ask next; the locator also names the folder's next batch, which a reader
thread fetches meanwhile. Messages are read exactly as the server stores them, with
``BODY.PEEK[]`` (RFC 3501 §6.4.5) in folders opened with EXAMINE: nothing at the source changes.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict, deque
from collections.abc import Callable

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

from degoogle.errors import FatalError, RetryableError
from degoogle.protocols.imap import Session, error_text, imap_errors_as_ours
from degoogle.protocols.imap_fetch import parse_fetch
from degoogle.sources.imap_listing import INTERLEAVED_FOLDERS

log = logging.getLogger(__name__)

CACHE_BYTES = 32 * 1024 * 1024


class MessageReader:
    """The listed messages' bytes, read back through sessions made with ``sign_in``; ``timeout`` is
    the connections' (a worker waits at most twice that for a batch another thread fetches)."""

    def __init__(self, sign_in: Callable[[], IMAPClient], timeout: float) -> None:
        self._sign_in = sign_in
        self.timeout = timeout
        self._sessions_lock = threading.Lock()
        self._readers: OrderedDict[str, Session] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, int, int], bytes] = OrderedDict()
        self._cache_bytes = 0
        self._fetching: dict[tuple[str, int, int], threading.Event] = {}
        self._fetched: OrderedDict[tuple[str, int, int], None] = OrderedDict()
        self._ahead: deque[tuple[str, int, int, int]] = deque()
        self._ahead_wanted: set[tuple[str, int, int]] = set()
        self._ahead_ready = threading.Condition(self._cache_lock)
        self._thread: threading.Thread | None = None
        self._closed = False
        #: FETCH commands sent (a figure for tests and benchmarks)
        self.fetches = 0

    def message(self, folder: str, validity: int, uid: int, batch: tuple[int, int],
                following: tuple[int, int] | None) -> bytes | None:
        """The bytes of message ``uid`` of ``folder``, fetched with its ``batch`` (UIDs lo to hi)
        unless kept already; None when it is no longer there. ``following`` (the folder's next
        batch) is read ahead. ``BadItemError`` (``source_changed``) when the folder was renumbered
        or no longer opens, ``RetryableError`` on a dropped link."""
        if following is not None:
            self._read_ahead(folder, validity, *following)
        key = (folder, validity, uid)
        with self._cache_lock:
            data = self._cache.get(key)
        if data is None:
            self._fetch_batch(folder, validity, *batch)
            with self._cache_lock:
                data = self._cache.get(key)
        if data is None:
            # evicted already, or the batch's fetch failed for another worker: this message on its own
            self._fetch(folder, validity, uid, uid)
            with self._cache_lock:
                data = self._cache.get(key)
        return data

    def _session_for(self, folder: str) -> Session:
        """The session that reads ``folder``: one per folder being read (they stay open on it; the
        listing interleaves ``INTERLEAVED_FOLDERS`` folders), the least recently used one moved on
        to the next folder (its connection kept: ``Session.examine`` opens the folder)."""
        with self._sessions_lock:
            session = self._readers.get(folder)
            if session is not None:
                self._readers.move_to_end(folder)
                return session
            if len(self._readers) >= INTERLEAVED_FOLDERS:
                for name, old in list(self._readers.items()):
                    if old.lock.acquire(blocking=False):
                        del self._readers[name]
                        old.lock.release()
                        self._readers[folder] = old
                        return old
            session = self._readers[folder] = Session(self._sign_in)
            return session

    def _fetch_batch(self, folder: str, validity: int, lo: int, hi: int) -> None:
        """Fetch a batch unless done already; when another thread is fetching it, wait for that."""
        batch = (folder, validity, lo)
        with self._cache_lock:
            if batch in self._fetched:
                return
            event = self._fetching.get(batch)
            mine = event is None
            if event is None:
                event = self._fetching[batch] = threading.Event()
        if not mine:
            event.wait(self.timeout * 2)
            return
        try:
            self._fetch(folder, validity, lo, hi)
            with self._cache_lock:
                self._fetched[batch] = None
                while len(self._fetched) > 256:
                    self._fetched.popitem(last=False)
        finally:
            with self._cache_lock:
                self._fetching.pop(batch, None)
            event.set()

    def _read_ahead(self, folder: str, validity: int, lo: int, hi: int) -> None:
        batch = (folder, validity, lo)
        with self._cache_lock:
            if batch in self._fetched or batch in self._fetching or batch in self._ahead_wanted:
                return
            self._ahead_wanted.add(batch)
            self._ahead.append((folder, validity, lo, hi))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._read_ahead_loop, name="degoogle-imap-read-ahead",
                                                daemon=True)
                self._thread.start()
            self._ahead_ready.notify()

    def _read_ahead_loop(self) -> None:
        while True:
            with self._cache_lock:
                while not self._ahead and not self._closed:
                    if not self._ahead_ready.wait(30):
                        self._thread = None
                        return
                if self._closed:
                    return
                folder, validity, lo, hi = self._ahead.popleft()
                self._ahead_wanted.discard((folder, validity, lo))
            try:
                self._fetch_batch(folder, validity, lo, hi)
            except Exception as exc:  # noqa: BLE001 - reading ahead is a bonus: the worker fetches it itself
                log.debug("read-ahead of %s %d:%d failed: %s", folder, lo, hi, exc)

    def _fetch(self, folder: str, validity: int, lo: int, hi: int) -> None:
        session = self._session_for(folder)
        with session.lock:
            try:
                with imap_errors_as_ours(f"reading {folder}", "source"):
                    client = session.connection()
                    session.examine(folder, validity)
                    self.fetches += 1
                    found = _fetch_bodies(client, lo, hi)
            except (RetryableError, FatalError):
                session.close()
                raise
            except imap_errors.IMAPClientError as exc:
                raise RetryableError(f"reading {folder}: {error_text(exc)}", code="temporary") from exc
        with self._cache_lock:
            for uid, body in found.items():
                key = (folder, validity, uid)
                if key not in self._cache:
                    self._cache[key] = body
                    self._cache_bytes += len(body)
            while self._cache_bytes > CACHE_BYTES and len(self._cache) > 1:
                _, dropped = self._cache.popitem(last=False)
                self._cache_bytes -= len(dropped)

    def stop(self) -> None:
        """No more reading ahead; the reader thread ends."""
        with self._cache_lock:
            self._closed = True
            self._ahead.clear()
            self._ahead_ready.notify_all()

    def close(self) -> None:
        """Stop (if not already), sign out of every session and drop what is kept."""
        self.stop()
        with self._sessions_lock:
            sessions, self._readers = list(self._readers.values()), OrderedDict()
        for session in sessions:
            with session.lock:
                session.close()
        with self._cache_lock:
            self._cache.clear()
            self._cache_bytes = 0


def _fetch_bodies(client: IMAPClient, lo: int, hi: int) -> dict[int, bytes]:
    """UID → bytes of the messages of UIDs ``lo`` to ``hi`` that exist, in one ``UID FETCH lo:hi
    (UID BODY.PEEK[])`` (RFC 3501 §6.4.8: a range of UIDs names those that exist). Through imaplib,
    under imapclient: imapclient's parser walks each response token by token, which costs more
    than the rest of reading a message; imaplib hands each literal over whole, and the listing's
    reader (``imap_fetch.parse_fetch``) reads the rest of each line. An unsolicited FETCH (new flags,
    no UID or no body) is left out."""
    typ, data = client._imap.uid("FETCH", f"{lo}:{hi}", "(UID BODY.PEEK[])")  # noqa: SLF001
    if typ != "OK":
        raise imap_errors.IMAPClientError(f"FETCH failed: {data[0]!r}"[:300])
    return {uid: body for uid, attrs in parse_fetch(data).items() if isinstance(body := attrs.get(b"BODY[]"), bytes)}
