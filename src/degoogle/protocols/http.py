"""The one HTTP session every peer gets: TLS verified, degoogle's User-Agent, timeouts, one redirect rule.

Every HTTP peer — the Nextcloud target (files over WebDAV, OCS, CalDAV/CardDAV, Login Flow v2), the
CalDAV/CardDAV sources, contact photo fetches — talks through a session made here (``peer_session``),
or, for the ``caldav`` library, through ``guard_caldav_client``.

The redirect rule (shared/DESIGN.md: "credentials go only to the origin they belong to"):

- Credentials — a password or token (``Authorization``, or one the session was given and would add on
  a challenge) and cookies (a Nextcloud session cookie signs a request in by itself) — belong to the
  *origin* of the address they were given for: scheme, host and port (RFC 6454 §4; ``https://h`` and
  ``https://h:443`` are one origin). A cookie is not scoped by port (RFC 6265 §8.5): one set by
  ``https://h`` would go to ``https://h:8443``, so a cookie counts as a credential here.
- A redirect within that origin is followed, credentials and cookies included.
- A redirect of a request that carries credentials to **another origin** is **refused** with
  ``RedirectRefused`` (a ``FatalError``, code ``redirected_elsewhere``), naming the origin it pointed
  to: nothing at all is sent there, neither the password nor a cookie. We refuse rather than follow
  without credentials because the second server would only answer "not authorised", and the person
  would look for a wrong password instead of a moved server. The same holds for a request that carries
  credentials and is *addressed* to another origin (a DAV server naming a home on another host).
- The one exception is named by the caller, never learnt from a redirect: ``trusted`` origins the same
  account lives on (iCloud's partition hosts ``pNN-caldav.icloud.com``, https only).
- A request without credentials (contact photos, a server's public ``status.php`` and discovery, no
  cookie for the next host) follows redirects anywhere allowed by the plain-http rule.
- Plain http (``locality.py``): every address, the first and each redirect hop, must be https or http to
  this computer; a hop that is not raises ``UserError`` (``insecure_url``) before anything is sent.

Why three HTTP libraries remain:
- ``requests``: ours, for every request degoogle writes itself (WebDAV, OCS, sign-in, and every
  CalDAV/CardDAV request of ``protocols.dav.DavClient``, the one DAV client of sources and targets).
- ``webdavclient3`` (``webdav3``): the design card's WebDAV client, kept for its MKCOL (``mkdir``) in
  ``targets/nextcloud/files.py``; it runs on a session made here (we replace its own).
- ``niquests``: pulled in by the ``caldav`` library, which takes no session of ours; its client gets a
  guarded ``niquests`` session applying the same rule (``guard_caldav_client``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

import niquests
import requests
from requests.sessions import merge_hooks, merge_setting
from requests.structures import CaseInsensitiveDict
from requests.utils import get_environ_proxies

from degoogle.errors import FatalError
from degoogle.locality import require_secure_url

__all__ = ["REDIRECTS", "TIMEOUT", "USER_AGENT", "PeerSession", "RedirectRefused", "guard_caldav_client",
           "https_hosts_under", "origin", "peer_session"]

log = logging.getLogger(__name__)

#: names degoogle to servers (Nextcloud shows it beside the app password it made for us)
USER_AGENT = "degoogle"
#: (connect, read) seconds, for requests that do not say otherwise
TIMEOUT: tuple[float, float] = (15, 120)
REDIRECTS = (301, 302, 303, 307, 308)
_HOPS = 6
_DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]
#: ``trusted(url)``: True when credentials may go to ``url``'s origin as well (named by the caller)
OriginRule = Callable[[str], bool]


def origin(url: str) -> Origin:
    """``(scheme, host, port)`` of ``url``, lower-cased, the port filled in for http and https."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(scheme, 0)


def _show(place: Origin) -> str:
    scheme, host, port = place
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}" + ("" if _DEFAULT_PORTS.get(scheme) == port else f":{port}")


def https_hosts_under(domain: str) -> OriginRule:
    """A ``trusted`` rule for a provider's own hosts: https on the default port, ``domain`` or below it."""
    domain = domain.lower().strip(".")

    def trusted(url: str) -> bool:
        scheme, host, port = origin(url)
        return scheme == "https" and port == 443 and (host == domain or host.endswith("." + domain))

    return trusted


