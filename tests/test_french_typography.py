"""French typography over every French string a person can read: the wizard's French .ts and the
French gettext catalogue (reasons, report, console, sign-in, schedule: ``degoogle/locale/fr``).

French puts a no-break space before ; : ! ? and » and after «, so that a line never starts with a
colon nor ends with an opening guillemet; groups the digits of large numbers ("15 000"); writes no
ISO dates; and says "1 élément", "2 éléments" through a plural mechanism (Qt's %n with numerus forms in
the .ts, gettext's plural forms in the .po), never "élément(s)" nor "{n} éléments" in a plain template.
"""

from __future__ import annotations

import io
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po

from degoogle import console
from degoogle.engine import report as report_module
from degoogle.engine.events import BytesMoved, ItemRetrying, PlanFinished, RunStarted
from degoogle.engine.report import CollectionReport, KindReport, Report, counts_text, to_html, to_text
from degoogle.gui.language import translations_dir
from degoogle.wording import locale_dir

#: an ordinary space (U+0020) or a tab before the high punctuation, or after «
_SPACE_BEFORE = re.compile(r"[ \t][;:!?»]")
_SPACE_AFTER = re.compile(r"«[ \t]")
#: four digits or more in a row (not a placeholder such as %1 or {0})
_UNGROUPED = re.compile(r"(?<![\d%{.,])\d{4,}")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
#: a count placeholder directly followed by a plural word: "{n} éléments", "%1 fichiers"
_PLACEHOLDER_THEN_PLURAL = re.compile(r"(?:\{\w+(?::[^}]*)?\}|%[1-9n])\s+(\w+[sx])\b")
#: words ending in s or x that are not plurals
_NOT_PLURAL = {"dans", "sous", "vers", "après", "depuis", "plus", "mais", "fois", "jours", "avis", "pas", "sans",
               "chez", "s", "ms", "us", "os", "max", "prix", "choix", "souris", "temps", "heureux", "ainsi", "aux",
               "mots", "tous", "très", "moins", "alors", "puis", "lors", "hors", "parmi", "deux", "trois", "six",
               "dix", "est", "es", "as"}
#: words the issue named as wrong in French
_BANNED = ("votre cloud", "ça tient", "entre environ", "(s)")


def _problems(text: str, plain_template: bool) -> list[str]:
    """What is wrong with one French string; ``plain_template`` when it is not a plural form."""
    found = []
    for m in _SPACE_BEFORE.finditer(text):
        found.append(f"ordinary space before {m.group(0)[-1]!r}")
    if _SPACE_AFTER.search(text):
        found.append("ordinary space after «")
    for m in _UNGROUPED.finditer(text):
        found.append(f"number without grouping {m.group(0)!r}")
    if _ISO_DATE.search(text):
        found.append("ISO date")
    if plain_template:
        for m in _PLACEHOLDER_THEN_PLURAL.finditer(text):
            if m.group(1).casefold() not in _NOT_PLURAL:
                found.append(f"plural without the plural mechanism: {m.group(0)!r}")
        if "%n" in text or "%Ln" in text:
            found.append("%n outside a numerus message")
    elif re.search(r"(?<!L)%n", text):
        found.append("%n instead of %Ln (Qt groups the digits of %Ln only)")
    lowered = text.casefold()
    found += [f"banned wording {word!r}" for word in _BANNED if word in lowered]
    return found


def _ts_strings() -> Iterator[tuple[str, str, bool]]:
    """(where, French text, is a plain template) for every translation of the French .ts."""
    tree = ET.parse(translations_dir() / "degoogle_fr.ts")
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            forms = translation.findall("numerusform")
            if message.get("numerus") == "yes":
                for form in forms:
                    yield f"{name}: {source!r} (plural form)", form.text or "", False
            else:
                yield f"{name}: {source!r}", translation.text or "", True


def _engine_strings() -> Iterator[tuple[str, str, bool]]:
    """(where, French text, is a plain template) for every translation of the French gettext catalogue:
    the reasons, the report, the command line, the sign-in (plural forms apart)."""
    with (locale_dir() / "fr" / "LC_MESSAGES" / "degoogle.po").open("rb") as f:
        catalog = read_po(f, locale="fr")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.string, tuple):
            for index, form in enumerate(message.string):
                yield f"degoogle.po: {message.id[0]!r} (plural form {index})", form, False
        else:
            yield f"degoogle.po: {message.id!r}", message.string, True


def _check(strings: Iterator[tuple[str, str, bool]]) -> list[str]:
    return [f"{where}: {problem} in {text!r}" for where, text, plain in strings for problem in _problems(text, plain)]


def test_the_wizard_french_follows_french_typography() -> None:
    checked = list(_ts_strings())
    assert len(checked) > 200  # the whole French catalogue was read, not an empty one
    bad = _check(iter(checked))
    assert not bad, f"{len(bad)} French strings of the wizard to fix:\n" + "\n".join(bad)


def test_the_engine_french_follows_french_typography() -> None:
    checked = list(_engine_strings())
    assert len(checked) > 100
    bad = _check(iter(checked))
    assert not bad, f"{len(bad)} French strings of the engine to fix:\n" + "\n".join(bad)


