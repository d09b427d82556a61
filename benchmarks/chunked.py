"""Chunked upload v2 of one big file into the sandbox: straight, then killed at 50 % and resumed.

    python benchmarks/chunked.py [--size BYTES] [--workdir DIR] [--keep] [--port N] [--timeout S]

Run it with the project's virtualenv Python (``.venv/bin/python``): the sandbox server and the
``degoogle`` command are taken from there. Figures, not a test: it prints PASS/FAIL against the targets
below and exits 1 when one fails, 2 when the sandbox has no chunked upload endpoint (a ``MKCOL`` on
``/remote.php/dav/uploads/<user>/…`` answering 404). ``benchmarks/files.py`` runs it at its end
(``--chunked-size``).

What is moved
    One file of ``--size`` bytes (default 2 GB = 2,000,000,000 bytes) of seeded pseudo-random bytes
    (incompressible), written 8 MiB at a time (never held in memory), its SHA-1 taken as it is written;
    from a local folder to one sandbox server, a separate process (``python -m degoogle.sandbox
    --request-log FILE``: one line ``METHOD path status bytes_in`` per request, ``bytes_in`` being the
    body bytes the server actually read), with ``degoogle plan folder:SRC
    nextcloud:http://bench@127.0.0.1:PORT --journal J --into X`` then ``degoogle run --journal J``.
    degoogle sends a file over 10 MiB with chunked upload v2 (``targets/nextcloud/chunked.py``):
    ``MKCOL /remote.php/dav/uploads/<user>/<id>``, one ``PUT …/<id>/<n>`` per 10 MiB chunk, then
    ``MOVE …/<id>/.file``; the upload id and the chunks done are kept in the journal's ``uploads`` table.

What is measured
    1. Straight run, into ``chunked-straight``: wall time of ``degoogle run`` (its end-of-run
       verification included) and MB/s (MB = 10**6 bytes); peak RSS of the ``degoogle run`` process,
       the larger of a psutil poll every 20 ms and ``ru_maxrss`` from ``wait4`` (the process is started
       by ``files.py``'s tiny launcher, so that this script's own memory does not leak into the
       figure); CPU seconds of the run and of the server; the requests the server logged during the
       run (chunk PUTs: count, statuses, bytes; the MOVE of ``.file``); correctness: the SHA-1 of the
       file on the server's disk (``ROOT/data/bench/files/X/…``) against the source's, and no upload
       folder left on the server.
    2. Kill at 50 % and resume, into a fresh ``chunked-resume``: ``degoogle run`` is started, its
       journal is polled (read-only sqlite, ``SELECT MAX(chunks_done) FROM uploads``, every 20 ms)
       until half the chunks are done, then the process is killed (SIGKILL: ``kill -9``); then
       ``degoogle run`` again, to completion. Bytes re-sent = the ``bytes_in`` of every PUT under
       ``/remote.php/dav/uploads/`` logged during both runs, whatever its status, minus the file size.
       A PUT cut by the kill is logged too (the sandbox answers it 400 once its body ends short), with
       the bytes the server had read; what was still in the socket buffers when the client died is not
       counted (it never reached the server). Also: the chunks on the server's disk after the kill,
       the chunk numbers the second run sent, whether it kept the first run's upload id, its time, peak
       RSS and how much of the source it read (``read_chars`` of ``/proc/PID/io``, last 20 ms poll:
       a resume reads the whole file again, to hash it), and correctness as in 1.
    3. Machine facts: nproc, RAM, Python, degoogle and requests versions.

Targets: peak RSS of ``degoogle run`` < 150 MB (each run); bytes re-sent <= one chunk (10 MiB =
10,485,760 bytes: at most the chunk in flight when the process died); the SHA-1 on the server's disk
equals the source's in both cases.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import platform
import random
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests

from files import LAUNCHER, USER, SandboxServer, degoogle_command, human, tail, work_dir

MB = 1_000_000
MiB = 1024 * 1024
#: degoogle's chunk size (``chunked.DEFAULT_CHUNK``); the journal's ``chunk_size`` is used when it is known
CHUNK = 10 * MiB
WRITE_BLOCK = 8 * MiB
POLL_INTERVAL = 0.02
RSS_TARGET_MB = 150.0
DEFAULT_SIZE = 2_000_000_000
UPLOADS_PREFIX = "/remote.php/dav/uploads/"
CHUNK_PUT = re.compile(r"^/remote\.php/dav/uploads/[^/]+/([^/]+)/(\d+)$")
ASSEMBLE = re.compile(r"^/remote\.php/dav/uploads/[^/]+/([^/]+)/\.file$")
NO_PROXY = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy")


class NoChunkedUpload(RuntimeError):
    """The sandbox answers 404 (or anything but 201) to a MKCOL on its uploads endpoint."""


# --- the source --------------------------------------------------------------------------------------


def make_file(path: Path, size: int, seed: int = 3) -> str:
    """Write ``size`` seeded pseudo-random bytes to ``path``, ``WRITE_BLOCK`` at a time; their SHA-1."""
    rng = random.Random(seed)
    sha1 = hashlib.sha1(usedforsecurity=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    left = size
    with path.open("wb") as f:
        while left > 0:
            block = rng.randbytes(min(WRITE_BLOCK, left))
            sha1.update(block)
            f.write(block)
            left -= len(block)
    return sha1.hexdigest()


def file_sha1(path: Path) -> str:
    """SHA-1 of a file, streamed into one reused buffer."""
    sha1 = hashlib.sha1(usedforsecurity=False)
    buffer = bytearray(WRITE_BLOCK)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as f:
        while n := f.readinto(buffer):
            sha1.update(view[:n])
    return sha1.hexdigest()


# --- the server --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One line of the sandbox's request log."""

    method: str
    path: str
    status: int
    bytes_in: int
    #: seconds from the start of the run to when the line was seen in the log (polled every 20 ms)
    at: float = 0.0

    @classmethod
    def parse(cls, line: str, at: float = 0.0) -> Request | None:
        method, _, rest = line.partition(" ")
        fields = rest.rsplit(" ", 2)  # the path may hold spaces
        if len(fields) != 3 or not fields[1].isdigit() or not fields[2].isdigit():
            return None
        return cls(method, fields[0], int(fields[1]), int(fields[2]), at)

    @property
    def chunk(self) -> tuple[str, int] | None:
        """``(upload id, chunk number)`` for a chunk PUT, else None."""
        match = CHUNK_PUT.match(self.path) if self.method == "PUT" else None
        return (match.group(1), int(match.group(2))) if match else None

    @property
    def assembles(self) -> bool:
        return self.method == "MOVE" and ASSEMBLE.match(self.path) is not None


