"""Planning a big Google Photos Takeout: 20,000 photos in a 2-part archive, sidecars matched.

Builds a 2-part zip export (``Takeout/Google Photos/Photos from <year>/…``) of ``--photos`` photos,
each with a sidecar in one of the namings Google used (``.json``, ``.supplemental-metadata.json``
whole and cut, ``(1)`` counters, stem-only), 2 % with no sidecar (their EXIF is looked for), every
tenth sidecar in the other part than its photo, and ``--albums`` album folders holding copies of
200 photos each. Then plans it into a fresh journal in a child process (so that the figure is the
planner's own memory, not the builder's) and prints:

- the time to list the archive and match every sidecar (the source's scan alone),
- the time of the whole plan (the scan plus writing the journal),
- the child's peak RSS (``ru_maxrss``), and PASS/FAIL against the targets: plan < 30 s, RSS < 200 MB.

    .venv/bin/python benchmarks/photos.py [--photos 20000] [--albums 10] [--workdir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

PLAN_TARGET_S = 30.0
RSS_TARGET_MB = 200.0
STAMP = (2026, 11, 20, 10, 10, 10)


def sidecar(name: str, taken: int) -> bytes:
    return json.dumps({
        "title": name, "description": "", "imageViews": "1",
        "creationTime": {"timestamp": str(taken + 86400), "formatted": ""},
        "photoTakenTime": {"timestamp": str(taken), "formatted": ""},
        "geoData": {"latitude": 48.39, "longitude": -4.49, "altitude": 0.0, "latitudeSpan": 0.0, "longitudeSpan": 0.0},
        "geoDataExif": {"latitude": 0.0, "longitude": 0.0, "altitude": 0.0, "latitudeSpan": 0.0, "longitudeSpan": 0.0},
    }, indent=2).encode()


def build(work: Path, photos: int, albums: int) -> list[Path]:
    """Write the 2 parts; returns their paths."""
    members: list[tuple[str, bytes]] = []
    other_part: list[tuple[str, bytes]] = []
    album_copies: list[tuple[str, bytes, str, bytes]] = []
    for n in range(photos):
        year = 2005 + n % 20
        folder = f"Takeout/Google Photos/Photos from {year}"
        taken = 1_100_000_000 + n * 3600
        data = f"photo {n:07d} ".encode() * (20 + n % 50)
        style = n % 5
        if style == 0:
            name, side = f"IMG_{n:07d}.jpg", f"IMG_{n:07d}.jpg.json"
        elif style == 1:
            name, side = f"IMG_{n:07d}.jpg", f"IMG_{n:07d}.jpg.supplemental-metadata.json"
        elif style == 2:
            name = f"PXL_{year}0101_{n:09d}_long_name.jpg"
            side = (name + ".supplemental-metadata")[:46] + ".json"
        elif style == 3:
            name, side = f"IMG_{n:07d}(1).jpg", f"IMG_{n:07d}.jpg(1).json"
        else:
            name, side = f"DSC{n:07d}.jpg", f"DSC{n:07d}.json"
        members.append((f"{folder}/{name}", data))
        if n % 50 == 7:
            continue  # no sidecar
        (other_part if n % 10 == 3 else members).append((f"{folder}/{side}", sidecar(name, taken)))
        if n % (photos // max(1, albums * 200) or 1) == 0 and len(album_copies) < albums * 200:
            album_copies.append((name, data, side, sidecar(name, taken)))
    for a in range(albums):
        folder = f"Takeout/Google Photos/Album {a:02d}"
        members.append((f"{folder}/metadata.json", json.dumps({"title": f"Album {a:02d}"}).encode()))
        for name, data, side, meta in album_copies[a * 200:(a + 1) * 200]:
            members.append((f"{folder}/{name}", data))
            members.append((f"{folder}/{side}", meta))
    half = len(members) // 2
    parts = []
    for number, chunk in enumerate([members[:half], other_part + members[half:]], start=1):
        path = work / f"takeout-20261120T101010Z-{number:03d}.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for name, data in chunk:
                archive.writestr(zipfile.ZipInfo(name, date_time=STAMP), data)
        parts.append(path)
    return parts


def child(parts: list[str], journal: str) -> None:
    """Scan, then plan, in this (fresh) process; print the figures as JSON."""
    from degoogle.migration import Migration
    from degoogle.sources.takeout import TakeoutArchive

    spec = "takeout:" + ",".join(parts)
    started = time.monotonic()
    source = TakeoutArchive([Path(p) for p in parts], spec)
    entries = sum(1 for _ in source.scan())
    source.close()
    scanned = time.monotonic() - started
    started = time.monotonic()
    migration = Migration.create(Path(journal), spec, "nextcloud:https://bench@cloud.example.org")
    summary = migration.plan()
    migration.close()
    planned = time.monotonic() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"entries": entries, "scan_s": scanned, "plan_s": planned, "found": summary.found,
                      "to_move": summary.to_move, "rss_mb": rss_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20_000)
    parser.add_argument("--albums", type=int, default=10)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[:-1], args.child[-1])
        return
    work = Path(tempfile.mkdtemp(prefix="degoogle-photos-", dir=args.workdir))
    try:
        started = time.monotonic()
        parts = build(work, args.photos, args.albums)
        size_mb = sum(p.stat().st_size for p in parts) / 1e6
        print(f"built {len(parts)} parts ({size_mb:.1f} MB) in {time.monotonic() - started:.1f} s: "
              f"{args.photos} photos, {args.albums} albums of 200 copies")
        out = subprocess.run([sys.executable, __file__, "--child", *map(str, parts), str(work / "j.db")],
                             capture_output=True, text=True, check=True)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"scan (listing + sidecar matching): {figures['scan_s']:.1f} s for {figures['entries']} entries")
        print(f"plan (scan + journal):             {figures['plan_s']:.1f} s, {figures['found']} found, "
              f"{figures['to_move']} to move")
        print(f"peak RSS of the planning process:  {figures['rss_mb']:.0f} MB")
        ok_time = figures["plan_s"] < PLAN_TARGET_S
        ok_rss = figures["rss_mb"] < RSS_TARGET_MB
        print(f"plan < {PLAN_TARGET_S:.0f} s: {'PASS' if ok_time else 'FAIL'}; "
              f"RSS < {RSS_TARGET_MB:.0f} MB: {'PASS' if ok_rss else 'FAIL'}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
