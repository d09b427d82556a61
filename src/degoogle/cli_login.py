"""``degoogle login`` and ``degoogle logout``: the Nextcloud sign-in of the command line.

``login`` runs Nextcloud's Login Flow v2 (``targets/nextcloud/login.py``): it prints the address to
open (a support person can read it aloud on the phone), opens the browser unless ``--no-browser``,
waits for the approval and keeps the app password in the OS keyring, where ``plan``/``run``/``verify``
find it. ``logout`` revokes that app password at the server and removes it from the keyring.

Exit codes (the CLI contract's): 0 done, 1 error (server unreachable, sign-in not approved in time,
logout not complete), 2 usage (bad address, no usable keyring), 130 interrupted (Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from degoogle.app.signin import finish_sign_in
from degoogle.errors import Cancelled, FatalError, UserError
from degoogle.logs import Redactor, setup_logging
from degoogle.secrets import TARGET_ENV, SecretStore
from degoogle.targets.nextcloud.account import NextcloudAccount
from degoogle.targets.nextcloud.login import (
    LOGIN_TIMEOUT,
    LoginFlow,
    Revocation,
    duration,
    forget,
    store,
)
from degoogle.targets.nextcloud.server import NextcloudServer, normalise_base_url

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: how long to let a browser command start before polling goes on without knowing whether it did
BROWSER_START = 10.0

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "server": "Signing in to {base} ({product} {version}).",
        "open": "Open this address in a browser, sign in and allow “degoogle”:",
        "opened": "Your browser was opened on it.",
        "no_browser": "No browser could be opened here: open the address yourself, on any device.",
        "waiting": "Waiting up to {duration} for your approval (Ctrl-C to cancel)…",
        "signed_in": "Signed in as {login}. The app password is kept in this computer's keyring "
                     "(service degoogle, user {name}); it is never shown.",
        "other_user": "Note: you signed in as {login}, not {asked}.",
        "user_id": "Note: your user id at this Nextcloud is {uid}; it differs from the login name {login}.",
        "replaced": "The previous app password of degoogle for this account was revoked at the server.",
        "use": "Use this TARGET from now on (no password needed):",
        "cancelled": "Sign-in cancelled; nothing was stored.",
        "no_keyring": "no usable keyring on this computer to keep the app password: unlock the keyring "
                      "(log in to your desktop session) and try again, or create an app password in "
                      "Nextcloud (Settings → Security) and pass it for each run with "
                      f"{TARGET_ENV} or --password-file",
        "revoked": "Signed out: the app password of {name} was revoked at {base} and removed from this computer.",
        "already_invalid": "The app password of {name} no longer worked at {base}; removed from this computer.",
        "refused": "{base} did not confirm revoking the app password of {name}; it was removed from this "
                   "computer. To be sure, remove “degoogle” in Nextcloud → Settings → Security.",
        "unreachable": "Could not reach {base} (or it is busy): the app password of {name} may still work there.",
        "ask_local": "Remove it from this computer anyway? [y/N] ",
        "removed_local": "Removed from this computer. Remove “degoogle” in Nextcloud → Settings "
                         "→ Security when the server is back.",
        "kept_local": "Kept in the keyring. Try again later, or run: degoogle logout {spec} --yes",
        "nothing": "No app password of {name} is kept on this computer; nothing to do.",
    },
    "fr": {
        "server": "Connexion à {base} ({product} {version}).",
        "open": "Ouvrez cette adresse dans un navigateur, connectez-vous et autorisez "
                "« degoogle » :",
        "opened": "Votre navigateur l'a ouverte.",
        "no_browser": "Impossible d'ouvrir un navigateur ici : ouvrez l'adresse vous-même, "
                      "sur n'importe quel appareil.",
        "waiting": "En attente de votre accord, {duration} au plus (Ctrl-C pour annuler)…",
        "signed_in": "Connecté en tant que {login}. Le mot de passe d'application est gardé dans le "
                     "trousseau de cet ordinateur (service degoogle, utilisateur {name}) ; il n'est "
                     "jamais affiché.",
        "other_user": "Remarque : vous vous êtes connecté en tant que {login}, pas {asked}.",
        "user_id": "Remarque : votre identifiant sur ce Nextcloud est {uid}, différent du nom de "
                   "connexion {login}.",
        "replaced": "L'ancien mot de passe d'application de degoogle pour ce compte a été révoqué "
                    "sur le serveur.",
        "use": "Utilisez désormais cette CIBLE (sans mot de passe) :",
        "cancelled": "Connexion annulée ; rien n'a été enregistré.",
        "no_keyring": "aucun trousseau utilisable sur cet ordinateur pour garder le mot de passe "
                      "d'application : déverrouillez le trousseau (ouvrez votre session de bureau) et "
                      "recommencez, ou créez un mot de passe d'application dans Nextcloud "
                      "(Paramètres → Sécurité) et passez-le à chaque fois avec "
                      f"{TARGET_ENV} ou --password-file",
        "revoked": "Déconnecté : le mot de passe d'application de {name} a "
                   "été révoqué sur {base} et retiré de cet ordinateur.",
        "already_invalid": "Le mot de passe d'application de {name} ne fonctionnait plus sur {base} ; "
                           "retiré de cet ordinateur.",
        "refused": "{base} n'a pas confirmé la révocation du mot de passe d'application de {name} ; "
                   "il a été retiré de cet ordinateur. Pour être sûr, supprimez "
                   "« degoogle » dans Nextcloud → Paramètres → Sécurité.",
        "unreachable": "{base} est injoignable (ou occupé) : le mot de passe d'application de {name} "
                       "fonctionne peut-être encore là-bas.",
        "ask_local": "Le retirer quand même de cet ordinateur ? [o/N] ",
        "removed_local": "Retiré de cet ordinateur. Supprimez « degoogle » dans Nextcloud "
                         "→ Paramètres → Sécurité quand le serveur sera revenu.",
        "kept_local": "Gardé dans le trousseau. Réessayez plus tard, ou lancez : "
                      "degoogle logout {spec} --yes",
        "nothing": "Aucun mot de passe d'application de {name} n'est gardé sur cet ordinateur ; "
                   "rien à faire.",
    },
    "nl": {
        "server": "Aanmelden bij {base} ({product} {version}).",
        "open": "Open dit adres in een browser, meld u aan en geef “degoogle” toegang:",
        "opened": "Uw browser is op dit adres geopend.",
        "no_browser": "Hier kon geen browser geopend worden: open het adres zelf, op een willekeurig apparaat.",
        "waiting": "Wachten op uw toestemming, hoogstens {duration} (Ctrl-C om te annuleren)…",
        "signed_in": "Aangemeld als {login}. Het app-wachtwoord wordt bewaard in de sleutelbos van deze "
                     "computer (dienst degoogle, gebruiker {name}); het wordt nooit getoond.",
        "other_user": "Let op: u bent aangemeld als {login}, niet als {asked}.",
        "user_id": "Let op: uw gebruikers-id op deze Nextcloud is {uid}; dat verschilt van de "
                   "gebruikersnaam {login}.",
        "replaced": "Het vorige app-wachtwoord van degoogle voor dit account is op de server ingetrokken.",
        "use": "Gebruik voortaan dit DOEL (geen wachtwoord nodig):",
        "cancelled": "Aanmelden geannuleerd; er is niets bewaard.",
        "no_keyring": "geen bruikbare sleutelbos op deze computer om het app-wachtwoord te bewaren: "
                      "ontgrendel de sleutelbos (meld u aan bij uw bureaubladsessie) en probeer opnieuw, of "
                      "maak een app-wachtwoord aan in Nextcloud (Instellingen → Beveiliging) en geef het bij "
                      f"elke keer mee met {TARGET_ENV} of --password-file",
        "revoked": "Afgemeld: het app-wachtwoord van {name} is ingetrokken op {base} en van deze computer "
                   "verwijderd.",
        "already_invalid": "Het app-wachtwoord van {name} werkte niet meer op {base}; van deze computer "
                           "verwijderd.",
        "refused": "{base} heeft het intrekken van het app-wachtwoord van {name} niet bevestigd; het is van "
                   "deze computer verwijderd. Verwijder voor de zekerheid “degoogle” in Nextcloud → "
                   "Instellingen → Beveiliging.",
        "unreachable": "{base} is niet bereikbaar (of bezet): het app-wachtwoord van {name} werkt daar misschien "
                       "nog.",
        "ask_local": "Toch van deze computer verwijderen? [j/N] ",
        "removed_local": "Van deze computer verwijderd. Verwijder “degoogle” in Nextcloud → Instellingen "
                         "→ Beveiliging zodra de server terug is.",
        "kept_local": "Bewaard in de sleutelbos. Probeer het later opnieuw, of voer uit: "
                      "degoogle logout {spec} --yes",
        "nothing": "Op deze computer is geen app-wachtwoord van {name} bewaard; er is niets te doen.",
    },
}


def _say(lang: str, key: str, **values: object) -> str:
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(**values)


def add_parsers(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add ``login`` and ``logout`` through cli.py's ``add(name, help=…)``."""
    sp = add("login", help="sign in to a Nextcloud in the browser; keep an app password "
                                                    "in this computer's keyring")
    sp.add_argument("target", help="nextcloud:https://[user@]cloud.example.org (the user name is optional)")
    sp.add_argument("--no-browser", action="store_true", help="only print the address to open")
    sp.add_argument("--timeout", type=float, default=LOGIN_TIMEOUT, metavar="SECONDS",
                    help=f"how long to wait for the approval (default {LOGIN_TIMEOUT:.0f})")
    sp = add("logout", help="revoke degoogle's app password at the Nextcloud and remove it from the keyring")
    sp.add_argument("target", help="nextcloud:https://user@cloud.example.org")
    sp.add_argument("--yes", action="store_true",
                    help="also remove it from this computer when the server cannot be reached")


