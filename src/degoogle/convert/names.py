"""File-name rules for Nextcloud: what one name may be, and how to repair one that breaks the rules.

Terminology: a *name* is one path component (a file or folder name, never a path); a *rule set*
(``NameRules``) says what a server and its users' desktop clients refuse; a *reason code* says which
rule a name broke. Reason codes are stored in the journal: their strings are a public format.

Sources followed (Nextcloud 30-32, read in the nextcloud/server and nextcloud/documentation repos):

- ``lib/private/Files/FilenameValidator.php``: the checks the server makes. A name is refused when
  its trimmed form is empty, ``.`` or ``..``; when it is longer than 250 *bytes* (``isset($name[250])``,
  commented "oc_filecache has a 250 char length limit"); when its lowercased form is in
  ``forbidden_filenames``; when its *basename* (the part before the first dot not at position 0) is
  in ``forbidden_filename_basenames``; when it ends with one of ``forbidden_filename_extensions``
  (``.part`` always added: the server uses it for uploads); when it holds a byte 0x00-0x1F or one of
  ``forbidden_filename_characters``.
- ``lib/public/Constants.php``: ``FILENAME_INVALID_CHARS = "\\/"``, always forbidden.
- ``apps/files/lib/Service/SettingsService.php``: the "Windows compatible filenames" lists (admin
  manual ``configuration_files/windows_compatible_filenames.rst``, Nextcloud 31), copied below.
- ``apps/files/lib/Capabilities.php``: the OCS capability ``files`` object carries the four lists
  under the config keys' names, plus the deprecated ``blacklisted_files`` older servers send alone.
- Admin manual ``config_sample_php_parameters`` (``forbidden_filename_*``): defaults ``[".htaccess"]``
  and ``[".filepart", ".part"]``; every list case-insensitive except characters.
- nextcloud/desktop issues #4047, #4390 and #4387: desktop clients (3.4 and later, every OS) refuse
  to sync names with a leading or trailing space and rename them locally, so those are always fixed.

Not handled: a server whose MySQL lacks ``utf8mb4`` refuses 4-byte characters (emoji); its
capabilities do not say so, so such names are kept here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

UNICODE_NFC = "unicode_nfc"
EMPTY_NAME = "empty_name"
CONTROL_CHARACTER = "control_character"
FORBIDDEN_CHARACTER = "forbidden_character"
LEADING_SPACE = "leading_space"
TRAILING_SPACE_OR_DOT = "trailing_space_or_dot"
FORBIDDEN_NAME = "forbidden_name"
FORBIDDEN_BASENAME = "forbidden_basename"
FORBIDDEN_EXTENSION = "forbidden_extension"
TOO_LONG = "too_long"

#: Every reason code, in the order ``violations`` and ``CleanName.reasons`` list them.
REASON_CODES: tuple[str, ...] = (
    UNICODE_NFC, EMPTY_NAME, CONTROL_CHARACTER, FORBIDDEN_CHARACTER, LEADING_SPACE,
    TRAILING_SPACE_OR_DOT, FORBIDDEN_NAME, FORBIDDEN_BASENAME, FORBIDDEN_EXTENSION, TOO_LONG,
)

#: FilenameValidator refuses names of more than 250 bytes (400).
NEXTCLOUD_MAX_NAME_BYTES = 250
#: A PUT first writes ``<name>.ocTransferId<up to 10 digits>.part`` beside the target, so on a
#: filesystem with 255-byte names (ext4, the common case) a name longer than 255 - 28 = 227 bytes is
#: answered 500 "File name too long" (seen on a real Nextcloud 29: 227 bytes landed, 228 did not).
PART_FILE_SUFFIX_BYTES = len(".ocTransferId") + 10 + len(".part")
#: the longest name degoogle writes: fits the part file's name on a 255-byte filesystem, hence also
#: FilenameValidator's 250 bytes, NTFS (255 UTF-16 units) and ext4/APFS (255 bytes) on the clients
LONGEST_NAME_BYTES = 255 - PART_FILE_SUFFIX_BYTES
ALWAYS_FORBIDDEN_CHARACTERS: frozenset[str] = frozenset({"/", "\\"})
ALWAYS_FORBIDDEN_EXTENSIONS: tuple[str, ...] = (".part",)
DEFAULT_FORBIDDEN_NAMES: frozenset[str] = frozenset({".htaccess"})
DEFAULT_FORBIDDEN_EXTENSIONS: tuple[str, ...] = (".filepart", ".part")
WINDOWS_BASENAMES: frozenset[str] = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in (*"0123456789", "¹", "²", "³")}
)
WINDOWS_CHARACTERS: frozenset[str] = frozenset('<>:"|?*')
WINDOWS_EXTENSIONS: tuple[str, ...] = (" ", ".")

# Below this a repaired name could not hold a marker, an extension and a stem of its own.
_MIN_MAX_BYTES = 32
# "_" reads as "something was here" and is plain ASCII, so a person can still search for and type
# the name; look-alikes (U+A789 for ":", fullwidth "？") would hide the change and make two names
# that look the same. The others serve only a server that forbids "_" (the server's own
# ``occ files:sanitize-filenames`` likewise moves on to another character when one is forbidden).
_FILLERS = ("_", "-", "~")
# What PHP's trim() removes: the server calls a name empty when only these remain.
_PHP_TRIM = " \t\n\r\0\x0b"
# A repair pass fixes every rule at once; later passes only mop up what shortening uncovered.
_MAX_PASSES = 8
# " (2)" at the end of a stem: a copy's number, kept when a name is shortened
_NUMBER = re.compile(r" \(\d{1,6}\)$")
# "x.tar.gz" is one file type: numbering it "x.tar (2).gz" would hide the ".tar".
_TAR_COMPRESSIONS = frozenset({"gz", "bz2", "xz", "zst", "lz", "lz4", "lzma", "z", "br"})


@dataclass(frozen=True)
class NameRules:
    """What one name must not be. Values are normalised on construction: names, basenames and
    extensions lowercased (the server compares them case-insensitively), everything NFC, and what
    the server always refuses (``/``, ``\\``, ``.part``) added whatever was given.

    Raises ``TypeError`` if a set is given as one string, ``ValueError`` if an entry is empty, if
    ``max_bytes`` is below 32, or if the rules forbid every replacement character (``_ - ~``).
    """

    forbidden_names: frozenset[str]
    forbidden_basenames: frozenset[str]
    forbidden_characters: frozenset[str]
    forbidden_extensions: tuple[str, ...]
    max_bytes: int = LONGEST_NAME_BYTES

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # the normalised values replace the given ones once, here
        set_(self, "forbidden_names", frozenset(_entries(self.forbidden_names, lower=True)))
        set_(self, "forbidden_basenames", frozenset(_entries(self.forbidden_basenames, lower=True)))
        set_(self, "forbidden_characters",
             frozenset(_entries(self.forbidden_characters, lower=False)) | ALWAYS_FORBIDDEN_CHARACTERS)
        extensions = [*_entries(self.forbidden_extensions, lower=True), *ALWAYS_FORBIDDEN_EXTENSIONS]
        set_(self, "forbidden_extensions", tuple(dict.fromkeys(extensions)))
        if self.max_bytes < _MIN_MAX_BYTES:
            raise ValueError(f"max_bytes must be at least {_MIN_MAX_BYTES}, got {self.max_bytes}")
        _filler(self)

    @classmethod
    def nextcloud_default(cls) -> NameRules:
        """The strictest sensible rules: a stock Nextcloud with "Windows compatible filenames" on,
        which is also what its users' Windows desktop clients could not write to disk."""
        return cls(
            forbidden_names=DEFAULT_FORBIDDEN_NAMES,
            forbidden_basenames=WINDOWS_BASENAMES,
            forbidden_characters=ALWAYS_FORBIDDEN_CHARACTERS | WINDOWS_CHARACTERS,
            forbidden_extensions=WINDOWS_EXTENSIONS + DEFAULT_FORBIDDEN_EXTENSIONS,
        )

    @cached_property
    def _checks(self) -> _Checks:
        # a plan checks every name of a Takeout (200,000 and more): what every check needs, made once
        return _Checks(self)

    def with_(self, other: NameRules) -> NameRules:
        """Rules refusing what either refuses: a server's own rules on top of the defaults, so a
        name that suits a stock server but not its users' Windows desktop clients is still fixed."""
        return NameRules(
            forbidden_names=self.forbidden_names | other.forbidden_names,
            forbidden_basenames=self.forbidden_basenames | other.forbidden_basenames,
            forbidden_characters=self.forbidden_characters | other.forbidden_characters,
            forbidden_extensions=tuple(dict.fromkeys(self.forbidden_extensions + other.forbidden_extensions)),
            max_bytes=min(self.max_bytes, other.max_bytes),
        )

    @classmethod
    def from_capabilities(cls, files_caps: Mapping[str, Any]) -> NameRules:
        """Rules from the OCS capabilities ``files`` object. A list the server does not send (or
        sends malformed) falls back to ``nextcloud_default``'s; ``blacklisted_files`` stands in for
        ``forbidden_filenames`` on servers older than 30. Non-string and empty entries are dropped."""
        default = cls.nextcloud_default()
        names = _capability_list(files_caps, "forbidden_filenames")
        if names is None:
            names = _capability_list(files_caps, "blacklisted_files")
        basenames = _capability_list(files_caps, "forbidden_filename_basenames")
        chars = _capability_list(files_caps, "forbidden_filename_characters")
        extensions = _capability_list(files_caps, "forbidden_filename_extensions")
        return cls(
            forbidden_names=frozenset(default.forbidden_names if names is None else names),
            forbidden_basenames=frozenset(default.forbidden_basenames if basenames is None else basenames),
            forbidden_characters=frozenset(default.forbidden_characters if chars is None else chars),
            forbidden_extensions=tuple(default.forbidden_extensions if extensions is None else extensions),
            max_bytes=default.max_bytes,
        )


