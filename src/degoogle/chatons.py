"""The CHATONS directory: hosters a person can move to, searchable, with an "update the list" action.

Terminology: a *hoster* is one member of the CHATONS collective (https://www.chatons.org); the *bundled*
list is ``resources/chatons.json``, written from public facts only (a field is ``None`` when it was not
known, never a guessed address); the *cache* is the last list read from the collective's own listing.

The collective's JSON API (``/api/chatons/all/json`` then ``/api/chatons/<nid>/structure-info/json``) is
neither documented nor checked by us, so everything read from it is parsed defensively: an entry of an
unknown shape is skipped with a logged reason, and any other trouble leaves the cached or bundled list in
place. No Qt here: the wizard wraps this module.
"""

from __future__ import annotations

import enum
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://www.chatons.org"
CACHE_FILE_NAME = "chatons.json"
FORMAT_VERSION = 1
#: the listing is a few hundred kB; anything far larger is not what we expect
MAX_ANSWER_BYTES = 8 * 1024 * 1024
_TIMEOUT = (10.0, 30.0)

#: canonical service → every word a person may type for it (French and English, without accents)
SERVICE_WORDS: Mapping[str, tuple[str, ...]] = {
    "files": ("files", "fichiers", "fichier", "file", "cloud", "nuage", "nextcloud", "drive", "documents"),
    "mail": ("mail", "courriel", "courriels", "email", "e-mail", "messagerie", "courrier", "imap"),
    "calendar": ("calendar", "calendrier", "agenda", "agendas", "caldav"),
    "contacts": ("contacts", "contact", "carnet", "adresses", "address", "book", "carddav"),
}

_COUNTRY_WORDS: Mapping[str, tuple[str, ...]] = {
    "FR": ("france",),
    "BE": ("belgique", "belgium", "belgie", "belgien"),
    "CH": ("suisse", "switzerland", "schweiz"),
    "CA": ("canada", "quebec"),
    "LU": ("luxembourg",),
}


@dataclass(frozen=True)
class Hoster:
    """One CHATON. ``None`` (or an empty ``services``) means *not known*, never *no*."""

    name: str
    source: str
    website: str | None = None
    city: str | None = None
    country: str | None = None
    services: tuple[str, ...] = ()
    open_to_all: bool | None = None
    nextcloud_url: str | None = None
    imap_host: str | None = None
    note: str | None = None
    nid: int | None = None


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


class DirectoryFormatError(ValueError):
    """A directory file (bundled or cached) is not in the expected format."""


# --- loading -----------------------------------------------------------------------------------------