def test_the_checker_sees_each_fault() -> None:
    """The rules themselves: each fault the issue saw is caught, and good French passes."""
    assert _problems("Vérifiez : ceci", True)
    assert _problems("cliquez sur « Autoriser »", True)
    assert _problems("15000 éléments", False)
    assert _problems("{n} éléments trouvés", True)
    assert _problems("%1 éléments", True)
    assert _problems("élément(s)", True)
    assert _problems("Rapport établi le 2026-12-03", True)
    assert _problems("Ça tient.", True) and _problems("dans votre cloud", True)
    assert not _problems("Vérifiez\u00a0: «\u00a0Autoriser\u00a0»\u202f; 15\u202f000 fichiers dans {n} s", True)
    assert not _problems("%Ln éléments", False)
    assert _problems("%n éléments", False)


def _sample_report(lang: str) -> Report:
    files = KindReport("files", found=15000, moved=14585, already_there=415, bytes_found=12_345_678_901)
    mail = KindReport("mail", found=1, moved=1)
    made = time.mktime((2026, 12, 3, 14, 5, 0, 0, 0, -1))
    r = Report(lang=lang, made_at=made, source="takeout.zip", target="https://cloud.example.org",
               run_state="finished", run_message="", kinds=[files, mail])
    r.collections = {"mail": [CollectionReport("mail", "\\Inbox", "INBOX", found=1234, moved=1234, bytes=5000)]}
    r.skipped = {"files": {"not_supported_yet": 1}}
    return r


def test_the_french_report_groups_digits_and_writes_dates_in_words() -> None:
    r = _sample_report("fr")
    text, page = to_text(r), to_html(r)
    for rendered in (text, page):
        assert "15\u202f000" in rendered and "14\u202f585" in rendered
        words = re.sub(r"<style>.*?</style>|<[^>]*>", " ", rendered, flags=re.S)
        assert not re.search(r"15000|14585|1234", words) and not _ISO_DATE.search(words), words
        assert not _SPACE_BEFORE.search(words), words
    assert "3 décembre 2026" in page
    assert any("1\u202f234" in line for line in counts_text(r))
    # a Takeout product named by its brand alone is said in plain words beside the name
    assert report_module.product_name("fr", "Keep") == "les notes Google Keep"
    english = to_text(_sample_report("en"))
    assert "15,000" in english


def test_the_terminal_bar_says_sizes_the_french_way() -> None:
    out = io.StringIO()
    with console.ConsoleProgress("fr", out=out, fancy=True) as progress:
        progress(RunStarted(total_items=15000, done_items=0, total_bytes=12_345_678, done_bytes=0))
        progress(BytesMoved(item_id=1, bytes=1_800_000))
    drawn = out.getvalue()
    assert "1,8\u00a0Mo/12,3\u00a0Mo" in drawn, drawn
    assert "MB" not in drawn


def test_the_console_says_counts_and_sizes_the_french_way() -> None:
    out = io.StringIO()
    with console.ConsoleProgress("fr", out=out, fancy=False) as progress:
        progress(PlanFinished(found=15000, bytes=12_345_678, to_move=1, bytes_to_move=2_500))
        progress(RunStarted(total_items=1, done_items=0, total_bytes=10, done_bytes=0))
        progress(ItemRetrying(item_id=1, path="a.txt", attempt=1, delay=1234.4, reason="server_busy"))
    said = out.getvalue()
    assert "15\u202f000 éléments trouvés" in said
    assert "à transférer\u00a0: 1 élément (10\u00a0o)" in said, said
    assert "nouvel essai pour a.txt dans 1\u202f234\u00a0s" in said, said
    assert "12,3\u00a0Mo" in said and "2,5\u00a0ko" in said
    assert not _SPACE_BEFORE.search(said)
    assert console.count_text("fr", "items", 0) == "0 élément"
    assert console.count_text("fr", "items", 2) == "2 éléments"
    assert console.count_text("en", "items", 1) == "1 item"
    assert console.count_text("en", "items", 15000) == "15,000 items"


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    from PySide6.QtCore import QCoreApplication

    from degoogle.gui.language import Translations

    translations = Translations(QCoreApplication.instance())  # type: ignore[arg-type]
    translations.use("fr")
    yield
    translations.use("en")


@pytest.mark.parametrize(("minutes", "expected"), [(0.4, "moins d'une minute"), (6.6, "environ 7\u00a0min"),
                                                   (135, "environ 2\u00a0h\u00a015")])
def test_durations_in_french(french: None, minutes: float, expected: str) -> None:
    from degoogle.gui.formats import duration_text

    assert duration_text(minutes * 60) == expected


def test_a_french_range_of_durations_says_environ_once(french: None) -> None:
    from degoogle.gui.formats import duration_range_text, number_text, size_text

    assert duration_range_text(6 * 60, 7 * 60) == "entre 6 et 7\u00a0min"
    assert duration_range_text(50 * 60, 130 * 60) == "entre 50\u00a0min et 2\u00a0h\u00a010"
    assert number_text(15000) == "15\u202f000"
    assert size_text(1_800_000, "fr") == "1,8\u00a0Mo"


def test_dates_in_the_wizard_are_words_not_iso(french: None) -> None:
    from degoogle.gui.formats import date_time_text

    said = date_time_text(time.mktime((2026, 12, 3, 14, 5, 0, 0, 0, -1)))
    assert "3 décembre 2026" in said and "14:05" in said and not _ISO_DATE.search(said), said
