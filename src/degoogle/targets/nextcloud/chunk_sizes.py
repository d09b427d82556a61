"""The sizes of a chunked upload v2, apart from the upload itself.

Kept here, with no import of an HTTP client, so the command line and the app can name the default
chunk size (an option's default) without loading the HTTP stack a listing never uses.
Nextcloud developer manual, client_apis/WebDAV/chunking: chunks of 5 MB to 5 GB but the last,
at most 10,000 of them.
"""

from __future__ import annotations

MIN_CHUNK = 5 * 1024 * 1024
DEFAULT_CHUNK = 10 * 1024 * 1024
MAX_CHUNKS = 10000
