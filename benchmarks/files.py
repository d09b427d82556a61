"""Speed and memory of moving files into a Nextcloud: degoogle against ``rclone copy``, on the sandbox.

    python benchmarks/files.py [--small N] [--small-size BYTES] [--big-size BYTES] [--workdir DIR]
                               [--skip-rclone] [--keep] ...

Run it with the project's virtualenv Python (``.venv/bin/python``): the sandbox server and the
``degoogle`` command are taken from there. It prints figures; it is not a test and asserts nothing,
but it prints PASS/FAIL against the targets of the issue.

What is moved
    (a) ``--small`` files (default 5,000) of ``--small-size`` bytes (default 20 KB) spread over
        ``--folders`` (default 50) folders two levels deep — per-file overhead: requests, journal
        commits, folder creation;
    (b) one file of ``--big-size`` bytes (default 1 GB) — streaming throughput and memory. It is
        generated in 8 MiB chunks (seeded pseudo-random bytes: incompressible), never held in memory.
    Every byte goes from a local folder to one sandbox server (``python -m degoogle.sandbox``, a
    separate process: WsgiDAV + Nextcloud's PUT semantics, including its SHA-1 check of
    ``OC-Checksum``). The same server serves every run; each run writes into a fresh folder.

Who moves it
    degoogle  ``degoogle plan folder:SRC nextcloud:http://bench@127.0.0.1:PORT --journal J --into X``
              (timed on its own) then ``degoogle run --journal J --workers 4`` — the figure. ``run``
              includes its end-of-run verification pass (one PROPFIND per folder), as a user sees it.
    rclone    ``rclone copy SRC :webdav:X --webdav-vendor nextcloud …`` with ``--transfers 4``
              (= degoogle's workers; also rclone's default) and ``--checkers 8`` (rclone's default);
              by default a second run with 16/16 on set (a). The ratio degoogle/rclone that is judged
              uses the run whose transfers match degoogle's workers. Note (``/work/shared/TESTING.md``):
              rclone 1.60's webdav backend paces its own requests (10 ms minimum sleep, not
              configurable in 1.60), so on many small files it is bound by its pacer (~30 files/s)
              whatever ``--transfers`` says; beating it on (a) is necessary but not sufficient.
    PUT loop  for reference, a plain loop of ``requests`` PUTs (same headers as degoogle:
              ``If-None-Match: *``, ``OC-Checksum: SHA1:…``, ``X-OC-Mtime``; MKCOL of each folder
              first) with 1 and with 4 threads on (a), 1 on (b) (hashing the file first, then
              streaming it, as degoogle must), inside this process: the server's ceiling on this
              machine, the figure degoogle should really be compared with on (a).

Bulk upload (``--bulk-costs``, default ``25,0``)
    Set (a) again, per cost C in milliseconds, on sandboxes started with ``--request-cost-ms C`` (every
    request waits C ms first: a PHP server's per-request cost; a real Nextcloud 29 on 2 cores moved
    500 x 20 KB at 29.8 files/s as PUTs with 4 threads and at 82.8 files/s as bulk POSTs of 100):
    ``degoogle run`` on a server that offers bulk upload (small files go 100 a POST), the plain PUT
    loop with 4 threads on the same server, and ``degoogle run`` on one started with
    ``--no-bulk-upload`` (one PUT per file). Target: with 25 ms, degoogle with bulk >= 2.5x the PUT loop.

Each mover runs ``--repeat`` times (default 3) per set, round robin, each into a fresh folder; the
median run is reported with the min-max spread (the machine this was written on, a 2-core VM, varies
by ±20 % from run to run). rclone on set (a) runs once by default (~160 s per run, steady).

What is measured, per run
    - wall time, as files/s and MB/s (MB = 10**6 bytes);
    - peak RSS of the mover process, the larger of: a psutil poll of its RSS every 20 ms (in a thread),
      and ``ru_maxrss`` from ``wait4`` on it. ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` cannot be
      diffed: it is a maximum over all reaped children, not a sum, and on Linux a child started
      from this process starts with this process's RSS high-water mark (vfork + exec copies it into
      the child's ``maxrss``). So each mover is started by a tiny launcher (``python -S``, ~10 MB)
      that forks, execs the mover and reports the mover's own ``wait4`` rusage: that ``ru_maxrss``
      is then the mover's peak (floored at the launcher's ~10 MB), not ours;
    - CPU seconds of the mover (user + system, from the same rusage) and of the server (psutil):
      on a 2-core machine client and server compete for the same cores;
    - correctness, after each run and outside the timing: the destination folder on the server's
      disk (``ROOT/data/bench/files/X``) must hold the same number of files, the same total bytes and
      the same contents (SHA-1 of every file, by relative path) as the source; a non-zero exit code
      also marks the run wrong. A fast but wrong run shows "WRONG" and fails its target.

Targets (from the issue): degoogle >= 1.0x rclone's throughput on (a), >= 0.9x on (b); degoogle's peak
RSS < 150 MB on both.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import hashlib
import os
import platform
import random
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import quote

import psutil
import requests
from requests.adapters import HTTPAdapter

USER = "bench"
MB = 1_000_000
CHUNK = 8 * 1024 * 1024
POLL_INTERVAL = 0.02
RSS_TARGET_MB = 150.0
SMALL_RATIO_TARGET = 1.0
BIG_RATIO_TARGET = 0.9

#: Started as ``python -S -c LAUNCHER OUT CMD...``: forks, execs CMD, waits for it and writes CMD's own
#: rusage to OUT (pid, ru_maxrss in KiB, user s, system s, wall s). Being small, its RSS high-water mark,
#: which the forked child inherits, stays far below anything measured.
LAUNCHER = r"""
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
while True:
    try:
        _, status, ru = os.wait4(pid, 0)
        break
    except InterruptedError:
        continue
