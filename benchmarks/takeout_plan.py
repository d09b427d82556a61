"""Planning a big Takeout: how long ``degoogle plan`` takes and how much memory it needs.

    python benchmarks/takeout_plan.py [--entries 200000] [--parts 4] [--workdir DIR] [--keep]

Builds a Google Takeout of ``--entries`` items in ``--parts`` zip parts, mixed as an account is
(60 % Drive files in nested folders, spread over every part; 15 % mail in one mbox; 15 % events in
five calendars; 10 % contacts), then times ``degoogle plan takeout:PART1,PART2,… nextcloud:… --journal J
--mail-to archive`` — the listing a person waits for before the Check page — as a child process, and
prints its wall time, CPU time and peak RSS (``wait4`` rusage of the child), and the items the journal
holds. The target is never contacted while planning.

Targets (issue 17): plan under 60 s and peak RSS under 250 MB for 200,000 entries on a 2-core machine.
Figures, not a test: exit 1 when a target fails.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/groupware_samples.py, tests/mail_samples.py

from tests.groupware_samples import many_cards, many_events  # noqa: E402
from tests.mail_samples import takeout_mbox  # noqa: E402

TIME_TARGET_S = 60.0
RSS_TARGET_MB = 250.0
STAMP = (2024, 6, 1, 12, 0, 0)


def build(folder: Path, entries: int, parts: int, seed: int = 17) -> dict[str, int]:
    """The parts ``takeout-001.zip``… in ``folder``; returns the count of each kind written."""
    rng = random.Random(seed)
    files = int(entries * 0.60)
    mails = int(entries * 0.15)
    events = int(entries * 0.15)
    cards = entries - files - mails - events
    archives = [zipfile.ZipFile(folder / f"takeout-20240601T120000Z-{n + 1:03d}.zip", "w",
                                compression=zipfile.ZIP_STORED) for n in range(parts)]
    try:
        def put(part: int, name: str, data: bytes) -> None:
            archives[part % parts].writestr(zipfile.ZipInfo(f"Takeout/{name}", date_time=STAMP), data)

        for n in range(files):
            depth = "/".join(f"Dossier {rng.randrange(40)}" for _ in range(1 + n % 3))
            size = rng.choice((200, 800, 3000, 12000))
            put(n, f"Drive/{depth}/document-{n:06d}.txt", (f"{n} " * (size // 7 + 1)).encode()[:size])
        per_calendar = events // 5
        for c in range(5):
            count = per_calendar if c < 4 else events - per_calendar * 4
            text, _ = many_events(count, name=f"Agenda {c}", seed=c, prefix=f"cal{c}")
            put(1 + c, f"Calendar/Agenda {c}.ics", text.encode())
        text, _ = many_cards(cards)
        put(2, "Contacts/All Contacts/All Contacts.vcf", text.encode())
        # the mail sample adds one duplicate message (it tests "the same message once")
        put(parts - 1, "Mail/All mail Including Spam and Trash.mbox", takeout_mbox(max(0, mails - 1)).data)
    finally:
        for archive in archives:
            archive.close()
    return {"file": files, "mail": mails, "event": events, "contact": cards}


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--entries", type=int, default=200_000)
    p.add_argument("--parts", type=int, default=4)
    p.add_argument("--workdir", type=Path)
    p.add_argument("--keep", action="store_true")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="degoogle-plan-", dir=args.workdir))
    degoogle = str(Path(sys.executable).with_name("degoogle"))
    try:
        started = time.perf_counter()
        kinds = build(work, args.entries, args.parts)
        size = sum(f.stat().st_size for f in work.glob("*.zip"))
        print(f"built {args.parts} parts, {size / 1e6:.0f} MB, in {time.perf_counter() - started:.1f} s: "
              + ", ".join(f"{v:,} {k}" for k, v in kinds.items()))
        parts = ",".join(str(f) for f in sorted(work.glob("*.zip")))
        journal = work / "plan.journal"
        env = dict(os.environ, DEGOOGLE_TARGET_PASSWORD="unused")
        started = time.perf_counter()
        child = subprocess.Popen([degoogle, "plan", f"takeout:{parts}", "nextcloud:http://bench@127.0.0.1:9",
                                  "--journal", str(journal), "--mail-to", "archive"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        assert child.stdout is not None
        output = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if child.returncode != 0:
            print(output.decode(errors="replace"))
            print(f"FAIL: degoogle plan exited {child.returncode}")
            return 1
        rss_mb = usage.ru_maxrss / 1024
        with sqlite3.connect(journal) as db:
            by_kind = dict(db.execute("SELECT kind, COUNT(*) FROM items GROUP BY kind").fetchall())
        total = sum(by_kind.values())
        print(f"plan: {seconds:.1f} s wall, {usage.ru_utime + usage.ru_stime:.1f} s CPU, peak RSS {rss_mb:.0f} MB, "
              f"{total:,} items in the journal ({', '.join(f'{v:,} {k}' for k, v in sorted(by_kind.items()))}), "
              f"{total / seconds:,.0f} items/s")
        ok = True
        for verdict, text in ((seconds < TIME_TARGET_S, f"plan {seconds:.1f} s < {TIME_TARGET_S:.0f} s"),
                              (rss_mb < RSS_TARGET_MB, f"peak RSS {rss_mb:.0f} MB < {RSS_TARGET_MB:.0f} MB")):
            ok &= verdict
            print(f"  {'PASS' if verdict else 'FAIL'}: {text}")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        return 0 if ok else 1
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
