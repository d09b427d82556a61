"""The CHATONS directory: the bundled list, search, and "update the list" against a local server."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from degoogle.chatons import Directory, UpdateOutcome
from degoogle.hosters import Hoster, bundled_path, load_bundled, search

ARTICLE_HOSTERS = {"Framasoft", "La Mère Zaclys", "L'Autre.net", "Infini", "Assodev-Marsnet", "G3L", "Alolise",
                   "IndieHosters", "roflcopter.fr", "Clomut", "Nubo"}
RECORD_KEYS = {"name", "website", "city", "country", "services", "open_to_all", "nextcloud_url", "imap_host",
               "note", "source", "nid", "nextcloud_registration", "nextcloud_load", "signup_url"}
TODAY = date(2026, 11, 25)


# --- the bundled list ---------------------------------------------------------------------------------

def _registrable(host: str) -> str:
    return ".".join(host.removeprefix("www.").split(".")[-2:])


def address_is_grounded(hoster: Hoster, address: str) -> bool:
    """A mail or Nextcloud address is acceptable only under the hoster's own domain, or explicitly sourced."""
    host = urlsplit(address if "://" in address else "//" + address).hostname or ""
    site = urlsplit(hoster.website or "").hostname
    if site and (host == _registrable(site) or host.endswith("." + _registrable(site))):
        return True
    return host != "" and host in hoster.source


def test_the_bundled_list_loads_with_a_name_and_a_source_for_every_hoster() -> None:
    hosters = load_bundled()
    assert {h.name for h in hosters} >= ARTICLE_HOSTERS
    assert len({h.name for h in hosters}) == len(hosters), "a hoster is listed twice"
    for hoster in hosters:
        assert hoster.name.strip() and hoster.source.strip()
        assert hoster.country in {"FR", "BE", "CH", "LU", "CA"}, hoster.name
        assert set(hoster.services) <= {"files", "mail", "calendar", "contacts"}, hoster.name


def test_the_bundled_file_has_a_version_a_date_and_only_known_fields() -> None:
    document = json.loads(bundled_path().read_text(encoding="utf-8"))
    assert document["version"] == 1
    date.fromisoformat(document["generated"])
    for record in document["hosters"]:
        assert set(record) <= RECORD_KEYS, record["name"]


def test_no_bundled_hoster_has_an_invented_looking_address() -> None:
    for hoster in load_bundled():
        if hoster.website:
            assert urlsplit(hoster.website).scheme == "https", hoster.name
        for address in (hoster.nextcloud_url, hoster.imap_host):
            if address:
                assert address_is_grounded(hoster, address), f"{hoster.name}: {address} is not sourced"


def test_the_address_check_rejects_an_address_outside_the_hosters_domain() -> None:
    hoster = Hoster(name="Exemple", source="the hoster's site", website="https://www.exemple.org")
    assert address_is_grounded(hoster, "imap.exemple.org")
    assert address_is_grounded(hoster, "https://cloud.exemple.org/")
    assert not address_is_grounded(hoster, "imap.exemple-mail.net")
    assert not address_is_grounded(hoster, "https://cloud.ailleurs.fr")
    sourced = Hoster(name="Exemple", source="help page naming mail.partner.net", website="https://exemple.org")
    assert address_is_grounded(sourced, "mail.partner.net")


def test_the_bundled_list_keeps_what_the_article_says() -> None:
    by_name = {h.name: h for h in load_bundled()}
    assert (by_name["Clomut"].city, by_name["Clomut"].country, by_name["Clomut"].open_to_all) == ("Liège", "BE", True)
    assert (by_name["Nubo"].city, by_name["Nubo"].country) == ("Bruxelles", "BE")
    assert (by_name["Infini"].city, by_name["G3L"].city, by_name["Alolise"].city) == ("Brest", "Valence",
                                                                                    "Saint-Étienne")
    assert by_name["La Mère Zaclys"].open_to_all is True
    assert all("article" in by_name[name].source for name in ARTICLE_HOSTERS)


# --- search -------------------------------------------------------------------------------------------

def names(hosters: list[Hoster]) -> list[str]:
    return [h.name for h in hosters]


@pytest.mark.parametrize(("query", "expected"), [
    ("liege", ["Clomut"]),
    ("LIÈGE", ["Clomut"]),
    ("saint etienne", ["Alolise"]),
    ("Saint-Étienne", ["Alolise"]),
    ("zaclys", ["La Mère Zaclys"]),
    ("la mere", ["La Mère Zaclys"]),
    ("bruxelles", ["Nubo"]),
    ("Belgique", ["Clomut", "Nubo"]),
    ("belgium", ["Clomut", "Nubo"]),
    ("fichiers belgique", ["Clomut", "Nubo"]),
    ("courriel Liège", []),
    ("courriel bruxelles", ["Nubo"]),
    ("nulle part", []),
])
def test_search_finds_by_name_city_country_and_service(query: str, expected: list[str]) -> None:
    assert names(search(load_bundled(), query)) == expected


