"""ChatonsInfos: the ``.properties`` files in which each CHATON describes itself and its services.

Terminology, from the format the collective publishes (StatoolInfos, gathered by stats.chatons.org):
the *federation* file (``file.class = federation``) lists its members' *organization* files under
``subs.<name> = URL``; each organization file (``organization.name``, ``organization.website``,
``organization.country.code``, ``organization.status.level`` = ACTIVE/IDLE/AWAY…) lists its *service*
files the same way; a service file says which software runs it (``software.name``), where it is
(``service.website``), who may sign up (``service.registration`` = None/Free/Member/Client) and whether
it takes new accounts now (``service.registration.load`` = OPEN/FULL).

A Nextcloud service's ``service.website`` is the address the hoster itself publishes for it: it is the
only Nextcloud address this module ever gives, never one made up from a domain. Every file is written
by hand by a member, so everything is read defensively: a file that cannot be read or has an unknown
shape is skipped with a reason, and the others are kept. No Qt here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

log = logging.getLogger(__name__)

#: sign-up kinds under which anybody may open an account (free of charge, or as a paying customer)
OPEN_TO_ANYONE = ("Free", "Client")
#: at most this many members, and services per member, read: far more is not what the format is for
MAX_FILES = 1000
MAX_SERVICES = 100

_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}


class SkipFile(Exception):
    """One ChatonsInfos file cannot be used; the reason is the message."""


def parse_properties(text: str) -> dict[str, str]:
    """The ``key = value`` pairs of a ``.properties`` text, as ChatonsInfos writes them.

    Follows Java's properties syntax where ChatonsInfos files use it (``#`` and ``!`` comments, ``=`` or
    ``:`` separators, a trailing backslash continuing a line, ``\\uXXXX`` escapes) and tolerates what
    members' hand-written files hold besides: ``[Section]`` headings, and values wrapped in quotes.
    Keys are lower-cased; a later key wins. Never raises for content.
    """
    found: dict[str, str] = {}
    for line in _logical_lines(text):
        stripped = line.strip()
        if not stripped or stripped[0] in "#!" or (stripped.startswith("[") and stripped.endswith("]")):
            continue
        match = re.match(r"((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$", stripped)
        if match is None:
            found[_unescape(stripped).lower()] = ""
            continue
        key, value = _unescape(match.group(1)).lower(), _unescape(match.group(2)).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1].strip()
        found[key] = value
    return found


def _logical_lines(text: str) -> Iterator[str]:
    pending = ""
    for raw in text.splitlines():
        line = pending + (raw.lstrip() if pending else raw)
        backslashes = len(line) - len(line.rstrip("\\"))
        if backslashes % 2 == 1 and not line.lstrip().startswith(("#", "!")):
            pending = line[:-1]
            continue
        pending = ""
        yield line
    if pending:
        yield pending


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        escaped = m.group(1)
        if escaped.startswith("u") and len(escaped) == 5:
            return chr(int(escaped[1:], 16))
        return _ESCAPES.get(escaped, escaped)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", one, text)


def subs(properties: dict[str, str], base: str) -> list[str]:
    """The ``subs.*`` URLs of a federation or organization file, in file order, resolved against ``base``;
    anything but http(s) is left out."""
    urls = []
    for key, value in properties.items():
        if key.startswith("subs.") and value:
            url = urljoin(base, value)
            if urlsplit(url).scheme in ("http", "https") and url not in urls:
                urls.append(url)
    return urls


def web_address(raw: str | None) -> str | None:
    """``raw`` as an http(s) address without its trailing slash, or None when it is not one."""
    if not raw:
        return None
    parts = urlsplit(raw.strip() if "://" in raw else "https://" + raw.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return None
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}{parts.path.rstrip('/')}"


def _first_word(value: str | None) -> str | None:
    # ChatonsInfos lists are separated by ";"; a service open in several ways gives its first, e.g. "Free;Member"
    if not value:
        return None
    word = value.split(";")[0].strip()
    return word or None


@dataclass(frozen=True)
class NextcloudOffer:
    """A hoster's Nextcloud as its own ChatonsInfos files describe it."""

    organization: str
    organization_url: str
    country: str | None
    website: str | None
    nextcloud_url: str
    registration: str | None
    load: str | None
    signup_url: str | None

    @property
    def taking_new_accounts(self) -> bool:
        """Anybody may open an account there now: sign-up open to anyone, and the service is not full."""
        return self.registration in OPEN_TO_ANYONE and self.load == "OPEN"