@dataclass(frozen=True)
class CleanName:
    """A name fit for the target. ``reasons`` are the reason codes the original broke, in
    ``REASON_CODES`` order; empty exactly when ``name`` is the original unchanged."""

    name: str
    reasons: tuple[str, ...]


# one scan of the name each, in C: a plan checks every name of a Takeout (200,000 and more)
_CONTROL = re.compile("[\x00-\x1f]")
_SURROGATE = "\ud800-\udfff"  # what surrogateescape makes of undecodable bytes


class _Checks:
    """What ``violations`` needs from one rule set, made once: the forbidden characters (and lone
    surrogates) as one regular expression, the endings as tuples for ``str.endswith``."""

    def __init__(self, rules: NameRules) -> None:
        entries = sorted(rules.forbidden_characters, key=lambda entry: (-len(entry), entry))
        self.forbidden = re.compile("|".join([*(re.escape(e) for e in entries), f"[{_SURROGATE}]"]))
        self.typed_extensions = tuple(_typed_extensions(rules))
        self.bad_endings = (" ", *(ext for ext in rules.forbidden_extensions if _is_space_or_dots(ext)))
        self.filler = _filler(rules)


def violations(name: str, rules: NameRules) -> tuple[str, ...]:
    """The reason codes of every rule ``name`` breaks, in ``REASON_CODES`` order; empty if none.

    ``empty_name`` covers "", "." and ".." (after trimming as the server does). Lone surrogates,
    which cannot be sent as UTF-8, count as forbidden characters.
    """
    checks = rules._checks
    lowered = name.lower()
    found = {
        UNICODE_NFC: not unicodedata.is_normalized("NFC", name),
        EMPTY_NAME: name.strip(_PHP_TRIM) in ("", ".", ".."),
        CONTROL_CHARACTER: _CONTROL.search(name) is not None,
        FORBIDDEN_CHARACTER: checks.forbidden.search(name) is not None,
        LEADING_SPACE: name.startswith(" "),
        TRAILING_SPACE_OR_DOT: lowered.endswith(checks.bad_endings),
        FORBIDDEN_NAME: lowered in rules.forbidden_names,
        FORBIDDEN_BASENAME: _basename(lowered) in rules.forbidden_basenames,
        FORBIDDEN_EXTENSION: bool(checks.typed_extensions) and lowered.endswith(checks.typed_extensions),
        TOO_LONG: _utf8_len(name) > rules.max_bytes,
    }
    return tuple(code for code in REASON_CODES if found[code])


