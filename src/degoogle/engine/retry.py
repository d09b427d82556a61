"""Backoff for passing faults: truncated exponential with full jitter, honouring Retry-After.

Full jitter (a random delay between 0 and the exponential cap) spreads the workers' retries so a
server that came back is not hit by all of them at once (see "Exponential Backoff And Jitter",
AWS Architecture Blog, 2015). A server's ``Retry-After`` is a floor: we never come back sooner.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Backoff:
    """``attempts``: tries per item before the item is suspected. It is marked failed (a later run
    tries again) only if the target still answers; while the target itself is unreachable the run
    waits, probing with backoff up to ``outage_cap`` between probes, for at most ``outage_limit``
    seconds in all before it pauses — a router that drops at 3 a.m. must not fail the whole night."""

    base: float = 1.0
    cap: float = 120.0
    attempts: int = 8
    outage_cap: float = 300.0
    outage_limit: float = 12 * 3600.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before try number ``attempt + 1`` (``attempt`` counts from 1)."""
        ceiling = min(self.cap, self.base * (2 ** (attempt - 1)))
        wait = self.rng.uniform(0, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap * 5))
        return wait

    def probe_delay(self, probe: int) -> float:
        """Seconds before probe number ``probe + 1`` of an unreachable target (half-jittered so a
        long outage is probed at a steady, bounded pace)."""
        ceiling = min(self.outage_cap, self.base * (2 ** min(probe, 30)))
        return self.rng.uniform(ceiling / 2, ceiling)