def _login_target(spec: str) -> tuple[str, str | None]:
    """(typed address, user name or None) from ``nextcloud:https://[user@]host[/path]``."""
    body = spec.strip().removeprefix("nextcloud:")
    try:
        parts = urlsplit(body if "://" in body else "//" + body)
        password = parts.password
    except ValueError as exc:
        raise UserError(f"not a server address: {spec!r}", code="bad_target") from exc
    if password is not None:
        raise UserError("do not put the password in the target address: degoogle login asks the server for "
                        "an app password", code="password_in_spec")
    return body, parts.username or None


def _account(spec: str) -> NextcloudAccount:
    body, user = _login_target(spec)
    if not user:
        raise UserError(f"the target address has no user name: {spec!r} (user@host)", code="bad_target")
    return NextcloudAccount(normalise_base_url(body), user)


def _open_in_background(url: str) -> bool:
    """Start the browser without holding up polling (some browser commands only return when closed)."""
    opened: list[bool] = []
    thread = threading.Thread(target=lambda: opened.append(LoginFlow.open_browser(url)), daemon=True,
                              name="browser")
    thread.start()
    thread.join(BROWSER_START)
    return opened[0] if opened else True


def _cancel_on_signals(cancel: threading.Event) -> dict[int, Any]:
    previous: dict[int, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, lambda _signum, _frame: cancel.set())
    return previous