@pytest.mark.parametrize(("french", "english"), [
    ("fichiers", "files"), ("courriel", "mail"), ("agenda", "calendar"), ("calendrier", "calendar"),
    ("Messagerie", "e-mail"),
])
def test_french_and_english_service_words_find_the_same_hosters(french: str, english: str) -> None:
    hosters = load_bundled()
    found = names(search(hosters, french))
    assert found == names(search(hosters, english))
    service = {"fichiers": "files", "courriel": "mail", "agenda": "calendar", "calendrier": "calendar",
               "Messagerie": "mail"}[french]
    assert found == [h.name for h in hosters if service in h.services]
    assert found, "the bundled list should offer this service somewhere"


def test_empty_search_lists_everyone_in_order() -> None:
    hosters = load_bundled()
    assert search(hosters, "  ") == hosters


def test_search_ignores_accents_in_the_names_too() -> None:
    hosters = [Hoster(name="Écureuil Numérique", source="test", city="Besançon", services=("contacts",)),
               Hoster(name="Ecole", source="test", city="Nîmes")]
    assert names(search(hosters, "ecureuil numerique")) == ["Écureuil Numérique"]
    assert names(search(hosters, "BESANCON")) == ["Écureuil Numérique"]
    assert names(search(hosters, "nimes")) == ["Ecole"]
    assert names(search(hosters, "carnet d'adresses")) == ["Écureuil Numérique"]


# --- update against a local server -------------------------------------------------------------------

class FakeCollective(ThreadingHTTPServer):
    """chatons.org's two JSON URLs on 127.0.0.1: ``routes`` maps a path to (status, body)."""

    routes: dict[str, tuple[int, bytes]]
    requested: list[str]


