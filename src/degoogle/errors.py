"""Error classes. The engine decides what to do by class, never by message text.

- ``RetryableError``: a passing fault (network drop, 429, 5xx). The item is tried again later with
  backoff; ``retry_after`` (seconds) is honoured when the peer said how long to wait.
- ``WaitForServer`` (a ``RetryableError``): the target's rules refuse the write until a known time
  (too many calendars made this hour): the run waits until then, saying until when.
- ``BadItemError``: this one item cannot be moved (corrupt archive member, unreadable file, refused
  by the server). It is quarantined with its reason and the run goes on.
- ``SkipItem``: the target chose, as the user asked, not to write this item (an event already at the
  hoster in another version, with ``--on-conflict skip``). Recorded as skipped with its reason.
- ``FatalError``: nothing more can be moved until a person acts (no space left, wrong password).
  The whole run pauses with ``message``; resuming later is safe.
- ``UserError``: a mistake in what was asked (bad spec, missing journal): shown as is, exit code 2.

A source that cannot be reached raises ``RetryableError`` with the code ``SOURCE_UNREACHABLE``: a
run then waits for the *source* to answer again (``Source.probe``) rather than for the target.

Every error carries a stable ``code``, a member of ``degoogle.reasons.Reason`` (worded in
``engine/reasons.py`` and the catalogues), so reports and the GUI can word it
for a person in their language, and a ``detail`` for support staff. Neither may contain a secret. A
``subject`` names what the person gave that is wrong (the file, the address as typed), so the words of
the code can say which one.
"""

from __future__ import annotations

from degoogle.reasons import Reason

#: the code of a ``RetryableError`` meaning the source (not the target) cannot be reached
SOURCE_UNREACHABLE = Reason.SOURCE_UNREACHABLE


class DegoogleError(Exception):
    """Base of every error raised on purpose by degoogle."""

    code: str = Reason.ERROR

    def __init__(self, detail: str = "", *, code: str | None = None, subject: str = "") -> None:
        super().__init__(detail)
        self.detail = detail
        self.subject = subject
        if code is not None:
            self.code = code


class UserError(DegoogleError):
    """What the user asked for cannot be done as asked (usage, missing file, bad spec)."""

    code: str = Reason.USAGE


class RetryableError(DegoogleError):
    """A passing fault: try the same item again after a pause."""

    code: str = Reason.TEMPORARY

    def __init__(self, detail: str = "", *, code: str | None = None, retry_after: float | None = None,
                 subject: str = "") -> None:
        super().__init__(detail, code=code, subject=subject)
        self.retry_after = retry_after


class ItemServerError(RetryableError):
    """The server failed on this item (HTTP 500) while it may answer others: tried again a few
    times (``tries``), then, if the server still answers, the item is set aside with the server's
    words in its detail instead of being tried again on every run."""

    code: str = Reason.SERVER_ERROR
    tries = 3


class WaitForServer(RetryableError):
    """The target refuses this write for a while by its own rules (a Nextcloud allows so many new
    calendars an hour): the run waits until ``until`` (``time.time()`` seconds), saying so, without
    spending the item's tries, then writes it again."""

    code: str = Reason.SERVER_LIMIT_WAIT

    def __init__(self, detail: str = "", *, until: float, code: str | None = None) -> None:
        super().__init__(detail, code=code)
        self.until = until


class BadItemError(DegoogleError):
    """This item cannot be moved; quarantine it with its reason and go on."""

    code: str = Reason.BAD_ITEM


class SkipItem(DegoogleError):
    """Leave this item out, on the user's choice; it is recorded as skipped with ``code``."""

    code: str = Reason.SKIPPED


class FatalError(DegoogleError):
    """Stop the whole run (paused, resumable) until a person acts."""

    code: str = Reason.FATAL


class NoSpaceError(FatalError):
    """The hoster refused a write for want of space (HTTP 507). Nextcloud checks its quota per file:
    ``required`` is what this write needed and ``available`` what was left, when the server said
    ("Insufficient space in …, 26214400 required, 20616918 available"). A file bigger than what is
    left is set aside while smaller ones still fit; the run pauses only when nothing left fits."""

    code: str = Reason.NO_SPACE

    def __init__(self, detail: str = "", *, required: int | None = None, available: int | None = None) -> None:
        super().__init__(detail)
        self.required = required
        self.available = available


class Cancelled(DegoogleError):
    """The run was paused or cancelled while this item was in flight; it stays pending."""

    code: str = Reason.CANCELLED