class SandboxProcess(SandboxServer):
    """``python -m degoogle.sandbox --request-log FILE`` in its own process, with a signed-in session."""

    def __init__(self, root: Path, port: int, log_path: Path, request_log: Path) -> None:
        super().__init__(root, secrets.token_urlsafe(16), port, log_path, request_log)
        self.requests_path = request_log
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.auth = (USER, self.password)

    def probe_uploads(self) -> None:
        """MKCOL (then DELETE) a throw-away upload folder; raises ``NoChunkedUpload`` unless it is 201."""
        url = f"{self.url}{UPLOADS_PREFIX}{USER}/probe-{secrets.token_hex(4)}"
        response = self.session.request("MKCOL", url, timeout=(5, 30))
        if response.status_code == 404:
            raise NoChunkedUpload("the sandbox has no chunked upload yet (MKCOL on the uploads endpoint: 404)")
        if response.status_code != 201:
            raise NoChunkedUpload(f"the sandbox's uploads endpoint answers MKCOL with HTTP {response.status_code}")
        self.session.delete(url + "/", timeout=(5, 30))

    def stop(self) -> None:
        super().stop()
        self.session.close()


# --- running degoogle --------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalUpload:
    """The journal's ``uploads`` row (the largest, if several), read-only; zeros when there is none."""

    upload_id: str = ""
    total: int = 0
    chunk_size: int = 0
    chunks_done: int = 0


def read_upload(journal: Path) -> JournalUpload:
    try:
        db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return JournalUpload()
    try:
        row = db.execute("SELECT upload_id, total, chunk_size, MAX(chunks_done) FROM uploads").fetchone()
    except sqlite3.Error:  # not created yet, locked, or being recovered
        return JournalUpload()
    finally:
        db.close()
    if not row or row[3] is None:
        return JournalUpload()
    return JournalUpload(str(row[0]), int(row[1]), int(row[2]), int(row[3]))


