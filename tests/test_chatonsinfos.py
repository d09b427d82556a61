"""Hosters that lead somewhere: the members' ChatonsInfos files read by "Update the list", giving each
hoster's Nextcloud address as the hoster publishes it, who may sign up and whether it takes new accounts;
and the bundled list built by that same code.

The files are fixtures written from the published format (tests/fixtures/chatonsinfos, every name and
address made up under .example), served with the chatons.org JSON by a local server on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from degoogle.chatons import Directory, UpdateOutcome, build_bundled, fetch_from_folder
from degoogle.chatonsinfos import parse_properties
from degoogle.hosters import Hoster, load_bundled, search, taking_new_accounts

FIXTURES = Path(__file__).parent / "fixtures" / "chatonsinfos"
TODAY = date(2026, 12, 3)
LISTING = [{"nid": "12"}]
ENTRIES = {12: [{"title": [{"value": "Chaton de Namur"}], "field_city": [{"value": "Namur"}], "field_pays": "BE",
                 "field_website": [{"uri": "https://chaton-namur.example/"}]}]}


class Collective(ThreadingHTTPServer):
    """chatons.org's JSON and the members' ChatonsInfos files, from one local server."""

    routes: dict[str, bytes]
    requested: list[str]


class _Handler(BaseHTTPRequestHandler):
    server: Collective

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.requested.append(self.path)
        body = self.server.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        body = body if body is not None else b"not found"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's signature)
        pass


def base_of(server: Collective) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def fixture_routes(base: str) -> dict[str, bytes]:
    routes = {"/api/chatons/all/json": json.dumps(LISTING).encode()}
    routes |= {f"/api/chatons/{nid}/structure-info/json": json.dumps(e).encode() for nid, e in ENTRIES.items()}
    for path in FIXTURES.rglob("*.properties"):
        routes["/" + path.relative_to(FIXTURES).as_posix()] = path.read_text(encoding="utf-8").replace(
            "{base}", base).encode()
    return routes


@pytest.fixture
def collective() -> Iterator[Collective]:
    server = Collective(("127.0.0.1", 0), _Handler)
    server.routes, server.requested = fixture_routes(base_of(server)), []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def directory(tmp_path: Path, server: Collective) -> Directory:
    base = base_of(server)
    return Directory(tmp_path / "cache", base_url=base, chatonsinfos_url=f"{base}/chatons.properties",
                     today=lambda: TODAY)


def by_name(hosters: list[Hoster]) -> dict[str, Hoster]:
    return {h.name: h for h in hosters}


def test_the_properties_format_as_members_write_it() -> None:
    text = ("# comment\n! other comment\n[Section]\nfile.class = Service\nService.Name=Nuage\n"
            "service.description : d\\u00e9j\\u00e0 l\\u00e0\nservice.website = https://a.example/\\\n"
            "    nextcloud\nsubs.x = 'https://b.example/x.properties'\nempty =\n")
    found = parse_properties(text)
    assert found == {"file.class": "Service", "service.name": "Nuage", "service.description": "déjà là",
                     "service.website": "https://a.example/nextcloud", "subs.x": "https://b.example/x.properties",
                     "empty": ""}


def test_an_update_gives_each_nextcloud_as_its_hoster_publishes_it(tmp_path: Path, collective: Collective) -> None:
    chatons = directory(tmp_path, collective)

    result = chatons.update()

    assert result.outcome is UpdateOutcome.UPDATED
    hosters = by_name(chatons.hosters())
    assert set(hosters) == {"Chaton de Namur", "Chaton des Alpes", "Chaton Complet", "Chaton des Membres"}
    alpes, namur = hosters["Chaton des Alpes"], hosters["Chaton de Namur"]
    # free sign-up: the Nextcloud itself is where one opens an account
    assert (alpes.nextcloud_url, alpes.signup_url, alpes.country) == ("https://nuage.alpes.example",
                                                                      "https://nuage.alpes.example", "FR")
    assert (alpes.nextcloud_registration, alpes.nextcloud_load) == ("Free", "OPEN")
    assert "alpes/organization.properties" in alpes.source and "2026-12-03" in alpes.source
    # a customer's account: the hoster's own site says how; the JSON's facts (city) are kept beside it
    assert (namur.nextcloud_url, namur.signup_url) == ("https://cloud.chaton-namur.example/nextcloud",
                                                        "https://chaton-namur.example")
    assert (namur.city, namur.nextcloud_registration, namur.nextcloud_load) == ("Namur", "Client", "OPEN")
    assert "structure-info of nid 12" in namur.source and "ChatonsInfos" in namur.source
    # the one thing the person asked for: a Nextcloud taking new accounts, in their country
    assert [h.name for h in taking_new_accounts(hosters.values(), "BE")] == ["Chaton de Namur"]
    assert [h.name for h in taking_new_accounts(hosters.values(), "fr")] == ["Chaton des Alpes"]
    assert not hosters["Chaton Complet"].taking_new_accounts  # FULL
    assert not hosters["Chaton des Membres"].taking_new_accounts  # members only
    assert hosters["Chaton des Membres"].nextcloud_url == "https://nuage.membres.example"
    assert [h.name for h in search(chatons.hosters(), "namur fichiers")] == ["Chaton de Namur"]


def test_what_cannot_be_used_is_skipped_with_its_reason(tmp_path: Path, collective: Collective) -> None:
    result = directory(tmp_path, collective).update()

    skipped = "\n".join(result.skipped)
    assert "Chaton Parti is marked AWAY" in skipped
    assert "disparu/organization.properties: could not be read" in skipped
    assert "mauvais/organization.properties: file.class is service, not organization" in skipped
    assert "membres/missing.properties: could not be read" in skipped
    assert "Chaton de Namur's Nextcloud is closed" in skipped  # old-cloud: an end date
    assert "/parti/cloud.properties" not in collective.requested  # an AWAY member's services are not read
    assert not any("ftp" in path for path in collective.requested)


def test_no_address_is_made_up_for_a_hoster_without_chatonsinfos(tmp_path: Path, collective: Collective) -> None:
    collective.routes = {k: v for k, v in collective.routes.items() if not k.startswith("/namur/")}
    chatons = directory(tmp_path, collective)
    assert chatons.update().outcome is UpdateOutcome.UPDATED
    namur = by_name(chatons.hosters())["Chaton de Namur"]
    assert (namur.nextcloud_url, namur.signup_url, namur.taking_new_accounts) == (None, None, False)


def test_without_the_federation_file_the_listing_still_updates(tmp_path: Path, collective: Collective) -> None:
    del collective.routes["/chatons.properties"]
    chatons = directory(tmp_path, collective)

    result = chatons.update()

    assert (result.outcome, result.count) == (UpdateOutcome.UPDATED, 1)
    assert any("chatons.properties: could not be read" in reason for reason in result.skipped)
    assert by_name(chatons.hosters())["Chaton de Namur"].nextcloud_url is None


def save_pages(server: Collective, folder: Path) -> None:
    """The pages of the local collective as a saved copy: folder/<host>/<path>."""
    host = urlsplit(base_of(server)).hostname or ""
    for path, body in server.routes.items():
        target = folder / host / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def test_the_bundled_list_is_built_by_the_update_code(tmp_path: Path, collective: Collective) -> None:
    online = directory(tmp_path / "online", collective)
    assert online.update().outcome is UpdateOutcome.UPDATED
    save_pages(collective, tmp_path / "saved")
    base = base_of(collective)
    collective.routes.clear()  # the build reads the saved copy only, not the server
    out = tmp_path / "chatons.json"

    result = build_bundled(out, fetch_from_folder(tmp_path / "saved"), base_url=base,
                           chatonsinfos_url=f"{base}/chatons.properties", today=lambda: TODAY)

    assert result.count == 4
    assert out.read_bytes() == online.cache_path.read_bytes()
    assert by_name(load_bundled(out))["Chaton des Alpes"].nextcloud_url == "https://nuage.alpes.example"
    with pytest.raises(FileNotFoundError):
        fetch_from_folder(tmp_path / "saved")("http://127.0.0.1/../../etc/passwd")


def test_a_build_that_reads_nothing_leaves_the_bundled_file(tmp_path: Path) -> None:
    out = tmp_path / "chatons.json"
    shutil.copy(Path(__file__).parents[1] / "resources" / "chatons.json", out)
    before = out.read_bytes()
    with pytest.raises(RuntimeError, match="not built"):
        build_bundled(out, fetch_from_folder(tmp_path / "empty"), base_url="https://chatons.example",
                      chatonsinfos_url=None)
    assert out.read_bytes() == before
