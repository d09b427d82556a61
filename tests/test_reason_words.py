"""Every reason the report can give for calendars, contacts and mail is worded in French, English and
Dutch (issue 12): the codes are read from the code that records them (the errors raised for an item,
the entries a source lists, the results a target gives), so a new code without its words fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from degoogle.engine.reasons import known_codes, reason

ROOT = Path(__file__).resolve().parents[1] / "src" / "degoogle"
#: the modules that read, convert, write and record calendars, contacts and mail
MODULES = [
    "convert/ical.py", "convert/vcard.py", "convert/mbox.py", "convert/mail.py", "convert/mail_headers.py",
    "sources/groupware_files.py", "sources/contact_files.py", "sources/mail_files.py", "sources/takeout.py",
    "sources/streams.py",
    "sources/local_files.py", "sources/imap.py", "protocols/imap.py", "sources/imap_listing.py",
    "sources/imap_reading.py", "sources/dav.py", "sources/dav_objects.py",
    "targets/imap.py", "targets/imap_append.py", "targets/imap_connections.py", "targets/imap_index.py",
    "targets/imap_mailboxes.py", "targets/imap_pipe.py", "targets/nextcloud/groupware.py",
    "targets/nextcloud/dav.py", "protocols/caldav.py", "protocols/dav.py", "targets/nextcloud/mail_archive.py",
    "engine/plan.py", "engine/moving.py", "engine/run.py", "engine/verify.py", "errors.py",
]
#: calls whose code ends up in the journal, hence in the report
RECORDED = {"BadItemError", "RetryableError", "SkipItem", "FatalError", "SourceEntry", "PlannedEntry",
            "WriteResult", "VerifyResult", "_not_moved", "mark", "_file_problem"}
#: error classes whose own ``code`` is recorded for an item
ITEM_ERRORS = {"BadItemError", "RetryableError", "SkipItem", "FatalError"}
KEYWORDS = {"code", "problem", "reason", "left_out"}


def _name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _strings(node: ast.expr, names: dict[str, list[ast.expr]], depth: int = 0) -> list[str]:
    """The strings an expression can be: a constant, either side of ``a if c else b``, or a name bound to one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body, names, depth) + _strings(node.orelse, names, depth)
    if isinstance(node, ast.Name) and depth < 3:
        return [s for bound in names.get(node.id, []) for s in _strings(bound, names, depth + 1)]
    return []


def recorded_codes() -> dict[str, str]:
    """Every reason code the modules record, with where it was found."""
    codes: dict[str, str] = {}
    for module in MODULES:
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        names: dict[str, list[ast.expr]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                names.setdefault(node.targets[0].id, []).append(node.value)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in RECORDED:
                for keyword in node.keywords:
                    if keyword.arg in KEYWORDS:
                        for code in _strings(keyword.value, names):
                            codes.setdefault(code, module)
            if isinstance(node, ast.ClassDef) and ({_name(b) for b in node.bases} & ITEM_ERRORS
                                                   or node.name in ITEM_ERRORS):
                for statement in node.body:
                    if (isinstance(statement, ast.Assign) and _name(statement.targets[0]) == "code"
                            and isinstance(statement.value, ast.Constant)):
                        codes.setdefault(str(statement.value.value), module)
    return codes


def test_the_scan_finds_the_codes_of_this_issue() -> None:
    codes = recorded_codes()
    for code in ("malformed_event", "malformed_contact", "unknown_time_zone", "event_moved_floating",
                 "contact_photo_dropped", "malformed_time_zone", "not_mbox", "mail_too_large", "bad_item"):
        assert code in codes, code


@pytest.mark.parametrize("code", sorted(recorded_codes()))
def test_every_recorded_reason_has_french_english_and_dutch_words(code: str) -> None:
    assert code in known_codes(), f"{code} ({recorded_codes()[code]}) has no words in engine/reasons.py"
    words = reason(code)
    assert words.fr.strip() and words.en.strip() and words.nl.strip(), code
    assert words.fr != words.en and words.nl != words.en, f"{code}: a language left in English"
    assert bool(words.todo_en) == bool(words.todo_fr) == bool(words.todo_nl), f"{code}: what to do is missing"