def clean_name(name: str, rules: NameRules) -> CleanName:
    """``name`` made to pass ``rules``, changed as little as a person would notice.

    Promises: the result has no ``violations`` (so it is NFC, fits ``max_bytes`` and is never "",
    "." or ".."); ``clean_name`` of the result returns it unchanged with no reasons. Forbidden and
    control characters become "_"; leading spaces and trailing spaces or dots go; a forbidden whole
    name or basename gets "_" after its basename (".htaccess" -> ".htaccess_", "con.txt" ->
    "con_.txt"); a forbidden extension gets "_" after it ("x.part" -> "x.part_"); a name too long
    loses the end of its stem at a character boundary and keeps its extension. A name left empty
    becomes "_". ("_" is "-" or "~" if the rules forbid "_".)
    """
    text = unicodedata.normalize("NFC", name)
    broken = violations(text, rules)
    if not broken and text == name:
        return CleanName(name, ())  # most names: one check, nothing to repair
    reasons = set(broken)
    if text != name:
        reasons.add(UNICODE_NFC)
    filler = rules._checks.filler
    for _ in range(_MAX_PASSES):
        if not broken:
            break
        text = _repair(text, rules, filler)
        broken = violations(text, rules)
    else:
        # Not reached with rules NameRules accepts; kept so the promise holds for a combination
        # of rules nobody foresaw: the filler alone passes by construction.
        text = filler
    return CleanName(text, tuple(code for code in REASON_CODES if code in reasons))