class _Handler(BaseHTTPRequestHandler):
    server: FakeCollective

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.requested.append(self.path)
        status, body = self.server.routes.get(self.path, (404, b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's signature)
        pass


@pytest.fixture(scope="session")
def _collective_server() -> Iterator[FakeCollective]:
    server = FakeCollective(("127.0.0.1", 0), _Handler)
    server.routes, server.requested = {}, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def collective(_collective_server: FakeCollective) -> FakeCollective:
    _collective_server.routes.clear()
    _collective_server.requested.clear()
    return _collective_server


def base_url(server: FakeCollective) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def serve(server: FakeCollective, listing: object, entries: dict[int, object]) -> None:
    server.routes["/api/chatons/all/json"] = (200, json.dumps(listing).encode())
    for nid, answer in entries.items():
        body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
        server.routes[f"/api/chatons/{nid}/structure-info/json"] = (200, body)


GOOD_LISTING = [{"nid": "11"}, {"nid": 12}, {"nid": "13"}, {"title": "no nid"}, "not an object", {"nid": "../x"},
                {"nid": "14"}]
GOOD_ENTRIES: dict[int, object] = {
    11: {"title": "Clomut", "field_website": "clomut.example.be"},
    # the nested shape Drupal's views often produce
    12: [{"title": [{"value": "Chaton de Namur"}], "field_city": [{"value": "Namur"}], "field_pays": "BE",
          "field_website": [{"uri": "https://chaton-namur.example/"}]}],
    13: b"{this is not json",
    # 14 is not served: the local server answers 404 for it
}


def directory(tmp_path: Path, server: FakeCollective) -> Directory:
    # the chatons.org JSON alone: ChatonsInfos has its own tests (test_chatonsinfos.py)
    return Directory(tmp_path / "cache", base_url=base_url(server), today=lambda: TODAY, chatonsinfos_url=None)


def test_a_good_listing_is_cached_and_used(tmp_path: Path, collective: FakeCollective) -> None:
    serve(collective, GOOD_LISTING, GOOD_ENTRIES)
    chatons = directory(tmp_path, collective)

    result = chatons.update()

    assert (result.outcome, result.count, result.reason) == (UpdateOutcome.UPDATED, 2, None)
    assert any("nid 13" in reason and "not JSON" in reason for reason in result.skipped)
    assert any("nid 14" in reason and "404" in reason for reason in result.skipped)
    assert len(result.skipped) == 5
    assert "/api/chatons/11/structure-info/json" in collective.requested
    assert not any(".." in path for path in collective.requested)
    assert chatons.cache_path.is_file()
    assert sorted(p.name for p in chatons.cache_path.parent.iterdir()) == ["chatons.json"]

    # a later start of the app reads the cache, without the network
    collective.routes.clear()
    hosters = Directory(tmp_path / "cache", base_url=base_url(collective), chatonsinfos_url=None).hosters()
    assert names(hosters) == ["Clomut", "Chaton de Namur"]
    clomut, namur = hosters
    assert (clomut.nid, clomut.website, clomut.city, clomut.services) == (11, "https://clomut.example.be",
                                                                          "Liège", ("files",))
    assert "nid 11" in clomut.source and "article" in clomut.source
    assert (namur.city, namur.country, namur.website) == ("Namur", "BE", "https://chaton-namur.example")
    assert namur.source == "chatons.org listing, structure-info of nid 12, read 2026-11-25"
    assert names(search(hosters, "namur")) == ["Chaton de Namur"]


def test_an_injected_fetch_is_used_for_every_url(tmp_path: Path) -> None:
    answers = {"https://chatons.test/api/chatons/all/json": b'[{"nid": 5}]',
               "https://chatons.test/api/chatons/5/structure-info/json": b'{"name": "Chaton Cinq"}'}
    asked: list[str] = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        return answers[url]

    chatons = Directory(tmp_path, fetch=fetch, base_url="https://chatons.test/", chatonsinfos_url=None)
    assert chatons.update().outcome is UpdateOutcome.UPDATED
    assert asked == list(answers)
    assert names(chatons.hosters()) == ["Chaton Cinq"]


def bundled_names() -> list[str]:
    return names(load_bundled())


def test_a_server_error_leaves_the_bundled_list(tmp_path: Path, collective: FakeCollective) -> None:
    collective.routes["/api/chatons/all/json"] = (500, b"<html>oops</html>")
    chatons = directory(tmp_path, collective)

    result = chatons.update()

    assert (result.outcome, result.count) == (UpdateOutcome.BUNDLED, len(bundled_names()))
    assert result.reason is not None and "500" in result.reason
    assert not chatons.cache_path.exists()
    assert names(chatons.hosters()) == bundled_names()


@pytest.mark.parametrize(("listing", "why"), [
    (b"[{\"nid\": 1}", "not valid JSON"),
    (b"<html>maintenance</html>", "not valid JSON"),
    (b"{\"error\": \"nope\"}", "not a list"),
    (b"[{\"nid\": \"x\"}, 42]", "no usable entry"),
])
def test_a_malformed_listing_keeps_the_cached_list(tmp_path: Path, collective: FakeCollective, listing: bytes,
                                                   why: str) -> None:
    serve(collective, GOOD_LISTING, GOOD_ENTRIES)
    chatons = directory(tmp_path, collective)
    assert chatons.update().outcome is UpdateOutcome.UPDATED
    cached = chatons.cache_path.read_bytes()

    collective.routes["/api/chatons/all/json"] = (200, listing)
    result = chatons.update()

    assert (result.outcome, result.count) == (UpdateOutcome.KEPT_CACHED, 2)
    assert result.reason is not None and why in result.reason
    assert chatons.cache_path.read_bytes() == cached
    assert names(chatons.hosters()) == ["Clomut", "Chaton de Namur"]


def test_an_outage_halfway_through_keeps_the_cached_list(tmp_path: Path, collective: FakeCollective) -> None:
    serve(collective, GOOD_LISTING, GOOD_ENTRIES)
    chatons = directory(tmp_path, collective)
    assert chatons.update().outcome is UpdateOutcome.UPDATED
    cached = chatons.cache_path.read_bytes()

    collective.routes["/api/chatons/12/structure-info/json"] = (503, b"busy")
    result = chatons.update()

    assert result.outcome is UpdateOutcome.KEPT_CACHED
    assert result.reason is not None and "503" in result.reason
    assert chatons.cache_path.read_bytes() == cached


def test_a_refused_connection_leaves_the_bundled_list(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and that nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    chatons = Directory(tmp_path / "cache", base_url=f"http://127.0.0.1:{port}",
                        chatonsinfos_url=f"http://127.0.0.1:{port}/chatons.properties")

    result = chatons.update()

    assert result.outcome is UpdateOutcome.BUNDLED
    assert result.reason is not None and "could not reach" in result.reason
    assert names(chatons.hosters()) == bundled_names()


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "chatons.json"
    chatons = Directory(tmp_path, fetch=lambda url: b"[]")
    for damage in ("{half", '{"version": 1, "hosters": []}', '{"version": 1, "hosters": [{"name": "x"}]}', "[]"):
        cache.write_text(damage, encoding="utf-8")
        assert names(chatons.hosters()) == bundled_names(), damage
        result = chatons.update()
        assert result.outcome is UpdateOutcome.BUNDLED, damage
