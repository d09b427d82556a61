"""Speed and memory of moving mail: degoogle against ``mbsync`` (isync), IMAP to IMAP on one Dovecot.

    python benchmarks/mail.py [--messages N] [--mbox-messages N] [--folders N] [--repeat N] [--workers N]
                              [--skip-mbsync] [--workdir DIR] [--keep]

Run it with the project's virtualenv Python (``.venv/bin/python``): the ``degoogle`` command and the
sandbox Nextcloud are taken from beside it. Figures, not a test: it asserts nothing, but prints
PASS/FAIL against the issue's targets and exits 1 when one fails.

What is moved
    (a) IMAP → IMAP: ``--messages`` (default 20,000) messages in 10 folders of one Dovecot user (INBOX,
        Sent, Drafts, Archive, nested and accented folders), sizes mixed as a mailbox is (75 % of
        1–4 KB, 20 % of 8–30 KB, 5 % of 40–150 KB with attachments, 1 in 1,000 of 1 MB: ~11 KB on
        average), read/unread/flagged/answered, internal dates over ten years (``--folders 6``: the
        first six folders only, the same number of messages). Loaded once with
        MULTIAPPEND; each run copies it to a fresh, empty user of the same server.
    (b) mbox → IMAP: a Gmail Takeout mbox of ``--mbox-messages`` (default 20,000) messages
        (``tests/mail_samples.py``: labels in English and French, attachments, broken MIME), copied
        by degoogle into a fresh user (mbsync does not read mbox files).

Who moves it
    mbsync    ``mbsync -c RC -a``, one channel ``Far :src: Near :dst:``, ``Patterns *``, ``Create
              Near``, ``Sync Pull``, ``CopyArrivalDate yes`` (keep internal dates: the same work as
              degoogle), everything else at its defaults (pipelined commands, one connection a side).
    degoogle  ``degoogle plan imap://src@127.0.0.1:PORT nextcloud:… --mail-to imap://dst@…`` (timed
              apart, as "listing"), then ``degoogle run --journal J`` (``--workers W`` when given) — the
              figure. The run includes its end-of-run verification (every target folder's UIDs listed
              again), as a person sees it. A worker writes a batch of up to 200 messages of one folder
              in one MULTIAPPEND (``targets/imap_append.py``); the command's 4 workers keep both APPEND
              sessions busy.
    Both use the same Dovecot (``tests/dovecot.py``: Maildir, ``mail_fsync = never``), round robin,
    ``--repeat`` times (default 3); the median run is reported with the spread. The machine this was
    written on (2 cores, shared) varies a lot from one minute to the next: the ratio is taken from
    runs made side by side.

What is measured, per run
    wall time as messages/s and MB/s; peak RSS of the mover (``files.py``'s launcher: psutil poll and
    ``wait4`` rusage); CPU seconds of the mover and of Dovecot (its master's own and reaped
    children's times); correctness, outside the timing: every destination folder holds the same
    messages as the source (Message-ID, size, internal date and flags, per folder; mbsync's and
    degoogle's folder names are both the source's here).

Targets (issues 5 and 17): degoogle >= 1.5x mbsync's messages/s on (a) **end to end** — degoogle's plan,
run and verification against mbsync's one run, which lists as it goes — peak RSS < 200 MB. The run
alone is printed beside it.
"""

from __future__ import annotations

import argparse
import base64
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/dovecot.py and tests/mail_samples.py
sys.path.insert(0, str(HERE))

from tests.dovecot import Dovecot, MailUser  # noqa: E402
from tests.mail_samples import takeout_mbox  # noqa: E402

from files import Bench, Measured, SandboxServer, degoogle_command, dovecot_cpu, human, machine_facts, work_dir  # noqa: E402

RATIO_TARGET = 1.5
RSS_TARGET_MB = 200.0
SPECIAL = {"Sent": "\\Sent", "Drafts": "\\Drafts", "Junk": "\\Junk", "Trash": "\\Trash", "Archive": "\\Archive"}
#: folder → share of the messages
FOLDERS = {"INBOX": 0.40, "Sent": 0.15, "Archive": 0.10, "Drafts": 0.01, "Travail": 0.08, "Travail/Clients": 0.07,
           "Famille/Vacances été": 0.05, "Factures": 0.05, "Listes/debian-user": 0.06, "Newsletters": 0.03}

