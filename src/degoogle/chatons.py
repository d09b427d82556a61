"""The CHATONS directory: hosters a person can move to, searchable, with an "update the list" action.

Terminology: a *hoster* is one member of the CHATONS collective (https://www.chatons.org); the *bundled*
list is ``resources/chatons.json``, written from public facts only (a field is ``None`` when it was not
known, never a guessed address); the *cache* is the last list read from the collective's own listing.

The collective's JSON API (``/api/chatons/all/json`` then ``/api/chatons/<nid>/structure-info/json``) is
neither documented nor checked by us, so everything read from it is parsed defensively: an entry of an
unknown shape is skipped with a logged reason, and any other trouble leaves the cached or bundled list in
place. The members' own ChatonsInfos files (``degoogle.chatonsinfos``) add what the JSON lacks: each
hoster's Nextcloud address as the hoster publishes it, who may sign up, and whether it takes new accounts.
No Qt here: the wizard wraps this module.
"""

from __future__ import annotations

import enum
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import requests

from degoogle.chatonsinfos import NextcloudOffer, SkipFile, offer_source, read_federation, web_address
from degoogle.hosters import (
    CACHE_FILE_NAME,
    DirectoryFormatError,
    Hoster,
    directory_document,
    fold,
    load_bundled,
    parse_directory,
)
from degoogle.protocols.http import peer_session

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://www.chatons.org"
#: the collective's ChatonsInfos federation file, as its repository on framagit publishes it (not checked
#: from here: no network); any trouble reading it leaves the rest of the update as it is
DEFAULT_CHATONSINFOS_URL = "https://framagit.org/chatons/chatonsinfos/-/raw/master/StatoolInfos/chatons.properties"
#: the listing is a few hundred kB; anything far larger is not what we expect
MAX_ANSWER_BYTES = 8 * 1024 * 1024
_TIMEOUT = (10.0, 30.0)

__all__ = ["DirectoryFormatError", "Hoster", "Directory", "UpdateOutcome", "UpdateResult"]


class UpdateOutcome(enum.Enum):
    UPDATED = "updated"
    KEPT_CACHED = "kept_cached"
    BUNDLED = "bundled"


@dataclass(frozen=True)
class UpdateResult:
    """What ``Directory.update`` did: ``count`` hosters now in use, and why when it did not update."""

    outcome: UpdateOutcome
    count: int
    reason: str | None = None
    skipped: tuple[str, ...] = field(default_factory=tuple)


# --- the collective's listing ------------------------------------------------------------------------

def fetch_with_requests(url: str) -> bytes:
    """GET ``url`` with a timeout and TLS verification (``protocols.http``'s session, anonymous).
    Raises requests.RequestException, ValueError."""
    with peer_session() as session, session.get(url, timeout=_TIMEOUT, stream=True) as response:
        response.raise_for_status()
        body = response.raw.read(MAX_ANSWER_BYTES + 1, decode_content=True)
    if len(body) > MAX_ANSWER_BYTES:
        raise ValueError(f"answer larger than {MAX_ANSWER_BYTES} bytes")
    return bytes(body)


class SkipEntry(Exception):
    """One entry of the collective's listing cannot be used; the reason is the message."""


def _plain(value: object) -> str | None:
    """A text out of the shapes Drupal-made JSON uses: "x", ["x"], {"value": "x"}, [{"uri": "x"}]…"""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = next((value[k] for k in ("value", "uri", "url", "name", "title") if k in value), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        cleaned = re.sub(r"<[^>]*>", "", value).strip()
        return cleaned or None
    return None


def _first(record: Mapping[str, object], keys: Iterable[str]) -> str | None:
    for key in keys:
        if key in record and (found := _plain(record[key])) is not None:
            return found
    return None


def _nid(entry: object) -> int:
    if not isinstance(entry, dict):
        raise SkipEntry(f"listing entry is a {type(entry).__name__}, not an object")
    raw = _plain(entry.get("nid"))
    if raw is None or not raw.isdigit():
        raise SkipEntry("listing entry without a numeric nid")
    return int(raw)


def hoster_from_structure_info(nid: int, answer: object, fetched: date) -> Hoster:
    """A hoster from one ``structure-info`` answer (an object, or a list holding one). Raises SkipEntry."""
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, dict):
        raise SkipEntry(f"nid {nid}: structure-info is not an object")
    name = _first(answer, ("title", "name", "nom", "field_nom", "structure"))
    if name is None:
        raise SkipEntry(f"nid {nid}: structure-info has no name")
    website = web_address(_first(answer, ("website", "url", "site", "field_website", "field_url", "field_site")))
    city = _first(answer, ("city", "ville", "locality", "field_city", "field_ville"))
    country = _first(answer, ("country", "pays", "country_code", "field_country", "field_pays"))
    return Hoster(name=name, website=website, city=city, country=country, nid=nid,
                  source=f"chatons.org listing, structure-info of nid {nid}, read {fetched.isoformat()}")


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _with_bundled_facts(hoster: Hoster, bundled: Iterable[Hoster]) -> Hoster:
    """Keep what the bundled list knows (services, addresses) when the listing does not say it."""
    host = _host(hoster.website)
    for known in bundled:
        if (host is not None and host == _host(known.website)) or fold(known.name) == fold(hoster.name):
            return replace(hoster, website=hoster.website or known.website, city=hoster.city or known.city,
                           country=hoster.country or known.country,
                           services=hoster.services or known.services,
                           open_to_all=known.open_to_all if hoster.open_to_all is None else hoster.open_to_all,
                           nextcloud_url=known.nextcloud_url, imap_host=known.imap_host,
                           note=hoster.note or known.note, source=f"{hoster.source}; also {known.source}")
    return hoster


