"""Waiting on a condition, never on the clock: tests poll what they can observe, with a deadline that
fails the test saying what never happened (shared/TESTING.md: tests wait on conditions, not sleeps)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(condition: Callable[[], T], what: str, *, timeout: float = 10.0, interval: float = 0.02) -> T:
    """Polls ``condition`` every ``interval`` seconds until it gives a true value, and returns that value.
    Raises ``AssertionError`` naming ``what`` when ``timeout`` seconds pass first (a limit for a stuck
    test, not a measurement: nothing is asserted about how long it took)."""
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)  # the polling interval of the condition, not a delay the test relies on


def answers(port: int, host: str = "127.0.0.1") -> bool:
    """Whether a server accepts connections on ``host``:``port`` now."""
    try:
        socket.create_connection((host, port), timeout=0.5).close()
    except OSError:
        return False
    return True