def bundled_path() -> Path:
    """Where the bundled list is: inside the installed package if packaged there, else the source tree.

    Raises FileNotFoundError when neither exists.
    """
    packaged = resources.files("degoogle").joinpath("resources").joinpath(CACHE_FILE_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    in_tree = Path(__file__).resolve().parents[2] / "resources" / CACHE_FILE_NAME
    if in_tree.is_file():
        return in_tree
    raise FileNotFoundError(f"the bundled CHATONS list was not found ({in_tree})")


def load_bundled(path: Path | None = None) -> list[Hoster]:
    """The bundled list (``path`` overrides where it is). Raises DirectoryFormatError, OSError."""
    return parse_directory(json.loads((path or bundled_path()).read_text(encoding="utf-8")))


def parse_directory(document: object) -> list[Hoster]:
    """Hosters from a directory document (``{"version", "generated", "hosters": [...]}``).

    Strict, because we wrote it: raises DirectoryFormatError on any unexpected shape.
    """
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
        raise DirectoryFormatError("not a version-1 CHATONS directory")
    entries = document.get("hosters")
    if not isinstance(entries, list) or not entries:
        raise DirectoryFormatError("the directory lists no hosters")
    return [_hoster_from_record(entry, index) for index, entry in enumerate(entries)]


def _hoster_from_record(entry: object, index: int) -> Hoster:
    if not isinstance(entry, dict):
        raise DirectoryFormatError(f"entry {index} is not an object")
    name, source = entry.get("name"), entry.get("source")
    if not isinstance(name, str) or not name.strip() or not isinstance(source, str) or not source.strip():
        raise DirectoryFormatError(f"entry {index} has no name or no source")
    services = entry.get("services", [])
    if not isinstance(services, list) or not all(isinstance(s, str) for s in services):
        raise DirectoryFormatError(f"entry {index} ({name}): services is not a list of words")
    open_to_all = entry.get("open_to_all")
    nid = entry.get("nid")
    if open_to_all is not None and not isinstance(open_to_all, bool):
        raise DirectoryFormatError(f"entry {index} ({name}): open_to_all is not true, false or null")
    if nid is not None and (not isinstance(nid, int) or isinstance(nid, bool)):
        raise DirectoryFormatError(f"entry {index} ({name}): nid is not a number")

    def text(key: str) -> str | None:
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise DirectoryFormatError(f"entry {index} ({name}): {key} is not text")
        return value or None

    return Hoster(name=name.strip(), source=source, website=text("website"), city=text("city"),
                  country=text("country"), services=tuple(services), open_to_all=open_to_all,
                  nextcloud_url=text("nextcloud_url"), imap_host=text("imap_host"), note=text("note"), nid=nid)


def directory_document(hosters: Iterable[Hoster], generated: date) -> dict[str, Any]:
    """The JSON document for ``hosters``, in the bundled file's format."""
    records = []
    for h in hosters:
        records.append({"name": h.name, "website": h.website, "city": h.city, "country": h.country,
                        "services": list(h.services), "open_to_all": h.open_to_all,
                        "nextcloud_url": h.nextcloud_url, "imap_host": h.imap_host, "note": h.note,
                        "source": h.source, "nid": h.nid})
    return {"version": FORMAT_VERSION, "generated": generated.isoformat(), "hosters": records}


# --- search ------------------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lower case without accents: "Liège" → "liege", "Saint-Étienne" → "saint-etienne"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _haystack(hoster: Hoster) -> str:
    words = [hoster.name, hoster.city or "", hoster.country or ""]
    words += _COUNTRY_WORDS.get((hoster.country or "").upper(), ())
    for service in hoster.services:
        words.append(service)
        words += SERVICE_WORDS.get(service, ())
    return fold(" ".join(words))


def search(hosters: Iterable[Hoster], text: str) -> list[Hoster]:
    """The hosters matching every word of ``text`` (in name, city, country or services), in input order.

    Case and accents do not matter; service words work in French and English ("fichiers" finds hosters
    offering files, "agenda" those offering a calendar). Empty text matches every hoster.
    """
    words = [w for w in re.split(r"[\s,;/']+", fold(text)) if w]
    return [h for h in hosters if all(w in _haystack(h) for w in words)]


# --- the collective's listing ------------------------------------------------------------------------

def fetch_with_requests(url: str) -> bytes:
    """GET ``url`` with a timeout and TLS verification. Raises requests.RequestException, ValueError."""
    with requests.get(url, timeout=_TIMEOUT, stream=True) as response:
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


def _website(raw: str | None) -> str | None:
    if raw is None:
        return None
    parts = urlsplit(raw if "://" in raw else "https://" + raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return None
    return f"{parts.scheme}://{parts.hostname}{parts.path.rstrip('/')}"


def hoster_from_structure_info(nid: int, answer: object, fetched: date) -> Hoster:
    """A hoster from one ``structure-info`` answer (an object, or a list holding one). Raises SkipEntry."""
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, dict):
        raise SkipEntry(f"nid {nid}: structure-info is not an object")
    name = _first(answer, ("title", "name", "nom", "field_nom", "structure"))
    if name is None:
        raise SkipEntry(f"nid {nid}: structure-info has no name")
    website = _website(_first(answer, ("website", "url", "site", "field_website", "field_url", "field_site")))
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
                 base_url: str = DEFAULT_BASE_URL, today: Callable[[], date] = date.today) -> None:
        self.cache_path = cache_dir / CACHE_FILE_NAME
        self._fetch = fetch or fetch_with_requests
        self._base_url = base_url.rstrip("/")
        self._today = today

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
