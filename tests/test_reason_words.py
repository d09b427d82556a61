"""Every reason code is one member of ``degoogle.reasons.Reason`` and is worded in French, English and
Dutch (issues 12 and 14). The codes are read from the code that raises or records them (any call given
a ``code=``/``reason=``, the errors' own ``code``, the journal's ``mark`` and ``_not_moved``), across the
whole package, so a new bare code, or a code without its words in one language, fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from degoogle.engine.reason_words import ENGLISH
from degoogle.engine.reasons import WIZARD, known_codes, reason
from degoogle.reasons import Reason, is_reason
from degoogle.wording import LANGUAGES, translate

ROOT = Path(__file__).resolve().parents[1] / "src" / "degoogle"
#: keyword arguments that carry a reason code, whatever the call
KEYWORDS = {"code", "problem", "reason", "left_out"}
#: calls that take the code as a positional argument: name → its index
POSITIONAL = {"_not_moved": 2, "mark": 2}


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


def _codes_in(tree: ast.AST) -> list[str]:
    names: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            names.setdefault(node.targets[0].id, []).append(node.value)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in KEYWORDS:
                    found += _strings(keyword.value, names)
            index = POSITIONAL.get(_name(node.func))
            if index is not None and len(node.args) > index:
                found += _strings(node.args[index], names)
        if isinstance(node, ast.ClassDef):  # an error class's own code
            for statement in node.body:
                if (isinstance(statement, ast.Assign) and _name(statement.targets[0]) == "code"
                        and isinstance(statement.value, ast.Constant)):
                    found.append(str(statement.value.value))
    return found


def recorded_codes() -> dict[str, str]:
    """Every string the package passes as a reason code, with the first module it was found in."""
    codes: dict[str, str] = {}
    for path in sorted(ROOT.rglob("*.py")):
        for code in _codes_in(ast.parse(path.read_text(encoding="utf-8"))):
            codes.setdefault(code, path.relative_to(ROOT).as_posix())
    return codes


def test_the_scan_finds_the_codes_of_these_issues() -> None:
    codes = recorded_codes()
    for code in ("malformed_event", "malformed_contact", "unknown_time_zone", "event_moved_floating",
                 "contact_photo_dropped", "malformed_time_zone", "not_mbox", "mail_too_large",
                 # raised by the journal, the sign-in and the options, and worded nowhere before issue 14
                 "journal_missing", "journal_too_new", "password_in_spec", "login_cancelled", "bad_only",
                 "too_big_for_space", "not_supported_yet"):
        assert code in codes, code
    # and a bare code in a new module would be found as well
    assert _codes_in(ast.parse("raise BadItemError('x', code='a_code_of_tomorrow')")) == ["a_code_of_tomorrow"]
    assert _codes_in(ast.parse("j.mark(item, State.FAILED, 'b' if x else 'c', '')")) == ["b", "c"]


@pytest.mark.parametrize("code", sorted(recorded_codes()))
def test_every_code_the_package_uses_is_a_member_of_the_enumeration(code: str) -> None:
    assert is_reason(code), f"{code!r} ({recorded_codes()[code]}) is not a member of degoogle.reasons.Reason"


def test_every_member_is_worded_and_nothing_else() -> None:
    assert set(ENGLISH) == set(Reason), set(ENGLISH) ^ set(Reason)
    assert set(WIZARD) <= set(Reason)
    assert len(known_codes()) == len(Reason)


@pytest.mark.parametrize("code", sorted(Reason))
def test_every_code_has_french_english_and_dutch_words(code: Reason) -> None:
    words = reason(code)
    assert all(words.text(lang).strip() for lang in LANGUAGES), code
    assert words.fr != words.en and words.nl != words.en, f"{code}: a language left in English"
    todos = [words.todo(lang) for lang in LANGUAGES]
    assert all(todos) or not any(todos), f"{code}: what to do is missing in a language: {todos}"
    assert not any(words.todo(lang) == words.todo_en for lang in ("fr", "nl")) or not words.todo_en, code
    if code in WIZARD:  # the wizard's own words for it, translated as well
        for english in WIZARD[code]:
            assert not english or all(translate(lang, english) != english for lang in ("fr", "nl")), english


def test_an_unknown_code_is_named_after_the_generic_words() -> None:
    unknown = reason("a_code_of_tomorrow")
    assert unknown.text("nl") == "Er vraagt iets uw aandacht. [a_code_of_tomorrow]"
    assert unknown.text("fr") == "Un point demande votre attention. [a_code_of_tomorrow]"
    assert unknown.todo("nl") == ""
    assert reason(None).text("en") == "Something needs attention."


def test_codes_are_today_s_strings() -> None:
    """The journal stores the values: a member is its string, in JSON and in comparisons alike."""
    assert Reason.KEPT_BOTH == "kept_both" and f"{Reason.SOURCE_GONE}" == "source_gone"
    assert reason(Reason.KEPT_BOTH).text("fr") == reason("kept_both").text("fr")