class RedirectRefused(FatalError):
    """A request carrying credentials was sent (or addressed) to another origin; nothing was sent there.
    ``subject`` is that origin (``https://host:port``), ``detail`` says where from."""

    code = "redirected_elsewhere"


def _carries(headers: Mapping[str, str] | None) -> bool:
    """Does a request with ``headers`` carry credentials (a password, a token or a cookie)?"""
    return headers is not None and ("Authorization" in headers or "Cookie" in headers)


class _Rule:
    """The redirect rule, shared by the ``requests`` and the ``niquests`` sessions."""

    def __init__(self, home: str | None, trusted: OriginRule | None) -> None:
        self.home = origin(home) if home else None
        self.trusted = trusted

    def allows(self, url: str, came_from: str | None = None) -> bool:
        """May credentials go to ``url`` (coming from ``came_from``, a redirect's previous hop)?"""
        place = origin(url)
        if self.trusted is not None and self.trusted(url):
            return True
        if self.home is not None:
            return place == self.home
        return came_from is None or place == origin(came_from)

    def check(self, url: str, came_from: str | None, credentials: bool) -> None:
        """Raises ``UserError`` for an insecure hop, ``RedirectRefused`` when credentials would leave."""
        require_secure_url(url)
        if credentials and not self.allows(url, came_from):
            where = _show(origin(url))
            source = f" (redirected from {_show(origin(came_from))})" if came_from else ""
            log.warning("refused to send credentials to %s%s", where, source)
            raise RedirectRefused(f"the server sent us to another address, {where}{source}; degoogle does "
                                  "not send your password there", subject=where)


def _setting(asked: Any, session: Any) -> Any:
    """``requests.sessions.merge_setting`` for what a request may give (proxies, stream, verify, cert),
    without its runtime protocol checks of both values on each request."""
    if session is None:
        return asked
    if asked is None:
        return session
    if not (isinstance(asked, Mapping) and isinstance(session, Mapping)):
        return asked
    merged = {**session, **asked}
    return {key: value for key, value in merged.items() if value is not None}


