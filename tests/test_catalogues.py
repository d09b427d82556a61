"""The gettext catalogues (``degoogle/locale``, read by ``degoogle/wording.py``) against the code and
against themselves: each ``.po`` holds exactly the strings the code marks, each translated in French,
English and Dutch with the same placeholders, and each shipped ``.mo`` is its ``.po`` compiled (run
``bash scripts/translations`` after editing either)."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from degoogle import console
from degoogle.engine.report import to_text
from degoogle.wording import LANGUAGES, catalogue, locale_dir, role_name, translate

REPO = Path(__file__).resolve().parents[1]
#: the keywords scripts/translations gives pybabel (babel.cfg reads src/degoogle/**.py)
KEYWORDS = {**DEFAULT_KEYWORDS, "N_plural": (1, 2)}
_PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")


def _po(lang: str) -> Catalog:
    with (locale_dir() / lang / "LC_MESSAGES" / "degoogle.po").open("rb") as f:
        return read_po(f, locale=lang)


@functools.cache
def _marked() -> frozenset[str | tuple[str, ...]]:
    """Every string the code marks for translation, as ``pybabel extract`` finds it."""
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, *_rest in extract_from_dir(
            str(REPO), method_map=[("src/degoogle/**.py", "python")], keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(message))
    return frozenset(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_mo_is_its_po_compiled(lang: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _po(lang))
    shipped = (locale_dir() / lang / "LC_MESSAGES" / "degoogle.mo").read_bytes()
    assert shipped == compiled.getvalue(), f"{lang}: degoogle.mo is stale: run bash scripts/translations"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_po_holds_every_marked_string_translated(lang: str) -> None:
    catalog = _po(lang)
    held = {message.id for message in catalog if message.id}
    marked = _marked()
    assert len(marked) > 250
    assert not marked - held, f"{lang}: to extract (bash scripts/translations): {sorted(map(str, marked - held))}"
    assert not held - marked, f"{lang}: no longer in the code: {sorted(map(str, held - marked))}"
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple)
                                                                          else [m.string]))]
    assert not untranslated, f"{lang}: to translate in degoogle.po: {untranslated}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders(lang: str) -> None:
    for message in _po(lang):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = {name for source in sources for name in _PLACEHOLDER.findall(source)}
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            assert set(_PLACEHOLDER.findall(text)) == wanted, f"{lang}: {message.id!r} → {text!r}"


def test_each_language_has_its_own_translator_side_by_side() -> None:
    """No process-wide locale: a French and a Dutch text are made one after the other, and a language
    without a catalogue reads the English source strings."""
    assert translate("fr", "Not moved") == "Non transférés" and translate("nl", "Not moved") == "Niet verhuisd"
    assert translate("de", "Not moved") == "Not moved" and translate("fr", "") == ""
    assert catalogue("fr") is not catalogue("nl")
    assert role_name("fr", "\\Sent") == "Messages envoyés" and role_name("nl", "\\Sent") == "Verzonden"
    assert role_name("fr", "Famille") == "Famille"


@pytest.mark.parametrize(("lang", "n", "said"), [
    ("fr", 0, "0 élément"), ("fr", 1, "1 élément"), ("fr", 2, "2 éléments"),
    ("fr", 1_000_000, "1\u202f000\u202f000 éléments"), ("en", 0, "0 items"), ("en", 1, "1 item"),
    ("nl", 1, "1 item"), ("nl", 15000, "15.000 items"),
])
def test_counted_nouns_follow_each_language_s_plural_rule(lang: str, n: int, said: str) -> None:
    assert console.count_text(lang, "items", n) == said


def test_the_report_reads_the_catalogue_of_its_language(tmp_path: Path) -> None:
    from degoogle.engine.journal import Journal
    from degoogle.engine.report import build_report

    with Journal.create(tmp_path / "j") as journal:
        text = {lang: to_text(build_report(journal, lang)) for lang in LANGUAGES}
    assert text["fr"].startswith("degoogle — rapport de migration\nDepuis\u00a0: ")
    assert text["en"].startswith("degoogle — migration report\nFrom: ")
    assert text["nl"].startswith("degoogle — verhuisrapport\nVan: ")
