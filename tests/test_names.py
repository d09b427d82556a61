"""File-name rules for Nextcloud: concrete cases from the server's rules, then properties over any text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from degoogle.convert.names import (
    REASON_CODES,
    CleanName,
    NameRules,
    clean_name,
    name_key,
    numbered,
    violations,
)

DEFAULT = NameRules.nextcloud_default()

# The capability "files" object of a stock Nextcloud 30, as apps/files/lib/Capabilities.php builds it.
STOCK_NC30_CAPS = {
    "$comment": '"blacklisted_files" is deprecated as of Nextcloud 30, use "forbidden_filenames" instead',
    "bigfilechunking": True,
    "blacklisted_files": [".htaccess"],
    "forbidden_filenames": [".htaccess"],
    "forbidden_filename_basenames": [],
    "forbidden_filename_characters": ["\\", "/"],
    "forbidden_filename_extensions": [".filepart", ".part"],
    "chunked_upload": {"max_size": 104857600, "max_parallel_count": 5},
    "file_conversions": [],
}

# The same server after "Windows compatible filenames" was enabled (Nextcloud 31): SettingsService
# merges its Windows lists in front of the existing ones; the character list repeats "\" and "/".
WINDOWS_NC31_CAPS = {
    **STOCK_NC30_CAPS,
    "forbidden_filename_basenames": [
        "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5",
        "com6", "com7", "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2",
        "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
    ],
    "forbidden_filename_characters": ["\\", "/", "<", ">", ":", '"', "|", "?", "*", "\\", "/"],
    "forbidden_filename_extensions": [" ", ".", ".filepart", ".part"],
}

# Nextcloud 28/29 sent only the deprecated list.
LEGACY_NC28_CAPS = {"bigfilechunking": True, "blacklisted_files": [".htaccess", "desktop.ini"]}


# --- the reason codes are a stored format ------------------------------------------------------

def test_reason_codes_are_the_journal_strings() -> None:
    assert REASON_CODES == (
        "unicode_nfc", "empty_name", "control_character", "forbidden_character", "leading_space",
        "trailing_space_or_dot", "forbidden_name", "forbidden_basename", "forbidden_extension",
        "too_long",
    )


# --- clean_name on the cases the server and the desktop clients refuse --------------------------

@pytest.mark.parametrize(
    ("original", "expected", "reasons"),
    [
        (".htaccess", ".htaccess_", ("forbidden_name",)),
        (".HTAccess", ".HTAccess_", ("forbidden_name",)),
        ("a\\b", "a_b", ("forbidden_character",)),
        ("rapport/2024.pdf", "rapport_2024.pdf", ("forbidden_character",)),
        ("Devis: cuisine?.pdf", "Devis_ cuisine_.pdf", ("forbidden_character",)),
        ('<"a"|b*>.txt', "__a__b__.txt", ("forbidden_character",)),
        (" leading.txt", "leading.txt", ("leading_space",)),
        ("   two.txt", "two.txt", ("leading_space",)),
        ("trailing. ", "trailing", ("trailing_space_or_dot",)),
        ("dossier...", "dossier", ("trailing_space_or_dot",)),
        ("CON", "CON_", ("forbidden_basename",)),
        ("con.txt", "con_.txt", ("forbidden_basename",)),
        ("Lpt1.doc", "Lpt1_.doc", ("forbidden_basename",)),
        ("nul.tar.gz", "nul_.tar.gz", ("forbidden_basename",)),
        ("COM¹.txt", "COM¹_.txt", ("forbidden_basename",)),
        ("con.", "con_", ("trailing_space_or_dot", "forbidden_basename")),
        ("CON:.txt", "CON_.txt", ("forbidden_character",)),
        ("x.part", "x.part_", ("forbidden_extension",)),
        ("Film.MKV.FILEPART", "Film.MKV.FILEPART_", ("forbidden_extension",)),
        (".part", ".part_", ("forbidden_extension",)),
        ("con.part", "con_.part_", ("forbidden_basename", "forbidden_extension")),
        ("e\u0301te\u0301.txt", "\u00e9t\u00e9.txt", ("unicode_nfc",)),
        ("a\tb\nc\x00.txt", "a_b_c_.txt", ("control_character",)),
        ("\x1f", "_", ("control_character",)),
        ("", "_", ("empty_name",)),
        (".", "_", ("empty_name", "trailing_space_or_dot")),
        ("..", "_", ("empty_name", "trailing_space_or_dot")),
        ("....", "_", ("trailing_space_or_dot",)),
        ("   ", "_", ("empty_name", "leading_space", "trailing_space_or_dot")),
        ("caf\udce9.txt", "caf_.txt", ("forbidden_character",)),
        ("x" * 224 + ".pdf", "x" * 223 + ".pdf", ("too_long",)),  # 228 bytes: no room for the part file's suffix
    ],
)
def test_clean_name_repairs_what_nextcloud_refuses(
    original: str, expected: str, reasons: tuple[str, ...]
) -> None:
    assert clean_name(original, DEFAULT) == CleanName(expected, reasons)


@pytest.mark.parametrize(
    "name",
    [
        "Rapport annuel 2024.pdf", ".bashrc", ".config.json", "été.txt", "console.txt", "com10.txt",
        "conx", "x.partial", "x.part.pdf", "a.b.c", "🎉 fête.png", "日本語のファイル.docx",
        "x" * 223 + ".pdf", "_", "-",
    ],
)
def test_clean_name_keeps_valid_names(name: str) -> None:
    assert clean_name(name, DEFAULT) == CleanName(name, ())
    assert violations(name, DEFAULT) == ()


def test_long_name_of_accented_letters_keeps_its_extension() -> None:
    original = "é" * 148 + ".pdf"
    assert len(original.encode()) == 300
    cleaned = clean_name(original, DEFAULT)
    # 223 bytes of stem left: 111 two-byte letters, none cut in half.
    assert cleaned == CleanName("é" * 111 + ".pdf", ("too_long",))
    assert len(cleaned.name.encode()) == 226


def test_long_name_in_decomposed_form_is_composed_before_it_is_measured() -> None:
    original = "e\u0301" * 124 + ".txt"  # 376 bytes as given, 252 once composed
    cleaned = clean_name(original, DEFAULT)
    assert cleaned == CleanName("é" * 111 + ".txt", ("unicode_nfc", "too_long"))


@pytest.mark.parametrize(
    ("cluster", "extension"),
    [
        ("👍🏽", ".jpg"),  # thumbs up + skin-tone modifier, 8 bytes
        ("👨\u200d👩\u200d👧", ".png"),  # a family: three people joined by ZWJ, 18 bytes
        ("🇫🇷", ".txt"),  # a flag: two regional indicators, 8 bytes
        ("q\u0323\u0307", ".md"),  # q with two combining marks and no precomposed form, 5 bytes
    ],
)
def test_shortening_never_splits_what_a_person_sees_as_one_character(cluster: str, extension: str) -> None:
    original = cluster * (300 // len(cluster.encode()) + 1) + extension
    cleaned = clean_name(original, DEFAULT)
    assert cleaned.reasons == ("too_long",)
    assert cleaned.name.endswith(extension)
    stem = cleaned.name[: -len(extension)]
    assert stem and stem == cluster * (len(stem) // len(cluster))
    assert len(cleaned.name.encode()) > DEFAULT.max_bytes - len(cluster.encode())


def test_flags_are_cut_between_pairs_even_when_a_pair_straddles_the_limit() -> None:
    # An odd byte budget for the stem: "a" then flags, so the pair boundary and the budget disagree.
    original = "a" + "🇫🇷" * 40 + ".txt"
    stem = clean_name(original, DEFAULT).name[1:-4]
    assert stem == "🇫🇷" * (len(stem) // 2)


def test_long_name_ending_in_a_forbidden_extension_keeps_the_defused_extension() -> None:
    cleaned = clean_name("a" * 300 + ".part", DEFAULT)
    assert cleaned == CleanName("a" * 221 + ".part_", ("forbidden_extension", "too_long"))


def test_long_name_without_extension_does_not_end_in_a_space_after_shortening() -> None:
    original = "mot " * 80  # the cut lands right after a space
    cleaned = clean_name(original, DEFAULT)
    assert not cleaned.name.endswith(" ")
    assert violations(cleaned.name, DEFAULT) == ()
    assert original.startswith(cleaned.name)


def test_long_dotted_ending_that_is_no_file_type_is_cut_like_a_stem() -> None:
    cleaned = clean_name("a." + "b" * 400, DEFAULT)
    assert cleaned.reasons == ("too_long",)
    assert cleaned.name == "a." + "b" * 225


# --- violations ---------------------------------------------------------------------------------

def test_violations_lists_every_broken_rule_in_order() -> None:
    assert violations(" con.txt\x01?" + "x" * 300 + ".part", DEFAULT) == (
        "control_character", "forbidden_character", "leading_space", "forbidden_extension", "too_long",
    )
    assert violations("con.part", DEFAULT) == ("forbidden_basename", "forbidden_extension")
    assert violations("e\u0301", DEFAULT) == ("unicode_nfc",)


# --- the rule sets ------------------------------------------------------------------------------

def test_default_rules_are_a_nextcloud_with_windows_compatible_filenames() -> None:
    assert DEFAULT.forbidden_names == frozenset({".htaccess"})
    # The list copied from SettingsService::WINDOWS_BASENAMES into WINDOWS_NC31_CAPS.
    assert DEFAULT.forbidden_basenames == frozenset(WINDOWS_NC31_CAPS["forbidden_filename_basenames"])
    assert len(DEFAULT.forbidden_basenames) == 30
    assert DEFAULT.forbidden_characters == frozenset('<>:"|?*\\/')
    assert set(DEFAULT.forbidden_extensions) == {" ", ".", ".filepart", ".part"}
    assert DEFAULT.max_bytes == 227  # room for Nextcloud's part-file suffix on a 255-byte filesystem


def test_rules_from_a_server_with_windows_compatible_filenames_equal_the_defaults() -> None:
    assert NameRules.from_capabilities(WINDOWS_NC31_CAPS) == DEFAULT


def test_rules_from_an_empty_capability_object_are_the_defaults() -> None:
    assert NameRules.from_capabilities({}) == DEFAULT


def test_rules_from_a_stock_server_follow_what_it_says() -> None:
    rules = NameRules.from_capabilities(STOCK_NC30_CAPS)
    assert rules.forbidden_basenames == frozenset()
    assert rules.forbidden_characters == frozenset({"\\", "/"})
    # Windows names pass on this server...
    for name in ("Devis: cuisine?.pdf", "CON", "con.txt", "fin."):
        assert clean_name(name, rules) == CleanName(name, ())
    # ...but what the server always refuses, and spaces the desktop clients refuse, do not.
    assert clean_name("x.part", rules).name == "x.part_"
    assert clean_name(".htaccess", rules).name == ".htaccess_"
    assert clean_name("a/b", rules).name == "a_b"
    assert clean_name(" a ", rules) == CleanName("a", ("leading_space", "trailing_space_or_dot"))
    assert clean_name(".", rules) == CleanName("_", ("empty_name",))


def test_rules_from_an_old_server_read_the_deprecated_list_and_default_the_rest() -> None:
    rules = NameRules.from_capabilities(LEGACY_NC28_CAPS)
    assert rules.forbidden_names == frozenset({".htaccess", "desktop.ini"})
    assert rules.forbidden_basenames == DEFAULT.forbidden_basenames
    assert clean_name("Desktop.ini", rules) == CleanName("Desktop_.ini", ("forbidden_name",))


def test_rules_from_capabilities_tolerate_what_php_and_admins_send() -> None:
    rules = NameRules.from_capabilities({
        # array_unique leaves gaps in PHP keys, and json_encode then writes an object.
        "forbidden_filename_characters": {"0": "\\", "1": "/", "3": "#"},
        "forbidden_filename_extensions": [".EXE", "", 7, None],
        "forbidden_filename_basenames": "con",  # not a list: ignored, default kept
    })
    assert rules.forbidden_characters == frozenset({"\\", "/", "#"})
    assert rules.forbidden_extensions == (".exe", ".part")
    assert rules.forbidden_basenames == DEFAULT.forbidden_basenames


def test_rules_always_hold_what_the_server_always_refuses_and_compare_lowercased() -> None:
    rules = NameRules(frozenset({"Thumbs.DB"}), frozenset({"AUX"}), frozenset(), (".TMP",))
    assert rules.forbidden_names == frozenset({"thumbs.db"})
    assert rules.forbidden_basenames == frozenset({"aux"})
    assert rules.forbidden_characters == frozenset({"/", "\\"})
    assert rules.forbidden_extensions == (".tmp", ".part")
    assert rules.max_bytes == 227


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"max_bytes": 31}, ValueError),
        ({"forbidden_extensions": ("",)}, ValueError),
        ({"forbidden_names": ".htaccess"}, TypeError),
        ({"forbidden_characters": frozenset({"_", "-", "~"})}, ValueError),
    ],
)
def test_rules_refuse_what_would_make_a_repair_impossible(
    kwargs: dict[str, object], error: type[Exception]
) -> None:
    arguments: dict[str, object] = {
        "forbidden_names": frozenset(), "forbidden_basenames": frozenset(),
        "forbidden_characters": frozenset(), "forbidden_extensions": (), **kwargs,
    }
    with pytest.raises(error):
        NameRules(**arguments)  # type: ignore[arg-type]


def test_a_server_that_forbids_the_underscore_gets_dashes() -> None:
    rules = NameRules(frozenset(), frozenset({"con"}), frozenset({"_", ":"}), (".part",))
    assert clean_name("a_b:c.part", rules).name == "a-b-c.part-"
    assert clean_name("con.txt", rules).name == "con-.txt"


# --- numbered and name_key ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "n", "expected"),
    [
        ("rapport.pdf", 2, "rapport (2).pdf"),
        ("archive.tar.gz", 2, "archive (2).tar.gz"),
        ("Archive.TAR.GZ", 3, "Archive (3).TAR.GZ"),
        ("backup.tar.zst", 2, "backup (2).tar.zst"),
        ("notes.tar.pdf", 2, "notes.tar (2).pdf"),
        (".bashrc", 2, ".bashrc (2)"),
        (".config.json", 2, ".config (2).json"),
        ("noext", 2, "noext (2)"),
        ("version 1.2", 2, "version 1.2 (2)"),
        ("photo.JPG", 10, "photo (10).JPG"),
        ("x.part_", 2, "x.part_ (2)"),
        ("con_.txt", 2, "con_ (2).txt"),
    ],
)
def test_numbered_puts_the_number_before_the_extension(name: str, n: int, expected: str) -> None:
    assert numbered(name, n) == expected


def test_numbered_shortens_the_stem_only() -> None:
    result = numbered("é" * 113 + ".pdf", 12)  # 230 bytes before numbering
    assert result == "é" * 109 + " (12).pdf"
    assert len(result.encode()) == 227


def test_numbered_refuses_what_it_cannot_number() -> None:
    with pytest.raises(ValueError):
        numbered("a.txt", 0)
    with pytest.raises(ValueError):
        numbered("..", 2)
    with pytest.raises(ValueError):
        numbered("a.txt", 2, max_bytes=8)


def test_name_key_matches_names_a_case_insensitive_client_cannot_hold_together() -> None:
    assert name_key("Rapport.PDF") == name_key("rapport.pdf")
    assert name_key("e\u0301te\u0301") == name_key("ÉTÉ")
    assert name_key("Straße") == name_key("STRASSE")
    assert name_key("rapport.pdf") != name_key("rapport.pd")
    assert name_key("été") != name_key("ete")


# --- properties over any text -------------------------------------------------------------------

# Text drawn from everything that matters to the rules, so hypothesis meets them often.
TRICKY = st.lists(
    st.sampled_from([
        *'<>:"|?*\\/. _-~', "\t", "\x00", "\x7f", "a", "Z", "é", "e", "\u0301", "\u0323", "ß", "İ",
        "🇫", "🇷", "👍", "🏽", "\u200d", "😀", "\U000e0067", "\u1100", "\u1161", "\u11a8",
        "con", "CON", "Lpt1", "com¹", "nul", ".htaccess", ".part", ".filepart", ".tar", ".gz", ".pdf",
        "é" * 40, "x" * 60, "🎉" * 20,
    ]),
    max_size=30,
).map("".join)
ANY_TEXT = st.text(max_size=300)
NAMES = st.one_of(ANY_TEXT, TRICKY)

# Unusual rules a server admin could set: "_" forbidden (the filler becomes "-"), a multi-character
# entry, an extension without a dot, a forbidden name that is also what a marker produces.
ODD_RULES = NameRules(
    forbidden_names=frozenset({"a-", "desktop.ini"}),
    forbidden_basenames=frozenset({"a", "con", "con-"}),
    forbidden_characters=frozenset({"_", "ab", "é"}),
    forbidden_extensions=(" ", ".", "x", ".part"),
    max_bytes=40,
)
RULES = st.sampled_from([DEFAULT, NameRules.from_capabilities(STOCK_NC30_CAPS), ODD_RULES])


@settings(max_examples=600)
@given(original=NAMES, rules=RULES)
@example(original="." * 300, rules=DEFAULT)
@example(original="con" + "." * 300, rules=DEFAULT)
@example(original="a" * 39 + "x", rules=ODD_RULES)
def test_cleaned_names_pass_the_rules_and_stay_put(original: str, rules: NameRules) -> None:
    cleaned = clean_name(original, rules)
    assert violations(cleaned.name, rules) == ()
    assert unicodedata.is_normalized("NFC", cleaned.name)
    assert len(cleaned.name.encode()) <= rules.max_bytes
    assert cleaned.name not in ("", ".", "..")
    assert clean_name(cleaned.name, rules) == CleanName(cleaned.name, ())
    # Reasons are given exactly when the name changed.
    assert (cleaned.name == original) == (cleaned.reasons == ())
    assert set(cleaned.reasons) <= set(REASON_CODES)


@settings(max_examples=300)
@given(original=NAMES, rules=RULES)
def test_reasons_are_the_rules_the_original_broke(original: str, rules: NameRules) -> None:
    composed = unicodedata.normalize("NFC", original)
    expected = set(violations(composed, rules)) | ({"unicode_nfc"} if composed != original else set())
    assert set(clean_name(original, rules).reasons) == expected


@settings(max_examples=400)
@given(
    stem=NAMES,
    extension=st.sampled_from(["pdf", "docx", "JPG", "tar.gz", "mp3", "7z"]),
    n=st.integers(min_value=1, max_value=100_000),
)
def test_numbered_keeps_the_extension_and_fits(stem: str, extension: str, n: int) -> None:
    name = clean_name(f"{stem}.{extension}", DEFAULT).name
    # Only names whose extension survived cleaning and that have a stem before it say anything.
    assume(re.fullmatch(rf"\.*[^.].*\.{re.escape(extension)}", name, flags=re.DOTALL))
    result = numbered(name, n, DEFAULT.max_bytes)
    assert result.endswith(f" ({n}).{extension}")
    assert len(result.encode()) <= DEFAULT.max_bytes
    assert violations(result, DEFAULT) == ()
    assert name.startswith(result[: -len(f" ({n}).{extension}")])


@settings(max_examples=300)
@given(original=NAMES, n=st.integers(min_value=2, max_value=999), rules=RULES)
def test_numbering_a_clean_name_gives_a_clean_name(original: str, n: int, rules: NameRules) -> None:
    name = clean_name(original, rules).name
    result = numbered(name, n, rules.max_bytes)
    assert len(result.encode()) <= rules.max_bytes
    assert f" ({n})" in result
    assert violations(result, rules) == ()


def test_a_shortened_name_keeps_its_copy_number_and_extension() -> None:
    original = "r" * 240 + " (2).pdf"
    cleaned = clean_name(original, DEFAULT)
    assert cleaned.reasons == ("too_long",)
    assert cleaned.name == "r" * (227 - len(" (2).pdf")) + " (2).pdf"