class LogTail(threading.Thread):
    """Reads the request log from its current end every ``POLL_INTERVAL``, stamping each new line
    with the seconds since ``started`` (``time.perf_counter``)."""

    def __init__(self, path: Path, started: float) -> None:
        super().__init__(name="log-tail", daemon=True)
        self.path = path
        self.started = started
        self.offset = path.stat().st_size if path.exists() else 0
        self.requests: list[Request] = []
        self._partial = b""
        self._stop_event = threading.Event()

    def poll(self) -> int:
        """Read what was added since the last poll; returns how many bytes that was."""
        with contextlib.suppress(FileNotFoundError), self.path.open("rb") as f:
            f.seek(self.offset)
            data = f.read()
            self.offset += len(data)
            at = time.perf_counter() - self.started
            *lines, self._partial = (self._partial + data).split(b"\n")
            self.requests += [r for r in (Request.parse(x.decode("utf-8", "replace"), at) for x in lines) if r]
            return len(data)
        return 0

    def run(self) -> None:
        while not self._stop_event.wait(POLL_INTERVAL):
            self.poll()

    def stop(self, settle: float = 0.5, limit: float = 10.0) -> list[Request]:
        """Stop polling once the log has not grown for ``settle`` s (a request cut by a kill is logged
        when the server gives up on it); every request seen."""
        self._stop_event.set()
        self.join(timeout=5)
        deadline = time.monotonic() + limit
        quiet_since = time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - quiet_since < settle:
            time.sleep(0.05)
            if self.poll():
                quiet_since = time.monotonic()
        return self.requests


class Watcher(threading.Thread):
    """Polls the launcher's child (``degoogle run``) every ``POLL_INTERVAL``: RSS, and I/O counters."""

    def __init__(self, launcher_pid: int) -> None:
        super().__init__(name="watcher", daemon=True)
        self.launcher = psutil.Process(launcher_pid)
        self.mover: psutil.Process | None = None
        self.found = threading.Event()
        self.peak_rss = 0
        self.samples = 0
        self.read_chars = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            with contextlib.suppress(psutil.Error):
                if self.mover is None:
                    children = self.launcher.children()
                    if children:
                        self.mover = children[0]
                        self.found.set()
                if self.mover is not None:
                    self.peak_rss = max(self.peak_rss, self.mover.memory_info().rss)
                    self.read_chars = self.mover.io_counters().read_chars
                    self.samples += 1
            self._stop_event.wait(POLL_INTERVAL)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)


@dataclass
class Kill:
    """How the first run of part 2 was ended."""

    after_seconds: float
    journal: JournalUpload


@dataclass
class Run:
    """One ``degoogle`` process, measured."""

    name: str
    seconds: float
    returncode: int
    log: Path
    requests: list[Request] = field(default_factory=list)
    poll_rss_mb: float | None = None
    rusage_rss_mb: float | None = None
    cpu_seconds: float | None = None
    server_cpu_seconds: float | None = None
    read_chars: int = 0
    kill: Kill | None = None
    timed_out: bool = False
    #: when its end was seen, on the timeline's clock (``seconds`` is the launcher's own, a bit shorter)
    ended_at: float = 0.0

    @property
    def peak_rss_mb(self) -> float | None:
        values = [v for v in (self.poll_rss_mb, self.rusage_rss_mb) if v is not None]
        return max(values) if values else None

    @property
    def chunk_puts(self) -> list[Request]:
        return [r for r in self.requests if r.chunk is not None]

    @property
    def upload_put_bytes(self) -> int:
        """``bytes_in`` of every PUT under the uploads endpoint, whatever its status."""
        return sum(r.bytes_in for r in self.requests if r.method == "PUT" and r.path.startswith(UPLOADS_PREFIX))

    @property
    def moves(self) -> list[Request]:
        return [r for r in self.requests if r.assembles]

    def upload_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for r in self.requests:
            if (chunk := r.chunk) is not None:
                seen.setdefault(chunk[0])
        return list(seen)


