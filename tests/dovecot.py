"""A real Dovecot IMAP server for the tests: started on 127.0.0.1 on a free port with its own
configuration in a temporary folder (users in a passwd-file, Maildir), stopped afterwards.

``Dovecot`` is the server; the ``dovecot`` fixture (pytest plugin below, one server per session)
hands out a fresh user per test with ``add_user``. Missing Dovecot is an error, never a skip: the
mail tests are worth nothing without it (``apt-get install dovecot-imapd``, which ``scripts/setup``
does).

Run as root (containers, CI) the mail processes drop to ``nobody`` (Dovecot refuses uid 0 for
mail), so the folder is made in the system temp dir where ``nobody`` can reach it; run as another
user, Dovecot runs entirely as that user.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from imapclient import IMAPClient

from tests.waiting import answers, wait_until

NOBODY = 65534
PASSWORD = "mail-Secret-7"
#: plain users of each server, made before it starts
POOL = 60
#: users with limits, for the tests of messages too large for the mailbox
LIMITED = {"announced": {"quota_max_mail_size": "100k", "imap_capability": "+APPENDLIMIT=102400"},
           "refusing": {"quota_max_mail_size": "100k"}}
#: the special-use folders of the test server: French names, so roles are found by flag, not by name
FRENCH_SPECIAL = {"Envoyés": "\\Sent", "Brouillons": "\\Drafts", "Indésirables": "\\Junk",
                  "Corbeille": "\\Trash", "Archives": "\\Archive"}


def _binary(name: str) -> str:
    found = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.access(p, os.X_OK)),
                                       None)
    if found is None:
        raise RuntimeError(f"{name} is not installed: the mail tests need a real Dovecot "
                           "(apt-get install dovecot-imapd, or EXTRAS=dev bash scripts/setup)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class MailUser:
    name: str
    password: str
    port: int
    mail_dir: Path

    @property
    def maildir(self) -> Path:
        """Where Dovecot keeps this user's mail on disk."""
        return self.mail_dir / self.name / "Maildir"

    def spec(self, scheme: str = "imap") -> str:
        return f"{scheme}://{self.name}@127.0.0.1:{self.port}"

    def client(self) -> IMAPClient:
        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=30)
        client.normalise_times = False
        client.login(self.name, self.password)
        return client

    def delete_messages(self, folder: str, count: int | None = None) -> None:
        """Someone deletes mail at the hoster, behind degoogle's back: the first ``count`` messages of
        ``folder`` by UID (every one when ``None``), expunged."""
        client = self.client()
        try:
            client.select_folder(folder)
            uids = sorted(client.search(["ALL"]))
            client.delete_messages(uids if count is None else uids[:count])
            client.expunge()
        finally:
            client.logout()


