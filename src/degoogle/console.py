"""Engine events on a terminal: a rich progress bar with rate and ETA, or plain lines in logs/pipes."""

from __future__ import annotations

import sys
import threading
import time
from typing import TYPE_CHECKING, TextIO

from degoogle.engine.events import (
    BytesMoved,
    Event,
    ItemFinished,
    ItemRetrying,
    PlanFinished,
    PlanProgress,
    RunStarted,
    RunStateChanged,
)
from degoogle.engine.localized import number_text, size_text
from degoogle.engine.reasons import reason
from degoogle.wording import N_, N_plural, translate, translate_plural

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from degoogle.targets.nextcloud.calendar_limits import CalendarRoom

#: what the command line says, in English: the source strings of the catalogues (``degoogle/wording.py``),
#: translated when said (the wizard has its own Qt translations)
MESSAGES: dict[str, str] = {
    "listing": N_("listing: {items}, {size}"),
    "planned": N_("plan: {found} ({size}), {m} to move ({msize})"),
    "next": N_("To move: {items} ({msize}). Next: degoogle run --journal {journal}"),
    "to_move": N_("to move: {items} ({size}); already done: {done}"),
    "retrying": N_("  retrying {path} in {delay}\u00a0s ({why})"),
    "progress": N_("{done}/{items}, {moved} of {size}, {rate}/s{eta}"),
    "eta": N_(", about {minutes}\u00a0min left"),
    "paused": N_("paused"),
    "waiting": N_("waiting"),
    "stopping": N_("stopping"),
    "goes_on_at": N_("goes on by itself at {at}"),
    "calendars_wait": N_("{n} calendars to make: your hoster allows {per} new ones every {period}, so the move will "
                         "wait about {wait} for them (it goes on by itself)."),
    "calendars_over_merge": N_("Your hoster holds only {room} more calendars: the events of the other {left} will go "
                               "into existing calendars; the report names them (to leave them out instead: plan again"
                               " with --calendars-over-limit leave_out)."),
    "calendars_over_leave_out": N_("Your hoster holds only {room} more calendars: as chosen, the events of the other "
                                   "{left} will be left out; the report names them."),
    "stopped": N_("Stopped. Resume with: degoogle run --journal {journal}"),
    "html": N_("HTML report: {path}"),
    "no_keep_awake": N_("This computer could not be kept awake automatically: set it not to sleep until the move is "
                        "over (it resumes after a sleep, but makes no progress during it)."),
    "no_room": N_("You are moving {moving}; your account has {free} free. Free some space at your hoster or ask for "
                  "more, choose less to move (degoogle plan --only …), or go on until it is full (degoogle run "
                  "--journal {journal} --until-full)."),
    "checked": N_("checked: {n}; as expected: {ok}; to look at: {bad}"),
    "demo_archive": N_("Sample Takeout archive: {parts}"),
    "demo_server": N_("Local Nextcloud-shaped server: {url} (account {user})"),
    "demo_files": N_("Files as the server holds them: {path}"),
    "no_display": N_("No screen to show the wizard on here: running the same practice move in this terminal."),
    "no_display_wizard": N_("No screen to show the wizard on here. On a server, use the commands instead (degoogle "
                            "--help), or degoogle demo to try."),
}


#: counted nouns (``{n}`` is the number, grouped the language's way), by each language's plural rule
PLURALS: dict[str, tuple[str, str]] = {
    "items": N_plural("{n} item", "{n} items"),
    "found": N_plural("{n} item found", "{n} items found"),
}