Fetch = Callable[[str], bytes]


def _read(fetch: Fetch, url: str, expected_class: str) -> dict[str, str]:
    try:
        body = fetch(url)
    except Exception as error:  # one member's server being down must not hide the others
        raise SkipFile(f"{url}: could not be read ({type(error).__name__})") from error
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("latin-1")  # older hand-written files; Java's historical default
    properties = parse_properties(text)
    found_class = properties.get("file.class", "").strip().lower()
    if found_class != expected_class:
        raise SkipFile(f"{url}: file.class is {found_class or 'missing'}, not {expected_class}")
    return properties


def read_federation(fetch: Fetch, federation_url: str, workers: int = 8) -> tuple[list[NextcloudOffer], list[str]]:
    """Every Nextcloud the members of the federation at ``federation_url`` describe, in the federation's
    order, with the reasons files were skipped. Members are read ``workers`` at a time: a hundred members
    with a few services each, one after another, would keep a person waiting for minutes. Raises SkipFile
    when the federation file itself cannot be used."""
    federation = _read(fetch, federation_url, "federation")
    members = subs(federation, federation_url)
    skipped: list[str] = []
    if len(members) > MAX_FILES:
        skipped.append(f"{federation_url}: more than {MAX_FILES} members, the rest left out")
        members = members[:MAX_FILES]

    def member(url: str) -> tuple[list[NextcloudOffer], list[str]]:
        try:
            return _organization_offers(fetch, url, _read(fetch, url, "organization"))
        except SkipFile as reason:
            log.info("skipping a ChatonsInfos file: %s", reason)
            return [], [str(reason)]

    offers: list[NextcloudOffer] = []
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="chatonsinfos") as pool:
        for found, more in pool.map(member, members):
            offers += found
            skipped += more
    return offers, skipped


def _organization_offers(fetch: Fetch, url: str, organization: dict[str, str]
                         ) -> tuple[list[NextcloudOffer], list[str]]:
    name = organization.get("organization.name", "").strip()
    if not name:
        raise SkipFile(f"{url}: no organization.name")
    for key in ("organization.status.level", "organization.memberof.chatons.status.level"):
        if organization.get(key, "").strip().upper() == "AWAY":
            raise SkipFile(f"{url}: {name} is marked AWAY ({key})")
    website = web_address(organization.get("organization.website"))
    country = (organization.get("organization.country.code") or "").strip().upper() or None
    offers: list[NextcloudOffer] = []
    skipped: list[str] = []
    for service_url in subs(organization, url)[:MAX_SERVICES]:
        try:
            service = _read(fetch, service_url, "service")
        except SkipFile as reason:
            skipped.append(str(reason))
            continue
        if service.get("software.name", "").strip().casefold() != "nextcloud":
            continue
        if service.get("service.enddate", "").strip() or service.get("service.status.level", "").upper() == "OFF":
            skipped.append(f"{service_url}: {name}'s Nextcloud is closed")
            continue
        address = web_address(service.get("service.website"))
        if address is None:
            skipped.append(f"{service_url}: {name}'s Nextcloud gives no web address")
            continue
        registration = _first_word(service.get("service.registration"))
        load = (_first_word(service.get("service.registration.load")) or "").upper() or None
        # where to ask for an account: the Nextcloud itself when anyone signs up there freely, else the
        # hoster's own site, which says how to join (members) or subscribe (customers)
        signup = address if registration == "Free" else website
        offers.append(NextcloudOffer(organization=name, organization_url=url,
                                     country=country if country and re.fullmatch(r"[A-Z]{2}", country) else None,
                                     website=website, nextcloud_url=address, registration=registration, load=load,
                                     signup_url=signup))
    return offers, skipped


def offer_source(offer: NextcloudOffer, read_on: date) -> str:
    """Where a hoster's facts came from, for the directory's ``source`` field."""
    return f"ChatonsInfos file {offer.organization_url}, read {read_on.isoformat()}"