class Dovecot:
    """One Dovecot server. ``layout="fs"``: ``/`` between levels, no prefix; ``"maildir++"``:
    Dovecot's default Maildir++ (``.`` between levels) under an ``INBOX.`` namespace prefix, as
    older hosters (Courier-style) have it. ``special`` maps folder names to special-use flags (""
    for a folder made with no flag, as servers without RFC 6154 have them). ``users`` are named users
    with settings of their own (userdb fields: ``{"quota_max_mail_size": "100k"}``); ``add_user``
    hands out plain users from a pool. Every user is in the passwd-file before the server starts:
    Dovecot notices a changed file only about once a second, and sign-ins made while it re-reads
    it fail (seen with four sessions at once)."""

    def __init__(self, *, layout: str = "fs", special: dict[str, str] | None = None, extra: str = "",
                 quota: bool = True, tls: bool = False, users: dict[str, dict[str, str]] | None = None) -> None:
        self.dovecot = _binary("dovecot")
        self.doveadm = _binary("doveadm")
        self.layout = layout
        self.special = FRENCH_SPECIAL if special is None else special
        self.extra = extra
        self.quota = quota
        self.tls = tls
        self.imaps_port = free_port() if tls else 0
        self.root = Path(tempfile.mkdtemp(prefix="degoogle-dovecot-"))
        self.root.chmod(0o755)
        self.port = free_port()
        self.users_file = self.root / "users"
        self.mail_dir = self.root / "mail"
        self.users = users or {}
        self._pool = [f"user{n}" for n in range(1, POOL + 1)]
        self._running = False

    @property
    def config(self) -> Path:
        return self.root / "dovecot.conf"

    def _write_config(self) -> None:
        root = self.root
        as_root = os.geteuid() == 0
        uid, gid = (NOBODY, NOBODY) if as_root else (os.getuid(), os.getgid())
        me = "" if as_root else (
            f"default_internal_user = {getpass.getuser()}\ndefault_login_user = {getpass.getuser()}\n"
            f"default_internal_group = {os.getgid()}\n")
        if self.layout == "fs":
            location = f"maildir:{root}/mail/%u/Maildir:LAYOUT=fs"
            namespace_head = "  separator = /\n"
        else:
            location = f"maildir:{root}/mail/%u/Maildir"
            namespace_head = "  separator = .\n  prefix = INBOX.\n"
        # the quota plugin gives per-user size limits (userdb quota_max_mail_size) to the tests of limits
        quota = ("mail_plugins = quota\nplugin {\n  quota = count:User quota\n  quota_vsizes = yes\n}\n"
                 if self.quota else "")
        # no "auto = subscribe": add_user makes the folders. Dovecot's autocreation takes its locks in
        # an order that deadlocks against APPENDs of another session of the same user (fcntl then
        # reports EDEADLK and the session panics; seen when EXAMINE opened a folder to autocreate)
        folders = "".join(
            f'  mailbox "{name}" {{\n    special_use = {flag}\n  }}\n' for name, flag in self.special.items() if flag
        )
        self.config.write_text(f"""\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{self._ssl()}
disable_plaintext_auth = no
auth_failure_delay = 0
# no growing wait after the deliberate wrong passwords of the tests: anvil's auth penalty off
service anvil {{
{"  chroot =" if not as_root else ""}
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = {location}
mail_fsync = never
{quota}{me}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.users_file}
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.users_file}
  default_fields = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
  }}
{"  chroot =" if not as_root else ""}
}}
namespace inbox {{
  inbox = yes
{namespace_head}{folders}}}
{self.extra}
""", encoding="utf-8")

    def _ssl(self) -> str:
        """``ssl = no``, or a self-signed certificate made now (STARTTLS on the imap port, and imaps)."""
        if not self.tls:
            return "ssl = no"
        cert, key = self.root / "cert.pem", self.root / "key.pem"
        subprocess.run([_binary("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                        "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1"], check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        key.chmod(0o644)
        return f"ssl = yes\nssl_cert = <{cert}\nssl_key = <{key}"

    def start(self) -> Dovecot:
        self._write_config()
        lines = [f"{name}:{{PLAIN}}{PASSWORD}::::::\n" for name in self._pool]
        lines += [f"{name}:{{PLAIN}}{PASSWORD}::::::" + " ".join(f"userdb_{k}={v}" for k, v in fields.items()) + "\n"
                  for name, fields in self.users.items()]
        self.users_file.write_text("".join(lines), encoding="utf-8")
        self.mail_dir.mkdir()
        if os.geteuid() == 0:
            os.chown(self.mail_dir, NOBODY, NOBODY)
        # the daemon keeps the descriptors it was given: no pipes, or run() would wait for it
        with (self.root / "start.err").open("w+", encoding="utf-8") as errors:
            done = subprocess.run([self.dovecot, "-c", str(self.config)], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=errors, timeout=30)
            errors.seek(0)
            if done.returncode != 0:
                raise RuntimeError(f"dovecot did not start: {errors.read().strip()} {self.log()}")
        self._running = True
        try:
            wait_until(lambda: answers(self.port), f"dovecot on port {self.port}", timeout=10, interval=0.05)
        except AssertionError:
            self.stop()
            raise RuntimeError(f"dovecot is not answering on 127.0.0.1:{self.port}: {self.log()}") from None
        return self

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(encoding="utf-8", errors="replace")[-4000:] if path.exists() else ""

    def add_user(self, name: str | None = None) -> MailUser:
        """A user with an empty mailbox: the next of the pool, or one of ``users`` by name."""
        if name is None:
            if not self._pool:
                raise RuntimeError(f"all {POOL} test users of this Dovecot are taken: raise tests.dovecot.POOL")
            name = self._pool.pop(0)
        elif name not in self.users:
            raise KeyError(f"{name} is not among this Dovecot's users: {sorted(self.users)}")
        user = MailUser(name, PASSWORD, self.port, self.mail_dir)
        client = user.client()
        try:
            for folder in self.special:
                if self.layout != "fs":
                    folder = "INBOX." + folder
                client.create_folder(folder)
                client.subscribe_folder(folder)
        finally:
            client.logout()
        return user

    def sessions(self, user: str) -> int:
        """How many IMAP connections of ``user`` the server still serves (``doveadm who``): a killed
        client's session ends once the server has carried out what it had already received."""
        listed = subprocess.run([self.doveadm, "-c", str(self.config), "who", "-1", user], capture_output=True,
                                text=True, timeout=30, check=True, stdin=subprocess.DEVNULL)
        return sum(1 for line in listed.stdout.splitlines()[1:] if line.split()[:1] == [user])

    def stop(self) -> None:
        if self._running:
            self._running = False
            try:
                master = int((self.root / "run" / "master.pid").read_text().split()[0])
                # a test server has nothing to save, and a SIGTERM takes two seconds to wind down its
                # logger: its own process group (only its processes) is killed at once
                if os.getpgid(master) == master:
                    os.killpg(master, signal.SIGKILL)
                else:
                    os.kill(master, signal.SIGTERM)  # the master stops its processes
            except (OSError, ValueError):
                subprocess.run([self.doveadm, "-c", str(self.config), "stop"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Dovecot:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    with Dovecot(users=LIMITED) as server:
        yield server


#: Dovecot 2.3's capabilities after sign-in, less LITERAL+ (RFC 7888) and SPECIAL-USE: as older servers
OLD_CAPABILITIES = ("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT THREAD=REFERENCES MULTIAPPEND UNSELECT "
                    "CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES "
                    "WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE")


@pytest.fixture(scope="session")
def old_dovecot() -> Iterator[Dovecot]:
    """A server as older hosters (and iCloud) have it: no special-use flags, folders named
    "Sent Messages" and "Deleted Messages", ``.`` between levels under an ``INBOX.`` prefix, and no
    LITERAL+ (a client waits for the server's ``+`` before each message it sends)."""
    with Dovecot(layout="maildir++", special={"Sent Messages": "", "Deleted Messages": "", "Drafts": ""},
                 quota=False, extra=f"imap_capability = {OLD_CAPABILITIES}\n") as server:
        yield server


@pytest.fixture
def mailbox(dovecot: Dovecot) -> MailUser:
    """A fresh, empty mailbox on the session's Dovecot."""
    return dovecot.add_user()


def folder_messages(user: MailUser, folder: str) -> dict[int, dict[bytes, object]]:
    """Every message of a folder: UID → FLAGS, INTERNALDATE, RFC822.SIZE and its Message-ID header."""
    client = user.client()
    try:
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        return client.fetch(uids, [b"FLAGS", b"INTERNALDATE", b"RFC822.SIZE",
                                   b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
    finally:
        client.logout()
