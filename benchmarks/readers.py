"""Speed of the file readers alone (no server): the mbox reader, the calendar splitter and the vCard
splitter over generated files, in MB/s and items/s. It prints figures; it is not a test.

    .venv/bin/python benchmarks/readers.py [--messages 20000] [--events 5000] [--cards 5000]

The mbox mixes the separator forms of issue 12 (dated, ``From - ``, an address alone), quoted
``>From `` lines and a Content-Length on every tenth message; the calendar has alarms and a time zone;
the cards are vCard 3.0 with two e-mails, an address and a note.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable, Sequence

from degoogle.convert.ical import split_calendar
from degoogle.convert.mbox import iter_mbox
from degoogle.convert.vcard import split_vcards

SEPARATORS = (b"From MAILER-DAEMON Thu Nov 20 10:10:10 2026\n", b"From - \n", b"From 1844347792267117879@xxx\n")


def mbox(count: int) -> bytes:
    parts = []
    for n in range(count):
        body = (b"Bonjour,\n\n>From the minutes of the last meeting:\n" + b"a line of text, " * 40 + b"\n") * 8
        length = f"Content-Length: {len(body)}\n".encode() if n % 10 == 0 else b""
        parts.append(SEPARATORS[n % 3] + f"From: a{n}@example.org\nSubject: message {n}\n"
                     f"Message-ID: <{n}@example.org>\n".encode() + length + b"\n" + body + b"\n")
    return b"".join(parts)


def calendar(count: int) -> str:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Paris:20260310T{n % 24:02d}0000\r\nSUMMARY:Réunion {n}\r\n"
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:rappel\r\nEND:VALARM\r\nEND:VEVENT\r\n"
        for n in range(count))
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n{events}END:VCALENDAR\r\n"


def cards(count: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Personne {n}\r\nN:{n};Personne;;;\r\nEMAIL:p{n}@example.org\r\n"
        f"EMAIL;TYPE=WORK:w{n}@example.org\r\nADR;TYPE=HOME:;;{n} rue de la Paix;Liège;;4000;Belgique\r\n"
        f"NOTE:rencontrée au club\\, le mardi\r\nEND:VCARD\r\n" for n in range(count))


def timed(label: str, size: int, run: Callable[[], int]) -> None:
    """Print wall and CPU time: on a shared machine the CPU time is the figure to compare."""
    start, cpu = time.perf_counter(), time.process_time()
    items = run()
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:10} {items:7d} items  {size / 1e6:7.1f} MB  {elapsed:6.2f} s wall  {used:6.2f} s CPU  "
          f"{size / 1e6 / used:7.1f} MB/s  {items / used:9.0f} items/s (CPU)")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--messages", type=int, default=20_000)
    p.add_argument("--events", type=int, default=5_000)
    p.add_argument("--cards", type=int, default=5_000)
    args = p.parse_args(argv)
    data = mbox(args.messages)
    timed("mbox", len(data), lambda: sum(1 for _ in iter_mbox(io.BufferedReader(io.BytesIO(data)))))
    text = calendar(args.events)
    timed("calendar", len(text.encode()), lambda: len(split_calendar(text).resources))
    book = cards(args.cards)
    timed("vcard", len(book.encode()), lambda: len(split_vcards(book).cards))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
