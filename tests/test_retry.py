from __future__ import annotations

import random

from degoogle.engine.retry import Backoff


def test_delays_grow_then_stay_under_the_cap() -> None:
    b = Backoff(base=1, cap=30, rng=random.Random(4))
    ceilings = [max(b.delay(attempt) for _ in range(300)) for attempt in range(1, 9)]
    assert ceilings[0] <= 1 and ceilings[2] <= 4 and ceilings[3] > 4
    assert all(c <= 30 for c in ceilings) and ceilings[-1] > 20


def test_jitter_spreads_delays() -> None:
    b = Backoff(base=1, cap=60, rng=random.Random(1))
    assert len({round(b.delay(5), 3) for _ in range(50)}) > 40


def test_retry_after_is_a_floor() -> None:
    b = Backoff(base=1, cap=60, rng=random.Random(2))
    assert all(b.delay(1, retry_after=7) >= 7 for _ in range(100))