def numbered(name: str, n: int, max_bytes: int = LONGEST_NAME_BYTES) -> str:
    """``name`` with " (n)" before its extension, within ``max_bytes`` UTF-8 bytes.

    "rapport.pdf" -> "rapport (2).pdf", "archive.tar.gz" -> "archive (2).tar.gz", ".bashrc" ->
    ".bashrc (2)", "noext" -> "noext (2)". Only the stem is shortened, at a character boundary;
    the extension and the marker are kept whole. A name that passes the rules gives one that does.
    Raises ``ValueError`` if ``n`` < 1, if ``name`` is "", "." or "..", or if ``max_bytes`` leaves
    no room for a stem.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if name in ("", ".", ".."):
        raise ValueError(f"not a name: {name!r}")
    marker = f" ({n})"
    stem, extension = _split_extension(name)
    if 2 * _utf8_len(extension) > max_bytes:
        stem, extension = name, ""
    stem = _cut(stem, max_bytes - _utf8_len(marker) - _utf8_len(extension))
    if not stem:
        raise ValueError(f"max_bytes={max_bytes} leaves no room for a stem in {name!r}")
    return stem + marker + extension


def name_key(name: str) -> str:
    """The key under which two names clash in one folder: equal keys cannot live side by side on a
    case-insensitive client (Windows, macOS). NFC then full case folding, so it errs towards
    calling names equal ("Straße" and "STRASSE" share a key): a needless " (2)" beats a lost file."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _entries(values: Iterable[str], *, lower: bool) -> list[str]:
    if isinstance(values, str):
        raise TypeError(f"expected a collection of strings, got the string {values!r}")
    entries = []
    for value in values:
        if not isinstance(value, str) or not value:
            raise ValueError(f"rule entries must be non-empty strings, got {value!r}")
        value = unicodedata.normalize("NFC", value)
        entries.append(value.lower() if lower else value)
    return entries


def _capability_list(caps: Mapping[str, Any], key: str) -> list[str] | None:
    value = caps.get(key)
    if isinstance(value, Mapping):
        # PHP encodes an array with gaps in its keys (array_unique leaves some) as a JSON object.
        value = list(value.values())
    if not isinstance(value, list | tuple):
        return None
    return [entry for entry in value if isinstance(entry, str) and entry]


def _filler(rules: NameRules) -> str:
    for filler in _FILLERS:
        if (not any(filler in forbidden for forbidden in rules.forbidden_characters)
                and not any(ext.endswith(filler) for ext in rules.forbidden_extensions)
                and filler not in rules.forbidden_names and filler not in rules.forbidden_basenames):
            return filler
    raise ValueError(f"the rules forbid every replacement character {_FILLERS}")


def _is_space_or_dots(ext: str) -> bool:
    return not ext.strip(" .")


def _typed_extensions(rules: NameRules) -> list[str]:
    """Forbidden extensions proper (".part"), as opposed to forbidden endings (" ", ".")."""
    return [ext for ext in rules.forbidden_extensions if not _is_space_or_dots(ext)]


def _has_bad_ending(text: str, rules: NameRules) -> bool:
    # A trailing space is always refused: the desktop clients refuse it whatever the server says.
    return text.endswith(" ") or any(
        text.endswith(ext) for ext in rules.forbidden_extensions if _is_space_or_dots(ext))


def _basename(text: str) -> str:
    # As FilenameValidator: up to the first dot, a dot at position 0 belonging to the basename.
    dot = text.find(".", 1)
    return text if dot == -1 else text[:dot]


def _is_forbidden_whole(text: str, rules: NameRules) -> bool:
    lowered = text.lower()
    return lowered in rules.forbidden_names or _basename(lowered) in rules.forbidden_basenames