class Bench:
    """Work dir, server, environment; runs ``degoogle`` under the launcher."""

    def __init__(self, work: Path, server: SandboxProcess, degoogle: str, timeout: float) -> None:
        self.work = work
        self.server = server
        self.degoogle = degoogle
        self.timeout = timeout
        self.logs = work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if k not in NO_PROXY}
        self.env.update({"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
                         "DEGOOGLE_TARGET_PASSWORD": server.password, "NO_COLOR": "1", "TERM": "dumb"})

    @property
    def target(self) -> str:
        return f"nextcloud:http://{USER}@127.0.0.1:{self.server.port_number}"

    def plan(self, source: Path, dest: str) -> tuple[Path, Run]:
        """``degoogle plan`` into a fresh journal; returns the journal and the plan's run. Raises
        ``RuntimeError`` when it fails."""
        journal = self.work / "journals" / f"{dest}.journal"
        journal.parent.mkdir(exist_ok=True)
        run = self.measure(f"{dest}-plan", ["--lang", "en", "plan", f"folder:{source}", self.target,
                                            "--journal", str(journal), "--into", dest])
        if run.returncode != 0:
            raise RuntimeError(f"degoogle plan failed (exit {run.returncode}):\n{tail(run.log)}")
        return journal, run

    def measure(self, name: str, args: Sequence[str], kill_when: Callable[[], JournalUpload | None] | None = None
                ) -> Run:
        """Run ``degoogle ARGS`` under the launcher; time it, watch its RSS, read its rusage and the
        requests the server logged meanwhile. ``kill_when`` is polled every ``POLL_INTERVAL``: when it
        returns something (the journal's state), the process is killed (SIGKILL)."""
        log = self.logs / f"{name}.log"
        out = self.logs / f"{name}.rusage"
        os.sync()  # the generated file's dirty pages are written back now, not during the run
        server_cpu = self.server.cpu_seconds()
        kill: Kill | None = None
        timed_out = False
        with log.open("wb") as log_file:
            started = time.perf_counter()
            tail_log = LogTail(self.server.requests_path, started)
            tail_log.start()
            proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(out), self.degoogle, *args],
                                    stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    env=self.env, start_new_session=True)
            watcher = Watcher(proc.pid)
            watcher.start()
            try:
                while proc.poll() is None:
                    elapsed = time.perf_counter() - started
                    if elapsed > self.timeout:
                        timed_out = True
                        os.killpg(proc.pid, signal.SIGKILL)
                        break
                    if kill is None and kill_when is not None and watcher.mover is not None:
                        state = kill_when()
                        if state is not None:
                            kill = self._kill(watcher.mover, state, elapsed)
                    time.sleep(POLL_INTERVAL)
                returncode = proc.wait()
            finally:
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                watcher.stop()
            elapsed = time.perf_counter() - started
        run = Run(name, elapsed, returncode, log, kill=kill, timed_out=timed_out, ended_at=elapsed,
                  server_cpu_seconds=self.server.cpu_seconds() - server_cpu, read_chars=watcher.read_chars)
        if watcher.samples:
            run.poll_rss_mb = watcher.peak_rss / 2**20
        with contextlib.suppress(OSError, ValueError):
            _pid, maxrss_kib, utime, stime, wall = out.read_text().split()
            run.rusage_rss_mb = int(maxrss_kib) / 1024
            run.cpu_seconds = float(utime) + float(stime)
            run.seconds = float(wall)  # degoogle alone, without the launcher's start (~20 ms)
        run.requests = tail_log.stop()
        return run

    @staticmethod
    def _kill(mover: psutil.Process, state: JournalUpload, elapsed: float) -> Kill | None:
        try:
            mover.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            return None  # it ended by itself
        return Kill(elapsed, state)


# --- the two scenarios -------------------------------------------------------------------------------


@dataclass
class Landed:
    """What reached the server's disk for one destination folder."""

    sha1: str | None
    size: int | None
    leftover_uploads: list[str]

    def ok(self, want_sha1: str) -> bool:
        return self.sha1 == want_sha1


def landed(server: SandboxProcess, dest: str, name: str) -> Landed:
    path = server.files_dir() / dest / name
    leftovers = sorted(p.name for p in server.uploads_dir().iterdir()) if server.uploads_dir().is_dir() else []
    if not path.is_file():
        return Landed(None, None, leftovers)
    return Landed(file_sha1(path), path.stat().st_size, leftovers)