wall = time.perf_counter() - t0
with open(out, "w") as f:
    f.write(f"{pid} {ru.ru_maxrss} {ru.ru_utime} {ru.ru_stime} {wall}\n")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


# --- data sets ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    """What a folder holds: file count, total bytes, and one SHA-1 over (relative path, size, SHA-1)."""

    files: int
    bytes: int
    digest: str


def manifest(root: Path) -> Manifest:
    """Read every regular file below ``root`` (streamed, ``CHUNK`` at a time) into a ``Manifest``."""
    entries: list[tuple[str, int, str]] = []
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            path = Path(dirpath, name)
            sha1 = hashlib.sha1(usedforsecurity=False)
            size = 0
            with path.open("rb", buffering=0) as f:
                while n := f.readinto(buffer):
                    sha1.update(view[:n])
                    size += n
            entries.append((path.relative_to(root).as_posix(), size, sha1.hexdigest()))
    entries.sort()
    digest = hashlib.sha1("\n".join(f"{p}\t{s}\t{h}" for p, s, h in entries).encode(), usedforsecurity=False)
    return Manifest(len(entries), sum(s for _, s, _ in entries), digest.hexdigest())


@dataclass(frozen=True)
class DataSet:
    key: str  # "a" or "b"
    label: str
    root: Path
    expected: Manifest

    @property
    def files(self) -> int:
        return self.expected.files

    @property
    def bytes(self) -> int:
        return self.expected.bytes


def leaf_folders(count: int) -> list[str]:
    """``count`` folders two levels deep (``gNN/dNN``), ten per group."""
    return [f"g{i // 10:02d}/d{i % 10:02d}" for i in range(count)]


def make_small(root: Path, count: int, size: int, folders: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    leaves = leaf_folders(max(1, folders))
    for leaf in leaves:
        (root / leaf).mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / leaves[i % len(leaves)] / f"f{i:05d}.bin").write_bytes(rng.randbytes(size))


def make_big(root: Path, size: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    left = size
    with (root / "big.bin").open("wb") as f:
        while left > 0:
            n = min(CHUNK, left)
            f.write(rng.randbytes(n))
            left -= n


def human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.3g} {unit}"
        n /= 1000
    return f"{n:.3g} GB"


# --- the server --------------------------------------------------------------------------------------


