"""The engine's words in every language: each reason code is worded in Dutch (a code without Dutch
shows English, never nothing), and a report made in Dutch reads in Dutch, with no English left in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from degoogle.convert.names import NameRules
from degoogle.engine.journal import Journal, PlannedEntry
from degoogle.engine.reasons import known_codes, reason
from degoogle.engine.report import _COLUMNS, build_report, default_lang, to_html, to_text
from degoogle.engine.report import words as report_words
from degoogle.model import Kind, Outcome, SourceEntry, State
from degoogle.targets.nextcloud.mail_archive import archive_path
from degoogle.wording import role_name


def test_every_reason_is_worded_in_dutch() -> None:
    missing = [code for code in known_codes() if not reason(code).nl.strip()]
    assert not missing, f"no Dutch in locale/nl/LC_MESSAGES/degoogle.po for: {missing}"
    no_todo = [code for code in known_codes() if bool(reason(code).todo_en) != bool(reason(code).todo_nl)]
    assert not no_todo, f"what to do is missing (or extra) in Dutch for: {no_todo}"
    same = [code for code in known_codes() if reason(code).nl == reason(code).en]
    assert not same, f"left in English: {same}"


def test_an_unknown_code_is_worded_generically_in_dutch() -> None:
    unknown = reason("a_code_of_tomorrow")
    assert unknown.text("nl") == "Er vraagt iets uw aandacht. [a_code_of_tomorrow]"
    assert unknown.todo("nl") == ""
    assert reason("kept_both").text("de") == reason("kept_both").text("en")  # no catalogue: English


def _journal(path: Path) -> Journal:
    """Two files (one moved, one damaged in the archive), two mails in Inbox and Sent, a Keep note."""
    j = Journal.create(path)
    entries = [
        SourceEntry(Kind.FILES, "f1", ("Drive", "notities.txt"), size=1500),
        SourceEntry(Kind.FILES, "f2", ("Drive", "foto.jpg"), size=900),
        SourceEntry(Kind.MAIL, "m1", ("\\Inbox", "m1"), size=2500),
        SourceEntry(Kind.MAIL, "m2", ("\\Sent", "m2"), size=1200),
    ]
    j.add_planned([PlannedEntry(e, State.PENDING, "/".join(e.path)) for e in entries], [])
    items = {i.source_key: i for i in j.items()}
    j.mark_done(items["f1"], Outcome.MOVED, "Drive/notities.txt", None)
    j.mark(items["f2"], State.QUARANTINED, "corrupt_member", "bad CRC")
    j.mark_done(items["m1"], Outcome.MOVED, "\\Inbox/m1", None)
    return j


def test_the_report_in_dutch_speaks_dutch(tmp_path: Path) -> None:
    with _journal(tmp_path / "j") as j:
        report = build_report(j, "nl")
    text, page = to_text(report), to_html(report)
    for words in ("verhuisrapport", "Bestanden: Gevonden 2, Verhuisd 1, Apart gezet 1",
                  "E-mail: Gevonden 2, Verhuisd 1, Nog te doen 1", "Postvak IN: Gevonden 1, Verhuisd 1 (2,5\u00a0KB)",
                  "Verzonden: Gevonden 1, Nog te doen 1 (1,2\u00a0KB)", "Wat uw aandacht vraagt (1):",
                  "Dit bestand is beschadigd in het archief. Download het archiefdeel opnieuw via Google Takeout"):
        assert words in text
    assert '<html lang="nl">' in page and "<th>Gecontroleerd bij de hostingpartij</th>" in page
    assert "Wat u kunt doen" in page and "Details voor wie u helpt" in page
    en, nl = report_words("en"), report_words("nl")
    english = {w for k, w in en.items() if isinstance(w, str) and w != nl[k] and len(w) > 2}
    english |= {role_name("en", r) for r in ("\\Inbox", "\\Sent")} - {role_name("nl", r) for r in ("\\Inbox", "\\Sent")}
    english |= {reason("corrupt_member").en, reason("corrupt_member").todo_en}
    leaks = [w for w in english if re.search(rf"\b{re.escape(w)}\b", text + page)]
    assert not leaks, f"English in the Dutch report: {leaks}"
    assert all(nl[c] != en[c] for c in _COLUMNS), "a column left in English"


def test_mail_archives_are_named_in_dutch_only_when_dutch_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = NameRules.nextcloud_default()
    assert archive_path("\\Inbox", "nl", rules) == "Mail/Postvak IN.mbox"
    assert archive_path("\\Sent", "nl", rules) == "Mail/Verzonden.mbox"
    assert archive_path("\\Inbox", "en", rules) == "Mail/Inbox.mbox"
    assert archive_path("\\Inbox", "fr", rules) == "Mail/Boîte de réception.mbox"
    # a Dutch system alone does not switch the command line's language (and its archive names)
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert default_lang() == "en"
