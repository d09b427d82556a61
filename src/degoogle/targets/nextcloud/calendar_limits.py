"""What a Nextcloud allows in making calendars, and how long degoogle waits when told "too many".

Nextcloud's ``RateLimitingPlugin`` (``apps/dav/lib/CalDAV/Security/``) counts every attempt to make a
calendar: past ``per_period`` in ``period`` seconds (``dav.rateLimitCalendarCreation`` = 10,
``dav.rateLimitPeriodCalendarCreation`` = 3600) it answers 429 "Too many calendars created", with no
``Retry-After``; an attempt it refuses is not counted. Past ``maximum`` calendars and subscriptions
(``dav.maximumCalendarsSubscriptions`` = 30, -1: none) it answers 403 "Calendar limit reached". The
server does not publish these settings: degoogle assumes Nextcloud's defaults unless the person
gives the hoster's (``--calendar-limits``).

``CreationPace`` remembers when this process made calendars. After a 429 the next creation can
succeed once the oldest of the last ``per_period`` attempts leaves the window: that moment (the
whole period when we made none, as someone else did) is when the run goes on. Until then no other
creation is attempted: each would be refused, and a real server's log fills with them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Literal

from degoogle.errors import BadItemError, WaitForServer
from degoogle.targets.nextcloud.dav import (
    CalendarLimitReached,
    Collection,
    DavCollections,
    TooManyCalendars,
    collection_slug,
)

__all__ = ["CALENDARS_WAIT", "CalendarLimits", "CalendarMaker", "CalendarRoom", "CreationPace", "OverLimit",
           "calendar_room"]

log = logging.getLogger(__name__)

#: what becomes of a source calendar's events when the hoster holds no more calendars
OverLimit = Literal["merge", "leave_out"]

#: the reason code of a run waiting for the hoster to allow more calendars
CALENDARS_WAIT = "calendar_creation_wait"
#: seconds added to the computed moment, for clocks and rounding at the server
_MARGIN = 1.0


@dataclass(frozen=True)
class CalendarLimits:
    """The hoster's limits on making calendars (Nextcloud's defaults unless given)."""

    per_period: int = 10
    period: float = 3600.0
    maximum: int = 30

    def text(self) -> str:
        """``PER/SECONDS/MAX``, as ``parse`` reads it."""
        return f"{self.per_period}/{self.period:g}/{self.maximum}"

    @classmethod
    def parse(cls, text: str) -> CalendarLimits:
        """Read ``PER/SECONDS/MAX`` (``10/3600/30``; MAX -1 for none). Raises ``ValueError``."""
        per, seconds, most = text.strip().split("/")
        limits = cls(int(per), float(seconds), int(most))
        if limits.per_period < 1 or limits.period <= 0 or limits.maximum < -1:
            raise ValueError(f"not usable calendar limits: {text!r}")
        return limits

    def room(self, existing: int) -> int | None:
        """How many more calendars the account can hold, having ``existing``; None: no maximum."""
        return None if self.maximum < 0 else max(0, self.maximum - existing)

    def waits(self, to_make: int) -> int:
        """How many times making ``to_make`` calendars in one go must wait for the window."""
        return max(0, (to_make - 1) // self.per_period)


class CreationPace:
    """When this process made calendars, and until when the hoster refuses more. Thread-safe."""

    def __init__(self, limits: CalendarLimits) -> None:
        self.limits = limits
        self._made: deque[float] = deque()
        self._blocked_until = 0.0
        self._lock = threading.Lock()

    def check(self, name: str) -> None:
        """Raise ``WaitForServer`` while the hoster refuses new calendars (see the module docstring)."""
        with self._lock:
            until = self._blocked_until
        if time.time() < until:
            raise WaitForServer(f"calendar {name!r} waits: the hoster allows {self.limits.per_period} new "
                                f"calendars every {self.limits.period:g} s", until=until, code=CALENDARS_WAIT)

    def attempted(self) -> None:
        """A creation the hoster did not refuse as too many (it counts it)."""
        with self._lock:
            self._made.append(time.time())
            while len(self._made) > self.limits.per_period:
                self._made.popleft()

    def refused(self, name: str) -> WaitForServer:
        """The hoster answered "too many": the error to raise, the moment to go on recorded."""
        now = time.time()
        with self._lock:
            recent = [t for t in self._made if t > now - self.limits.period]
            oldest = recent[0] if len(recent) >= self.limits.per_period else now
            self._blocked_until = max(self._blocked_until, oldest + self.limits.period + _MARGIN)
            until = self._blocked_until
        return WaitForServer(f"calendar {name!r}: the hoster answered \"too many calendars created\"; "
                             f"it allows {self.limits.per_period} every {self.limits.period:g} s",
                             until=until, code=CALENDARS_WAIT)


class CalendarMaker:
    """Makes the calendars of one ``DavTarget`` within the hoster's limits: never twice for one source
    calendar (its path follows its mark, ``DavCollections.make_calendar``), never while the hoster
    refuses more (``CreationPace``); past the hoster's maximum, ``over_limit`` says what becomes of
    the source calendar's events: ``merge`` — into an existing calendar (the one of the same name,
    else the first degoogle made, else the account's first), each event reported with
    ``calendar_merged``; ``leave_out`` — left out, each reported with ``calendar_limit_left_out``."""

    def __init__(self, dav: DavCollections, limits: CalendarLimits, over_limit: OverLimit = "merge") -> None:
        self.dav = dav
        self.pace = CreationPace(limits)
        self.over_limit = over_limit
        #: source calendar → (wanted name, calendar its events went into, or None: left out)
        self.displaced: dict[str, tuple[str, Collection | None]] = {}

    def make(self, source: str, name: str, color: str | None, marker: str, existing: list[Collection],
             made: list[Collection]) -> Collection | None:
        """The calendar for source calendar ``source``, made as ``name``; past the maximum the one its
        events go into, or None when they are left out (see the class docstring). Raises
        ``WaitForServer`` while the hoster refuses more calendars."""
        self.pace.check(name)
        try:
            calendar = self.dav.make_calendar(name, color, marker)
        except TooManyCalendars as exc:
            raise self.pace.refused(name) from exc
        except CalendarLimitReached as exc:
            self.pace.attempted()
            log.warning("calendar %r not made: %s", name, exc.detail)
            into = None if self.over_limit == "leave_out" else _merge_into(source, existing, made)
            if into is None and self.over_limit == "merge":
                raise BadItemError(exc.detail, code="calendar_limit_reached") from exc
            self.displaced[source] = (name, into)
            return into
        self.pace.attempted()
        return calendar

    def outcome(self, source: str) -> tuple[str, str] | None:
        """``(reason code, detail)`` for an event of ``source`` when its calendar could not be made."""
        found = self.displaced.get(source)
        if found is None:
            return None
        wanted, into = found
        if into is None:
            return ("calendar_limit_left_out",
                    f"calendar {wanted!r} was not made: the hoster holds no more calendars; left out as asked")
        return ("calendar_merged",
                f"calendar {wanted!r} was not made: the hoster holds no more calendars; written into {into.name!r}")


def _merge_into(source: str, existing: list[Collection], made: list[Collection]) -> Collection | None:
    for calendar in existing:
        if calendar.name == source:
            return calendar
    if made:
        return made[0]
    return existing[0] if existing else None


@dataclass(frozen=True)
class CalendarRoom:
    """What the hoster's limits mean for a move, before it starts: ``to_make`` calendars to make,
    ``existing`` calendars in the account, the ``limits`` assumed."""

    to_make: int
    existing: int
    limits: CalendarLimits

    @property
    def left_over(self) -> int:
        """Calendars past the hoster's maximum (merged or left out, as the person chose)."""
        room = self.limits.room(self.existing)
        return 0 if room is None else max(0, self.to_make - room)

    @property
    def waits(self) -> int:
        """How many times the move waits for the hoster to allow more calendars."""
        return self.limits.waits(self.to_make - self.left_over)

    @property
    def wait_seconds(self) -> float:
        """About how long the move waits in all for new calendars (seconds)."""
        return self.waits * self.limits.period


def calendar_room(dav: DavCollections, sources: set[str], chosen: dict[str, str],
                  limits: CalendarLimits) -> CalendarRoom:
    """The ``CalendarRoom`` of moving the source calendars ``sources`` into the account ``dav`` reaches,
    ``chosen`` the journal's source → target calendar names so far: a source calendar needs a new
    calendar unless the one chosen for it, or one degoogle made for it before (its mark or its path),
    is there."""
    existing = dav.calendars()
    names = {c.name for c in existing}
    to_make = 0
    for source in sources:
        marker = f"calendar:{source}"
        path = "/" + collection_slug(source, marker)
        if chosen.get(source) in names or any(c.marker == marker or c.url.rstrip("/").endswith(path)
                                              for c in existing):
            continue
        to_make += 1
    return CalendarRoom(to_make, len(existing), limits)
