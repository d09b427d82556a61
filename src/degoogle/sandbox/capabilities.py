"""What the sandbox says about itself: ``/status.php`` and the OCS capabilities of a Nextcloud 30.

Followed, in the nextcloud/server repository:

- ``lib/private/OCS/CoreCapabilities.php``: the ``core`` object (``pollinterval`` 60, ``webdav-root``
  ``remote.php/webdav``, ``reference-api``, ``reference-regex``, ``mod-rewrite-working``).
- ``apps/dav/lib/Capabilities.php``: ``dav`` is ``{"chunking": "1.0"}`` plus ``"bulkupload": "1.0"``
  (``bulkupload.enabled`` defaults to true).
- ``apps/files/lib/Capabilities.php`` and ``lib/private/Files/FilenameValidator.php``: the ``files``
  object carries ``forbidden_filenames`` (and the deprecated ``blacklisted_files``, same list),
  ``forbidden_filename_basenames``, ``forbidden_filename_characters`` (always ``\\`` and ``/`` first,
  ``Constants::FILENAME_INVALID_CHARS``, then the configured ones), ``forbidden_filename_extensions``
  (the configured ones, then ``.part`` always appended), ``bigfilechunking`` and ``chunked_upload``
  (``max_size`` 100 MiB, ``max_parallel_count`` 5: ``ChunkedUploadConfig``'s defaults).
- ``apps/files/lib/Service/SettingsService.php``: "Windows compatible filenames" stores the Windows
  lists merged in front of the current ones; read back through the validator, the character list
  then names ``\\`` and ``/`` twice and the extension list ``.part`` twice, exactly as a real server
  answers (clients must not assume the lists hold no duplicates).

The developer manual's ``client_apis/OCS/ocs-api-overview.rst`` ("Capabilities API") gives the
envelope: ``data`` holds ``version`` and ``capabilities``.
"""

from __future__ import annotations

from typing import Any

VERSION = {"major": 30, "minor": 0, "micro": 0, "string": "30.0.0", "edition": "", "extendedSupport": False}

#: What Nextcloud 30 answers on /status.php (``maintenance`` is filled in per request).
STATUS: dict[str, Any] = {
    "installed": True,
    "maintenance": False,
    "needsDbUpgrade": False,
    "version": "30.0.0.0",
    "versionstring": "30.0.0",
    "edition": "",
    "productname": "Nextcloud",
    "extendedSupport": False,
}

_INVALID_CHARS = ["\\", "/"]
_STOCK_NAMES = [".htaccess"]
_STOCK_EXTENSIONS = [".filepart"]
_WINDOWS_BASENAMES = [
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5",
    "com6", "com7", "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
]
_WINDOWS_CHARACTERS = ["<", ">", ":", '"', "|", "?", "*"]
_WINDOWS_EXTENSIONS = [" ", "."]
# IURLGenerator::URL_REGEX_NO_MODIFIERS, as CoreCapabilities sends it
_URL_REGEX = (
    r"(\s|\n|^)(https?:\/\/)([-A-Z0-9+_.]+(?::[0-9]+)?(?:\/[-A-Z0-9+&@#%?=~_|!:,.;()]*)*)(\s|\n|$)"
)
CHUNK_MAX_SIZE = 100 * 1024 * 1024
CHUNK_MAX_PARALLEL = 5


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def filename_rules(*, windows_compatible: bool) -> dict[str, list[str]]:
    """The four lists ``FilenameValidator`` reports, stock or after "Windows compatible filenames"."""
    configured_extensions = list(_STOCK_EXTENSIONS)
    configured_basenames: list[str] = []
    configured_characters: list[str] = []
    if windows_compatible:
        # SettingsService::setFilesWindowsSupport: array_unique(array_merge(WINDOWS_*, current lists))
        configured_basenames = _unique(_WINDOWS_BASENAMES + configured_basenames)
        configured_characters = _unique(_WINDOWS_CHARACTERS + _INVALID_CHARS + configured_characters)
        configured_extensions = _unique(_WINDOWS_EXTENSIONS + configured_extensions + [".part"])
    return {
        "forbidden_filenames": list(_STOCK_NAMES),
        "forbidden_filename_basenames": configured_basenames,
        "forbidden_filename_characters": _INVALID_CHARS + configured_characters,
        "forbidden_filename_extensions": configured_extensions + [".part"],
    }


def capabilities(*, windows_compatible: bool, bulk_upload: bool = True) -> dict[str, Any]:
    """The ``data`` of ``cloud/capabilities``: ``version`` and the ``core``, ``dav`` and ``files``
    capabilities of a Nextcloud 30 (without ``dav.bulkupload`` when ``bulk_upload`` is off)."""
    rules = filename_rules(windows_compatible=windows_compatible)
    files: dict[str, Any] = {
        "$comment": '"blacklisted_files" is deprecated as of Nextcloud 30, use "forbidden_filenames" instead',
        "blacklisted_files": list(rules["forbidden_filenames"]),
        **rules,
        "bigfilechunking": True,
        "chunked_upload": {"max_size": CHUNK_MAX_SIZE, "max_parallel_count": CHUNK_MAX_PARALLEL},
    }
    return {
        "version": dict(VERSION),
        "capabilities": {
            "core": {
                "pollinterval": 60,
                "webdav-root": "remote.php/webdav",
                "reference-api": True,
                "reference-regex": _URL_REGEX,
                "mod-rewrite-working": False,
            },
            "dav": {"chunking": "1.0", "bulkupload": "1.0"} if bulk_upload else {"chunking": "1.0"},
            "files": files,
        },
    }