def cmd_login(args: argparse.Namespace, lang: str) -> int:
    """Login Flow v2 from the command line; see the module's docstring for the exit codes."""
    typed, asked = _login_target(args.target)
    setup_logging(None, Redactor(), verbose=args.verbose)
    secrets = SecretStore()
    if not secrets.available():
        raise UserError(_say(lang, "no_keyring"), code="no_keyring")
    try:
        server = NextcloudServer.discover(typed)
        status = server.status()
        print(_say(lang, "server", base=server.base_url, product=status.productname or "Nextcloud",
                   version=status.versionstring), flush=True)
        flow = LoginFlow(server.session)
        started = flow.start(server.base_url)
        # from here Ctrl-C and SIGTERM end the wait cleanly (nothing stored) instead of interrupting it
        cancel = threading.Event()
        previous = _cancel_on_signals(cancel)
        try:
            print(_say(lang, "open") + f"\n  {started.login_url}", flush=True)
            if not args.no_browser:
                opened = _open_in_background(started.login_url)
                print(_say(lang, "opened" if opened else "no_browser"), flush=True)
            print(_say(lang, "waiting", duration=duration(args.timeout)), flush=True)
            credentials = flow.wait(cancel, timeout=args.timeout)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        account = credentials.account

        def keep(account: NextcloudAccount, password: str) -> bool:
            store(credentials, secrets)
            return True

        done = finish_sign_in(credentials, previous=secrets.require(account.keyring_name), keep=keep)
        print(_say(lang, "signed_in", login=credentials.login_name, name=account.keyring_name), flush=True)
        if asked and asked != credentials.login_name:
            print(_say(lang, "other_user", login=credentials.login_name, asked=asked))
        if done.user_id is not None and done.user_id != credentials.login_name:
            print(_say(lang, "user_id", uid=done.user_id, login=credentials.login_name))
        if done.replaced is Revocation.REVOKED:
            print(_say(lang, "replaced"))
        print(_say(lang, "use") + f"\n  {account.spec}")
    except Cancelled:
        print(_say(lang, "cancelled"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except FatalError as exc:
        # not a paused run (exit 4): the sign-in itself failed
        print(f"degoogle: {exc.detail}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def cmd_logout(args: argparse.Namespace, lang: str) -> int:
    """Revoke at the server, then forget locally; see the module's docstring for the exit codes."""
    account = _account(args.target)
    setup_logging(None, Redactor(), verbose=args.verbose)
    secrets = SecretStore()
    result = forget(account, secrets, even_if_unreachable=args.yes)
    where = {"name": account.keyring_name, "base": account.base_url, "spec": account.spec}
    if result.revocation is Revocation.NOTHING_STORED:
        print(_say(lang, "nothing", **where))
        return EXIT_OK
    if result.revocation is not Revocation.UNREACHABLE:
        print(_say(lang, result.revocation.value, **where))
        return EXIT_OK if result.complete else EXIT_ERROR
    print(_say(lang, "unreachable", **where))
    removed = result.removed_locally
    if not removed and sys.stdin.isatty():
        answer = input(_say(lang, "ask_local")).strip().lower()
        removed = answer[:1] in ("y", "o", "j") and secrets.delete(account.keyring_name)
    print(_say(lang, "removed_local" if removed else "kept_local", **where))
    return EXIT_ERROR
