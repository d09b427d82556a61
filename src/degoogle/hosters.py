"""Hosters of the CHATONS collective as degoogle keeps them: the record, the directory file format
(bundled in ``resources/chatons.json``, or cached from the last update), and search.

A field is ``None`` (or ``services`` empty) when it is *not known*, never to mean *no*; no address is
ever filled in by guess. No Qt here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

CACHE_FILE_NAME = "chatons.json"
FORMAT_VERSION = 1

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
    #: from the hoster's ChatonsInfos: who may sign up to its Nextcloud (None/Free/Member/Client) ...
    nextcloud_registration: str | None = None
    #: ... whether it takes new accounts now (OPEN/FULL) ...
    nextcloud_load: str | None = None
    #: ... and the page where one asks for an account there
    signup_url: str | None = None

    @property
    def taking_new_accounts(self) -> bool:
        """Known to run a Nextcloud where anybody may open an account now (never guessed: unknown is no)."""
        return (self.nextcloud_url is not None and self.nextcloud_registration in ("Free", "Client")
                and self.nextcloud_load == "OPEN")


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
                  nextcloud_url=text("nextcloud_url"), imap_host=text("imap_host"), note=text("note"), nid=nid,
                  nextcloud_registration=text("nextcloud_registration"), nextcloud_load=text("nextcloud_load"),
                  signup_url=text("signup_url"))


def directory_document(hosters: Iterable[Hoster], generated: date) -> dict[str, Any]:
    """The JSON document for ``hosters``, in the bundled file's format."""
    records = []
    for h in hosters:
        records.append({"name": h.name, "website": h.website, "city": h.city, "country": h.country,
                        "services": list(h.services), "open_to_all": h.open_to_all,
                        "nextcloud_url": h.nextcloud_url, "imap_host": h.imap_host, "note": h.note,
                        "source": h.source, "nid": h.nid, "nextcloud_registration": h.nextcloud_registration,
                        "nextcloud_load": h.nextcloud_load, "signup_url": h.signup_url})
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


def taking_new_accounts(hosters: Iterable[Hoster], country: str | None = None) -> list[Hoster]:
    """The hosters known to run a Nextcloud taking new accounts from anybody, in ``country`` (a code such
    as "BE"; None: anywhere), in input order."""
    wanted = country.upper() if country else None
    return [h for h in hosters if h.taking_new_accounts and (wanted is None or (h.country or "").upper() == wanted)]
