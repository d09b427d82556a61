"""Logging set-up with redaction: no secret ever reaches a log line or a traceback."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

# credentials in URLs, Authorization headers, and query strings (tokens) are masked in any case
# (each pattern keeps its group 1 and masks the rest of the match)
_PATTERNS = (
    re.compile(r"(://[^/\s:@]+:)[^/\s@]+(?=@)"),
    re.compile(r"(?i)(authorization:\s*(?:basic|bearer)\s+)\S+"),
    re.compile(r"(https?://[^\s?#]*\?)[^\s#'\"]+"),
)


class Redactor:
    """Masks known secrets and secret-shaped text in a string."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        for pattern in _PATTERNS:
            text = pattern.sub(lambda m: m.group(1) + "***", text)
        return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual (tracebacks included), then redacts the whole line."""

    def __init__(self, redact: Redactor, fmt: str) -> None:
        super().__init__(fmt)
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


def setup_logging(log_file: Path | None, redact: Redactor, *, verbose: bool = False) -> None:
    """Log INFO and above to ``log_file`` (appending) and warnings to stderr when verbose."""
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.INFO)
    fmt = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
    if log_file is not None:
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(RedactingFormatter(redact, fmt))
        root.addHandler(handler)
    if verbose:
        console = logging.StreamHandler()
        console.setLevel(logging.INFO)
        console.setFormatter(RedactingFormatter(redact, "%(levelname)s %(name)s: %(message)s"))
        root.addHandler(console)
    for noisy in ("urllib3", "webdav3", "wsgidav", "cheroot"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
