"""A local server shaped like Nextcloud, used by ``degoogle demo``, the tests and the benchmarks.

``Sandbox(root).start()`` serves, on 127.0.0.1, ``/status.php`` and a user's files over WebDAV at
``/remote.php/dav/files/<user>/`` (and the legacy ``/remote.php/webdav/``), with HTTP Basic auth and
Nextcloud's upload semantics (atomic PUT, ``X-OC-MTime``, ``OC-Checksum``, ``OC-ETag``/``OC-FileId``);
around WebDAV, what a Nextcloud client meets: Login Flow v2 and app passwords, the OCS capabilities
and ``cloud/user``, a quota, chunked upload v2, maintenance mode and the ``.well-known`` redirects.
It records every request (``Sandbox.requests``) and can be told to fail (``Sandbox.add_fault``).
Run it by hand with ``python -m degoogle.sandbox --root DIR``.
"""

from __future__ import annotations

from degoogle.sandbox.server import Sandbox, app_password
from degoogle.sandbox.traffic import RequestRecord

__all__ = ["RequestRecord", "Sandbox", "app_password"]
