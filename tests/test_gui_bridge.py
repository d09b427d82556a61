"""The engine never runs on the UI thread: engine callbacks come from other threads, the pages get
queued signals in the UI thread, and a heartbeat timer keeps ticking during a run."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from degoogle.app.migration import Migration
from degoogle.app.moving import Move, Passwords
from degoogle.errors import FatalError
from degoogle.gui.bridge import EngineBridge, ProgressSnapshot
from degoogle.logs import Redactor, setup_logging
from degoogle.sandbox import Sandbox
from tests.gui_helpers import RUN_TIMEOUT  # noqa: F401 - sets the offscreen platform first

#: generous on purpose: a 2-core CI machine runs the sandbox server in the same process
MAX_STALL = 0.25


def test_engine_work_is_off_the_ui_thread_and_the_ui_keeps_ticking(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    for n in range(300):
        (folder / f"d{n % 7}").mkdir(parents=True, exist_ok=True)
        (folder / f"d{n % 7}" / f"note {n}.txt").write_bytes(b"x" * 2000)
    with Sandbox(tmp_path / "server", user="marie") as sandbox:
        bridge = EngineBridge()
        ui = threading.current_thread()
        slot_threads: set[threading.Thread] = set()
        snapshots: list[ProgressSnapshot] = []
        bridge.progress.connect(lambda s: (slot_threads.add(threading.current_thread()), snapshots.append(s)))
        gaps: list[float] = []
        last = [time.monotonic()]

        def beat() -> None:
            now = time.monotonic()
            gaps.append(now - last[0])
            last[0] = now

        heartbeat = QTimer()
        heartbeat.timeout.connect(beat)
        target = "nextcloud:" + sandbox.url.replace("://", "://marie@", 1)
        m = Migration.create(tmp_path / "j.journal", f"folder:{folder}", target)

        def job() -> str:
            m.plan(bridge.sink)
            moved = Move(m, Passwords(sandbox.password)).run(bridge.sink, control=bridge.control, verify=False)
            return moved.result.state

        heartbeat.start(10)
        last[0] = time.monotonic()
        with qtbot.waitSignal(bridge.jobFinished, timeout=RUN_TIMEOUT) as finished:
            bridge.submit("run", job)
        heartbeat.stop()
        bridge.shutdown()
        m.close()
    assert finished.args == ["run", "finished"]
    assert ui.name not in bridge.engine_threads and bridge.engine_threads
    assert slot_threads == {ui}
    assert snapshots[-1].done_items == 300
    assert len(snapshots) < 300  # progress is throttled, not one signal per event
    assert max(gaps) < MAX_STALL, f"the UI thread stalled {max(gaps) * 1000:.0f} ms"


def test_an_unexpected_error_is_logged_with_its_traceback_secrets_masked(qtbot, tmp_path: Path) -> None:
    secret = "Zq7Rw-Kp3Xe-Lm9Ta-Vb2Ny-Hs5Gd"
    log_file = tmp_path / "wizard.journal.log"
    setup_logging(log_file, Redactor([secret]))
    bridge = EngineBridge()

    def reading_the_server_answer() -> None:
        raise KeyError(f"no 'quota' in the answer to a request signed with {secret}")

    try:
        with qtbot.waitSignal(bridge.jobFailed, timeout=RUN_TIMEOUT) as failed:
            bridge.submit("check", reading_the_server_answer)
    finally:
        bridge.shutdown()
        setup_logging(None, Redactor())
    assert failed.args[0] == "check" and isinstance(failed.args[1], KeyError)
    text = log_file.read_text(encoding="utf-8")
    assert "job check failed unexpectedly: KeyError" in text
    assert "Traceback (most recent call last)" in text and "in reading_the_server_answer" in text
    assert "request signed with ***" in text and secret not in text


def test_an_expected_error_is_logged_by_its_code_alone(qtbot, tmp_path: Path) -> None:
    log_file = tmp_path / "wizard.journal.log"
    setup_logging(log_file, Redactor())
    bridge = EngineBridge()

    def refused() -> None:
        raise FatalError("HTTP 401 from the server", code="auth_failed")

    try:
        with qtbot.waitSignal(bridge.jobFailed, timeout=RUN_TIMEOUT):
            bridge.submit("check", refused)
    finally:
        bridge.shutdown()
        setup_logging(None, Redactor())
    text = log_file.read_text(encoding="utf-8")
    assert "job check failed: FatalError: auth_failed" in text and "Traceback" not in text
