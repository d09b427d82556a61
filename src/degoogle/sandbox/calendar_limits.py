"""Nextcloud's limits on making calendars, as its ``RateLimitingPlugin`` applies them
(``apps/dav/lib/CalDAV/Security/RateLimitingPlugin.php``, Nextcloud 29).

On every bind of a new calendar (``beforeBind`` of ``calendars/<user>/<name>``), after sabre has
checked that nothing is at that path yet (an existing path answers 405 and counts nothing):

1. the user's attempts in the last ``period`` seconds are counted (``Limiter::registerUserRequest``,
   ``dav.rateLimitCalendarCreation`` = 10, ``dav.rateLimitPeriodCalendarCreation`` = 3600): when
   there are already ``per_period`` of them the request answers **429** "Too many calendars created"
   (sabre's error body, no ``Retry-After``) and is *not* counted; otherwise it is counted, whatever
   happens next;
2. when the user's calendars and subscriptions number ``maximum`` or more
   (``dav.maximumCalendarsSubscriptions`` = 30, -1 for no limit) the request answers **403**
   "Calendar limit reached".

In the sandbox calendars are Radicale's (``groupware``): a creation is a ``MKCALENDAR`` of
``/remote.php/dav/<user>/<slug>/``, and the user's calendars are the collections of that home whose
Radicale properties say ``VCALENDAR``. Subscriptions do not exist here. Address books are not limited
(Nextcloud's plugin looks at ``calendars/`` only).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CalendarLimits", "CalendarCreations"]


@dataclass(frozen=True)
class CalendarLimits:
    """The three settings, Nextcloud's defaults unless given. ``maximum = -1``: no maximum."""

    per_period: int = 10
    period: float = 3600.0
    maximum: int = 30


class CalendarCreations:
    """Decides, per ``MKCALENDAR``, what Nextcloud's plugin would answer; thread-safe."""

    def __init__(self, limits: CalendarLimits, collections: Path) -> None:
        self.limits = limits
        #: ``collection-root`` of Radicale's storage (``<user>/<collection>/`` under it)
        self._collections = collections
        self._attempts: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def set_limits(self, limits: CalendarLimits) -> None:
        """Change the limits, effective for the next creation (what an admin's ``occ config:app:set``
        does); attempts already counted stay counted."""
        with self._lock:
            self.limits = limits

    def refusal(self, user: str, slug: str) -> tuple[int, str] | None:
        """``(status, message)`` when making calendar ``slug`` for ``user`` is refused, else None (and
        the attempt is counted)."""
        if (self._collections / user / slug).exists():
            return None  # sabre answers "already exists" before the plugin is asked
        with self._lock:
            now = time.monotonic()
            attempts = self._attempts.setdefault(user, deque())
            while attempts and attempts[0] <= now - self.limits.period:
                attempts.popleft()
            if len(attempts) >= self.limits.per_period:
                return 429, "Too many calendars created"
            attempts.append(now)
            if 0 <= self.limits.maximum <= self.calendars(user):
                return 403, "Calendar limit reached"
        return None

    def calendars(self, user: str) -> int:
        """How many calendars ``user`` has."""
        home = self._collections / user
        if not home.is_dir():
            return 0
        count = 0
        for folder in home.iterdir():
            props = folder / ".Radicale.props"
            try:
                tag = json.loads(props.read_text(encoding="utf-8")).get("tag") if props.is_file() else None
            except (OSError, ValueError):
                tag = None
            count += tag == "VCALENDAR"
        return count