class SandboxServer:
    """``python -m degoogle.sandbox`` in its own process, for the whole benchmark."""

    def __init__(self, root: Path, password: str, port: int, log_path: Path, request_log: Path | None = None,
                 extra: Sequence[str] = ()) -> None:
        self.extra = list(extra)
        self.root = root
        self.password = password
        self.port = port
        self.log_path = log_path
        self.request_log = request_log
        self.url = ""
        self.proc: subprocess.Popen[str] | None = None
        self._log: IO[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        self._log = self.log_path.open("wb")
        cmd = [sys.executable, "-m", "degoogle.sandbox", "--root", str(self.root), "--port", str(self.port),
               "--user", USER, "--password", self.password]
        if self.request_log is not None:
            cmd += ["--request-log", str(self.request_log)]
        cmd += self.extra
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self._log, text=True,
                                     start_new_session=True)
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        first = self.proc.stdout.readline().strip() if ready else ""
        if not first.startswith("http://"):
            self.stop()
            raise RuntimeError(f"the sandbox did not start; its log:\n{tail(self.log_path)}")
        self.url = first
        # It prints URL, user, password; then waits: check it answers like Nextcloud.
        deadline = time.monotonic() + timeout
        while True:
            try:
                if requests.get(f"{self.url}/status.php", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"the sandbox does not answer /status.php; its log:\n{tail(self.log_path)}")
            time.sleep(0.1)

    @property
    def port_number(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    @property
    def dav_url(self) -> str:
        return f"{self.url}/remote.php/dav/files/{USER}"

    def files_dir(self) -> Path:
        """Same as ``Sandbox.files_dir()``: where the user's tree lives on disk."""
        return self.root / "data" / USER / "files"

    def uploads_dir(self) -> Path:
        """Where the upload folders (chunks) live on the server's disk."""
        return self.root / "data" / USER / "uploads"

    def cpu_seconds(self) -> float:
        if self.proc is None:
            return 0.0
        times = psutil.Process(self.proc.pid).cpu_times()
        return float(times.user + times.system)

    def rss_mb(self) -> float:
        if self.proc is None:
            return 0.0
        return float(psutil.Process(self.proc.pid).memory_info().rss) / 2**20

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc is not None and proc.stdout is not None:
            proc.stdout.close()
        if self._log is not None:
            self._log.close()
            self._log = None


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"({exc})"


# --- running and measuring one mover -----------------------------------------------------------------


class RssPoller(threading.Thread):
    """Polls the RSS of the launcher's child (the mover) every ``POLL_INTERVAL`` until it is gone."""

    def __init__(self, launcher_pid: int) -> None:
        super().__init__(name="rss-poller", daemon=True)
        self.launcher = psutil.Process(launcher_pid)
        self.peak = 0
        self.samples = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        target: psutil.Process | None = None
        deadline = time.monotonic() + 10
        while target is None:
            try:
                children = self.launcher.children()
            except psutil.NoSuchProcess:
                return
            if children:
                target = children[0]
            elif self._stop_event.wait(0.001) or time.monotonic() > deadline:
                return
        while True:
            try:
                rss = target.memory_info().rss
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                return
            self.peak = max(self.peak, rss)
            self.samples += 1
            if self._stop_event.wait(POLL_INTERVAL):
                return

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass
class Measured:
    seconds: float
    returncode: int
    poll_rss_mb: float | None = None
    rusage_rss_mb: float | None = None
    cpu_seconds: float | None = None
    server_cpu_seconds: float | None = None
    log: Path | None = None

    @property
    def peak_rss_mb(self) -> float | None:
        values = [v for v in (self.poll_rss_mb, self.rusage_rss_mb) if v is not None]
        return max(values) if values else None


class Bench:
    """Shared state of one benchmark: work dir, server, environment, processes to clean up."""

    def __init__(self, work: Path, server: SandboxServer, *, keep: bool) -> None:
        self.work = work
        self.server = server
        self.keep = keep
        self.logs = work / "logs"
        self.logs.mkdir(exist_ok=True)
        self.live: set[subprocess.Popen[bytes]] = set()
        self.env = dict(os.environ)
        # nothing on loopback goes through a proxy; no colour codes in logs
        for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
            self.env.pop(key, None)
        self.env.update({"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
                         "DEGOOGLE_TARGET_PASSWORD": server.password, "NO_COLOR": "1", "TERM": "dumb"})

    def measure(self, name: str, cmd: Sequence[str]) -> Measured:
        """Run ``cmd`` under the launcher; time it, poll its RSS, read its rusage, count server CPU."""
        log = self.logs / f"{name}.log"
        out = self.logs / f"{name}.rusage"
        os.sync()  # earlier runs' dirty pages are written back now, not during this run
        server_cpu = self.server.cpu_seconds()
        with log.open("wb") as log_file:
            started = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(out), *cmd], stdout=log_file,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.env,
                                    start_new_session=True)
            self.live.add(proc)
            poller = RssPoller(proc.pid)
            poller.start()
            try:
                returncode = proc.wait()
            finally:
                self.live.discard(proc)
            elapsed = time.perf_counter() - started
            poller.stop()
        measured = Measured(elapsed, returncode, log=log,
                            server_cpu_seconds=self.server.cpu_seconds() - server_cpu)
        if poller.samples:
            measured.poll_rss_mb = poller.peak / 2**20
        with contextlib.suppress(OSError, ValueError):
            _pid, maxrss_kib, utime, stime, wall = out.read_text().split()
            measured.rusage_rss_mb = int(maxrss_kib) / 1024
            measured.cpu_seconds = float(utime) + float(stime)
            measured.seconds = float(wall)  # the mover alone, without the launcher's start (~20 ms)
        return measured

    def kill_live(self) -> None:
        for proc in list(self.live):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)


# --- results -----------------------------------------------------------------------------------------


@dataclass
class Result:
    dataset: DataSet
    tool: str
    measured: Measured
    check: str
    mover: str  # "degoogle", "rclone", "put"
    plan: Measured | None = None
    times: list[float] = field(default_factory=list)  # every repetition's time, when repeated

    @property
    def ok(self) -> bool:
        return self.check == "ok"

    @property
    def files_per_s(self) -> float:
        return self.dataset.files / self.measured.seconds

    @property
    def mb_per_s(self) -> float:
        return self.dataset.bytes / MB / self.measured.seconds


