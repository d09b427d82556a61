"""The IMAP target's connections to the hoster's mailbox (``targets.imap``).

One *control* connection (listing, creating, reading indexes) and a few *append pipes*
(``targets.imap_pipe``; at most as many as the target was given). A mailbox goes through one pipe at
a time — two sessions appending to one mailbox wait on each other's locks — and each pipe sends the
APPENDs of every worker writing to it back to back without waiting for the answers. TLS is
verified; one TLS context serves every connection.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from imapclient import IMAPClient

from degoogle.errors import FatalError, RetryableError
from degoogle.protocols.imap import ImapAccount, TlsContext, connect, imap_errors_as_ours
from degoogle.targets.imap_pipe import AppendPipe

log = logging.getLogger(__name__)


class MailboxConnections:
    """The control connection and the append pipes to ``account``, signed in with ``password``;
    ``connections`` pipes at most."""

    def __init__(self, account: ImapAccount, password: str | None, *, connections: int, timeout: float) -> None:
        self.account = account
        self._password = password
        self.connections = connections
        self.timeout = timeout
        self._tls = TlsContext()
        self._lock = threading.RLock()
        self._control_lock = threading.RLock()
        self._control: IMAPClient | None = None
        self._pipes: list[AppendPipe] = []
        self._pipe_of: dict[str, AppendPipe] = {}
        self._inflight: Counter[str] = Counter()

    def connect(self) -> IMAPClient:
        """A new signed-in connection; ``FatalError`` (``auth_failed``) without a password."""
        if not self._password:
            raise FatalError(f"no password for the mailbox {self.account.describe()}", code="auth_failed")
        return connect(self.account, self._password, timeout=self.timeout, tls=self._tls)

    def _client(self) -> IMAPClient:
        """The control connection; call with ``_control_lock`` held."""
        if self._control is None:
            self._control = self.connect()
        return self._control

    def _drop_control(self) -> None:
        client, self._control = self._control, None
        if client is not None:
            try:
                client.shutdown()
            except Exception:  # noqa: BLE001 - already broken; closing is best effort
                log.debug("IMAP connection already closed")

    @contextmanager
    def controlled(self, what: str) -> Iterator[IMAPClient]:
        """The control connection, held for the block; network trouble becomes ``RetryableError``
        and drops the connection (the next use reconnects)."""
        with self._control_lock:
            try:
                with imap_errors_as_ours(what):
                    yield self._client()
            except RetryableError:
                self._drop_control()
                raise

    def pipe(self, mailbox: str, literal_plus: bool) -> AppendPipe:
        """The pipe for ``mailbox``, counted as in flight until ``done_with``. A mailbox stays on its
        pipe while it has APPENDs in flight (two sessions appending to one mailbox wait on each
        other's locks); otherwise it goes to the pipe with the fewest mailboxes in flight, its own
        pipe first, a new one while there are fewer than ``connections`` — so that each pipe keeps
        one mailbox open (``AppendPipe._examine``)."""
        with self._lock:
            self._pipes = [p for p in self._pipes if p.broken is None]
            current = self._pipe_of.get(mailbox)
            if current is None or current.broken is not None or not self._inflight[mailbox]:
                load = Counter(self._pipe_of[m] for m, n in self._inflight.items() if n and m in self._pipe_of)
                idle = [p for p in self._pipes if not load[p]]
                if current in idle or (current is not None and current.broken is None and not idle and len(
                        self._pipes) >= self.connections and load[current] == min(load[p] for p in self._pipes)):
                    pass
                elif idle:
                    current = idle[0]
                elif len(self._pipes) < self.connections:
                    with imap_errors_as_ours(f"connecting to {self.account.host}"):
                        current = AppendPipe(self.connect(), literal_plus, self.timeout)
                    self._pipes.append(current)
                else:
                    current = min(self._pipes, key=lambda p: load[p])
            assert current is not None
            self._pipe_of[mailbox] = current
            self._inflight[mailbox] += 1
            return current

    def done_with(self, mailbox: str) -> None:
        with self._lock:
            self._inflight[mailbox] -= 1

    def close(self) -> None:
        with self._lock:
            pipes, self._pipes, self._pipe_of = self._pipes, [], {}
        for pipe in pipes:
            pipe.close()
        with self._control_lock:
            client, self._control = self._control, None
        if client is not None:
            try:
                client.logout()
            except Exception:  # noqa: BLE001 - closing is best effort
                log.debug("IMAP logout failed")
