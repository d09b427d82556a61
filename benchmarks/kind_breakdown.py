"""Where the time of a move over the home link goes, per kind: for ``account.py``.

Three witnesses, each for what it can see:

* the **journal**: per kind the items, their bytes and states, and when its items were done (seconds
  from the start of the run: first and last), which shows a kind waiting for another or trailing
  alone at the end;
* the sandbox's **request log** (one line ``METHOD path status bytes_in`` per request): requests and
  bytes sent per kind of Nextcloud path (files, calendars, address books, the rest), during the plan
  and during the run;
* the **relay** (``homelink.RouteStats``): per server (Nextcloud, Dovecot) the bytes each way and the
  *turns* (a request after an answer: at least one round trip each).

The link time of a kind is its bytes up divided by the line's up rate: what it would cost alone on a
full line. Mail's bytes are the IMAP route's; the Nextcloud kinds' are their request bodies, the
headers and listings of every Nextcloud request being the row ``other``.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: request paths (after ``/remote.php/dav/``) and the kind they serve
_PATH_KINDS = (("files/", "files"), ("uploads/", "files"), ("bulk", "files"), ("calendars/", "calendar"),
               ("addressbooks/", "contacts"))


def path_kind(path: str, groupware: dict[str, str]) -> str:
    """The kind a sandbox request path serves: files, calendar, contacts, or other. ``groupware``:
    collection path → kind, learned from the resources (``.ics``, ``.vcf``) seen in them."""
    if path.startswith("/remote.php/webdav"):
        return "files"
    if path.startswith("/remote.php/dav/"):
        rest = path[len("/remote.php/dav/"):]
        found = next((kind for start, kind in _PATH_KINDS if rest.startswith(start)), None)
        if found is not None:
            return found
        return groupware.get(path.rstrip("/").rsplit("/", 1)[0] if "." in path.rsplit("/", 1)[-1]
                             else path.rstrip("/"), "other")
    return "other"


def _learn(path: str, method: str, groupware: dict[str, str]) -> None:
    """Note which collection a groupware request shows to be a calendar or an address book."""
    folder, _, name = path.rstrip("/").rpartition("/")
    if name.endswith(".ics"):
        groupware[folder] = "calendar"
    elif name.endswith(".vcf"):
        groupware[folder] = "contacts"
    elif method == "MKCALENDAR":
        groupware[path.rstrip("/")] = "calendar"


@dataclass
class Requests:
    """Requests and request-body bytes per kind, and per kind and method."""

    count: Counter[str] = field(default_factory=Counter)
    bytes_in: Counter[str] = field(default_factory=Counter)
    methods: dict[str, Counter[str]] = field(default_factory=dict)

    def methods_of(self, kind: str) -> str:
        found = self.methods.get(kind, Counter())
        return " ".join(f"{m}:{n}" for m, n in found.most_common())


def read_requests(log: Path, skip: int = 0) -> tuple[Requests, int]:
    """The requests of the sandbox's log after its first ``skip`` lines; also the number of lines."""
    seen = Requests()
    if not log.is_file():
        return seen, 0
    records = []
    groupware: dict[str, str] = {}
    with log.open(encoding="utf-8") as f:
        for line in f:
            method, rest = line.split(" ", 1)
            path, _status, length = rest.rstrip("\n").rsplit(" ", 2)
            records.append((method, path, int(length)))
            _learn(path, method, groupware)
    for method, path, size in records[skip:]:
        kind = path_kind(path, groupware)
        seen.count[kind] += 1
        seen.bytes_in[kind] += size
        seen.methods.setdefault(kind, Counter())[method] += 1
    return seen, len(records)


@dataclass(frozen=True)
class KindInJournal:
    items: int
    bytes: int
    states: str
    first_done_s: float | None
    last_done_s: float | None


def journal_kinds(journal: Path) -> dict[str, KindInJournal]:
    """Per kind: items, bytes, ``state:count``, and when its first and last item was done, in seconds
    from the start of the last run."""
    with sqlite3.connect(journal) as db:
        started = db.execute("SELECT MAX(started_at) FROM runs").fetchone()[0] or 0.0
        tallies: dict[str, tuple[int, int, str]] = {}
        for kind, state, count, size in db.execute(
                "SELECT kind, state, COUNT(*), COALESCE(SUM(size), 0) FROM items GROUP BY kind, state"):
            n, b, states = tallies.get(kind, (0, 0, ""))
            tallies[kind] = (n + count, b + size, f"{states} {state}:{count}".strip())
        times = {kind: (first, last) for kind, first, last in db.execute(
            "SELECT kind, MIN(updated_at), MAX(updated_at) FROM items WHERE state IN ('done', 'staged') "
            "AND updated_at >= ? GROUP BY kind", (started,))}
    out: dict[str, KindInJournal] = {}
    for kind, (n, b, states) in tallies.items():
        first, last = times.get(kind, (None, None))
        out[kind] = KindInJournal(n, b, states,
                                  None if first is None else first - started,
                                  None if last is None else last - started)
    return out


def table(kinds: dict[str, KindInJournal], plan: Requests, run: Requests, imap: tuple[int, int, int, int],
          nextcloud: tuple[int, int, int, int], up_rate: float, human: Callable[[int], str]) -> list[str]:
    """The lines of the per-kind table. ``imap``/``nextcloud``: (connections, bytes up, bytes down,
    turns) of that route; ``human``: the byte formatter of ``files.py``."""
    fmt = human

    def link_s(sent: int) -> float:
        return sent / up_rate if up_rate else 0.0  # 0: no limit on the link (a CPU-bound run)

    lines = [f"{'kind':9} {'items':>6} {'bytes':>9} {'done from-to s':>15} {'requests':>9} {'sent':>9} "
             f"{'link s':>7}  requests by method (run)"]
    shown = set()
    for kind in ("files", "calendar", "contacts", "mail", "photos", "notes"):
        found = kinds.get(kind)
        if found is None:
            continue
        shown.add(kind)
        when = ("-" if found.first_done_s is None
                else f"{found.first_done_s:6.1f}-{found.last_done_s:6.1f}")
        if kind == "mail":
            sent, requests, methods = imap[1], f"{imap[3]} t", f"IMAP: {imap[0]} connections, {imap[3]} turns"
        else:
            sent, requests, methods = run.bytes_in[kind], str(run.count[kind]), run.methods_of(kind)
        lines.append(f"{kind:9} {found.items:6} {fmt(found.bytes):>9} {when:>15} {requests:>9} "
                     f"{fmt(sent):>9} {link_s(sent):7.1f}  {methods}")
    body = sum(run.bytes_in[k] for k in shown if k != "mail") + sum(plan.bytes_in.values())
    other = max(0, nextcloud[1] - body)
    lines.append(f"{'other':9} {'':6} {'':9} {'':>15} {run.count['other']:9} {fmt(other):>9} "
                 f"{link_s(other):7.1f}  Nextcloud headers, listings, discovery; run: {run.methods_of('other')}")
    lines.append(f"plan: {sum(plan.count.values())} Nextcloud requests ("
                 + ", ".join(f"{k} {n}" for k, n in plan.count.most_common()) + f"); Nextcloud route: "
                 f"{nextcloud[0]} connections, {nextcloud[3]} turns, {fmt(nextcloud[1])} up, "
                 f"{fmt(nextcloud[2])} down")
    return lines
