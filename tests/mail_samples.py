"""A Gmail Takeout mbox made for the tests, with what each message should become on the IMAP side.

``takeout_mbox(n)`` writes ``n`` messages (5,000 take about 0.1 s) cycling through ``SCENARIOS``:
Gmail labels as Takeout writes them — English and French, French ones RFC 2047-encoded and folded as
real exports have them — and, for each, the folder, flags and keywords a person expects (written
out here by hand, not computed by the code under test). Bodies rotate through plain text, 8-bit
UTF-8 without MIME, a multipart with an attachment, broken MIME (a boundary never closed), a body
line starting with "From " (mboxrd quoting) and CRLF line endings. One message has no Message-ID,
one is in the file twice (moved once), and two share a Message-ID but not their Date (both moved).
"""

from __future__ import annotations

import base64
import email.utils
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

FLAGGED, SEEN, DRAFT = "\\Flagged", "\\Seen", "\\Draft"
#: the folders the test Dovecot gives the roles (tests/dovecot.py FRENCH_SPECIAL)
INBOX, SENT, DRAFTS, ARCHIVE, CHATS = "INBOX", "Envoyés", "Brouillons", "Archives", "Chats"


@dataclass(frozen=True)
class Scenario:
    labels: tuple[str, ...]
    folder: str | None                   # one copy; None: left out (Spam, Trash)
    flags: frozenset[str]
    keywords: tuple[str, ...] = ()
    per_label: tuple[str, ...] = ()      # copy per label, when it differs from (folder,)
    encoded: bool = False                # write the header as Takeout does for non-ASCII labels


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(("Inbox", "Opened"), INBOX, frozenset({SEEN})),
    Scenario(("Inbox", "Unread", "Category Updates"), INBOX, frozenset(), ("Category_Updates",)),
    Scenario(("Inbox", "Starred", "Opened", "Important"), INBOX, frozenset({SEEN, FLAGGED}), ("$Important",)),
    Scenario(("Sent", "Opened"), SENT, frozenset({SEEN})),
    Scenario(("Drafts", "Opened"), DRAFTS, frozenset({SEEN, DRAFT})),
    Scenario(("Travail", "Opened"), "Travail", frozenset({SEEN})),
    Scenario(("Travail/Clients", "Unread", "Important"), "Travail/Clients", frozenset(), ("$Important",)),
    Scenario(("Inbox", "Famille", "Vacances 2024", "Opened"), INBOX, frozenset({SEEN}),
             ("Famille", "Vacances_2024"), per_label=(INBOX, "Famille", "Vacances 2024")),
    Scenario(("Opened", "Archived"), ARCHIVE, frozenset({SEEN})),
    Scenario(("Spam", "Unread"), None, frozenset()),
    Scenario(("Trash", "Opened", "Travail"), None, frozenset()),
    Scenario(("Chat", "Opened"), CHATS, frozenset({SEEN})),
    Scenario(("Boîte de réception", "Ouvert"), INBOX, frozenset({SEEN}), encoded=True),
    Scenario(("Boîte de réception", "Non lus", "Suivis"), INBOX, frozenset({FLAGGED}), encoded=True),
    Scenario(("Messages envoyés", "Ouvert"), SENT, frozenset({SEEN}), encoded=True),
    Scenario(("Brouillons",), DRAFTS, frozenset({SEEN, DRAFT}), encoded=True),
    Scenario(("Corbeille", "Ouvert"), None, frozenset(), encoded=True),
    Scenario(("Famille/Été 2023", "Ouvert"), "Famille/Été 2023", frozenset({SEEN}), encoded=True),
    Scenario(("Catégorie\xa0: Réseaux sociaux", "Boîte de réception", "Non lus"), INBOX, frozenset(),
             ("Categorie_:_Reseaux_sociaux",), encoded=True),
    Scenario(("Impôts & Banque", "Ouvert", "Famille"), "Impôts & Banque", frozenset({SEEN}), ("Famille",),
             per_label=("Impôts & Banque", "Famille"), encoded=True),
)


@dataclass
class SampleMessage:
    """One message of the sample and what should happen to it."""

    mid: str | None
    date: datetime                      # the mbox "From " line's date: the internal date expected
    scenario: Scenario
    duplicate: bool = False             # the same bytes a second time in the file: moved once
    subject: str = ""

    @property
    def moved(self) -> bool:
        return self.scenario.folder is not None and not self.duplicate


@dataclass
class Sample:
    data: bytes
    messages: list[SampleMessage] = field(default_factory=list)

    def expected_one_copy(self) -> dict[str, list[SampleMessage]]:
        """Folder → messages it should hold under the default policy."""
        found: dict[str, list[SampleMessage]] = {}
        for m in self.messages:
            if m.moved:
                found.setdefault(str(m.scenario.folder), []).append(m)
        return found

    def expected_per_label(self) -> dict[str, list[SampleMessage]]:
        found: dict[str, list[SampleMessage]] = {}
        for m in self.messages:
            if m.moved:
                for folder in m.scenario.per_label or (str(m.scenario.folder),):
                    found.setdefault(folder, []).append(m)
        return found


