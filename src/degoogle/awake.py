"""Keep the computer awake while a migration runs: overnight runs are normal, and a laptop that
sleeps at 2 a.m. stops the move until morning.

wakepy asks the desktop (D-Bus on Linux, the system elsewhere) to keep the system running while
the screen may still turn off. Where nothing can be asked (a headless server, a container) it says
so and the run goes on: the caller tells the person to set the computer not to sleep.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


@contextmanager
def stay_awake(enabled: bool = True) -> Iterator[bool]:
    """Inside the block the system is kept from sleeping when possible; yields whether it is."""
    if not enabled:
        log.info("keep-awake: not asked; the computer may sleep during the run")
        yield False
        return
    try:
        from wakepy import keep
    except ImportError:  # an install without wakepy still runs
        log.info("keep-awake: wakepy is not installed")
        yield False
        return
    with keep.running(on_fail="pass") as mode:
        if mode.active:
            log.info("keep-awake: on (%s)", mode.active_method)
        else:
            log.info("keep-awake: not available here (%s)", mode.result)
        yield bool(mode.active)
