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
    """``attempts``: tries per item before it is marked failed (a later run tries again)."""

    base: float = 1.0
    cap: float = 120.0
    attempts: int = 8
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before try number ``attempt + 1`` (``attempt`` counts from 1)."""
        ceiling = min(self.cap, self.base * (2 ** (attempt - 1)))
        wait = self.rng.uniform(0, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap * 5))
        return wait
