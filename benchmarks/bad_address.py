"""How long the command line takes to say what is wrong with a Nextcloud address: a malformed one (spaces,
no host), a name that does not resolve, and a server that is down (a closed port on this computer).

    .venv/bin/python benchmarks/bad_address.py [--repeat 3]

Prints, per case, the exit code, the first words said (in French) and the wall time of
``degoogle login ADDRESS --no-browser --lang fr`` (the median of ``--repeat`` runs, Python's start
included), and the time the check itself takes in this process (``NextcloudServer.discover``, what the
wizard's sign-in button runs). The first three should be known in under a second: no server is waited
for (the name lookup is the system's: offline here, so it fails at once; on a slow resolver it takes
what the resolver takes).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from degoogle.errors import DegoogleError
from degoogle.targets.nextcloud.server import NextcloudServer


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    degoogle = str(Path(sys.executable).parent / "degoogle")
    cases = [("malformed (spaces)", "cloud exemple.org"), ("malformed (no host)", "https://"),
             ("name does not resolve", "nuage.exemple-qui-nexiste-pas.invalid"),
             ("server down", f"127.0.0.1:{_closed_port()}")]
    with tempfile.TemporaryDirectory(prefix="degoogle-bench-") as tmp:
        env = {**os.environ, "XDG_DATA_HOME": tmp, "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring"}
        print(f"{'case':24} {'exit':>4} {'cli s':>6} {'check s':>8}  said")
        for name, address in cases:
            times, result = [], None
            for _ in range(args.repeat):
                start = time.perf_counter()
                result = subprocess.run([degoogle, "login", address, "--no-browser", "--lang", "fr"], env=env,
                                        capture_output=True, text=True, timeout=300)
                times.append(time.perf_counter() - start)
            assert result is not None
            said = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1][:80]
            start = time.perf_counter()
            with contextlib.suppress(DegoogleError):
                NextcloudServer.discover(address)
            check = time.perf_counter() - start
            print(f"{name:24} {result.returncode:>4} {statistics.median(times):>6.2f} {check:>8.3f}  {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
