"""A Takeout part with a member over 4 GiB (zip64), read through ``TakeoutArchive``.

Too slow and too big for the test suite (it writes about 4.3 GB to disk), so it lives here: it
builds the part with the stdlib (stored, streamed: never in memory), lists it, streams the member
back and prints the time, the throughput, the peak RSS and whether the SHA-1 matched.

    python benchmarks/takeout_zip64.py [--size-gib 4.2] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from degoogle.model import Item, State
from degoogle.sources.takeout import TakeoutArchive

CHUNK = 8 << 20


def chunks(size: int) -> bytes:
    """Deterministic, distinct chunks (the chunk number leads each one)."""
    block = bytes(range(256)) * (CHUNK // 256)
    done = 0
    while done < size:
        part = (f"{done // CHUNK:012d}".encode() + block)[: min(CHUNK, size - done)]
        done += len(part)
        yield part


def build(path: Path, size: int) -> str:
    digest = hashlib.sha1()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        info = zipfile.ZipInfo("Takeout/Drive/Vidéos/mariage.mp4", date_time=(2024, 6, 1, 12, 0, 0))
        with archive.open(info, "w", force_zip64=True) as member:
            for chunk in chunks(size):
                digest.update(chunk)
                member.write(chunk)
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-gib", type=float, default=4.2)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    size = int(args.size_gib * (1 << 30))
    work = Path(tempfile.mkdtemp(prefix="degoogle-zip64-", dir=args.workdir))
    try:
        part = work / "takeout-20261120T101010Z-001.zip"
        started = time.monotonic()
        expected = build(part, size)
        built = time.monotonic() - started

        source = TakeoutArchive([part], f"takeout:{part}")
        [entry] = [e for e in source.scan() if e.supported]
        item = Item(1, entry.kind, entry.key, "/".join(entry.path), "x", entry.size, entry.mtime,
                    entry.fingerprint, entry.locator, State.PENDING)
        started = time.monotonic()
        digest = hashlib.sha1()
        with source.open(item) as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        read = time.monotonic() - started
        source.close()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"member size        {entry.size:,} bytes ({entry.size / (1 << 30):.2f} GiB, zip64)")
        print(f"listed size ok     {entry.size == size}")
        print(f"build              {built:.1f} s")
        print(f"stream back        {read:.1f} s, {size / read / 1e6:.0f} MB/s")
        print(f"sha1 matches       {digest.hexdigest() == expected}")
        print(f"peak RSS           {rss:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