def aggregate(runs: list[Result]) -> Result:
    """Repetitions of one mover on one set: the median run's time (lower median for an even count), the
    highest peak RSS of all, and "ok" only if every run was right."""
    ordered = sorted(runs, key=lambda r: r.measured.seconds)
    mid = ordered[(len(ordered) - 1) // 2]

    def top(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return max(known) if known else None

    measured = dataclasses.replace(mid.measured, poll_rss_mb=top([r.measured.poll_rss_mb for r in runs]),
                                   rusage_rss_mb=top([r.measured.rusage_rss_mb for r in runs]))
    plans = sorted((r.plan for r in runs if r.plan is not None), key=lambda m: m.seconds)
    wrong = [r.check for r in runs if not r.ok]
    return dataclasses.replace(mid, measured=measured, check=wrong[0] if wrong else "ok",
                               plan=plans[(len(plans) - 1) // 2] if plans else None,
                               times=[r.measured.seconds for r in runs])


def check_destination(bench: Bench, dest: str, ds: DataSet, returncode: int, log: Path | None) -> str:
    """"ok", or what is wrong with what reached the server's disk. The checked folder then leaves the
    served tree (deleted; moved to ``WORK/checked/`` with ``--keep``): the sandbox computes a folder's
    ``oc:size`` by walking it on every PROPFIND of the root, which a real Nextcloud reads from its
    database, so earlier runs' files would slow later runs that list the root (degoogle does, rclone
    does not); and a filling disk made the 1 GB runs slower and noisier."""
    problems = []
    if returncode != 0:
        problems.append(f"exit {returncode}")
    folder = bench.server.files_dir() / dest
    if not folder.is_dir():
        problems.append("destination missing")
    else:
        got = manifest(folder)
        if got.files != ds.files:
            problems.append(f"{got.files}/{ds.files} files")
        if got.bytes != ds.bytes:
            problems.append(f"{got.bytes}/{ds.bytes} bytes")
        if got.files == ds.files and got.bytes == ds.bytes and got.digest != ds.expected.digest:
            problems.append("contents differ")
        if bench.keep:
            checked = bench.work / "checked"
            checked.mkdir(exist_ok=True)
            folder.rename(checked / dest)
        else:
            shutil.rmtree(folder)
    if not problems:
        return "ok"
    if log is not None:
        print(f"    its output ({log}):\n" + "\n".join("      " + line for line in tail(log, 15).splitlines()))
    return "WRONG: " + ", ".join(problems)


def run_degoogle(bench: Bench, ds: DataSet, degoogle: str, workers: int, chunk_size: int | None, tag: str,
                 how: str = "") -> Result:
    dest = f"degoogle-{ds.key}{tag}"
    journal = bench.work / "journals" / f"{dest}.journal"
    journal.parent.mkdir(exist_ok=True)
    target = f"nextcloud:http://{USER}@127.0.0.1:{bench.server.port_number}"
    plan = bench.measure(f"{dest}-plan", [degoogle, "--lang", "en", "plan", f"folder:{ds.root}", target,
                                          "--journal", str(journal), "--into", dest])
    if plan.returncode != 0:
        print(f"    plan failed (exit {plan.returncode}):\n{tail(plan.log) if plan.log else ''}")
    chunking = [] if chunk_size is None else ["--chunk-size", str(chunk_size)]
    run = bench.measure(f"{dest}-run", [degoogle, "--lang", "en", "run", "--journal", str(journal),
                                        "--workers", str(workers), *chunking])
    check = check_destination(bench, dest, ds, run.returncode, run.log)
    if not how:
        how = "" if chunk_size is None else (", one PUT" if chunk_size == 0 else f", {chunk_size} B chunks")
    return Result(ds, f"degoogle run ({workers} workers{how})", run, check, "degoogle", plan=plan)


def run_rclone(bench: Bench, ds: DataSet, transfers: int, checkers: int, obscured: str, tag: str) -> Result:
    dest = f"rclone-{ds.key}-t{transfers}-c{checkers}{tag}"
    config = bench.work / "rclone.conf"
    config.touch()
    cmd = ["rclone", "copy", str(ds.root), f":webdav:{dest}", "--webdav-url", bench.server.dav_url,
           "--webdav-vendor", "nextcloud", "--webdav-user", USER, "--webdav-pass", obscured,
           "--transfers", str(transfers), "--checkers", str(checkers), "--config", str(config),
           "--stats", "0", "--log-level", "NOTICE"]
    measured = bench.measure(dest, cmd)
    check = check_destination(bench, dest, ds, measured.returncode, measured.log)
    return Result(ds, f"rclone copy --transfers {transfers} --checkers {checkers}", measured, check, "rclone")


def run_put_loop(bench: Bench, ds: DataSet, threads: int, tag: str) -> Result:
    """A plain loop of ``requests`` PUTs (in this process): MKCOL every folder, then PUT every file."""
    dest = f"put-{ds.key}-{threads}t{tag}"
    files = sorted(p for p in ds.root.rglob("*") if p.is_file())
    rels = [p.relative_to(ds.root).as_posix() for p in files]
    folders = sorted({"/".join(r.split("/")[:i]) for r in rels for i in range(1, r.count("/") + 1)},
                     key=lambda f: (f.count("/"), f))
    local = threading.local()
    auth = (USER, bench.server.password)

    def session() -> requests.Session:
        s: requests.Session | None = getattr(local, "session", None)
        if s is None:
            s = requests.Session()
            s.trust_env = False
            s.auth = auth
            s.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=2, max_retries=0))
            local.session = s
        return s

    def url(rel: str) -> str:
        return f"{bench.server.dav_url}/{quote(dest)}/{quote(rel)}" if rel else f"{bench.server.dav_url}/{quote(dest)}"

    def put(path: Path, rel: str) -> None:
        st = path.stat()
        headers = {"If-None-Match": "*", "Content-Type": "application/octet-stream",
                   "X-OC-Mtime": str(int(st.st_mtime))}
        if st.st_size <= CHUNK:
            data = path.read_bytes()
            headers["OC-Checksum"] = "SHA1:" + hashlib.sha1(data, usedforsecurity=False).hexdigest()
            response = session().put(url(rel), data=data, headers=headers, timeout=(15, 300))
        else:
            sha1 = hashlib.sha1(usedforsecurity=False)
            with path.open("rb") as f:
                while chunk := f.read(CHUNK):
                    sha1.update(chunk)
            headers["OC-Checksum"] = "SHA1:" + sha1.hexdigest()
            with path.open("rb") as f:
                response = session().put(url(rel), data=f, headers=headers, timeout=(15, 300))
        if response.status_code not in (201, 204):
            raise RuntimeError(f"PUT {rel}: HTTP {response.status_code}")

    os.sync()
    server_cpu = bench.server.cpu_seconds()
    cpu = time.process_time()
    started = time.perf_counter()
    error = ""
    try:
        for folder in ["", *folders]:
            response = session().request("MKCOL", url(folder), timeout=(15, 300))
            if response.status_code != 201:
                raise RuntimeError(f"MKCOL {folder or dest}: HTTP {response.status_code}")
        if threads == 1:
            for path, rel in zip(files, rels, strict=True):
                put(path, rel)
        else:
            with ThreadPoolExecutor(threads) as pool:
                for _ in pool.map(put, files, rels):
                    pass
    except (RuntimeError, requests.RequestException) as exc:
        error = str(exc)
    elapsed = time.perf_counter() - started
    measured = Measured(elapsed, 1 if error else 0, cpu_seconds=time.process_time() - cpu,
                        server_cpu_seconds=bench.server.cpu_seconds() - server_cpu)
    if error:
        print(f"    PUT loop failed: {error}")
    check = check_destination(bench, dest, ds, measured.returncode, None)
    return Result(ds, f"requests PUT loop, {threads} thread{'s' if threads > 1 else ''}", measured, check, "put")


# --- bulk upload ---------------------------------------------------------------------------------------

BULK_RATIO_TARGET = 2.5
BULK_COST_JUDGED = 25.0


def bulk_rows(work: Path, ds: DataSet, degoogle: str, workers: int, costs: list[float], repeat: int,
              port: int, keep: bool) -> tuple[list[Result], list[str]]:
    """Set (a) per per-request cost: degoogle with bulk upload, the PUT loop (4 threads) on the same
    server, and degoogle on a server without bulk upload; the results and the verdict lines."""
    results: list[Result] = []
    lines: list[str] = []
    for cost in costs:
        cost_ds = dataclasses.replace(ds, key=f"a{cost:g}ms", label=f"{ds.label}, {cost:g} ms a request")
        print(f"\n== bulk upload: ({cost_ds.key}) {cost_ds.label}", flush=True)
        runs: dict[str, list[Result]] = {"bulk": [], "put": [], "per-file": []}
        for offer in (True, False):
            name = f"server-{cost:g}ms-{'bulk' if offer else 'nobulk'}"
            extra = ["--request-cost-ms", f"{cost:g}"] + ([] if offer else ["--no-bulk-upload"])
            server = SandboxServer(work / name, secrets.token_urlsafe(16), port, work / f"{name}.log", extra=extra)
            server.start()
            bench = Bench(work, server, keep=keep)
            try:
                steps: list[tuple[str, Callable[[str], Result]]] = (
                    [("bulk", functools.partial(run_degoogle, bench, cost_ds, degoogle, workers, None,
                                                how=", bulk offered")),
                     ("put", functools.partial(run_put_loop, bench, cost_ds, 4))] if offer else
                    [("per-file", functools.partial(run_degoogle, bench, cost_ds, degoogle, workers, None,
                                                    how=", no bulk: PUT each"))])
                for i in range(max(1, repeat)):
                    for key, step in steps:
                        print(f"  {key} ({i + 1}/{max(1, repeat)}) ...", end=" ", flush=True)
                        result = step(f"-{key}-{i + 1}")
                        runs[key].append(result)
                        print(f"{result.measured.seconds:.1f} s, {result.files_per_s:.1f} files/s: {result.check}",
                              flush=True)
            finally:
                bench.kill_live()
                server.stop()
        bulk, put, per_file = (aggregate(runs[k]) for k in ("bulk", "put", "per-file"))
        results += [bulk, put, per_file]
        ratio = bulk.files_per_s / put.files_per_s
        ok = ratio >= BULK_RATIO_TARGET and bulk.ok and put.ok
        verdict = ("PASS" if ok else "FAIL") if cost == BULK_COST_JUDGED else "(not judged)"
        lines.append(f"({cost_ds.key}) degoogle with bulk upload / PUT loop 4 threads >= {BULK_RATIO_TARGET:.1f}x: "
                     f"{ratio:.2f}x ({bulk.files_per_s:.1f} vs {put.files_per_s:.1f} files/s; degoogle one PUT "
                     f"per file {per_file.files_per_s:.1f} files/s)   {verdict}")
    return results, lines


# --- output ------------------------------------------------------------------------------------------


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def print_table(results: list[Result]) -> None:
    header = (f"{'set':<4}{'mover':<44}{'time s':>8}{'runs (min-max s)':>18}{'files/s':>9}{'MB/s':>8}"
              f"{'peak RSS MB':>12}{'CPU s':>7}{'srv CPU s':>10}  {'check':<6}{'degoogle/this':>14}")
    print(header)
    print("-" * len(header))
    for r in results:
        m = r.measured
        degoogle = next((d for d in results if d.dataset is r.dataset and d.mover == "degoogle"), None)
        ratio = "-"
        if degoogle is not None and r.mover != "degoogle":
            ratio = f"{degoogle.mb_per_s / r.mb_per_s:.2f}x"
        rss = fmt(m.peak_rss_mb) if r.mover != "put" else "(in-proc)"
        spread = f"{len(r.times)} ({min(r.times):.1f}-{max(r.times):.1f})" if len(r.times) > 1 else "1"
        print(f"({r.dataset.key}) {r.tool:<44}{m.seconds:>8.1f}{spread:>18}{r.files_per_s:>9.2f}{r.mb_per_s:>8.1f}"
              f"{rss:>12}{fmt(m.cpu_seconds):>7}{fmt(m.server_cpu_seconds):>10}  {r.check:<6}{ratio:>14}")
        if r.plan is not None:
            p = r.plan
            print(f"{'':<4}{'  degoogle plan (not in the figures above)':<44}{p.seconds:>8.1f}{'':>18}{'':>9}{'':>8}"
                  f"{fmt(p.peak_rss_mb):>12}{fmt(p.cpu_seconds):>7}{fmt(p.server_cpu_seconds):>10}  "
                  f"{'ok' if p.returncode == 0 else 'exit ' + str(p.returncode)}")
    print()
    print("peak RSS = max(psutil poll every 20 ms, wait4 ru_maxrss of the mover); detail:")
    for r in results:
        if r.mover != "put":
            m = r.measured
            print(f"  ({r.dataset.key}) {r.tool:<44} poll {fmt(m.poll_rss_mb):>6} MB   "
                  f"wait4 ru_maxrss {fmt(m.rusage_rss_mb):>6} MB")


def verdicts(results: list[Result], datasets: list[DataSet], workers: int,
             ratio_against: Callable[[DataSet], Result | None]) -> list[str]:
    lines = []
    targets = {"a": SMALL_RATIO_TARGET, "b": BIG_RATIO_TARGET}
    for ds in datasets:
        degoogle = next((r for r in results if r.dataset is ds and r.mover == "degoogle"), None)
        if degoogle is None:
            continue
        rclone = ratio_against(ds)
        want = targets.get(ds.key, 1.0)
        if rclone is None:
            lines.append(f"({ds.key}) throughput degoogle/rclone >= {want:.2f}x: no rclone run   SKIP")
        else:
            ratio = degoogle.mb_per_s / rclone.mb_per_s
            ok = ratio >= want and degoogle.ok and rclone.ok
            lines.append(f"({ds.key}) throughput degoogle/rclone (--transfers {workers}) >= {want:.2f}x: "
                         f"{ratio:.2f}x ({degoogle.files_per_s:.2f} vs {rclone.files_per_s:.2f} files/s, "
                         f"{degoogle.mb_per_s:.1f} vs {rclone.mb_per_s:.1f} MB/s)   {'PASS' if ok else 'FAIL'}")
        rss = degoogle.measured.peak_rss_mb
        ok = rss is not None and rss < RSS_TARGET_MB and degoogle.ok
        lines.append(f"({ds.key}) degoogle peak RSS < {RSS_TARGET_MB:.0f} MB: {fmt(rss)} MB   "
                     f"{'PASS' if ok else 'FAIL'}")
        if not degoogle.ok:
            lines.append(f"({ds.key}) degoogle's result is wrong: {degoogle.check}   FAIL")
        ceiling = max((r for r in results if r.dataset is ds and r.mover == "put" and r.ok),
                      key=lambda r: r.mb_per_s, default=None)
        if ceiling is not None:
            lines.append(f"({ds.key}) for reference: degoogle reaches {degoogle.mb_per_s / ceiling.mb_per_s:.0%} "
                         f"of the best plain PUT loop ({ceiling.tool}: {ceiling.files_per_s:.2f} files/s, "
                         f"{ceiling.mb_per_s:.1f} MB/s)")
    return lines


def dovecot_cpu(root: Path) -> float:
    """CPU seconds of the Dovecot started in ``root`` (``tests/dovecot.py``): its master (with the
    children it has waited for) and the processes running now (an IMAP process lives as long as its
    connection)."""
    master = psutil.Process(int((root / "run" / "master.pid").read_text().split()[0]))
    total = sum(master.cpu_times()[:4])
    for child in master.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += sum(child.cpu_times()[:2])
    return total


def machine_facts(work: Path) -> list[str]:
    try:
        rclone = subprocess.run(["rclone", "version"], capture_output=True, text=True, timeout=30).stdout
        rclone_version = rclone.splitlines()[0] if rclone else "?"
    except (OSError, subprocess.SubprocessError):
        rclone_version = "not found"
    try:
        from degoogle import __version__ as degoogle_version
    except ImportError:
        degoogle_version = "?"
    mem = psutil.virtual_memory().total / 2**30
    disk = psutil.disk_usage(str(work))
    return [
        f"nproc: {len(os.sched_getaffinity(0))} (cpu_count {os.cpu_count()}), RAM {mem:.1f} GiB, "
        f"work dir {work} ({disk.free / 2**30:.0f} GiB free)",
        f"python: {platform.python_version()} ({sys.executable}), {platform.platform()}",
        f"rclone: {rclone_version}; degoogle {degoogle_version}; requests {requests.__version__}",
    ]


# --- main --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--small", type=int, default=5000, help="number of small files (default 5000; 0: skip set a)")
    p.add_argument("--small-size", type=int, default=20_000, help="bytes per small file (default 20000)")
    p.add_argument("--folders", type=int, default=50, help="folders the small files are spread over (default 50)")
    p.add_argument("--big-size", type=int, default=1_000_000_000,
                   help="bytes of the big file (default 1000000000; 0: skip set b)")
    p.add_argument("--workdir", type=Path, default=None,
                   help="make the benchmark's temporary folder here (default: the system's temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the work folder (data, server tree, journals, logs)")
    p.add_argument("--skip-rclone", action="store_true", help="do not run rclone")
    p.add_argument("--skip-put-loop", action="store_true", help="do not run the plain PUT loops")
    p.add_argument("--workers", type=int, default=4, help="degoogle run --workers (default 4)")
    p.add_argument("--rclone-checkers", type=int, default=8, help="rclone --checkers (default 8, rclone's default)")
    p.add_argument("--rclone-extra", default="16:16",
                   help="more rclone runs on set (a), as TRANSFERS:CHECKERS[,...] (default 16:16; '' for none)")
    p.add_argument("--repeat", type=int, default=3,
                   help="runs of each mover per set, median reported (default 3; rclone on set a: see next)")
    p.add_argument("--rclone-small-repeat", type=int, default=1,
                   help="runs of each rclone variant on set (a) (default 1: ~160 s each, pacer-bound and steady)")
    p.add_argument("--port", type=int, default=0, help="sandbox port (default: a free one)")
    p.add_argument("--big-chunk-size", type=int, default=0,
                   help="degoogle run --chunk-size for set (b) (default 0: one PUT, the protocol rclone 1.60 "
                        "uses, so the ratio compares like with like; chunked upload is measured by "
                        "--chunked-size, benchmarks/chunked.py)")
    p.add_argument("--bulk-costs", default="25,0",
                   help="per-request costs in ms for the bulk-upload rows on set (a) (default 25,0; '' for none)")
    p.add_argument("--bulk-repeat", type=int, default=1, help="runs of each mover in the bulk rows (default 1)")
    p.add_argument("--chunked-size", type=int, default=2_000_000_000,
                   help="then benchmarks/chunked.py on one file of this many bytes (default 2000000000; 0: skip)")
    return p.parse_args(argv)


def degoogle_command() -> str:
    beside = Path(sys.executable).parent / "degoogle"
    found = str(beside) if beside.exists() else shutil.which("degoogle")
    if not found:
        raise SystemExit("degoogle is not installed beside this Python: run with .venv/bin/python")
    return found


def extra_rclone(spec: str) -> list[tuple[int, int]]:
    pairs = []
    for part in filter(None, (s.strip() for s in spec.split(","))):
        transfers, _, checkers = part.partition(":")
        pairs.append((int(transfers), int(checkers or transfers)))
    return pairs


@contextlib.contextmanager
def work_dir(parent: Path | None, keep: bool) -> Iterator[Path]:
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="degoogle-bench-", dir=parent))
    try:
        yield work
    finally:
        if keep:
            print(f"\nwork folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    degoogle = degoogle_command()
    have_rclone = not args.skip_rclone and shutil.which("rclone") is not None
    if not args.skip_rclone and not have_rclone:
        print("rclone not found (apt-get install rclone): its runs are skipped")
    with work_dir(args.workdir, args.keep) as work:
        facts = machine_facts(work)
        print("\n".join(facts), flush=True)
        datasets: list[DataSet] = []
        started = time.perf_counter()
        if args.small > 0:
            root = work / "source-a"
            make_small(root, args.small, args.small_size, args.folders)
            datasets.append(DataSet("a", f"{args.small} files of {human(args.small_size)} in "
                                         f"{min(args.folders, args.small)} folders", root, manifest(root)))
        if args.big_size > 0:
            root = work / "source-b"
            make_big(root, args.big_size)
            datasets.append(DataSet("b", f"one file of {human(args.big_size)}", root, manifest(root)))
        print(f"data generated in {time.perf_counter() - started:.1f} s: "
              + "; ".join(f"({d.key}) {d.label}" for d in datasets), flush=True)

        server = SandboxServer(work / "server", secrets.token_urlsafe(16), args.port, work / "server.log")
        server.start()
        print(f"sandbox: {server.url} (pid {server.proc.pid if server.proc else '?'}), "
              f"tree {server.files_dir()}", flush=True)
        bench = Bench(work, server, keep=args.keep)
        results: list[Result] = []
        obscured = ""
        if have_rclone:
            obscured = subprocess.run(["rclone", "obscure", server.password], capture_output=True, text=True,
                                      check=True).stdout.strip()
        try:
            for ds in datasets:
                print(f"\n== ({ds.key}) {ds.label}: {ds.files} files, {human(ds.bytes)}", flush=True)
                repeat = max(1, args.repeat)
                steps: list[tuple[str, Callable[[str], Result], int]] = [
                    ("degoogle", functools.partial(run_degoogle, bench, ds, degoogle, args.workers,
                                                   args.big_chunk_size if ds.key == "b" else None), repeat)]
                if have_rclone:
                    pairs = [(args.workers, args.rclone_checkers)]
                    if ds.key == "a":
                        pairs += [p for p in extra_rclone(args.rclone_extra) if p not in pairs]
                    # rclone on many small files is slow and steady (its pacer): once is enough by default
                    times = max(1, args.rclone_small_repeat) if ds.key == "a" else repeat
                    for t, c in pairs:
                        steps.append((f"rclone {t}/{c}", functools.partial(run_rclone, bench, ds, t, c, obscured),
                                      times))
                if not args.skip_put_loop:
                    for threads in (1, 4) if ds.key == "a" else (1,):
                        steps.append((f"PUT loop {threads}t", functools.partial(run_put_loop, bench, ds, threads),
                                      repeat))
                runs: dict[str, list[Result]] = {name: [] for name, _, _ in steps}
                # round robin, so that a slow spell of the machine hits every mover alike
                for i in range(max(n for _, _, n in steps)):
                    for name, step, n in steps:
                        if i >= n:
                            continue
                        print(f"  {name} ({i + 1}/{n}) ...", end=" ", flush=True)
                        result = step(f"-{i + 1}")
                        runs[name].append(result)
                        extra = f", plan {result.plan.seconds:.1f} s" if result.plan else ""
                        rss = "" if result.mover == "put" else f", peak RSS {fmt(result.measured.peak_rss_mb)} MB"
                        print(f"{result.measured.seconds:.1f} s, {result.files_per_s:.1f} files/s, "
                              f"{result.mb_per_s:.1f} MB/s{rss}{extra}: {result.check}", flush=True)
                results += [aggregate(rs) for rs in runs.values()]
            server_rss = server.rss_mb()
        finally:
            bench.kill_live()
            server.stop()
        bulk_results: list[Result] = []
        bulk_lines: list[str] = []
        small = next((d for d in datasets if d.key == "a"), None)
        costs = [float(c) for c in args.bulk_costs.split(",") if c.strip()]
        if small is not None and costs:
            bulk_results, bulk_lines = bulk_rows(work, small, degoogle, args.workers, costs, args.bulk_repeat,
                                                 args.port, args.keep)
        chunked: list[str] = []  # benchmarks/chunked.py: its figures, then its verdicts
        if args.chunked_size > 0:
            from chunked import NoChunkedUpload, benchmark
            print(f"\n== chunked upload v2: one file of {human(args.chunked_size)} (benchmarks/chunked.py)", flush=True)
            try:
                report = benchmark(args.chunked_size, work / "chunked", keep=args.keep, port=args.port)
                chunked = [*report.lines, "targets:", *report.verdicts]
            except NoChunkedUpload as exc:
                chunked = [f"skipped: {exc}"]
            except RuntimeError as exc:  # the sandbox or a plan failed
                chunked = [f"not run: {exc}   FAIL"]

        def ratio_against(ds: DataSet) -> Result | None:
            return next((r for r in results if r.dataset is ds and r.mover == "rclone"
                         and r.tool.startswith(f"rclone copy --transfers {args.workers} ")), None)

        print("\n== Results (MB = 10^6 bytes; CPU s = the mover's user+system; srv CPU s = the sandbox's)")
        for ds in datasets:
            print(f"({ds.key}) {ds.label}: {ds.files} files, {human(ds.bytes)}")
        print()
        print_table(results)
        print(f"  sandbox server RSS at the end: {server_rss:.0f} MB")
        if bulk_results:
            print("\n== Bulk upload (each set: degoogle with bulk upload first; degoogle/this = its ratio)")
            print_table(bulk_results)
        print("\n== Targets")
        lines = verdicts(results, datasets, args.workers, ratio_against) + bulk_lines
        print("\n".join(lines))
        if chunked:
            print("\n== Chunked upload v2 (benchmarks/chunked.py)\n" + "\n".join(chunked))
        print("\n== Machine")
        print("\n".join(facts))
        print("rclone defaults: --transfers 4 --checkers 8; its webdav pacer (10 ms minimum sleep between "
              "calls) is fixed in 1.60")
        failed = any(line.endswith("FAIL") for line in lines + chunked)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