# --- the directory ----------------------------------------------------------------------------------

class Directory:
    """The hosters shown in the wizard: the cached listing when there is a valid one, else the bundled list.

    ``fetch`` takes a URL and returns the body or raises; by default ``requests`` with a timeout and TLS
    verification. ``base_url`` is the collective's site (a local server in tests).
    """

    def __init__(self, cache_dir: Path, fetch: Callable[[str], bytes] | None = None,
                 base_url: str = DEFAULT_BASE_URL, today: Callable[[], date] = date.today,
                 chatonsinfos_url: str | None = DEFAULT_CHATONSINFOS_URL) -> None:
        self.cache_path = cache_dir / CACHE_FILE_NAME
        self._fetch = fetch or fetch_with_requests
        self._base_url = base_url.rstrip("/")
        self._today = today
        self._chatonsinfos_url = chatonsinfos_url

    def _cached(self) -> list[Hoster] | None:
        try:
            return parse_directory(json.loads(self.cache_path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:  # JSONDecodeError and DirectoryFormatError are ValueErrors
            log.warning("ignoring the cached CHATONS list %s: %s", self.cache_path, error)
            return None

    def hosters(self) -> list[Hoster]:
        """The cached list if present and valid, else the bundled one. Raises what load_bundled raises."""
        return self._cached() or load_bundled()

    def update(self) -> UpdateResult:
        """Read the collective's listing and cache it; on any error keep the cached or bundled list.

        Never raises for a network, JSON or shape problem: the result says what happened and why.
        """
        try:
            hosters, skipped = self._read_listing()
            hosters = self._with_chatonsinfos(hosters, skipped)
            if not hosters:
                raise SkipEntry(f"no usable entry in the listing ({len(skipped)} skipped)")
            self._write_cache(hosters)
        except Exception as error:  # any failure must leave the person with a working list
            reason = _describe(error)
            log.warning("CHATONS list not updated: %s", reason)
            cached = self._cached()
            if cached:
                return UpdateResult(UpdateOutcome.KEPT_CACHED, len(cached), reason)
            return UpdateResult(UpdateOutcome.BUNDLED, len(load_bundled()), reason)
        log.info("CHATONS list updated: %d hosters, %d entries skipped", len(hosters), len(skipped))
        return UpdateResult(UpdateOutcome.UPDATED, len(hosters), None, tuple(skipped))

    def _read_listing(self) -> tuple[list[Hoster], list[str]]:
        # A network error on any entry aborts the whole update: a half-read list is worse than the old one.
        listing = json.loads(self._fetch(f"{self._base_url}/api/chatons/all/json"))
        if isinstance(listing, dict):
            listing = next((v for v in listing.values() if isinstance(v, list)), None)
        if not isinstance(listing, list):
            raise SkipEntry("the listing is not a list of entries")
        fetched = self._today()
        bundled = load_bundled()
        hosters: list[Hoster] = []
        skipped: list[str] = []
        seen: set[int] = set()
        for entry in listing:
            try:
                nid = _nid(entry)
                if nid in seen:
                    raise SkipEntry(f"nid {nid}: listed twice")
                seen.add(nid)
                body = self._fetch_entry(nid)
                try:
                    answer = json.loads(body)
                except ValueError as error:
                    raise SkipEntry(f"nid {nid}: structure-info is not JSON ({error})") from error
                hosters.append(_with_bundled_facts(hoster_from_structure_info(nid, answer, fetched), bundled))
            except SkipEntry as reason:
                log.info("skipping a CHATONS entry: %s", reason)
                skipped.append(str(reason))
        return hosters, skipped

    def _with_chatonsinfos(self, hosters: list[Hoster], skipped: list[str]) -> list[Hoster]:
        """``hosters`` with what the members' ChatonsInfos files say of their Nextcloud (added to a hoster
        already listed, or as a new one); a file that cannot be read is only noted in ``skipped``."""
        if self._chatonsinfos_url is None:
            return hosters
        try:
            offers, more = read_federation(self._fetch, self._chatonsinfos_url)
        except SkipFile as reason:
            skipped.append(str(reason))
            return hosters
        skipped += more
        merged = list(hosters)
        for offer in _best_offer_per_organization(offers):
            index = next((i for i, h in enumerate(merged) if _same_hoster(h, offer)), None)
            source = offer_source(offer, self._today())
            known = merged[index] if index is not None else Hoster(name=offer.organization, source="")
            found = replace(known, website=known.website or offer.website, country=known.country or offer.country,
                            services=tuple(dict.fromkeys((*known.services, "files"))),
                            source=f"{known.source}; {source}" if known.source else source,
                            nextcloud_url=offer.nextcloud_url, nextcloud_registration=offer.registration,
                            nextcloud_load=offer.load, signup_url=offer.signup_url)
            if index is None:
                merged.append(found)
            else:
                merged[index] = found
        return merged

    def _fetch_entry(self, nid: int) -> bytes:
        try:
            return self._fetch(f"{self._base_url}/api/chatons/{nid}/structure-info/json")
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else None
            if status is not None and 400 <= status < 500:  # that entry is gone or hidden: not an outage
                raise SkipEntry(f"nid {nid}: structure-info answered HTTP {status}") from error
            raise

    def _write_cache(self, hosters: list[Hoster]) -> None:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        document = directory_document(hosters, self._today())
        handle, temporary = tempfile.mkstemp(prefix=".chatons-", suffix=".tmp", dir=self.cache_path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(document, stream, ensure_ascii=False, indent=1)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.cache_path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def fetch_from_folder(folder: Path) -> Callable[[str], bytes]:
    """A fetch that reads a saved copy of the collective's pages instead of the network: the answer for
    ``https://host/a/b.json`` is the file ``folder/host/a/b.json``. Raises FileNotFoundError for a page
    not saved (the update then treats it as it would a 404 or an outage)."""
    def fetch(url: str) -> bytes:
        parts = urlsplit(url)
        path = (folder / (parts.hostname or "") / parts.path.lstrip("/")).resolve()
        if not path.is_relative_to(folder.resolve()):
            raise FileNotFoundError(url)
        return path.read_bytes()

    return fetch


def build_bundled(out: Path, fetch: Callable[[str], bytes], *, base_url: str = DEFAULT_BASE_URL,
                  chatonsinfos_url: str | None = DEFAULT_CHATONSINFOS_URL,
                  today: Callable[[], date] = date.today) -> UpdateResult:
    """Write the bundled list ``out`` by ``Directory.update``'s own reading of the collective's pages (as
    ``fetch`` gives them: the network, or ``fetch_from_folder``), so the list shipped and the list a
    person updates to never differ in how they were made. Raises RuntimeError when nothing usable was
    read (``out`` is then left as it was)."""
    with tempfile.TemporaryDirectory(prefix="degoogle-chatons-") as work:
        directory = Directory(Path(work), fetch=fetch, base_url=base_url, today=today,
                              chatonsinfos_url=chatonsinfos_url)
        result = directory.update()
        if result.outcome is not UpdateOutcome.UPDATED:
            raise RuntimeError(f"the list was not built: {result.reason}")
        out.write_bytes(directory.cache_path.read_bytes())
    return result


def _best_offer_per_organization(offers: list[NextcloudOffer]) -> list[NextcloudOffer]:
    # an organization may run several Nextclouds: show the one taking new accounts, else its first
    best: dict[str, NextcloudOffer] = {}
    for offer in offers:
        held = best.get(offer.organization_url)
        if held is None or (offer.taking_new_accounts and not held.taking_new_accounts):
            best[offer.organization_url] = offer
    return list(best.values())


def _same_hoster(hoster: Hoster, offer: NextcloudOffer) -> bool:
    host = _host(offer.website)
    return (host is not None and host == _host(hoster.website)) or fold(hoster.name) == fold(offer.organization)


def _describe(error: BaseException) -> str:
    if isinstance(error, requests.HTTPError) and error.response is not None:
        return f"the server answered HTTP {error.response.status_code}"
    if isinstance(error, requests.ConnectionError):
        return "could not reach the server (offline, or the server refused the connection)"
    if isinstance(error, requests.Timeout):
        return "the server did not answer in time"
    if isinstance(error, json.JSONDecodeError):
        return f"the answer is not valid JSON ({error.msg})"
    if isinstance(error, SkipEntry):
        return str(error)
    return f"{type(error).__name__}: {error}"