ATTACHMENT = base64.encodebytes(bytes(range(256)) * 12)  # 3 KiB of binary, base64 lines
START = datetime(2019, 3, 4, 8, 15, 0, tzinfo=UTC)


def labels_header(scenario: Scenario) -> bytes:
    text = ",".join(f'"{label}"' if "," in label else label for label in scenario.labels)
    if not scenario.encoded:
        return b"X-Gmail-Labels: " + text.encode() + b"\n"
    # Takeout: one encoded-word over the whole value, folded over lines of encoded-words
    raw, step = text.encode("utf-8"), 30
    # cut into words of about 30 bytes, never inside a multi-byte character
    words, rest = [], raw
    while rest:
        cut = min(step, len(rest))
        while cut < len(rest) and (rest[cut] & 0xC0) == 0x80:
            cut -= 1
        words.append(rest[:cut])
        rest = rest[cut:]
    encoded = [b"=?UTF-8?Q?" + _q(w) + b"?=" for w in words]
    return b"X-Gmail-Labels: " + b"\n ".join(encoded) + b"\n"


def _q(data: bytes) -> bytes:
    out = []
    for byte in data:
        ch = bytes([byte])
        if ch == b" ":
            out.append(b"_")
        elif ch.isalnum() and byte < 128:
            out.append(ch)
        else:
            out.append(b"=%02X" % byte)
    return b"".join(out)


def _body(n: int, subject: str) -> bytes:
    kind = n % 7
    if kind == 0:
        return (b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                + f"Bonjour,\n\nCompte rendu n°{n} : déjà vu, à bientôt.\n— Marie\n".encode())
    if kind == 1:
        return (b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b" + str(n).encode() + b"\"\n\n"
                b"--b" + str(n).encode() + b"\nContent-Type: text/plain\n\nVoir la piece jointe.\n"
                b"--b" + str(n).encode() + b"\nContent-Type: application/pdf; name=\"facture.pdf\"\n"
                b"Content-Disposition: attachment; filename=\"facture.pdf\"\nContent-Transfer-Encoding: base64\n\n"
                + ATTACHMENT + b"--b" + str(n).encode() + b"--\n")
    if kind == 2:  # broken MIME: boundary never closed, a header with raw Latin-1
        return (b"Content-Type: multipart/mixed; boundary=\"never-closed\nX-Note: cr\xe8me br\xfbl\xe9e\n\n"
                b"--never-closed\nContent-Type: text/plain; charset=iso-8859-1\n\nd\xe9j\xe0 vu\n")
    if kind == 3:  # a body line that an mboxrd writer quotes
        return b"\nFrom the desk of Marie:\n>From a reply\nline three\n"
    return f"\nMessage {n}: {subject}.\nhttps://example.org/{n}\n".encode()


def takeout_mbox(count: int = 5000) -> Sample:
    """An mbox of ``count`` messages (plus one duplicate) and what each should become."""
    lines: list[bytes] = []
    sample = Sample(b"")
    for n in range(count):
        scenario = SCENARIOS[n % len(SCENARIOS)]
        when = START + timedelta(hours=7 * n, seconds=n % 60)
        mid: str | None = f"<{n}.{when:%Y%m%d}@degoogle.test>"
        header_date = when + timedelta(minutes=3)  # sent a little after: the From line must win
        if n == 1234:
            mid = None
        if n == 2001:  # a constant-Message-ID sender: the same id as n=2000, another Date
            mid = "<2000.constant@degoogle.test>"
        if n == 2000:
            mid = "<2000.constant@degoogle.test>"
        subject = f"Sujet {n} — été" if n % 3 else f"Subject {n}"
        message = SampleMessage(mid, when, scenario, subject=subject)
        sample.messages.append(message)
        head = (labels_header(scenario)
                + b"X-GM-THRID: " + str(1783452341234567890 + n).encode() + b"\n"
                + (b"Message-ID: " + mid.encode() + b"\n" if mid else b"")
                + b"Date: " + email.utils.format_datetime(header_date).encode() + b"\n"
                + b"From: Marie Dupont <marie@example.org>\nTo: Karim <karim@example.org>\n"
                + b"Subject: " + (subject.encode() if n % 3 == 0 else b"=?UTF-8?Q?" + _q(subject.encode()) + b"?=")
                + b"\n")
        body = head + _body(n, subject)
        if n % 11 == 5:
            body = body.replace(b"\n", b"\r\n")
        separator = b"From " + str(1783452341234567890 + n).encode() + b"@xxx " + when.strftime(
            "%a %b %d %H:%M:%S +0000 %Y").encode() + b"\n"
        stored = b"\n".join(b">" + line if line.lstrip(b">").startswith(b"From ") else line
                            for line in body.split(b"\n"))
        lines.append(separator + stored + b"\n")
        if n == 777:  # the very same message twice in the file
            lines.append(separator + stored + b"\n")
            sample.messages.append(SampleMessage(mid, when, scenario, duplicate=True, subject=subject))
    sample.data = b"".join(lines)
    return sample
