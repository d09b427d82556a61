"""What the wizard is given to work with, passed in explicitly: where it keeps its journals, which
language, how it opens addresses and keeps the computer awake, where secrets go, the CHATONS
directory, and (practice mode) the sample archive and the local sandbox server standing in for a
hoster."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import requests

from degoogle import specs
from degoogle.awake import stay_awake
from degoogle.chatons import Directory, Hoster
from degoogle.gui.session import SecretKeeper, mail_destinations, version_movable
from degoogle.model import Kind
from degoogle.samples import make_sample_takeout
from degoogle.sandbox import Sandbox

log = logging.getLogger(__name__)

APP_NAME = "degoogle"
TAKEOUT_URL = "https://takeout.google.com/"
APPLE_APP_PASSWORD_HELP = "https://support.apple.com/102654"
APPLE_ACCOUNT_URL = "https://account.apple.com/"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME))


def default_downloads_dir() -> Path:
    """The person's download folder, where browsers put the Takeout parts: the XDG user folder
    (``~/Téléchargements`` on a French desktop), else the home folder when it does not exist."""
    found = Path(platformdirs.user_downloads_dir())
    return found if found.is_dir() else Path.home()


def google_client_configured() -> bool:
    """True when this installation can sign in to Google: a Google source exists in this version and
    an OAuth client file was put in the config folder (by the person, their helper or their CHATON)."""
    if "google" not in specs.source_schemes():
        return False
    return (Path(platformdirs.user_config_dir(APP_NAME)) / "google-client.json").is_file()


@dataclass
class Practice:
    """Practice mode: a sample Takeout archive and a sandbox server that plays the hoster."""

    sandbox: Sandbox
    parts: list[Path]

    @property
    def hoster(self) -> Hoster:
        return Hoster(name="Practice hoster", source="practice mode", website=None, city=None, country=None,
                      services=("files", "calendar", "contacts"), open_to_all=True,
                      nextcloud_url=self.sandbox.url)

    def approve_in_browser(self, url: str) -> bool:
        """What a person does in the browser, done for them: open the sign-in page (the sandbox
        grants access on the visit), a moment after the address was given."""

        def visit() -> None:
            time.sleep(0.3)
            try:
                requests.get(url, timeout=10)
            except requests.RequestException as exc:
                log.warning("practice sign-in page not reached: %s", type(exc).__name__)

        threading.Thread(target=visit, name="practice-browser", daemon=True).start()
        return True

    def stop(self) -> None:
        self.sandbox.stop()

    @classmethod
    def start(cls, work: Path) -> Practice:
        parts = make_sample_takeout(work / "takeout")
        sandbox = Sandbox(work / "server", user="marie", auto_approve_login=True).start()
        return cls(sandbox, parts)


def _open_with_desktop(url: str) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl(url)))


@dataclass
class AppContext:
    data_dir: Path
    lang: str
    secrets: SecretKeeper
    directory: Directory
    practice: Practice | None = None
    open_url: Callable[[str], bool] = _open_with_desktop
    #: asks the system not to sleep during a move; yields whether it agreed (wakepy by default)
    stay_awake: Callable[[bool], AbstractContextManager[bool]] = stay_awake
    #: what this version can move at all; a migration's own ``movable()`` says it for its hoster
    movable: frozenset[Kind] = field(default_factory=version_movable)
    mail_destinations: frozenset[str] = field(default_factory=mail_destinations)
    source_schemes: frozenset[str] = field(default_factory=lambda: frozenset(specs.source_schemes()))
    google_configured: bool = False
    #: where "Save…" dialogs start (the person's Documents folder by default)
    save_dir: Path = field(default_factory=lambda: Path(platformdirs.user_documents_dir()))
    #: where the file chooser for the Takeout parts opens
    downloads_dir: Path = field(default_factory=default_downloads_dir)
    #: tests and scripts answer the file dialogs themselves
    ask_save_path: Callable[[str, str], Path | None] | None = None
    ask_open_paths: Callable[[str], list[Path]] | None = None

    def open_login_page(self, url: str) -> bool:
        """Open a Nextcloud sign-in page: the person's browser, or the practice stand-in."""
        if self.practice is not None:
            return self.practice.approve_in_browser(url)
        return self.open_url(url)

    def hosters(self) -> list[Hoster]:
        listed = self.directory.hosters()
        return [self.practice.hoster, *listed] if self.practice is not None else listed

    @classmethod
    def for_person(cls, lang: str, data_dir: Path | None = None) -> AppContext:
        return cls(data_dir=data_dir or default_data_dir(), lang=lang, secrets=SecretKeeper(),
                   directory=Directory(default_cache_dir()), google_configured=google_client_configured())

    @classmethod
    def for_practice(cls, work: Path, lang: str) -> AppContext:
        """Practice mode under ``work``: its own data folder, secrets in memory only, the sandbox
        started (stop it with ``ctx.practice.stop()``)."""
        # the practice hoster has no mailbox: mail can only go to an archive in its Nextcloud
        destinations = mail_destinations() & {"archive"}
        movable = version_movable() - (set() if destinations else {Kind.MAIL})
        return cls(data_dir=work / "data", lang=lang, secrets=SecretKeeper(remember=False),
                   directory=Directory(work / "cache"), practice=Practice.start(work), save_dir=work,
                   movable=frozenset(movable), mail_destinations=frozenset(destinations))