Snapshot = dict[str, Counter[tuple[str, int, str, frozenset[bytes]]]]


# --- data --------------------------------------------------------------------------------------------


def message(n: int, rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.001:
        size = 1_000_000
    elif roll < 0.05:
        size = rng.randint(40_000, 150_000)
    elif roll < 0.25:
        size = rng.randint(8_000, 30_000)
    else:
        size = rng.randint(1_000, 4_000)
    when = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=263 * n)
    head = (f"Message-ID: <{n}.{rng.getrandbits(40):x}@bench.degoogle.test>\r\n"
            f"Date: {when:%a, %d %b %Y %H:%M:%S +0000}\r\nFrom: Marie <marie@example.org>\r\n"
            f"To: Karim <karim@example.org>\r\nSubject: Message {n} — compte rendu\r\nMIME-Version: 1.0\r\n")
    line = b"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n"
    if size > 40_000:
        boundary = f"b{n}"
        attachment = rng.randbytes(int(size * 0.73))
        encoded = base64.encodebytes(attachment).replace(b"\n", b"\r\n")
        body = (f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\n"
                f"Content-Type: text/plain; charset=utf-8\r\n\r\n").encode() + line * 5 + (
                f"--{boundary}\r\nContent-Type: application/pdf; name=\"piece-{n}.pdf\"\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\n").encode() + encoded + f"--{boundary}--\r\n".encode()
        return head.encode() + body
    return head.encode() + b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + line * max(1, size // len(line))


def load_source(user: MailUser, count: int, seed: int = 5, folders: int = len(FOLDERS)) -> tuple[int, int]:
    """Fill ``user`` with ``count`` messages (MULTIAPPEND in chunks) spread over the first ``folders``
    folders of ``FOLDERS``; return (messages, bytes)."""
    rng = random.Random(seed)
    names = list(FOLDERS)[:folders]
    weights = [FOLDERS[name] for name in names]
    chosen = rng.choices(names, weights, k=count)
    by_folder: dict[str, list[dict[str, object]]] = {name: [] for name in names}
    total = 0
    for n, folder in enumerate(chosen):
        data = message(n, rng)
        total += len(data)
        flags = [f for f, p in ((b"\\Seen", 0.8), (b"\\Flagged", 0.05), (b"\\Answered", 0.15)) if rng.random() < p]
        if folder == "Drafts":
            flags.append(b"\\Draft")
        when = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=263 * n, seconds=17)
        by_folder[folder].append({"msg": data, "flags": flags, "date": when})
    client = user.client()
    try:
        existing = {name for _f, _s, name in client.list_folders()}
        for folder, messages in by_folder.items():
            if folder not in existing:
                client.create_folder(folder)
            for start in range(0, len(messages), 200):
                client.multiappend(folder, messages[start : start + 200])
    finally:
        client.logout()
    return count, total