def _repair(text: str, rules: NameRules, filler: str) -> str:
    """One pass of every fix; only shortening can leave work (a trailing space) for a next pass."""
    text = "".join(filler if ord(char) < 0x20 or _is_surrogate(char) else char for char in text)
    # Longest first, so a multi-character entry is not broken up by a shorter one inside it; the
    # filler is in no entry, so replacing cannot create a new occurrence.
    for forbidden in sorted(rules.forbidden_characters, key=lambda entry: (-len(entry), entry)):
        text = text.replace(forbidden, filler)
    text = text.lstrip(" ")
    while text and _has_bad_ending(text.lower(), rules):
        text = text[:-1]
    if text in ("", ".", ".."):
        text = filler
    while _is_forbidden_whole(text, rules):
        dot = text.find(".", 1)
        text = text + filler if dot == -1 else text[:dot] + filler + text[dot:]
    if any(text.lower().endswith(ext) for ext in _typed_extensions(rules)):
        text += filler
    if _utf8_len(text) > rules.max_bytes:
        text = _shorten(text, rules, filler)
    return unicodedata.normalize("NFC", text)


def _shorten(text: str, rules: NameRules, filler: str) -> str:
    tail = _protected_tail(text, rules, filler)
    if 2 * _utf8_len(tail) > rules.max_bytes:
        tail = ""  # an "extension" this long is part of the name, not a type to preserve
    head = text[: len(text) - len(tail)]
    number = _NUMBER.search(head)
    if number is not None and number.start() > 0:
        # "report (2).pdf" stays told apart from "report.pdf" once both are shortened
        head, tail = head[: number.start()], number.group(0) + tail
    body = _cut(head, rules.max_bytes - _utf8_len(tail))
    return body + tail


def _protected_tail(text: str, rules: NameRules, filler: str) -> str:
    """The end that shortening must keep: a defused forbidden extension (".part_"), else the
    extension, so shortening cannot bring back what an earlier fix removed."""
    for ext in _typed_extensions(rules):
        tail = text[-(len(ext) + 1):]
        if len(text) > len(tail) and tail.lower() == ext + filler:
            return tail
    return _split_extension(text)[1]


def _split_extension(name: str) -> tuple[str, str]:
    """(stem, extension): the extension is the last dot-part if it looks like a file type (1-10
    ASCII letters or digits, at least one letter), with ".tar" before a compression suffix
    ("x.tar.gz"). Leading dots belong to the stem, so ".bashrc" has no extension."""
    start = len(name) - len(name.lstrip("."))
    dot = name.rfind(".", start)
    if dot == -1 or not _looks_like_extension(name[dot + 1:]):
        return name, ""
    before = name.rfind(".", start, dot)
    if (before != -1 and name[before + 1:dot].lower() == "tar"
            and name[dot + 1:].lower() in _TAR_COMPRESSIONS):
        dot = before
    return name[:dot], name[dot:]


def _looks_like_extension(part: str) -> bool:
    return (0 < len(part) <= 10 and part.isascii() and part.isalnum()
            and any(char.isalpha() for char in part))


def _cut(text: str, budget: int) -> str:
    """The longest prefix of ``text`` within ``budget`` UTF-8 bytes that ends between two
    user-perceived characters (an approximation of UAX #29 clusters: combining marks, ZWJ
    sequences, emoji modifiers, tags and flag pairs stay whole). If not even the first cluster
    fits, the longest prefix that ends between code points, so a UTF-8 sequence is never split."""
    used = 0
    best = fits = 0
    for index, char in enumerate(text):
        used += _utf8_len(char)
        if used > budget:
            break
        fits = index + 1
        if fits == len(text) or _is_boundary(text, fits):
            best = fits
    return text[: best or fits]


def _is_boundary(text: str, index: int) -> bool:
    char, previous = text[index], text[index - 1]
    if _extends(char) or previous == "\u200d":  # after a zero-width joiner comes a joined emoji
        return False
    if _is_regional_indicator(char) and _is_regional_indicator(previous):
        run = 0
        while index - run - 1 >= 0 and _is_regional_indicator(text[index - run - 1]):
            run += 1
        return run % 2 == 0
    return True


def _extends(char: str) -> bool:
    """Whether ``char`` belongs to the character before it."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or code in (0x200C, 0x200D)
        or 0x1F3FB <= code <= 0x1F3FF  # emoji skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # emoji tag sequences (subdivision flags)
        or 0x1160 <= code <= 0x11FF  # Hangul vowel and final jamo
        or 0xD7B0 <= code <= 0xD7FF
    )


def _is_regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF  # two of them make one flag


def _is_surrogate(char: str) -> bool:
    return 0xD800 <= ord(char) <= 0xDFFF  # what surrogateescape makes of undecodable bytes


def _utf8_len(text: str) -> int:
    # surrogatepass: a lone surrogate must be measured (and reported), not crash the check.
    return len(text.encode("utf-8", "surrogatepass"))