def chunk_count(total: int, chunk_size: int) -> int:
    return max(1, -(-total // chunk_size))


def ranges(numbers: Sequence[int]) -> str:
    """``1-3, 7, 9-10``: sorted numbers as ranges."""
    parts: list[str] = []
    ordered = sorted(numbers)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        parts.append(str(ordered[i]) if i == j else f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    return ", ".join(parts) or "none"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def describe_requests(run: Run) -> str:
    puts = run.chunk_puts
    statuses = Counter(r.status for r in puts)
    others = Counter(r.method for r in run.requests if r.chunk is None and not r.assembles)
    moves = ", ".join(str(r.status) for r in run.moves) or "none"
    by_status = ", ".join(f"{s}×{n}" for s, n in sorted(statuses.items())) or "-"
    return (f"{plural(len(puts), 'chunk PUT')} (status {by_status}; "
            f"{run.upload_put_bytes:,} bytes), MOVE .file: {moves}; other requests: "
            + (", ".join(f"{m} {n}" for m, n in sorted(others.items())) or "none"))


def timeline(run: Run) -> str:
    """When the server's answers were seen, from the start of the run: first and last chunk PUT
    answered, MOVE of ``.file`` answered, end of the process."""
    puts = sorted((r for r in run.chunk_puts if 200 <= r.status < 300), key=lambda r: r.at)
    if not puts:
        return f"no chunk PUT answered 2xx; exit seen at {run.ended_at:.1f} s"
    first, last = puts[0], puts[-1]
    text = f"1st chunk PUT answered at {first.at:.1f} s, last at {last.at:.1f} s"
    if len(puts) > 1 and last.at > first.at:
        rate = sum(r.bytes_in for r in puts[1:]) / MB / (last.at - first.at)
        text += f" ({plural(len(puts) - 1, 'chunk')} in {last.at - first.at:.1f} s: {rate:.0f} MB/s)"
    moves = [r for r in run.moves if r.status < 300]
    if moves:
        text += f"; MOVE .file answered at {moves[-1].at:.1f} s (assembly ≈ {moves[-1].at - last.at:.1f} s)"
    return text + f"; exit seen at {run.ended_at:.1f} s"


def run_line(run: Run) -> str:
    return (f"{run.seconds:.1f} s, peak RSS {fmt(run.peak_rss_mb)} MB (poll {fmt(run.poll_rss_mb)}, "
            f"wait4 {fmt(run.rusage_rss_mb)}), CPU {fmt(run.cpu_seconds)} s, server CPU "
            f"{fmt(run.server_cpu_seconds)} s, exit {run.returncode}{' (TIMED OUT)' if run.timed_out else ''}")


@dataclass
class Report:
    """The figures (``lines``), the targets (``verdicts``, each ending in PASS or FAIL) and ``machine``."""

    lines: list[str] = field(default_factory=list)
    verdicts: list[str] = field(default_factory=list)
    machine: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(v.endswith("FAIL") for v in self.verdicts)


def straight(bench: Bench, source: Path, name: str, size: int, sha1: str, keep: bool, report: Report) -> None:
    dest = "chunked-straight"
    journal, plan = bench.plan(source, dest)
    print("  straight run ...", end=" ", flush=True)
    run = bench.measure(f"{dest}-run", ["--lang", "en", "run", "--journal", str(journal)])
    got = landed(bench.server, dest, name)
    print(f"{run.seconds:.1f} s, exit {run.returncode}", flush=True)
    if run.returncode != 0:
        print(f"    its output ({run.log}):\n" + "\n".join("      " + x for x in tail(run.log, 15).splitlines()))
    rss = run.peak_rss_mb
    report.lines += [
        "1. straight run (degoogle run --journal J)",
        f"   {run_line(run)}",
        f"   throughput {size / MB / run.seconds:.1f} MB/s (plan before it, not counted: {plan.seconds:.1f} s)",
        f"   timeline: {timeline(run)}",
        f"   requests: {describe_requests(run)}",
        f"   on the server's disk: {fmt(got.size, ',.0f')} bytes, SHA-1 {got.sha1 or 'missing'} "
        f"({'= source' if got.ok(sha1) else '≠ source ' + sha1}); upload folders left: "
        f"{', '.join(got.leftover_uploads) or 'none'}",
    ]
    report.verdicts += [
        f"(1) peak RSS of degoogle run < {RSS_TARGET_MB:.0f} MB: {fmt(rss)} MB   "
        f"{verdict(rss is not None and rss < RSS_TARGET_MB)}",
        f"(1) file on the server = source (SHA-1), exit 0: {'yes' if got.ok(sha1) else 'no'}, exit "
        f"{run.returncode}   {verdict(got.ok(sha1) and run.returncode == 0)}",
    ]
    if not keep:
        (bench.server.files_dir() / dest / name).unlink(missing_ok=True)


def killed_and_resumed(bench: Bench, source: Path, name: str, size: int, sha1: str, report: Report) -> None:
    dest = "chunked-resume"
    journal, plan = bench.plan(source, dest)

    def half_done() -> JournalUpload | None:
        state = read_upload(journal)
        if not state.chunk_size:
            return None
        return state if state.chunks_done >= -(-chunk_count(state.total, state.chunk_size) // 2) else None

    print("  run killed at 50 % ...", end=" ", flush=True)
    first = bench.measure(f"{dest}-run1", ["--lang", "en", "run", "--journal", str(journal)], kill_when=half_done)
    print(f"{first.seconds:.1f} s, exit {first.returncode}", flush=True)
    at_kill = read_upload(journal)
    on_disk = sorted(int(p.name) for up in (bench.server.uploads_dir().iterdir()
                                            if bench.server.uploads_dir().is_dir() else [])
                     if up.is_dir() for p in up.iterdir() if p.name.isdigit())
    print("  run again ...", end=" ", flush=True)
    second = bench.measure(f"{dest}-run2", ["--lang", "en", "run", "--journal", str(journal)])
    print(f"{second.seconds:.1f} s, exit {second.returncode}", flush=True)
    if second.returncode != 0:
        print(f"    its output ({second.log}):\n" + "\n".join("      " + x for x in tail(second.log, 15).splitlines()))
    got = landed(bench.server, dest, name)

    chunk_size = at_kill.chunk_size or (first.kill.journal.chunk_size if first.kill else 0) or CHUNK
    count = chunk_count(size, chunk_size)
    sent = first.upload_put_bytes + second.upload_put_bytes
    resent = sent - size
    lines = report.lines
    lines.append(f"2. kill -9 at 50 % ({-(-count // 2)} of {count} chunks of {chunk_size:,} bytes), then run again")
    if first.kill is None:
        lines.append(f"   run 1 was NOT killed: it ended by itself ({run_line(first)})")
    else:
        k = first.kill
        cut = [r for r in first.chunk_puts if r.status >= 300 or r.status == 0]
        lines += [
            f"   run 1: killed after {k.after_seconds:.1f} s (journal: chunks_done {k.journal.chunks_done}); "
            f"peak RSS {fmt(first.peak_rss_mb)} MB, CPU {fmt(first.cpu_seconds)} s",
            f"          timeline: {timeline(first)}",
            f"          server log: {describe_requests(first)}",
            "          cut PUT(s) logged: " + (", ".join(f"chunk {r.chunk[1] if r.chunk else '?'} → {r.status}, "
                                                          f"{r.bytes_in:,} bytes read" for r in cut) or "none"),
            f"          on the server's disk after the kill: {len(on_disk)} chunks ({ranges(on_disk)})",
        ]
    second_chunks = [r.chunk[1] for r in second.chunk_puts if r.chunk is not None]
    ids1, ids2 = first.upload_ids(), second.upload_ids()
    same_id = bool(ids1) and ids1 == ids2
    lines += [
        f"   run 2: {run_line(second)}",
        f"          timeline: {timeline(second)}",
        f"          {second.upload_put_bytes:,} bytes of chunks sent, "
        f"{second.upload_put_bytes / MB / second.seconds:.1f} MB/s over the whole run; "
        f"source read (read_chars, last poll): ≈ {second.read_chars:,} bytes",
        f"          chunks sent: {ranges(second_chunks)} ({plural(len(second_chunks), 'PUT')}); "
        f"upload id {'kept' if same_id else 'CHANGED'} ({', '.join(ids1) or '-'} → {', '.join(ids2) or '-'})",
        f"          server log: {describe_requests(second)}",
        f"   bytes in upload PUTs, both runs: {first.upload_put_bytes:,} + {second.upload_put_bytes:,} = {sent:,}; "
        f"minus the file's {size:,} = {resent:,} bytes re-sent",
        f"   on the server's disk: {fmt(got.size, ',.0f')} bytes, SHA-1 {got.sha1 or 'missing'} "
        f"({'= source' if got.ok(sha1) else '≠ source ' + sha1}); upload folders left: "
        f"{', '.join(got.leftover_uploads) or 'none'}",
    ]
    killed = first.kill is not None
    rss = second.peak_rss_mb
    report.verdicts += [
        f"(2) bytes re-sent after kill -9 <= one chunk ({chunk_size:,}): {resent:,}   "
        f"{verdict(killed and 0 <= resent <= chunk_size)}",
        f"(2) peak RSS of the resuming run < {RSS_TARGET_MB:.0f} MB: {fmt(rss)} MB   "
        f"{verdict(rss is not None and rss < RSS_TARGET_MB)}",
        f"(2) file on the server = source (SHA-1), run 2 exit 0: {'yes' if got.ok(sha1) else 'no'}, exit "
        f"{second.returncode}   {verdict(got.ok(sha1) and second.returncode == 0)}",
    ]


def machine_facts(work: Path) -> list[str]:
    try:
        from degoogle import __version__ as degoogle_version
    except ImportError:
        degoogle_version = "?"
    disk = psutil.disk_usage(str(work))
    return [
        f"nproc: {len(os.sched_getaffinity(0))} (cpu_count {os.cpu_count()}), RAM "
        f"{psutil.virtual_memory().total / 2**30:.1f} GiB, work dir {work} ({disk.free / 2**30:.0f} GiB free)",
        f"python: {platform.python_version()} ({sys.executable}), {platform.platform()}",
        f"degoogle {degoogle_version}; requests {requests.__version__}",
    ]


def benchmark(size: int, work: Path, *, keep: bool = False, port: int = 0, timeout: float = 1800.0) -> Report:
    """Both scenarios on one file of ``size`` bytes, in ``work`` (made if needed, left in place).
    Prints progress; returns the figures. Raises ``NoChunkedUpload`` when the sandbox has no uploads
    endpoint (checked before the file is generated), ``RuntimeError`` when the sandbox or a plan fails."""
    work.mkdir(parents=True, exist_ok=True)
    degoogle = degoogle_command()
    server = SandboxProcess(work / "server", port, work / "server.log", work / "requests.log")
    server.start()
    report = Report()
    try:
        server.probe_uploads()
        print(f"sandbox: {server.url} (pid {server.proc.pid if server.proc else '?'}), request log "
              f"{server.request_log}", flush=True)
        source = work / "source-chunked"
        name = "big.bin"
        started = time.perf_counter()
        sha1 = make_file(source / name, size)
        print(f"one file of {human(size)} ({size:,} bytes) generated in {time.perf_counter() - started:.1f} s, "
              f"SHA-1 {sha1}", flush=True)
        if size <= CHUNK:
            print(f"  note: {size:,} bytes is not over one chunk ({CHUNK:,}): degoogle sends it in one PUT")
        bench = Bench(work, server, degoogle, timeout)
        report.lines.append(f"one file of {human(size)} ({size:,} bytes), folder → sandbox (separate process), "
                            "MB = 10^6 bytes")
        straight(bench, source, name, size, sha1, keep, report)
        killed_and_resumed(bench, source, name, size, sha1, report)
    finally:
        server.stop()
    report.machine = machine_facts(work)
    return report


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--size", type=int, default=DEFAULT_SIZE, help=f"bytes of the file (default {DEFAULT_SIZE})")
    p.add_argument("--workdir", type=Path, default=None,
                   help="make the benchmark's temporary folder here (default: the system's temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the work folder (source, server tree, journals, logs)")
    p.add_argument("--port", type=int, default=0, help="sandbox port (default: a free one)")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds before a degoogle run is killed (1800)")
    args = p.parse_args(argv)
    if args.size <= 0:
        p.error("--size must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with work_dir(args.workdir, args.keep) as work:
        try:
            report = benchmark(args.size, work, keep=args.keep, port=args.port, timeout=args.timeout)
        except NoChunkedUpload as exc:
            print(exc, flush=True)
            return 2
        print("\n== Chunked upload v2")
        print("\n".join(report.lines))
        print("\n== Targets")
        print("\n".join(report.verdicts))
        print("\n== Machine")
        print("\n".join(report.machine))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