def snapshot(user: MailUser) -> Snapshot:
    """Folder → its messages as (Message-ID, size, internal date, flags); empty folders left out."""
    client = user.client()
    out: Snapshot = {}
    try:
        for flags, _sep, name in client.list_folders():
            if b"\\Noselect" in flags or not client.select_folder(name, readonly=True)[b"EXISTS"]:
                continue
            uids = client.search(["ALL"])
            rows: Counter[tuple[str, int, str, frozenset[bytes]]] = Counter()
            for start in range(0, len(uids), 2000):
                found = client.fetch(uids[start : start + 2000], [b"RFC822.SIZE", b"INTERNALDATE", b"FLAGS",
                                                                  b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
                for data in found.values():
                    mid = data[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].decode().strip()
                    rows[(mid, data[b"RFC822.SIZE"], data[b"INTERNALDATE"].isoformat(),
                          frozenset(data[b"FLAGS"]) - {b"\\Recent"})] += 1
            out[name] = rows
    finally:
        client.logout()
    return out


# --- runs --------------------------------------------------------------------------------------------


@dataclass
class Run:
    tool: str
    dataset: str
    messages: int
    bytes: int
    measured: Measured
    dovecot_cpu: float
    correct: str
    listing_s: float | None = None

    @property
    def ok(self) -> bool:
        return self.measured.returncode == 0 and self.correct.startswith("ok")

    @property
    def per_s(self) -> float:
        return self.messages / self.measured.seconds

    @property
    def e2e_seconds(self) -> float:
        """What a person waits for: the listing (degoogle's plan; mbsync lists inside its one run) plus the
        run, which ends with its verification."""
        return self.measured.seconds + (self.listing_s or 0.0)

    @property
    def e2e_per_s(self) -> float:
        return self.messages / self.e2e_seconds

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.measured.seconds


@dataclass
class Setup:
    bench: Bench
    dovecot: Dovecot
    degoogle: str
    workers: int | None
    nextcloud: str
    src: MailUser
    expected: Snapshot
    messages: int
    bytes: int
    runs: list[Run] = field(default_factory=list)

    def dovecot_cpu(self) -> float:
        return dovecot_cpu(self.dovecot.root)


def without_size(snap: Snapshot) -> Snapshot:
    return {folder: Counter({(mid, 0, when, flags): n for (mid, _size, when, flags), n in rows.items()})
            for folder, rows in snap.items()}


def judge(landed: Snapshot, expected: Snapshot) -> str:
    if landed == expected:
        return "ok"
    missing = sum((expected.get(f, Counter()) - landed.get(f, Counter())).total() for f in expected)
    extra = sum((landed.get(f, Counter()) - expected.get(f, Counter())).total() for f in landed)
    return f"WRONG ({missing} missing, {extra} extra or different)"


def run_mbsync(s: Setup, tag: str) -> Run:
    dst = s.dovecot.add_user()
    state = s.bench.work / f"mbsync-{tag}"
    state.mkdir()
    rc = state / "mbsyncrc"
    rc.write_text("\n".join([
        "IMAPAccount src", "Host 127.0.0.1", f"Port {s.dovecot.port}", f"User {s.src.name}", f"Pass {s.src.password}",
        "SSLType None", "AuthMechs LOGIN", "", "IMAPStore src", "Account src", "",
        "IMAPAccount dst", "Host 127.0.0.1", f"Port {s.dovecot.port}", f"User {dst.name}", f"Pass {dst.password}",
        "SSLType None", "AuthMechs LOGIN", "", "IMAPStore dst", "Account dst", "",
        "Channel bench", "Far :src:", "Near :dst:", "Patterns *", "Create Near", "Sync Pull", "CopyArrivalDate yes",
        f"SyncState {state}/", "",
    ]), encoding="utf-8")
    cpu = s.dovecot_cpu()
    measured = s.bench.measure(f"mbsync-{tag}", ["mbsync", "-q", "-c", str(rc), "-a"])
    used = s.dovecot_cpu() - cpu
    landed = snapshot(dst)
    correct = judge(without_size(landed), without_size(s.expected))
    if correct == "ok" and landed != s.expected:
        correct = "ok (+X-TUID)"  # mbsync adds a header of its own to every message it copies
    return Run("mbsync", "imap", s.messages, s.bytes, measured, used, correct)


def run_degoogle(s: Setup, tag: str, source: str, messages: int, size: int, expected: Snapshot | None,
                 dataset: str) -> Run:
    dst = s.dovecot.add_user()
    journal = s.bench.work / f"degoogle-{tag}.db"
    env = dict(s.bench.env)
    env.update({"DEGOOGLE_SOURCE_PASSWORD": s.src.password, "DEGOOGLE_MAIL_PASSWORD": dst.password})
    started = time.perf_counter()
    plan = subprocess.run([s.degoogle, "plan", source, s.nextcloud, "--journal", str(journal), "--mail-to",
                           dst.spec()], env=env, capture_output=True, text=True, timeout=3600)
    listing = time.perf_counter() - started
    if plan.returncode != 0:
        raise SystemExit(f"degoogle plan failed:\n{plan.stdout}\n{plan.stderr}")
    saved = s.bench.env
    s.bench.env = env
    try:
        cpu = s.dovecot_cpu()
        workers = ["--workers", str(s.workers)] if s.workers else []
        measured = s.bench.measure(f"degoogle-{tag}", [s.degoogle, "run", "--journal", str(journal), *workers])
        used = s.dovecot_cpu() - cpu
    finally:
        s.bench.env = saved
    landed = snapshot(dst)
    if expected is None:  # the mbox set: counted, not compared message by message
        count = sum(c.total() for c in landed.values())
        correct = "ok" if count == messages else f"WRONG ({count} messages, {messages} expected)"
    else:
        correct = judge(landed, expected)
    return Run("degoogle", dataset, messages, size, measured, used, correct, listing)


# --- report ------------------------------------------------------------------------------------------


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def print_runs(runs: list[Run]) -> None:
    print(f"\n{'set':5} {'mover':9} {'e2e s':>6} {'e2e msg/s':>9} {'listing s':>9} {'run s':>6} {'run msg/s':>9} "
          f"{'MB/s':>6} {'RSS MB':>7} {'CPU s':>6} {'dovecot s':>9}  result")
    for r in runs:
        m = r.measured
        print(f"{r.dataset:5} {r.tool:9} {r.e2e_seconds:6.1f} {r.e2e_per_s:9.0f} {fmt(r.listing_s):>9} "
              f"{m.seconds:6.1f} {r.per_s:9.0f} {r.mb_per_s:6.1f} {fmt(m.peak_rss_mb):>7} {fmt(m.cpu_seconds):>6} "
              f"{r.dovecot_cpu:9.1f}  {r.correct}")


def median_rate(runs: list[Run], e2e: bool = True) -> tuple[float, float, float]:
    """Median, lowest and highest messages/s of the runs that landed right: end to end (plan + run +
    verify, what a person waits for) unless ``e2e`` is False (the run alone)."""
    rates = [r.e2e_per_s if e2e else r.per_s for r in runs if r.ok]
    if not rates:
        return 0.0, 0.0, 0.0
    return statistics.median(rates), min(rates), max(rates)


def verdicts(runs: list[Run]) -> bool:
    ok = True
    imap = {tool: [r for r in runs if r.dataset == "imap" and r.tool == tool] for tool in ("degoogle", "mbsync")}
    d_med, d_lo, d_hi = median_rate(imap["degoogle"])
    if imap["degoogle"]:
        run_alone = median_rate(imap["degoogle"], e2e=False)[0]
        print(f"\nIMAP → IMAP, degoogle end to end (plan + run + verify): {d_med:.0f} msg/s (median; "
              f"{d_lo:.0f}–{d_hi:.0f}); the run alone: {run_alone:.0f} msg/s")
    if imap["mbsync"]:
        m_med, m_lo, m_hi = median_rate(imap["mbsync"])
        print(f"IMAP → IMAP, mbsync end to end:   {m_med:.0f} msg/s (median; {m_lo:.0f}–{m_hi:.0f})")
        pairs = [d.e2e_per_s / m.e2e_per_s for d, m in zip(imap["degoogle"], imap["mbsync"], strict=False)
                 if d.ok and m.ok]
        ratio = d_med / m_med if m_med else 0.0
        print(f"ratio degoogle/mbsync, end to end: {ratio:.2f}x (median of each; run by run: "
              f"{', '.join(f'{p:.2f}' for p in pairs)})")
        verdict = ratio >= RATIO_TARGET
        ok &= verdict
        print(f"  {'PASS' if verdict else 'FAIL'}: >= {RATIO_TARGET}x mbsync")
    mbox = [r for r in runs if r.dataset == "mbox" and r.ok]
    if mbox:
        rate = statistics.median(r.e2e_per_s for r in mbox)
        print(f"mbox → IMAP, degoogle end to end: {rate:.0f} msg/s (median)")
    peaks = [r.measured.peak_rss_mb for r in runs if r.tool == "degoogle" and r.measured.peak_rss_mb is not None]
    if peaks:
        verdict = max(peaks) < RSS_TARGET_MB
        ok &= verdict
        print(f"  {'PASS' if verdict else 'FAIL'}: degoogle peak RSS {max(peaks):.0f} MB < {RSS_TARGET_MB:.0f} MB")
    wrong = [r for r in runs if not r.ok]
    if wrong:
        ok = False
        print(f"  FAIL: {len(wrong)} run(s) wrong or failed")
    return ok


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--messages", type=int, default=20_000,
                   help="messages of set (a), IMAP → IMAP (default 20000; 0: skip)")
    p.add_argument("--mbox-messages", type=int, default=20_000,
                   help="messages of set (b), mbox → IMAP (default 20000; 0: skip)")
    p.add_argument("--folders", type=int, default=len(FOLDERS),
                   help=f"folders of set (a): the first N of {len(FOLDERS)} (default all; issue 17 also tried 6)")
    p.add_argument("--repeat", type=int, default=3, help="runs of each mover (default 3)")
    p.add_argument("--workers", type=int, default=None,
                   help="degoogle run --workers (default: the command's own)")
    p.add_argument("--skip-mbsync", action="store_true")
    p.add_argument("--workdir", type=Path, default=None)
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    return p.parse_args(argv)


def compile_package() -> None:
    """Byte-compile degoogle's modules, as installing it does: with PYTHONDONTWRITEBYTECODE set (this
    machine's shells set it) and an editable install, every command would compile its ~60 modules
    again, which no installed copy does."""
    import degoogle  # here: from the virtualenv the benchmark runs in

    package = Path(degoogle.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    degoogle = degoogle_command()
    use_mbsync = not args.skip_mbsync and shutil.which("mbsync") is not None
    if not args.skip_mbsync and not use_mbsync:
        print("mbsync not found (apt-get install isync): its runs are skipped")
    compile_package()
    with work_dir(args.workdir, args.keep) as work, Dovecot(special=SPECIAL, quota=False) as dovecot:
        print("\n".join(machine_facts(work)))
        version = subprocess.run(["mbsync", "--version"], capture_output=True, text=True).stdout.strip() \
            if use_mbsync else "-"
        dovecot_version = subprocess.run([dovecot.dovecot, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"mbsync: {version}; dovecot {dovecot_version}; degoogle run --workers {args.workers or 'default'}",
              flush=True)
        server = SandboxServer(work / "nextcloud", "bench-Pass-1", 0, work / "nextcloud.log")
        server.start()
        try:
            bench = Bench(work, server, keep=args.keep)
            nextcloud = "nextcloud:" + server.url.replace("://", "://bench@", 1)
            src = dovecot.add_user()
            started = time.perf_counter()
            count, size = load_source(src, args.messages, folders=max(1, min(args.folders, len(FOLDERS))))
            if count:
                print(f"source: {count} messages in {max(1, min(args.folders, len(FOLDERS)))} folders, {human(size)}, "
                      f"loaded in {time.perf_counter() - started:.1f} s", flush=True)
            setup = Setup(bench, dovecot, degoogle, args.workers, nextcloud, src, snapshot(src), count, size)
            runs: list[Run] = []
            for n in range(args.repeat if count else 0):
                if use_mbsync:
                    runs.append(run_mbsync(setup, f"{n}"))
                    print_runs(runs[-1:])
                runs.append(run_degoogle(setup, f"imap-{n}", src.spec(), count, size, setup.expected, "imap"))
                print_runs(runs[-1:])
            if args.mbox_messages:
                sample = takeout_mbox(args.mbox_messages)
                mbox = work / "All mail Including Spam and Trash.mbox"
                mbox.write_bytes(sample.data)
                moved = sum(1 for m in sample.messages if m.moved)
                for n in range(args.repeat):
                    runs.append(run_degoogle(setup, f"mbox-{n}", f"mbox:{mbox}", moved, len(sample.data), None,
                                             "mbox"))
                    print_runs(runs[-1:])
            print_runs(runs)
            return 0 if verdicts(runs) else 1
        finally:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