class PeerSession(requests.Session):
    """A ``requests.Session`` applying the module's rule to every request and every redirect hop.

    ``home``: the address the credentials were given for (None: the first address of each request).
    ``trusted``: further origins of the same account. Requests without a ``timeout`` get ``TIMEOUT``.
    """

    def __init__(self, home: str | None = None, trusted: OriginRule | None = None) -> None:
        super().__init__()
        self.rule = _Rule(home, trusted)
        self.verify = True
        self.headers["User-Agent"] = USER_AGENT
        #: the environment's proxies per origin (``merge_environment_settings``)
        self._environ_proxies: dict[Origin, dict[str, str]] = {}

    def merge_environment_settings(self, url: str | bytes | None, proxies: Any, stream: Any, verify: Any,
                                   cert: Any) -> Any:
        """``requests``' own, with the environment's proxies for an origin read once per session:
        ``requests`` walks the whole environment twice for them on every request, a fifth of the CPU of
        a CalDAV PUT (measured). A ``no_proxy`` given with the request: ``requests``' way."""
        if not self.trust_env or not url or (proxies and "no_proxy" in proxies):
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        place = origin(str(url))
        found = self._environ_proxies.get(place)
        if found is None:
            found = self._environ_proxies[place] = dict(get_environ_proxies(str(url)))
        proxies = {} if proxies is None else proxies
        for key, value in found.items():
            proxies.setdefault(key, value)
        if verify is True or verify is None:  # as requests: a CA bundle named in the environment (cURL's too)
            verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or verify
        return {"proxies": _setting(proxies, self.proxies), "stream": _setting(stream, self.stream),
                "verify": _setting(verify, self.verify), "cert": _setting(cert, self.cert)}

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        """``requests``' own, less its copies: ``requests`` copies the session's cookie jar twice and
        merges every setting through type checks on each request, a tenth of a CalDAV PUT's CPU
        (measured). The request reads the session's jar itself, under the jar's own lock; what it sends
        is the same. A request with cookies of its own, or one that may take a password from
        ``~/.netrc``, goes ``requests``' way."""
        if request.cookies or self.params or (self.trust_env and not request.auth and not self.auth):
            return super().prepare_request(request)
        headers: CaseInsensitiveDict[str | bytes] = CaseInsensitiveDict(self.headers)
        for name, value in (request.headers or {}).items():
            if value is None:  # as ``merge_setting``: None removes a session header
                headers.pop(name, None)
            else:
                headers[name] = value
        prepared = requests.PreparedRequest()
        prepared.prepare(method=request.method, url=request.url, headers=headers, files=request.files,
                         data=request.data, json=request.json, params=request.params,
                         auth=merge_setting(request.auth, self.auth), cookies=self.cookies,
                         hooks=merge_hooks(request.hooks, self.hooks))
        return prepared

    def _credentials(self, headers: Mapping[str, str]) -> bool:
        return self.auth is not None or _carries(headers)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT)
        return super().request(method, url, *args, **kwargs)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        """Every request and redirect hop passes here: refused before a byte leaves when the rule says so."""
        self.rule.check(str(request.url), None, self._credentials(request.headers))
        return super().send(request, **kwargs)

    def rebuild_auth(self, prepared_request: requests.PreparedRequest, response: requests.Response) -> None:
        """Called by ``requests`` before following a redirect: refuse one that would take credentials to
        another origin; within the allowed origins, keep the session's credentials on."""
        previous = str(response.request.url)
        carries = self._credentials(prepared_request.headers)
        self.rule.check(str(prepared_request.url), previous, carries)
        super().rebuild_auth(prepared_request, response)
        if carries and self.auth is not None and "Authorization" not in prepared_request.headers:
            prepared_request.prepare_auth(self.auth)

    def request_following(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """``method`` on ``url``, redirects followed by hand with the same method and body (``requests``
        turns a PROPFIND into a GET on 302; DAV needs the PROPFIND again), each hop under the rule.
        Raises ``RedirectRefused``, ``UserError`` (insecure hop), ``requests.TooManyRedirects`` and
        the other ``requests.RequestException``."""
        kwargs["allow_redirects"] = False
        came_from: str | None = None
        for _hop in range(_HOPS):
            if came_from is not None:
                self.rule.check(url, came_from, self._credentials(kwargs.get("headers") or {}))
            response = self.request(method, url, **kwargs)
            location = response.headers.get("Location")
            if response.status_code not in REDIRECTS or not location:
                return response
            came_from, url = url, urljoin(url, location)
            response.close()
        raise requests.TooManyRedirects(f"more than {_HOPS - 1} redirects", response=response)


def peer_session(home: str | None = None, auth: tuple[str, str] | None = None, *,
                 trusted: OriginRule | None = None) -> PeerSession:
    """The session for one peer: ``auth`` (user, password) for ``home``'s origin and ``trusted`` ones
    only; without ``auth`` an anonymous session. Raises ``UserError`` when ``home`` is not secure."""
    if home is not None:
        require_secure_url(home)
    session = PeerSession(home, trusted)
    if auth is not None and auth[0]:
        session.auth = auth
    return session


class _GuardedNiquests(niquests.Session):
    """``niquests.Session`` under the same rule, for the ``caldav`` library's client."""

    def __init__(self, rule: _Rule, signed_in: bool) -> None:
        super().__init__()
        self.rule = rule
        #: the client has a password: it sends it only after a 401, so every request counts as signed in
        self.signed_in = signed_in

    def send(self, request: niquests.PreparedRequest, **kwargs: Any) -> Any:
        self.rule.check(str(request.url), None, self.signed_in or _carries(request.headers))
        return super().send(request, **kwargs)

    def rebuild_auth(self, prepared_request: niquests.PreparedRequest, response: niquests.Response) -> None:
        previous = str(response.request.url) if response.request is not None else None
        carries = self.signed_in or _carries(prepared_request.headers)
        self.rule.check(str(prepared_request.url), previous, carries)
        super().rebuild_auth(prepared_request, response)


def guard_caldav_client(client: Any, home: str, trusted: OriginRule | None = None, *,
                        signed_in: bool = True) -> None:
    """Put ``caldav.DAVClient`` ``client`` on a ``niquests`` session applying the rule for ``home``
    (its own would follow a redirect anywhere, with cookies, and send its credentials to any URL a
    server names). ``signed_in``: the client was given a password."""
    old = client.session
    guarded = _GuardedNiquests(_Rule(home, trusted), signed_in)
    guarded.headers["User-Agent"] = USER_AGENT
    client.session = guarded
    old.close()
