"""Login Flow v2: how a client gets its own app password without ever seeing the user's password.

Followed: developer manual ``client_apis/LoginFlow/index.rst``, "Login flow v2", and nextcloud/server's
``core/Controller/ClientFlowLoginV2Controller.php`` and ``LoginFlowV2Service`` for what the manual
leaves out.

- ``POST /index.php/login/v2`` (anonymous) → 200 ``{"poll": {"token", "endpoint"}, "login"}``; the
  endpoint is ``<server>/index.php/login/v2/poll`` and the login URL
  ``<server>/index.php/login/v2/flow/<login token>`` (``/index.php`` is kept in URLs, as a server
  without working rewrite rules sends them; the routes also answer without it).
- ``GET`` of the login URL is the page the person's browser shows. With ``auto_approve`` (demo mode)
  the visit grants access at once, as the sandbox user, and creates a new app password; otherwise
  the page holds a "Grant access" form (``POST /index.php/login/v2/grant``), and the sandbox's
  ``approve_login`` grants the oldest pending flow as a person would. An unknown or expired login
  token gets 403 "Your login token is invalid or has expired".
- ``POST /index.php/login/v2/poll`` with ``token=…`` (form or query) → 404 with ``[]`` until access
  is granted, then once 200 ``{"server", "loginName", "appPassword"}``, then 404 again.
- A flow lives 20 minutes from its start (``LoginFlowV2Service``).
"""

from __future__ import annotations

import html
import json
import logging
import re
import secrets
import string
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from degoogle.sandbox.accounts import AppPasswords
from degoogle.sandbox.wire import StartResponse, answer, base_url, form_fields

log = logging.getLogger(__name__)

FLOW_LIFETIME = 20 * 60
_TOKEN_ALPHABET = string.ascii_letters + string.digits
_ROUTE = re.compile(r"^(?:/index\.php)?/login/v2(/poll|/grant|/flow/[^/]+)?/?$")
_HTML = "text/html; charset=utf-8"


def is_login_flow(path: str) -> bool:
    """True for the paths of Login Flow v2."""
    return _ROUTE.match(path) is not None


def _token() -> str:
    return "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(128))


@dataclass
class LoginFlow:
    """One flow: the poll token (the client's), the login token (in the browser's URL), its start, and
    once granted the credentials waiting to be polled."""

    poll_token: str
    login_token: str
    started: float
    server: str
    app_password: str | None = None


class LoginFlows:
    """The login flows of one user; thread-safe. ``clock`` is seconds on a monotonic scale."""

    def __init__(
        self, accounts: AppPasswords, *, auto_approve: bool, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.accounts = accounts
        self.auto_approve = auto_approve
        self._clock = clock
        self._lock = threading.Lock()
        self._flows: list[LoginFlow] = []

    def start(self, server: str) -> LoginFlow:
        """A new pending flow for a client talking to ``server``."""
        flow = LoginFlow(_token(), _token(), self._clock(), server)
        with self._lock:
            self._expire()
            self._flows.append(flow)
        return flow

    def find(self, login_token: str) -> LoginFlow | None:
        """The live flow with this login token."""
        with self._lock:
            self._expire()
            return next((f for f in self._flows if secrets.compare_digest(f.login_token, login_token)), None)

    def grant(self, flow: LoginFlow) -> None:
        """Grant access: a new app password waits for the client's next poll."""
        with self._lock:
            if flow.app_password is not None:
                return
            flow.app_password = self.accounts.create()
        log.info("login flow granted for %s", self.accounts.user)

    def approve_oldest(self) -> bool:
        """Grant the oldest pending flow, as a person clicking "Grant access" would; False if none."""
        with self._lock:
            self._expire()
            pending = next((f for f in self._flows if f.app_password is None), None)
        if pending is None:
            return False
        self.grant(pending)
        return True

    def poll(self, poll_token: str) -> LoginFlow | None:
        """The granted flow for this poll token, removed (its 200 comes once); None until granted."""
        with self._lock:
            self._expire()
            for flow in self._flows:
                if flow.app_password is not None and secrets.compare_digest(flow.poll_token, poll_token):
                    self._flows.remove(flow)
                    return flow
        return None

    def _expire(self) -> None:
        oldest = self._clock() - FLOW_LIFETIME
        self._flows = [f for f in self._flows if f.started >= oldest]


def _page(title: str, body: str) -> bytes:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)} - Nextcloud</title></head>\n"
        f"<body><main><h2>{html.escape(title)}</h2>\n{body}\n</main></body></html>\n"
    ).encode()


class LoginFlowPages:
    """The WSGI side of ``LoginFlows``: the JSON endpoints and the pages a browser sees."""

    def __init__(self, flows: LoginFlows) -> None:
        self.flows = flows

    def __call__(self, environ: dict[str, Any], start_response: StartResponse, path: str) -> list[bytes]:
        match = _ROUTE.match(path)
        assert match is not None
        step = match.group(1) or ""
        method = environ["REQUEST_METHOD"].upper()
        if step == "" and method == "POST":
            return self._init(environ, start_response)
        if step == "/poll" and method == "POST":
            return self._poll(environ, start_response)
        if step.startswith("/flow/") and method in ("GET", "HEAD"):
            return self._landing(environ, start_response, step[len("/flow/") :])
        if step == "/grant" and method == "POST":
            flow = self.flows.find(form_fields(environ).get("token", ""))
            return self._granted(environ, start_response, flow)
        return answer(environ, start_response, 405, _page("Method not allowed", ""), _HTML)

    def _init(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        server = base_url(environ)
        flow = self.flows.start(server)
        body = {
            "poll": {"token": flow.poll_token, "endpoint": f"{server}/index.php/login/v2/poll"},
            "login": f"{server}/index.php/login/v2/flow/{flow.login_token}",
        }
        return answer(environ, start_response, 200, json.dumps(body).encode(), "application/json; charset=utf-8")

    def _poll(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        flow = self.flows.poll(form_fields(environ).get("token", ""))
        if flow is None:
            return answer(environ, start_response, 404, b"[]", "application/json; charset=utf-8")
        body = {"server": flow.server, "loginName": self.flows.accounts.login, "appPassword": flow.app_password}
        return answer(environ, start_response, 200, json.dumps(body).encode(), "application/json; charset=utf-8")

    def _landing(self, environ: dict[str, Any], start_response: StartResponse, login_token: str) -> list[bytes]:
        flow = self.flows.find(login_token)
        if flow is None or self.flows.auto_approve:
            return self._granted(environ, start_response, flow)
        user = html.escape(self.flows.accounts.login)
        form = (
            f"<p>You are about to grant a client access to the account <strong>{user}</strong>.</p>\n"
            '<form method="post" action="/index.php/login/v2/grant">'
            f'<input type="hidden" name="token" value="{html.escape(flow.login_token)}">'
            '<button type="submit">Grant access</button></form>'
        )
        return answer(environ, start_response, 200, _page("Connect to your account", form), _HTML)

    def _granted(
        self, environ: dict[str, Any], start_response: StartResponse, flow: LoginFlow | None
    ) -> list[bytes]:
        if flow is None:
            page = _page("Access forbidden", "<p>Your login token is invalid or has expired</p>")
            return answer(environ, start_response, 403, page, _HTML)
        self.flows.grant(flow)
        page = _page("Account connected", "<p>Your client should now be connected!<br>You can close this window.</p>")
        return answer(environ, start_response, 200, page, _HTML)
