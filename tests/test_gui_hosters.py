"""The wizard's hoster list leads somewhere: "Update the list" reads the collective's pages (a local
server with ChatonsInfos fixtures), "only a Nextcloud taking new accounts, in my country" shows those
hosters with their sign-up page and their own Nextcloud address; a hoster whose address is not known
empties the address field and asks for the one the hoster gave. The Welcome page says what one needs
before starting and where to find help."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from degoogle.chatons import Directory
from degoogle.gui.pages.welcome import CHATONS_FORUM_URL
from degoogle.gui.wizard import PageId
from tests.gui_helpers import click, click_list_row, click_next, open_wizard, practice_context
from tests.test_chatonsinfos import Collective, _Handler, base_of, fixture_routes


@pytest.fixture
def collective() -> Iterator[Collective]:
    server = Collective(("127.0.0.1", 0), _Handler)
    server.routes, server.requested = fixture_routes(base_of(server)), []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def practice(tmp_path: Path, collective: Collective):  # noqa: ANN201
    ctx = practice_context(tmp_path, "fr")
    base = base_of(collective)
    ctx.directory = Directory(tmp_path / "cache-hosters", base_url=base, chatonsinfos_url=f"{base}/chatons.properties")
    opened: list[str] = []
    ctx.open_url = lambda url: opened.append(url) or True
    ctx.opened = opened  # type: ignore[attr-defined]
    yield ctx
    ctx.practice.stop()


def rows(target) -> list[str]:  # noqa: ANN001
    return [target.list.item(r).text() for r in range(target.list.count())]


def row_of(target, name: str) -> int:  # noqa: ANN001
    return next(r for r, text in enumerate(rows(target)) if text.startswith(name))


def test_a_hoster_without_a_known_address_clears_the_field_and_asks_for_it(qtbot, practice) -> None:  # noqa: ANN001
    wizard = open_wizard(qtbot, practice, "fr")
    for _ in range(3):
        click_next(qtbot, wizard)
    target = wizard.pages[PageId.TARGET]
    assert "L'adresse que votre hébergeur vous a donnée" in target.address_label.text().replace("&", "")

    click_list_row(qtbot, target.list, 0)  # the practice hoster: its address is known
    assert target.address.text() == practice.practice.hoster.nextcloud_url
    click_list_row(qtbot, target.list, row_of(target, "Framasoft"))

    assert target.address.text() == ""
    assert "votre Nextcloud" in target.address.placeholderText()
    assert "tapez ci-dessous l'adresse que votre hébergeur vous a donnée" in target.details.text()
    assert "courriel de bienvenue" in target.address_help.text()
    assert not target.signup.isVisible()


def test_updated_list_offers_a_nextcloud_taking_accounts_in_my_country(qtbot, practice) -> None:  # noqa: ANN001
    wizard = open_wizard(qtbot, practice, "fr")
    for _ in range(3):
        click_next(qtbot, wizard)
    target = wizard.pages[PageId.TARGET]

    click(qtbot, target.update_list)
    qtbot.waitUntil(lambda: "La liste est à jour" in target.update_status.text(), timeout=20_000)
    assert target.update_status.text() == "La liste est à jour\u00a0: 4 hébergeurs."

    click(qtbot, target.open_only)
    target.country.setCurrentIndex(target.country.findData("BE"))
    assert [line.split(" (")[0].split(" · ")[0] for line in rows(target)] == [
        "Hébergeur d'entraînement", "Chaton de Namur"]
    assert "accepte de nouveaux comptes" in rows(target)[1]

    click_list_row(qtbot, target.list, 1)
    assert target.address.text() == "https://cloud.chaton-namur.example/nextcloud"
    assert "Comptes pour ses clients" in target.details.text()
    assert target.signup.isVisible()
    click(qtbot, target.signup)
    assert practice.opened == ["https://chaton-namur.example"]

    target.country.setCurrentIndex(target.country.findData("FR"))
    assert [line.split(" (")[0] for line in rows(target)][1:] == ["Chaton des Alpes"]
    click_list_row(qtbot, target.list, 1)
    assert target.address.text() == "https://nuage.alpes.example"
    assert "Tout le monde peut y ouvrir un compte, gratuitement." in target.details.text()

    # a country where none is known: said, not an empty list without a word
    click(qtbot, target.open_only)
    click(qtbot, target.open_only)
    target.country.setCurrentIndex(target.country.findData(""))
    assert len(rows(target)) == 3  # practice, Namur, Alpes: the full one and the members' one are left out
    assert not target.none_open.text()


def test_welcome_says_what_is_needed_and_where_help_is(qtbot, practice) -> None:  # noqa: ANN001
    wizard = open_wizard(qtbot, practice, "fr")
    welcome = wizard.pages[PageId.WELCOME]
    assert "Avant de commencer, il vous faut" in welcome.needs_title.text()
    assert "Un compte chez un hébergeur" in welcome.need_account.text()
    assert "acceptent de nouveaux comptes" in welcome.need_account.text()
    assert "Takeout" in welcome.need_archive.text() and "courriel" in welcome.need_archive.text()
    assert "forum des CHATONS" in welcome.need_help.text()
    click(qtbot, welcome.open_forum)
    click(qtbot, welcome.open_takeout)
    assert practice.opened == [CHATONS_FORUM_URL, "https://takeout.google.com/"]
