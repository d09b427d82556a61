"""The OCS API of the sandbox: ``/ocs/v1.php/…`` and ``/ocs/v2.php/…``.

Followed: developer manual ``client_apis/OCS/ocs-api-overview.rst`` ("Capabilities API", "User
metadata") and ``client_apis/LoginFlow/index.rst`` ("Deleting an app password"); for what the manual
leaves out, nextcloud/server's ``lib/private/AppFramework/OCS/V1Response.php``/``V2Response.php``,
``ocs/v1.php`` and ``provisioning_api``'s ``UsersController::getCurrentUser``.

- The envelope is ``{"ocs": {"meta": {"status", "statuscode", "message"}, "data": …}}``, JSON with
  ``format=json`` or ``Accept: application/json``, XML otherwise. Success is statuscode 100 on v1 and
  200 on v2. v1 answers HTTP 200 whatever the statuscode (but 401 for 997); v2 maps 997 → 401,
  998 → 404 and otherwise uses the statuscode.
- ``GET cloud/capabilities``: public; see ``capabilities``.
- ``GET cloud/user``: the signed-in user with ``display-name`` and ``quota`` (``free``, ``used``,
  ``total``, ``relative``, ``quota``; -3 is unlimited). Unauthenticated: 997 "Current user is not
  logged in".
- ``DELETE core/apppassword``: revokes the app password the request was signed in with; the manual
  says to send ``OCS-APIREQUEST: true`` and the sandbox requires it, answering as Nextcloud's
  ``SecurityMiddleware`` does without it: 412 ``{"message": "CSRF check failed"}`` (a real server
  only insists when the request also carries session cookies; insisting always catches a client
  that forgot the header).
- In maintenance, ``ocs/v1.php`` answers 503, ``X-Nextcloud-Maintenance-Mode: 1`` and statuscode 503
  "Service unavailable" before any route.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any
from xml.etree import ElementTree

from degoogle.sandbox.accounts import AppPasswords
from degoogle.sandbox.capabilities import capabilities
from degoogle.sandbox.quota import Quota
from degoogle.sandbox.wire import StartResponse, answer, header, wants_json

log = logging.getLogger(__name__)

_ROUTE = re.compile(r"^/ocs/v([12])\.php(/.*)?$")
UNAUTHORISED, NOT_FOUND = 997, 998


def is_ocs(path: str) -> bool:
    """True for a path under ``/ocs/v1.php`` or ``/ocs/v2.php``."""
    return _ROUTE.match(path) is not None


def _xml_value(parent: ElementTree.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not str(key).startswith("$"):  # not an XML name ("$comment")
                _xml_value(ElementTree.SubElement(parent, str(key)), item)
    elif isinstance(value, list):
        for item in value:
            _xml_value(ElementTree.SubElement(parent, "element"), item)
    elif isinstance(value, bool):
        parent.text = "1" if value else ""  # PHP's string of a bool
    elif value is not None:
        parent.text = str(value)


def envelope(version: int, statuscode: int, message: str, data: Any, *, as_json: bool) -> bytes:
    """The OCS body in JSON or XML. ``statuscode`` 100 (v1) or 200 (v2) means success."""
    status = "ok" if statuscode in (100, 200) else "failure"
    meta = {"status": status, "statuscode": statuscode, "message": message}
    if as_json:
        return json.dumps({"ocs": {"meta": meta, "data": data}}, ensure_ascii=False).encode()
    root = ElementTree.Element("ocs")
    _xml_value(ElementTree.SubElement(root, "meta"), meta)
    _xml_value(ElementTree.SubElement(root, "data"), data)
    return b'<?xml version="1.0"?>\n' + ElementTree.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def http_status(version: int, statuscode: int) -> int:
    """The HTTP status of an OCS answer (``V1Response``/``V2Response::getStatus``)."""
    if statuscode == UNAUTHORISED:
        return 401
    if version == 1 or statuscode in (100, 200):
        return 200
    if statuscode == NOT_FOUND:
        return 404
    return statuscode if 100 <= statuscode <= 599 else 400


def ocs_answer(
    environ: dict[str, Any],
    start_response: StartResponse,
    statuscode: int,
    message: str,
    data: Any,
    *,
    status: int | None = None,
    headers: list[tuple[str, str]] | None = None,
) -> list[bytes]:
    """Answer with an OCS envelope in the format the request asked for."""
    match = _ROUTE.match(environ.get("PATH_INFO", ""))
    version = int(match.group(1)) if match else 2
    if statuscode == 100 and version == 2:
        statuscode = 200
    as_json = wants_json(environ)
    body = envelope(version, statuscode, message, data, as_json=as_json)
    content_type = "application/json; charset=utf-8" if as_json else "text/xml; charset=UTF-8"
    code = http_status(version, statuscode) if status is None else status
    extra = list(headers or [])
    if code == 401:
        extra.append(("WWW-Authenticate", 'Basic realm="authorization required"'))
    return answer(environ, start_response, code, body, content_type, extra)


def maintenance_answer(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
    """What ``ocs/v1.php`` (which serves v2 too) answers in maintenance mode."""
    return ocs_answer(environ, start_response, 503, "Service unavailable", [], status=503,
                      headers=[("X-Nextcloud-Maintenance-Mode", "1")])


class OcsApi:
    """The OCS routes the sandbox serves, for one user."""

    def __init__(self, accounts: AppPasswords, quota: Quota, *, windows_compatible: bool,
                 bulk_upload: bool = True) -> None:
        self._accounts = accounts
        self._quota = quota
        self._capabilities = capabilities(windows_compatible=windows_compatible, bulk_upload=bulk_upload)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse, path: str) -> list[bytes]:
        """Answer ``path`` (already known to be under ``/ocs/``)."""
        match = _ROUTE.match(path)
        assert match is not None
        route = (match.group(2) or "/").rstrip("/")
        method = environ["REQUEST_METHOD"].upper()
        if route == "/cloud/capabilities" and method == "GET":
            return ocs_answer(environ, start_response, 100, "OK", self._capabilities)
        if route == "/cloud/user" and method == "GET":
            if self._accounts.authenticate(environ) is None:
                return ocs_answer(environ, start_response, UNAUTHORISED, "Current user is not logged in", [])
            return ocs_answer(environ, start_response, 100, "OK", self._current_user())
        if route == "/core/apppassword" and method == "DELETE":
            return self._delete_app_password(environ, start_response)
        return ocs_answer(
            environ, start_response, NOT_FOUND,
            "Invalid query, please check the syntax. API specifications are here: "
            "http://www.freedesktop.org/wiki/Specifications/open-collaboration-services.\n", [],
        )

    def _current_user(self) -> dict[str, Any]:
        user = self._accounts.user
        return {
            "enabled": True,
            "id": user,
            "lastLogin": 0,
            "backend": "Database",
            "subadmin": [],
            "quota": self._quota.storage_info(),
            "manager": "",
            "email": None,
            "additional_mail": [],
            "display-name": user,
            "phone": "",
            "address": "",
            "website": "",
            "twitter": "",
            "fediverse": "",
            "organisation": "",
            "role": "",
            "headline": "",
            "biography": "",
            "profile_enabled": "1",
            "pronouns": "",
            "groups": [],
            "language": "en",
            "locale": "",
            "notify_email": None,
            "backendCapabilities": {"setDisplayName": True, "setPassword": True},
        }

    def _delete_app_password(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        if (header(environ, "OCS-APIRequest") or "").lower() != "true":
            body = json.dumps({"message": "CSRF check failed"}).encode()
            return answer(environ, start_response, 412, body, "application/json; charset=utf-8")
        password = self._accounts.authenticate(environ)
        if password is None:
            return ocs_answer(environ, start_response, UNAUTHORISED, "Current user is not logged in", [])
        self._accounts.revoke(password)
        return ocs_answer(environ, start_response, 100, "OK", [])
