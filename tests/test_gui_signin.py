"""The wizard's sign-in box against the sandbox: signing in again replaces degoogle's app password
the way ``degoogle login`` does (one code path, ``app.signin``), on a server that, like Nextcloud,
signs cookie-carrying requests in as the cookie's session."""

from __future__ import annotations

from pathlib import Path

from degoogle.gui.signin import SignInBox
from degoogle.sandbox import Sandbox
from degoogle.secrets import SecretStore
from tests.gui_helpers import click, open_wizard, person_context


def test_signing_in_again_in_the_wizard_revokes_the_app_password_it_replaces(qtbot, tmp_path: Path) -> None:
    with Sandbox(tmp_path / "server", user="marie") as sandbox:
        ctx = person_context(tmp_path, "en")
        wizard = open_wizard(qtbot, ctx, "en")
        box = SignInBox(wizard.state, lambda: sandbox.url, name="again")
        qtbot.addWidget(box)
        box.show()
        name = "marie@" + sandbox.url.split("://")[1]
        kept = []
        for _ in range(2):
            box.account = None
            click(qtbot, box.browser)
            qtbot.waitUntil(lambda: box.account is not None, timeout=20_000)
            kept.append(SecretStore().get(name))
        first, second = kept
        assert first and second and first != second
        # the person's own first password stays; of degoogle's only the newest is valid
        assert sandbox.app_passwords() == [sandbox.password, second]
        wizard.close()
