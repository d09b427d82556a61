"""Diagnose: the diagnostic bundle a person sends to their helper (the wizard's "send to my helper",
``degoogle diagnose --journal FILE [--out ZIP]`` for support staff: the same bundle).

A zip file holding: ``summary.json`` (the journal in figures: counts per kind and state, reason codes,
the last run; the source's type and the hoster's address, never a path), ``versions.txt``, ``log.txt``
(the migration's log with every secret masked and, unless the person agreed, every file and folder
name replaced by ``<name>``), ``attention.txt`` (the items needing attention grouped by reason, with why
and what to do in the person's language: what the helper reads first) and ``README.txt`` saying so.
Never a password, a token or the content of a message; mail subjects and senders are masked even when
file names are allowed.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath

from degoogle import __version__
from degoogle.app.status import Counts
from degoogle.engine.journal import Journal
from degoogle.engine.report import Line, build_report
from degoogle.logs import Redactor
from degoogle.model import Kind
from degoogle.secrets import MAIL_ENV, SOURCE_ENV, TARGET_ENV, SecretStore, account_keyring_name
from degoogle.specs import parse_target, source_needs_password

#: names shorter than this are left in the log: masking them would mask ordinary words
SHORTEST_NAME = 4
_PATHS = re.compile(r"(?:/|[A-Za-z]:\\)[^\s:'\"]+")


class NameMask:
    """Replaces the given names (file, folder, message names) in a text by ``<name>``."""

    def __init__(self, names: set[str]) -> None:
        kept = sorted((n for n in names if len(n) >= SHORTEST_NAME), key=len, reverse=True)
        self._patterns = [re.compile("|".join(re.escape(n) for n in kept[i:i + 400]))
                          for i in range(0, len(kept), 400)]

    def __call__(self, text: str) -> str:
        for pattern in self._patterns:
            text = pattern.sub("<name>", text)
        return text


def _names(journal: Journal, *, files_too: bool) -> set[str]:
    names: set[str] = set()
    for item in journal.items():
        if item.kind == Kind.FILES and not files_too:
            continue
        for path in (item.source_path, item.target_path or ""):
            if path:
                names.add(path)
                names.update(PurePosixPath(path).parts)
    return names


def _source_kind(spec: str) -> dict[str, object]:
    scheme, _, rest = spec.partition(":")
    if scheme in ("takeout", "mbox", "ics", "vcf"):
        return {"type": scheme, "parts": len([p for p in rest.split(",") if p])}
    return {"type": scheme.split("+")[0]}


def summary(journal: Journal, *, include_names: bool) -> dict[str, object]:
    """The journal in figures; with ``include_names`` also the items that need attention."""
    counts = Counts.of(journal).by_kind()
    reasons: Counter[str] = Counter()
    attention = []
    for item in journal.items():
        if item.reason:
            reasons[f"{item.kind.value}:{item.state.value}:{item.reason}"] += 1
        if include_names and item.kind == Kind.FILES and (item.state.value in ("quarantined", "failed")
                                                          or item.verified not in (None, "ok")):
            attention.append({"path": item.source_path, "state": item.state.value,
                              "reason": item.reason or item.verified})
    target = journal.get_meta("target", "") or ""
    last = journal.last_run()
    data: dict[str, object] = {
        "journal_format": journal.schema_version,
        "plan_state": journal.get_meta("plan_state"),
        "source": _source_kind(journal.get_meta("source", "") or ""),
        "target_host": re.sub(r"^nextcloud:https?://[^@/]*@", "", target),
        "kinds": journal.get_meta("only"),
        "created_by": journal.get_meta("created_by"),
        "counts": counts,
        "reasons": dict(sorted(reasons.items())),
        "last_run": {k: last[k] for k in ("state", "started_at", "ended_at", "version") if k in last}
        if last else None,
    }
    if include_names:
        data["attention"] = attention[:2000]
    return data


def attention_text(journal: Journal, lang: str, mask: NameMask, *, hide_paths: bool) -> str:
    """The items needing attention as a helper reads them: per reason, how many, why and what to do
    (in ``lang``), then the items, names replaced by ``<name>`` through ``mask`` (mail subjects always)
    and, with ``hide_paths``, any path left by ``<path>``."""
    report = build_report(journal, lang)
    groups: dict[str, list[Line]] = {}
    for line in report.attention:
        groups.setdefault(line.reason, []).append(line)
    out = [f"degoogle: {len(report.attention)} item(s) need attention", ""]
    for code, lines in sorted(groups.items(), key=lambda g: -len(g[1])):
        first = lines[0]
        out.append(f"[{code}] {len(lines)} × {first.text}")
        if first.todo:
            out.append(f"    → {first.todo}")
        for line in lines[:200]:
            name = mask(line.path)
            name = _PATHS.sub("<path>", name) if hide_paths else name
            out.append(f"    - {line.kind}: {name}")
        if len(lines) > 200:
            out.append(f"    … {len(lines) - 200} more")
        out.append("")
    return "\n".join(out) + "\n"


def versions(extra: dict[str, str] | None = None) -> str:
    lines = [f"degoogle {__version__}", f"Python {sys.version.split()[0]}", f"System {platform.platform()}"]
    lines += [f"{k} {v}" for k, v in (extra or {}).items()]
    return "\n".join(lines) + "\n"


def write_bundle(path: Path, journal: Journal, *, include_names: bool, secrets: list[str],
                 extra_versions: dict[str, str] | None = None, lang: str = "en") -> Path:
    """Write the bundle to ``path`` (a ``.zip``); returns it. Raises ``OSError`` when it cannot be written."""
    redact = Redactor(secrets)
    mask = NameMask(_names(journal, files_too=not include_names))
    try:
        log_text = journal.files.log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        log_text = ""
    log_text = mask(redact(log_text))
    if not include_names:
        log_text = _PATHS.sub("<path>", log_text)
    data = summary(journal, include_names=include_names)
    if not include_names:
        data = json.loads(mask(json.dumps(data, ensure_ascii=False)))
    readme = (
        "degoogle diagnostic bundle, made " + time.strftime("%Y-%m-%d %H:%M") + "\n\n"
        "summary.json: the migration in figures (no passwords, no message contents).\n"
        "versions.txt: the versions of degoogle, Python, Qt and the system.\n"
        "attention.txt: the items that need attention, grouped by reason, with what to do.\n"
        "log.txt: the log, secrets masked"
        + ("." if include_names else "; file, folder and message names replaced by <name>.") + "\n"
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("README.txt", readme)
        bundle.writestr("summary.json", json.dumps(data, ensure_ascii=False, indent=2))
        bundle.writestr("versions.txt", versions(extra_versions))
        bundle.writestr("log.txt", log_text)
        bundle.writestr("attention.txt", redact(attention_text(journal, lang, mask, hide_paths=not include_names)))
    return path


def known_secrets(journal: Journal, store: SecretStore | None = None) -> list[str]:
    """The secrets of this migration that are at hand without asking anyone: the ones the faces
    would use (the environment's ``DEGOOGLE_*_PASSWORD`` and the keyring's entries for the hoster,
    the source account and the mailbox), so that the bundle masks them wherever they appear."""
    store = store or SecretStore()
    names = []
    target = journal.get_meta("target")
    if target:
        names.append(parse_target(target).keyring_name)
    source = journal.get_meta("source") or ""
    if source and source_needs_password(source):
        names.append(account_keyring_name(source))
    mail_to = journal.get_meta("mail_to") or ""
    if mail_to and mail_to != "archive":
        names.append(account_keyring_name(mail_to))
    found = [store.get(name) for name in names]
    found += [os.environ.get(env) for env in (TARGET_ENV, SOURCE_ENV, MAIL_ENV)]
    return [secret for secret in found if secret]


def bundle_name() -> str:
    """The name a new bundle gets (``degoogle-diagnostic-YYYYMMDD-HHMM.zip``)."""
    return f"degoogle-diagnostic-{time.strftime('%Y%m%d-%H%M')}.zip"


def diagnose(journal_path: Path, out: Path | None = None, *, include_names: bool = False, lang: str = "en",
             secrets: list[str] | None = None, extra_versions: dict[str, str] | None = None) -> Path:
    """Write the diagnostic bundle of the journal at ``journal_path`` to ``out`` (default:
    ``bundle_name()`` in the current folder), masking ``secrets`` (default: ``known_secrets``) and,
    unless ``include_names``, every file, folder and message name; returns the bundle's path.

    Raises ``UserError`` when there is no journal there or it is not one, ``OSError`` when the bundle
    cannot be written."""
    out = out if out is not None else Path(bundle_name())
    journal = Journal.open(journal_path)
    try:
        masked = known_secrets(journal) if secrets is None else secrets
        return write_bundle(out, journal, include_names=include_names, secrets=masked,
                            extra_versions=extra_versions, lang=lang)
    finally:
        journal.close()
