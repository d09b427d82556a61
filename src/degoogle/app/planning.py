"""Plan: the one sequence behind ``degoogle plan`` and the wizard's "Check" page.

    planned = plan(migration, sink, password=app_password, lang="fr")
    planned.report, planned.preflight, planned.summary

The source is listed into the journal (nothing moves), then the room at the hoster is asked for when a
password is at hand, then the report is made in the person's language. What a face shows of it is its
own business; the order of the steps is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from degoogle.app.migration import Migration, Preflight
from degoogle.engine.events import EventSink, ignore
from degoogle.engine.plan import PlanSummary
from degoogle.engine.report import Report
from degoogle.errors import FatalError
from degoogle.model import Kind

__all__ = ["Planned", "plan"]


@dataclass(frozen=True)
class Planned:
    """What the listing found. ``preflight`` None: no password at hand, or the hoster refused it
    (``room_error`` then holds why, for a face that says so; the run will ask again)."""

    summary: PlanSummary
    report: Report
    preflight: Preflight | None
    #: what this migration can write at its hoster (``Migration.movable``)
    movable: frozenset[Kind]
    room_error: FatalError | None = None

    @property
    def quarantined(self) -> int:
        return sum(k.quarantined for k in self.report.kinds)

    @property
    def renamed(self) -> int:
        return len(self.report.renames)


def plan(m: Migration, sink: EventSink = ignore, *, password: str | None = None,
         source_password: str | None = None, lang: str | None = None, strict: bool = True) -> Planned:
    """List the source into ``m``'s journal, then the room at the hoster (with ``password``), then the
    report in ``lang``. Raises what ``Migration.plan`` raises; a hoster refusing the password raises
    ``FatalError`` when ``strict``, else it is kept in ``room_error`` (planning needs no hoster)."""
    summary = m.plan(sink, password=password, source_password=source_password)
    preflight: Preflight | None = None
    room_error: FatalError | None = None
    if password:
        try:
            preflight = m.preflight(password)
        except FatalError as exc:
            if strict:
                raise
            room_error = exc
    return Planned(summary, m.report(lang), preflight, m.movable(), room_error)
