"""Engine events: one callback API that the CLI prints and the GUI turns into Qt signals.

The engine calls ``sink(event)`` from its worker threads. A sink must be quick and thread-safe
(the CLI updates a progress bar; the GUI bridge emits a queued signal). Events are plain frozen
dataclasses: no engine object leaks through them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """Base class of every engine event."""


@dataclass(frozen=True)
class PlanProgress(Event):
    found: int
    bytes: int


@dataclass(frozen=True)
class PlanFinished(Event):
    found: int
    bytes: int
    to_move: int
    bytes_to_move: int


@dataclass(frozen=True)
class RunStarted(Event):
    """``total_*`` cover everything to move in this journal; ``done_*`` what earlier runs moved."""

    total_items: int
    total_bytes: int
    done_items: int
    done_bytes: int


@dataclass(frozen=True)
class ItemStarted(Event):
    item_id: int
    kind: str
    path: str
    size: int


@dataclass(frozen=True)
class BytesMoved(Event):
    """Bytes sent for the item in flight (counted again if the item is retried)."""

    item_id: int
    bytes: int


@dataclass(frozen=True)
class ItemFinished(Event):
    item_id: int
    kind: str
    path: str
    size: int
    state: str
    outcome: str | None
    reason: str | None


@dataclass(frozen=True)
class ItemRetrying(Event):
    item_id: int
    path: str
    attempt: int
    delay: float
    reason: str


@dataclass(frozen=True)
class RunStateChanged(Event):
    """``state`` is one of running, paused, resuming, waiting, stopping, finished, cancelled.
    ``until``: when waiting for a known time (``time.time()`` seconds), when the run goes on."""

    state: str
    reason: str | None = None
    message: str = ""
    until: float | None = None


@dataclass(frozen=True)
class VerifyFinished(Event):
    checked: int
    problems: int


EventSink = Callable[[Event], None]


def ignore(_event: Event) -> None:
    """A sink that drops everything."""