def say(lang: str, key: str, **values: object) -> str:
    """A command-line message in ``lang`` (English when the language is unknown); whole numbers among
    ``values`` are written with the language's digit grouping."""
    shown = {k: number_text(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
             for k, v in values.items()}
    return translate(lang, MESSAGES[key]).format(**shown)


def count_text(lang: str, noun: str, n: int) -> str:
    """``n`` and ``noun`` (a key of PLURALS) agreeing: "1 élément", "15 000 éléments", "2 items"."""
    return translate_plural(lang, PLURALS[noun], n).format(n=number_text(n, lang))


def human_bytes(n: float, lang: str = "en") -> str:
    """``1.8 MB`` in English, ``1,8 Mo`` in French, ``1,8 MB`` in Dutch (decimal units, as disks and
    hosters count), the unit held to its number by a no-break space."""
    return size_text(n, lang)


class ConsoleProgress:
    """An event sink for the CLI. ``fancy`` (a terminal) draws a bar; otherwise prints a line every
    ``every`` seconds and one per problem, which reads well in an overnight log file."""

    def __init__(self, lang: str = "en", out: TextIO | None = None, fancy: bool | None = None,
                 every: float = 10.0) -> None:
        self.out = out or sys.stdout
        self.lang = lang
        self.fancy = self.out.isatty() if fancy is None else fancy
        self.every = every
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._total_items = self._done_items = 0
        self._total_bytes = self._done_bytes = 0
        self._started = time.monotonic()
        self._last_line = 0.0
        self._start_bytes = 0

    def __enter__(self) -> ConsoleProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._progress is not None:
                self._progress.stop()
                self._progress = None

    def _print(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.out, flush=True)

    def __call__(self, event: Event) -> None:
        with self._lock:
            self._handle(event)

    def _handle(self, event: Event) -> None:
        if isinstance(event, PlanProgress):
            if not self.fancy and time.monotonic() - self._last_line > self.every:
                self._last_line = time.monotonic()
                self._print(say(self.lang, "listing", items=count_text(self.lang, "items", event.found),
                                size=human_bytes(event.bytes, self.lang)))
        elif isinstance(event, PlanFinished):
            self._print(say(self.lang, "planned", found=count_text(self.lang, "found", event.found),
                            size=human_bytes(event.bytes, self.lang),
                            m=event.to_move, msize=human_bytes(event.bytes_to_move, self.lang)))
        elif isinstance(event, RunStarted):
            self._total_items, self._done_items = event.total_items, event.done_items
            self._total_bytes, self._done_bytes = event.total_bytes, event.done_bytes
            self._start_bytes = event.done_bytes
            self._started = time.monotonic()
            left = event.total_items - event.done_items
            self._print(say(self.lang, "to_move", items=count_text(self.lang, "items", left),
                            size=human_bytes(event.total_bytes - event.done_bytes, self.lang), done=event.done_items))
            if self.fancy:
                # rich is imported for a bar on a terminal only: a listing or a log file never draws one
                from rich.console import Console
                from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

                self._progress = Progress(
                    # sizes and counts in the reader's language ("1,8 Mo", "15 000"), not rich's English units
                    TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[sizes]}"),
                    TimeRemainingColumn(), console=Console(file=self.out), transient=False,
                )
                self._progress.start()
                self._task = self._progress.add_task("moving", total=max(1, event.total_bytes),
                                                     completed=event.done_bytes, sizes=self._sizes())
        elif isinstance(event, BytesMoved):
            self._done_bytes += event.bytes
            if self._progress is not None and self._task is not None:
                self._progress.update(self._task, completed=self._done_bytes, sizes=self._sizes())
        elif isinstance(event, ItemFinished):
            self._done_items += 1
            if event.state in ("quarantined", "failed") or event.outcome == "kept_both":
                self._print(f"  ! {event.path}{self._colon()}{reason(event.reason).text(self.lang)}")
            if self._progress is not None and self._task is not None:
                self._progress.update(self._task, description=f"{number_text(self._done_items, self.lang)}/"
                                                              f"{number_text(self._total_items, self.lang)}")
            elif time.monotonic() - self._last_line > self.every:
                self._last_line = time.monotonic()
                self._print(self._line())
        elif isinstance(event, ItemRetrying):
            if not self.fancy:
                self._print(say(self.lang, "retrying", path=event.path, delay=max(1, round(event.delay)),
                                why=reason(event.reason).text(self.lang)))
        elif isinstance(event, RunStateChanged) and event.state in ("paused", "waiting", "stopping"):
            text = reason(event.reason).text(self.lang) if event.reason else ""
            if event.until is not None:
                at = time.strftime("%H:%M:%S", time.localtime(event.until))
                goes_on = say(self.lang, "goes_on_at", at=at)
                text = f"{text} ({goes_on})" if text else goes_on
            self._print(say(self.lang, event.state) + (f"{self._colon()}{text}" if text else ""))

    def _colon(self) -> str:
        # French holds the colon to the word before it with a no-break space (the catalogue's ": ")
        return translate(self.lang, N_(": "))

    def _sizes(self) -> str:
        return f"{human_bytes(self._done_bytes, self.lang)}/{human_bytes(self._total_bytes, self.lang)}"

    def _line(self) -> str:
        elapsed = max(0.001, time.monotonic() - self._started)
        rate = (self._done_bytes - self._start_bytes) / elapsed
        left = max(0, self._total_bytes - self._done_bytes)
        eta = say(self.lang, "eta", minutes=max(1, round(left / rate / 60))) if rate > 0 else ""
        return say(self.lang, "progress", done=self._done_items,
                   items=count_text(self.lang, "items", self._total_items),
                   moved=human_bytes(self._done_bytes, self.lang), size=human_bytes(self._total_bytes, self.lang),
                   rate=human_bytes(rate, self.lang),
                   eta=eta)


def _span(seconds: float) -> str:
    """A duration as the CLI says it in every language: ``45 s``, ``60 min``."""
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def calendar_room_lines(room: CalendarRoom | None, over_limit: str, lang: str) -> list[str]:
    """What the hoster's limits on making calendars mean for this move, in ``lang`` (none: nothing)."""
    if room is None:
        return []
    lines = []
    if room.waits:
        lines.append(say(lang, "calendars_wait", n=room.to_make, per=room.limits.per_period,
                         period=_span(room.limits.period), wait=_span(room.wait_seconds)))
    if room.left_over:
        key = "calendars_over_leave_out" if over_limit == "leave_out" else "calendars_over_merge"
        lines.append(say(lang, key, room=room.limits.room(room.existing), left=room.left_over))
    return lines
