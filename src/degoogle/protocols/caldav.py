"""The calendar home through the ``caldav`` library, and ``Collection``, what a home holds.

Used by the one CalDAV/CardDAV client, ``protocols.dav.DavClient``, for the calendar home (both the DAV
source and the Nextcloud groupware target read it through that client), hence in ``protocols/`` rather
than on either side (issue 14). The calendars of the home are listed by that client's PROPFIND.

The library speaks the CalDAV side well (``current-user-principal``, ``calendar-home-set``,
``MKCALENDAR``, RFC 4791 §5.3.1 / §6.2.1) so we use it here. It runs on ``niquests`` (why that third HTTP
library remains: ``protocols.http``), not on the caller's ``requests.Session``: the caldav API takes no
session of ours, so its client is put on a guarded ``niquests`` session applying the same redirect rule
(``protocols.http.guard_caldav_client``). Its errors are mapped to degoogle's classes by :func:`caldav_errors`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import niquests

from degoogle.errors import BadItemError, FatalError, RetryableError
from degoogle.protocols.http import OriginRule, guard_caldav_client

if TYPE_CHECKING:
    from caldav.collection import Principal

# The caldav library (and icalendar under it) is imported where it is used, not with this module: a run
# that moves no calendar, such as mail from one mailbox to another, never loads it (it was 7 % of the
# CPU time of planning 20,000 messages, issue 17)

log = logging.getLogger(__name__)

DISPLAYNAME = "{DAV:}displayname"
CALENDAR_COLOR = "{http://apple.com/ns/ical/}calendar-color"


@dataclass(frozen=True)
class Collection:
    """A calendar or an address book on the server: absolute ``url``, display ``name``, ``color``,
    and ``marker``: the source collection degoogle made it for (``dav.MARKER``), None when not degoogle's."""

    url: str
    name: str
    color: str | None
    kind: Literal["calendar", "addressbook"]
    marker: str | None = None


@contextmanager
def caldav_errors(what: str) -> Iterator[None]:
    """Turn the caldav library's and niquests' exceptions into degoogle's error classes."""
    from caldav.lib import error as caldav_error  # here, not on top: see the imports

    try:
        yield
    except caldav_error.AuthorizationError as exc:
        raise FatalError(f"{what}: not authorised", code="auth_failed") from exc
    except caldav_error.RateLimitError as exc:
        raise RetryableError(f"{what}: rate limited", code="temporary") from exc
    except caldav_error.DAVError as exc:
        reason = str(getattr(exc, "reason", "") or exc)[:300]
        if any(f" {code}" in reason or reason.startswith(str(code)) for code in (500, 502, 503, 504)):
            raise RetryableError(f"{what}: {reason}", code="temporary") from exc
        raise BadItemError(f"{what}: {reason}", code="refused_by_server") from exc
    except niquests.exceptions.SSLError as exc:
        raise FatalError(f"{what}: the server's certificate could not be verified", code="tls_error") from exc
    except niquests.exceptions.RequestException as exc:
        raise RetryableError(f"{what}: {type(exc).__name__}", code="temporary") from exc


class CalendarHome:
    """The calendars of one principal, found from a CalDAV context URL (what ``/.well-known/caldav`` gave)."""

    def __init__(self, context_url: str, user: str, password: str, *, trusted: OriginRule | None = None) -> None:
        """``trusted``: origins besides the context's own that the password may go to (``protocols.http``)."""
        from caldav.davclient import DAVClient  # here, not on top: see the imports

        self._client = DAVClient(
            url=context_url,
            username=user or None,
            password=password or None,
            ssl_verify_cert=True,
            enable_rfc6764=False,  # discovery already done by the caller, without DNS
            timeout=60,
        )
        guard_caldav_client(self._client, context_url, trusted, signed_in=bool(user))
        self._principal: Principal | None = None

    def principal(self) -> Principal:
        """The user's principal (RFC 5397 ``current-user-principal``); raises degoogle errors."""
        if self._principal is None:
            with caldav_errors("find the CalDAV principal"):
                self._principal = self._client.principal()
        return self._principal

    def home_url(self) -> str:
        """The ``calendar-home-set`` (RFC 4791 §6.2.1) as an absolute URL."""
        with caldav_errors("find the calendar home"):
            return str(self.principal().calendar_home_set.url)
