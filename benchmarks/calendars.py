"""Speed and memory of moving calendars and contacts into a CalDAV/CardDAV server: degoogle against
vdirsyncer and against the server's own limit, on Radicale and on Xandikos.

    .venv/bin/python benchmarks/calendars.py [--events 2000] [--calendars 5] [--contacts 1000]
                                             [--servers radicale,xandikos] [--workers 4] [--keep]

Run it with the project's virtualenv Python; vdirsyncer comes with ``pip install -e .[bench]``. It prints
figures and PASS/FAIL against the issue's targets (exit code 1 when one fails); it is not a test.

What is moved
    ``--events`` events spread over ``--calendars`` ``.ics`` files (Google's export shape: METHOD, VTIMEZONEs
    in the file, three time zones, a weekly event with a moved occurrence every tenth UID, all-day events,
    alarms, invitations) and ``--contacts`` vCards 3.0 in one ``.vcf`` (two e-mails, phones, address, note,
    non-ASCII names). The files are made once and read by every mover.

Who moves it (each against a fresh server process, into collections of its own)
    degoogle    the engine as ``degoogle plan`` + ``degoogle run --workers 4`` drive it, from ``ics:DIR`` then
                ``vcf:FILE`` into ``DavTarget`` (the Nextcloud target without the Nextcloud parts: the CLI's
                ``nextcloud:`` target also wants the files endpoint, which a bare Radicale has not). The
                figure is plan + run (files read, split, converted, journal written, collections made by
                discovery, every PUT with ``If-None-Match``, verification not included).
    vdirsyncer  ``vdirsyncer sync`` of one pair per file: a ``singlefile`` storage (the same ``.ics``/
                ``.vcf``) to a ``caldav``/``carddav`` storage at a collection made beforehand (untimed).
    limit       the server's own limit: the same resources (split beforehand, untimed) PUT one after
                another with plain ``requests`` (``If-None-Match: *``, one keep-alive session).

Each mover runs in its own process, started by ``files.py``'s launcher, so its peak RSS is its own
(psutil poll every 20 ms and ``wait4``'s ``ru_maxrss``). After each run the collections are listed on the
server: the count must be exactly the number of items, else the run is marked WRONG.

Targets (issue 4): degoogle >= 1.5x vdirsyncer's items/s, >= 0.9x the server's limit, peak RSS < 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from files import LAUNCHER, RssPoller  # noqa: E402 - the sibling benchmark's launcher and RSS poller

RSS_TARGET_MB = 200.0
VDIRSYNCER_TARGET = 1.5
LIMIT_TARGET = 0.9
USER, PASSWORD = "marie", "bench-calendars-pw"
ZONES = ("Europe/Paris", "America/New_York", "Asia/Tokyo")
CRLF = "\r\n"


# --- data -----------------------------------------------------------------------------------------------


def _vtimezones() -> str:
    import zoneinfo

    from vobject.icalendar import TimezoneComponent

    from degoogle.convert.ical import unfold  # the VTIMEZONEs Google writes come from tzdata, as here

    out = []
    for zone in ZONES:
        text = TimezoneComponent(tzinfo=zoneinfo.ZoneInfo(zone)).serialize()
        out.extend(line if not line.startswith("TZID") else f"TZID:{zone}" for _n, line in unfold(text))
    return CRLF.join(out) + CRLF


def make_calendar(index: int, count: int, rng: random.Random) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:Agenda {index} été",
             "X-WR-TIMEZONE:Europe/Paris"]
    body = [CRLF.join(lines) + CRLF, _vtimezones()]
    for i in range(count):
        uid = f"bench-{index}-{i:05d}-{uuid.UUID(int=rng.getrandbits(128))}@google.com"
        zone = ZONES[i % 3]
        month, day, hour = 1 + i % 12, 1 + i % 28, 8 + i % 10
        event = ["BEGIN:VEVENT"]
        if i % 7 == 0:
            event += [f"DTSTART;VALUE=DATE:2026{month:02d}{day:02d}", f"DTEND;VALUE=DATE:2026{month:02d}{day:02d}"]
            event[-1] = f"DTEND;VALUE=DATE:2026{month:02d}{min(day + 1, 28):02d}"
        else:
            event += [f"DTSTART;TZID={zone}:2026{month:02d}{day:02d}T{hour:02d}0000",
                      f"DTEND;TZID={zone}:2026{month:02d}{day:02d}T{hour + 1:02d}0000"]
        event += ["DTSTAMP:20261120T101010Z", f"UID:{uid}", f"CREATED:20250101T{hour:02d}0000Z",
                  f"SUMMARY:Réunion {i} — équipe {rng.choice(['Nord', 'Sud', 'Été', 'Hiver'])}",
                  f"DESCRIPTION:Ordre du jour\\n1. point {i}\\n2. questions diverses\\, à préparer",
                  f"LOCATION:Salle {rng.randrange(1, 40)}\\, Liège", "STATUS:CONFIRMED", "TRANSP:OPAQUE"]
        if i % 10 == 0:
            event.append("RRULE:FREQ=WEEKLY;COUNT=12")
        if i % 5 == 0:
            event += ["ORGANIZER;CN=Marie Dupont:mailto:marie@example.org",
                      "ATTENDEE;CN=Karim;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:karim@example.org"]
        if i % 3 == 0:
            event += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER:-PT30M", "END:VALARM"]
        event.append("END:VEVENT")
        body.append(CRLF.join(event) + CRLF)
        if i % 10 == 0 and i % 7 != 0:
            body.append(CRLF.join([
                "BEGIN:VEVENT", f"DTSTART;TZID={zone}:2026{month:02d}{day:02d}T{hour:02d}3000",
                f"DTEND;TZID={zone}:2026{month:02d}{day:02d}T{hour + 1:02d}3000", "DTSTAMP:20261120T101010Z",
                f"UID:{uid}", f"RECURRENCE-ID;TZID={zone}:2026{month:02d}{day:02d}T{hour:02d}0000",
                f"SUMMARY:Réunion {i} (déplacée)", "END:VEVENT"]) + CRLF)
    body.append("END:VCALENDAR" + CRLF)
    return "".join(body)


def make_contacts(count: int, rng: random.Random) -> str:
    given = ["Léa", "Zoë", "Jürgen", "Karim", "Ånne", "Noël", "Chloé", "Bruno"]
    family = ["Dupont", "Müller", "Benali", "Ångström", "Lefèvre", "Nguyễn", "O'Brien", "Van den Berg"]
    out = []
    for i in range(count):
        g, f = rng.choice(given), rng.choice(family)
        out.append(CRLF.join([
            "BEGIN:VCARD", "VERSION:3.0", f"FN:{g} {f} {i}", f"N:{f};{g} {i};;;",
            f"UID:{uuid.UUID(int=rng.getrandbits(128))}", f"EMAIL;TYPE=INTERNET;TYPE=HOME:{g.lower()}{i}@example.org",
            f"EMAIL;TYPE=INTERNET;TYPE=WORK:{i}@travail.example.org", f"TEL;TYPE=CELL:+32 470 {i:06d}",
            f"ADR;TYPE=HOME:;;Rue {i};Liège;;4000;Belgique", f"NOTE:Contact n°{i}\\, ajouté en 2019.",
            "CATEGORIES:myContacts", "END:VCARD"]) + CRLF)
    return "".join(out)


def make_data(root: Path, events: int, calendars: int, contacts: int) -> tuple[int, int]:
    """Write the files; return ``(calendar resources, contacts)`` (a moved occurrence shares its UID)."""
    rng = random.Random(4)
    (root / "calendars").mkdir(parents=True)
    per = [events // calendars + (1 if i < events % calendars else 0) for i in range(calendars)]
    for index, count in enumerate(per):
        (root / "calendars" / f"agenda-{index}.ics").write_text(make_calendar(index, count, rng), encoding="utf-8")
    (root / "contacts.vcf").write_text(make_contacts(contacts, rng), encoding="utf-8")
    return events, contacts


# --- servers ---------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    name: str
    url: str
    user: str
    password: str
    process: subprocess.Popen[bytes]

    def cpu_seconds(self) -> float:
        import psutil

        with suppress(psutil.Error):
            times = psutil.Process(self.process.pid).cpu_times()
            return float(times.user + times.system)
        return 0.0


@contextmanager
def server(name: str, root: Path) -> Iterator[Server]:
    root.mkdir(parents=True)
    port = free_port()
    if name == "radicale":
        (root / "users").write_text(f"{USER}:{PASSWORD}\n")
        (root / "config").write_text(
            f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = htpasswd\nhtpasswd_filename = {root / 'users'}\n"
            f"htpasswd_encryption = plain\n[storage]\nfilesystem_folder = {root / 'collections'}\n"
            "[logging]\nlevel = warning\n")
        cmd = [sys.executable, "-m", "radicale", "--config", str(root / "config")]
        user, password = USER, PASSWORD
    else:
        cmd = [sys.executable, "-m", "xandikos", "serve", "-d", str(root / "data"), "--defaults", "-l", "127.0.0.1",
               "-p", str(port)]
        user = password = ""
    with (root / "server.log").open("wb") as log:
        process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{name} did not start") from None
                time.sleep(0.1)
        yield Server(name, f"http://127.0.0.1:{port}/", user, password, process)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the movers, each in its own process (``--child``) ----------------------------------------------------


def child_degoogle(args: argparse.Namespace) -> dict[str, float]:
    from degoogle.convert.names import NameRules
    from degoogle.engine.journal import Journal
    from degoogle.engine.plan import Planner, PlanOptions
    from degoogle.engine.run import Runner
    from degoogle.model import Kind, State
    from degoogle.specs import open_source
    from degoogle.targets.nextcloud.groupware import DavTarget

    kinds = frozenset({Kind.CALENDAR, Kind.CONTACTS})
    data = Path(args.data)
    planned = ran = 0.0
    done = 0
    target = DavTarget(args.url, args.user, args.password, parallel_writes=args.parallel_writes)
    for n, spec in enumerate((f"ics:{data / 'calendars'}", f"vcf:{data / 'contacts.vcf'}")):
        journal = Journal.create(Path(args.journal) / f"j{n}.db")
        source = open_source(spec)
        t0 = time.perf_counter()
        Planner(journal, source, PlanOptions(kinds, kinds, "", NameRules.nextcloud_default())).plan()
        t1 = time.perf_counter()
        result = Runner(journal, source, [target], workers=args.workers).run()
        t2 = time.perf_counter()
        assert result.state == "finished", result
        planned += t1 - t0
        ran += t2 - t1
        done += sum(1 for _ in journal.items(states=[State.DONE]))
        source.close()
        journal.close()
    target.close()
    return {"plan": planned, "run": ran, "done": done}


def child_limit(args: argparse.Namespace) -> dict[str, float]:
    import requests

    from degoogle.convert.ical import resource_name as ics_name
    from degoogle.convert.ical import split_calendar
    from degoogle.convert.vcard import resource_name as vcf_name
    from degoogle.convert.vcard import split_vcards

    collections = json.loads(args.collections)
    work: list[tuple[str, str, str]] = []
    for path in sorted((Path(args.data) / "calendars").glob("*.ics")):
        url = collections[path.name]
        for r in split_calendar(path.read_text(encoding="utf-8")).resources:
            work.append((url + ics_name(r.uid), r.text, "text/calendar"))
    for card in split_vcards((Path(args.data) / "contacts.vcf").read_text(encoding="utf-8")).cards:
        work.append((collections["contacts.vcf"] + vcf_name(card.uid), card.text, "text/vcard"))
    session = requests.Session()
    if args.user:
        session.auth = (args.user, args.password)
    t0 = time.perf_counter()
    for url, text, mime in work:
        response = session.put(url, data=text.encode("utf-8"),
                               headers={"If-None-Match": "*", "Content-Type": f"{mime}; charset=utf-8"})
        response.raise_for_status()
    return {"run": time.perf_counter() - t0, "done": len(work)}


# --- measuring -------------------------------------------------------------------------------------------


@dataclass
class Run:
    server: str
    mover: str
    items: int
    seconds: float
    rss_mb: float | None
    cpu_s: float | None
    server_cpu_s: float
    on_server: int
    detail: str = ""

    @property
    def per_second(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    @property
    def ok(self) -> bool:
        return self.on_server == self.items


def measure(cmd: Sequence[str], log: Path, srv: Server) -> tuple[float, float | None, float | None, float, int]:
    """``(wall s, peak RSS MB, CPU s, server CPU s, exit code)`` of ``cmd`` run under the launcher."""
    out = log.with_suffix(".rusage")
    cpu0 = srv.cpu_seconds()
    with log.open("wb") as log_file:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(out), *cmd], stdout=log_file,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        poller = RssPoller(proc.pid)
        poller.start()
        code = proc.wait()
        wall = time.perf_counter() - started
        poller.stop()
    rss: float | None = poller.peak / 2**20 if poller.samples else None
    cpu: float | None = None
    with suppress(OSError, ValueError):
        _pid, maxrss, utime, stime, wall_s = out.read_text().split()
        rss = max(rss or 0.0, int(maxrss) / 1024)
        cpu, wall = float(utime) + float(stime), float(wall_s)
    return wall, rss, cpu, srv.cpu_seconds() - cpu0, code


def count_on_server(srv: Server) -> int:
    from degoogle.targets.nextcloud.dav import DavCollections

    dav = DavCollections(srv.url, srv.user, srv.password)
    return sum(len(dav.list(c)) for c in [*dav.calendars(), *dav.addressbooks()])


def make_collections(srv: Server, data: Path) -> dict[str, str]:
    """A calendar per ``.ics`` and an address book, for the movers that need them made beforehand."""
    from degoogle.targets.nextcloud.dav import DavCollections

    dav = DavCollections(srv.url, srv.user, srv.password)
    made = {p.name: dav.ensure_calendar(p.stem).url for p in sorted((data / "calendars").glob("*.ics"))}
    made["contacts.vcf"] = dav.ensure_addressbook("contacts").url
    return {k: v if v.endswith("/") else v + "/" for k, v in made.items()}


def vdirsyncer_config(work: Path, data: Path, srv: Server, collections: dict[str, str]) -> Path:
    auth = f'username = "{srv.user}"\npassword = "{srv.password}"\n' if srv.user else ""
    parts = [f'[general]\nstatus_path = "{work / "status"}"\n']
    for n, (name, url) in enumerate(sorted(collections.items())):
        local = data / "calendars" / name if name.endswith(".ics") else data / name
        kind = "caldav" if name.endswith(".ics") else "carddav"
        parts.append(
            f'[pair p{n}]\na = "p{n}_local"\nb = "p{n}_remote"\ncollections = null\n'
            f'conflict_resolution = "a wins"\n\n'
            f'[storage p{n}_local]\ntype = "singlefile"\npath = "{local}"\n\n'
            f'[storage p{n}_remote]\ntype = "{kind}"\nurl = "{url}"\n{auth}')
    config = work / "vdirsyncer.conf"
    config.write_text("\n".join(parts), encoding="utf-8")
    return config


def run_mover(mover: str, name: str, work: Path, data: Path, items: int, workers: int,
              parallel_writes: int) -> Run:
    with server(name, work / f"{name}-{mover}") as srv:
        log = work / f"{name}-{mover}.log"
        me = [sys.executable, str(Path(__file__).resolve())]
        common = ["--url", srv.url, "--user", srv.user, "--password", srv.password, "--data", str(data)]
        if mover == "degoogle":
            journal = work / f"{name}-journal"
            journal.mkdir()
            cmd = [*me, "--child", "degoogle", *common, "--journal", str(journal), "--workers", str(workers),
                   "--parallel-writes", str(parallel_writes)]
        elif mover == "limit":
            cmd = [*me, "--child", "limit", *common, "--collections", json.dumps(make_collections(srv, data))]
        else:
            config = vdirsyncer_config(work / f"{name}-{mover}", data, srv, make_collections(srv, data))
            vdirsyncer = shutil.which("vdirsyncer", path=str(Path(sys.executable).parent)) or "vdirsyncer"
            subprocess.run([vdirsyncer, "-c", str(config), "discover"], check=True, capture_output=True,
                           input=b"y\n" * 20)
            cmd = [vdirsyncer, "-c", str(config), "sync"]
        wall, rss, cpu, server_cpu, code = measure(cmd, log, srv)
        detail = ""
        if mover in ("degoogle", "limit") and code == 0:
            figures = json.loads(log.read_text().strip().splitlines()[-1])
            detail = ", ".join(f"{k} {v:.1f}s" for k, v in figures.items() if k != "done")
            if mover == "limit":
                wall = figures["run"]  # the PUTs alone: splitting the files is not the server's time
        on_server = count_on_server(srv) if code == 0 else -1
        return Run(name, mover, items, wall, rss, cpu, server_cpu, on_server, detail)


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "—" if value is None else format(value, spec)


def report(runs: list[Run]) -> bool:
    print(f"\n{'server':9} {'mover':10} {'items':>6} {'time s':>7} {'items/s':>8} {'peak RSS MB':>11} "
          f"{'CPU s':>6} {'srv CPU s':>9}  check  detail")
    for r in runs:
        print(f"{r.server:9} {r.mover:10} {r.items:6d} {r.seconds:7.1f} {r.per_second:8.1f} {fmt(r.rss_mb):>11} "
              f"{fmt(r.cpu_s):>6} {r.server_cpu_s:9.1f}  {'ok' if r.ok else 'WRONG'}   {r.detail}")
    passed = True
    print()
    for name in dict.fromkeys(r.server for r in runs):
        by = {r.mover: r for r in runs if r.server == name}
        ours = by.get("degoogle")
        if ours is None:
            continue
        checks = [(ours.ok, f"all {ours.items} items on the server")]
        if ours.rss_mb is not None:
            checks.append((ours.rss_mb < RSS_TARGET_MB, f"peak RSS {ours.rss_mb:.0f} MB < {RSS_TARGET_MB:.0f} MB"))
        for mover, target in (("vdirsyncer", VDIRSYNCER_TARGET), ("limit", LIMIT_TARGET)):
            other = by.get(mover)
            if other is not None and other.per_second:
                ratio = ours.per_second / other.per_second
                checks.append((ratio >= target, f"{ratio:.2f}x {mover} (target >= {target}x)"))
        for ok, text in checks:
            passed &= ok
            print(f"{name:9} {'PASS' if ok else 'FAIL'}  degoogle {text}")
    return passed


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--events", type=int, default=2000)
    p.add_argument("--calendars", type=int, default=5)
    p.add_argument("--contacts", type=int, default=1000)
    p.add_argument("--servers", default="radicale,xandikos")
    p.add_argument("--movers", default="limit,degoogle,vdirsyncer")
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--parallel-writes", type=int, default=1, help="PUTs at once to the server (DavTarget)")
    p.add_argument("--workdir", type=Path)
    p.add_argument("--keep", action="store_true")
    # child mode (one mover in its own process)
    p.add_argument("--child", choices=("degoogle", "limit"), help=argparse.SUPPRESS)
    for name in ("--url", "--user", "--password", "--data", "--journal", "--collections"):
        p.add_argument(name, default="", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        figures = child_degoogle(args) if args.child == "degoogle" else child_limit(args)
        print(json.dumps(figures))
        return 0
    work = Path(tempfile.mkdtemp(prefix="degoogle-calendars-", dir=args.workdir))
    try:
        data = work / "data"
        events, contacts = make_data(data, args.events, args.calendars, args.contacts)
        items = events + contacts
        print(f"{events} events in {args.calendars} calendars + {contacts} contacts "
              f"({sum(p.stat().st_size for p in data.rglob('*') if p.is_file()) / 1e6:.1f} MB of .ics/.vcf); "
              f"{os.cpu_count()} CPUs, Python {platform.python_version()}; work dir {work}")
        runs: list[Run] = []
        for name in args.servers.split(","):
            for mover in args.movers.split(","):
                run = run_mover(mover, name, work, data, items, args.workers, args.parallel_writes)
                print(f"  {name} {mover}: {run.seconds:.1f} s, {run.per_second:.1f} items/s, "
                      f"{'ok' if run.ok else 'WRONG (' + str(run.on_server) + ' on the server)'}", flush=True)
                runs.append(run)
        return 0 if report(runs) else 1
    finally:
        if args.keep:
            print(f"work dir kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
