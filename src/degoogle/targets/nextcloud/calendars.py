"""Old home of the CalDAV calendar lookup, kept so ``degoogle.targets.nextcloud.calendars`` imports keep
working.

The lookup now lives in :mod:`degoogle.protocols.caldav` (issue 14): the DAV source uses it too, and a
source must not import a target.
"""

from __future__ import annotations

from degoogle.protocols.caldav import CALENDAR_COLOR, DISPLAYNAME, CalendarHome, Collection, caldav_errors

__all__ = ["CALENDAR_COLOR", "DISPLAYNAME", "CalendarHome", "Collection", "caldav_errors"]
