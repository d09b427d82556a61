"""Report: what moved, what was already there, and what needs attention, per kind of data.

Built from the journal only, so it can be made at any time (mid-run, after a crash, months later).
Three renderings: JSON (for scripts and support staff), a readable HTML page, and plain text for
the terminal, in French, English or Dutch: the words are English here and in ``engine.reasons``,
translated through the gettext catalogues (``degoogle/wording.py``).
"""

from __future__ import annotations

import functools
import html
import json
import time
from dataclasses import asdict, dataclass, field

from degoogle.engine.journal import Journal
from degoogle.engine.localized import date_time_text, number_text, size_text
from degoogle.engine.reasons import describe, reason
from degoogle.model import ALL_KINDS, Item, Kind, State
from degoogle.wording import LANGUAGES, N_, default_lang, role_name, translate

#: reasons a moved item carries that the report lists (the item is there; something about it is not)
NOTED_WHEN_DONE = frozenset({"photo_no_date", "photo_albums_no_app"})
#: one line for every photo whose place (GPS) is kept in the journal only
PLACES_NOT_WRITTEN = "photo_places_not_written"

#: at most this many items listed one by one per section; the counts always cover all
LIST_LIMIT = 2000

#: the report's words in English, the source strings of the catalogues (``degoogle/wording.py``)
_LABELS: dict[str, str | dict[str, str]] = {
    "title": N_("degoogle — migration report"),
    # French holds the colon to the word before it with a no-break space
    ":": N_(": "),
    "from": N_("From"), "to": N_("To"), "state": N_("State"), "made": N_("Report made"),
    "kind": N_("Data"), "found": N_("Found"), "moved": N_("Moved"), "already_there": N_("Already there"),
    "kept_both": N_("Kept both"), "skipped": N_("Not moved"), "quarantined": N_("Set aside"),
    "failed": N_("Failed"), "pending": N_("Still to do"), "verified": N_("Checked at the hoster"),
    "attention": N_("Needs your attention"), "renames": N_("Renamed on the way"),
    "nothing": N_("Nothing needs your attention."), "what_to_do": N_("What to do"),
    "why": N_("Why"), "item": N_("Item"), "details": N_("Details for support staff"),
    "files": N_("Files"), "calendar": N_("Calendars"), "contacts": N_("Contacts"), "mail": N_("Mail"),
    "photos": N_("Photos"), "notes": N_("Notes"),
    "more": N_("and {n} more (see the JSON report)"), "collections": N_("By calendar, address book and folder"),
    "into": N_("into"),
    "products": {"Keep": N_("Google Keep notes"), "Google Photos": N_("the Google Photos library"),
                 "Chrome": N_("Chrome bookmarks and settings")},
    "states": {"planned": N_("planned, not started"), "running": N_("running or interrupted"),
               "finished": N_("finished"), "paused": N_("paused"), "cancelled": N_("stopped, can be resumed")},
}


@functools.cache
def words(lang: str) -> dict:
    """The report's words in ``lang``, keyed as ``_LABELS`` (English for a language without a catalogue)."""
    return {key: translate(lang, value) if isinstance(value, str)
            else {inner: translate(lang, text) for inner, text in value.items()}
            for key, value in _LABELS.items()}


@dataclass
class KindReport:
    kind: str
    found: int = 0
    moved: int = 0
    already_there: int = 0
    kept_both: int = 0
    skipped: int = 0
    quarantined: int = 0
    failed: int = 0
    pending: int = 0
    verified_ok: int = 0
    verify_problems: int = 0
    bytes_found: int = 0
    bytes_moved: int = 0

    @property
    def needs_attention(self) -> int:
        return self.kept_both + self.quarantined + self.failed + self.verify_problems


@dataclass
class CollectionReport:
    """One calendar, address book or mail folder: ``name`` as in the source, ``target`` the one it
    went into at the hoster (empty until written)."""

    kind: str
    name: str
    target: str = ""
    found: int = 0
    moved: int = 0
    already_there: int = 0
    kept_both: int = 0
    not_moved: int = 0
    pending: int = 0
    bytes: int = 0


@dataclass
class Line:
    """One item worth a person's look: ``reason`` is the stable code, ``text`` its wording."""

    kind: str
    path: str
    state: str
    reason: str
    text: str
    todo: str
    detail: str = ""
    target_path: str = ""


@dataclass
class Report:
    lang: str
    made_at: float
    source: str
    target: str
    run_state: str
    run_message: str
    kinds: list[KindReport]
    attention: list[Line] = field(default_factory=list)
    renames: list[Line] = field(default_factory=list)
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)
    #: per kind, the source folders (Takeout products) of what is not moved by this version
    skipped_where: dict[str, list[str]] = field(default_factory=dict)
    #: per kind (calendar, contacts, mail), each source collection with its counts
    collections: dict[str, list[CollectionReport]] = field(default_factory=dict)

    @property
    def needs_attention(self) -> int:
        return sum(k.needs_attention for k in self.kinds)


def build_report(journal: Journal, lang: str | None = None) -> Report:
    lang = lang if lang in LANGUAGES else default_lang()
    kinds = {k.value: KindReport(k.value) for k in ALL_KINDS}
    for (kind, state, outcome), tally in journal.tallies().items():
        k = kinds.setdefault(kind, KindReport(kind))
        k.found += tally.count
        k.bytes_found += tally.bytes
        if state == State.DONE:
            setattr(k, outcome, getattr(k, outcome) + tally.count)
            if outcome != "already_there":
                k.bytes_moved += tally.bytes
        elif state == State.STAGED:  # in an archive not yet complete at the hoster: not moved yet
            k.pending += tally.count
        else:
            setattr(k, state, getattr(k, state) + tally.count)
    last = journal.last_run()
    report = Report(
        lang=lang,
        made_at=time.time(),
        source=journal.get_meta("source", "") or "",
        target=journal.get_meta("target", "") or "",
        run_state=str(last["state"]) if last else "planned",
        run_message=str(last["message"]) if last else "",
        kinds=[k for k in kinds.values() if k.found],
    )
    for (kind, verified), count in journal.verified_tallies().items():
        k = kinds.setdefault(kind, KindReport(kind))
        if verified == "ok":
            k.verified_ok += count
        else:
            k.verify_problems += count
    # done items that went as planned make no line: only the others are read back
    for item in journal.items_worth_a_line():
        code: str | None
        if item.verified not in (None, "ok"):
            code = item.verified
        elif item.verified == "ok" or item.state == State.DONE:
            code = _done_note(item)
        elif item.state == State.SKIPPED:
            per_reason = report.skipped.setdefault(item.kind.value, {})
            per_reason[item.reason or ""] = per_reason.get(item.reason or "", 0) + 1
            if item.reason == "not_supported_yet":
                where = report.skipped_where.setdefault(item.kind.value, [])
                folder = item.source_path.split("/", 1)[0] if item.kind.value == "files" else item.collection
                folder = product_name(lang, role_name(lang, folder))
                if folder not in where and len(where) < 20:
                    where.append(folder)
            continue
        else:
            code = item.reason
        if code is None:
            continue
        r = reason(code)
        report.attention.append(Line(item.kind.value, item.source_path, item.state.value, code, r.text(lang),
                                     r.todo(lang), item.detail, item.target_path))
    places = sum(1 for item in journal.items(Kind.PHOTOS, [State.DONE]) if item.attrs.get("geo"))
    if places:
        r = reason(PLACES_NOT_WRITTEN)
        report.attention.append(Line(Kind.PHOTOS.value, f"{places} × Photos", State.DONE.value, PLACES_NOT_WRITTEN,
                                     r.text(lang), r.todo(lang), "", ""))
    report.collections = _collections(journal)
    for item, _before, after, codes, _stage in journal.renames():
        report.renames.append(Line(item.kind.value, item.source_path, item.state.value, " ".join(codes),
                                   describe(codes, lang), "", "", after))
    return report


#: reasons a moved item is named with in the report: moved, but not quite as planned
NOTED_MOVES = frozenset({"calendar_merged"})


def _done_note(item: Item) -> str | None:
    """The reason a moved item is worth a line: kept beside another, moved not quite as planned
    (``NOTED_MOVES``), or a photo with something to say (``NOTED_WHEN_DONE``)."""
    outcome = item.outcome.value if item.outcome else None
    if outcome == "kept_both" or (outcome == "moved" and item.reason in NOTED_MOVES):
        return item.reason
    return item.reason if item.reason in NOTED_WHEN_DONE else None


def _collections(journal: Journal) -> dict[str, list[CollectionReport]]:
    found: dict[tuple[str, str], CollectionReport] = {}
    for kind, name, state, outcome, tally in journal.collection_tallies():
        c = found.get((kind, name))
        if c is None:
            c = found[(kind, name)] = CollectionReport(kind, name)
        c.found += tally.count
        c.bytes += tally.bytes
        if state == State.DONE and outcome in ("moved", "already_there", "kept_both"):
            setattr(c, outcome, getattr(c, outcome) + tally.count)
        elif state in (State.PENDING, State.STAGED):
            c.pending += tally.count
        else:
            c.not_moved += tally.count
    out: dict[str, list[CollectionReport]] = {}
    targets = {k.value: journal.collections(k) for k in ALL_KINDS}
    for (kind, name), c in found.items():
        c.target = targets.get(kind, {}).get(name, "")
        out.setdefault(kind, []).append(c)
    return out


def product_name(lang: str, folder: str) -> str:
    """A Takeout product folder said in plain words where its name alone tells a person little:
    "Keep" → "les notes Google Keep"; other names as they are."""
    products: dict[str, str] = words(lang)["products"]
    return products.get(folder, folder)


def collection_name(report: Report, name: str) -> str:
    """A mail folder's role (``\\Sent``) in the report's language; other names as they are."""
    return role_name(report.lang, name)


def _collection_line(report: Report, c: CollectionReport) -> str:
    w = _words(report)
    lang = report.lang
    parts = [f"{w['found']} {number_text(c.found, lang)}"]
    parts += [f"{w[key]} {number_text(getattr(c, key), lang)}"
              for key in ("moved", "already_there", "kept_both", "pending") if getattr(c, key)]
    if c.not_moved:
        parts.append(f"{w['skipped']} {number_text(c.not_moved, lang)}")
    target = collection_name(report, c.target)
    into = f" → {target}" if c.target and target != collection_name(report, c.name) else ""
    return f"{collection_name(report, c.name)}{into}{w[':']}" + ", ".join(parts) + f" ({_size(c.bytes, report.lang)})"


def _size(n: int, lang: str) -> str:
    return size_text(n, lang)


def to_json(report: Report) -> str:
    data = asdict(report)
    data["needs_attention"] = report.needs_attention
    for k, kr in zip(data["kinds"], report.kinds, strict=True):
        k["needs_attention"] = kr.needs_attention
    return json.dumps(data, ensure_ascii=False, indent=2)


def _words(report: Report) -> dict:
    return words(report.lang)


def _counts_row(w: dict, k: KindReport, lang: str) -> list[str]:
    counts = (k.found, k.moved, k.already_there, k.kept_both, k.skipped, k.quarantined, k.failed, k.pending,
              k.verified_ok)
    return [w.get(k.kind, k.kind)] + [number_text(n, lang) if n else "0" for n in counts]


_COLUMNS = ("kind", "found", "moved", "already_there", "kept_both", "skipped", "quarantined", "failed",
            "pending", "verified")


def counts_text(report: Report) -> list[str]:
    """One line per kind of data with its counts, and why what is not moved is not moved."""
    w = _words(report)
    lines = []
    for k in report.kinds:
        row = _counts_row(w, k, report.lang)[1:]
        parts = [f"{w[c]} {v}" for c, v in zip(_COLUMNS[1:], row, strict=True) if v != "0"]
        lines.append(f"{w.get(k.kind, k.kind)}{w[':']}" + ", ".join(parts))
        where = report.skipped_where.get(k.kind)
        for code, n in report.skipped.get(k.kind, {}).items():
            count = number_text(n, report.lang)
            lines.append(f"    {w['skipped']} ({count}){w[':']}{reason(code).text(report.lang)}"
                         + (f" ({', '.join(where)})" if where and code == "not_supported_yet" else ""))
        collections = report.collections.get(k.kind, [])
        for c in collections[:30]:
            lines.append("    " + _collection_line(report, c))
        if len(collections) > 30:
            lines.append("    " + w["more"].format(n=number_text(len(collections) - 30, report.lang)))
    return lines


def to_text(report: Report) -> str:
    """The report for a terminal: a table of counts, then what needs attention."""
    w = _words(report)
    c = w[":"]
    lines = [w["title"], f"{w['from']}{c}{report.source}", f"{w['to']}{c}{report.target}",
             f"{w['state']}{c}{w['states'].get(report.run_state, report.run_state)}"
             + (f" — {report.run_message}" if report.run_message else ""), ""]
    lines += counts_text(report)
    lines.append("")
    if not report.attention:
        lines.append(w["nothing"])
    else:
        lines.append(f"{w['attention']} ({number_text(len(report.attention), report.lang)}){c.rstrip()}")
        for line in report.attention[:50]:
            lines.append(f"  - {line.path}{c}{line.text} {line.todo}".rstrip())
        if len(report.attention) > 50:
            lines.append("    " + w["more"].format(n=number_text(len(report.attention) - 50, report.lang)))
    if report.renames:
        lines.append(f"{w['renames']} ({number_text(len(report.renames), report.lang)}){c.rstrip()}")
        for line in report.renames[:50]:
            lines.append(f"  - {line.path} → {line.target_path}{c}{line.text}")
        if len(report.renames) > 50:
            lines.append("    " + w["more"].format(n=number_text(len(report.renames) - 50, report.lang)))
    return "\n".join(lines)


def to_html(report: Report) -> str:
    """A self-contained HTML page (no scripts, no external resources)."""
    w = _words(report)
    e = html.escape
    made = date_time_text(report.made_at, report.lang)
    out = [
        f'<!DOCTYPE html><html lang="{report.lang}"><head><meta charset="utf-8">',
        f"<title>{e(w['title'])}</title><style>"
        "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;"
        "text-align:left}th{background:#f3f3f3}.ok{color:#176317}.warn{color:#8a4b00}"
        "details{color:#555;font-size:.9em}</style></head><body>",
        f"<h1>{e(w['title'])}</h1><p>{e(w['from'])}{e(w[':'])}{e(report.source)}<br>"
        f"{e(w['to'])}{e(w[':'])}{e(report.target)}<br>{e(w['state'])}{e(w[':'])}"
        f"<strong>{e(w['states'].get(report.run_state, report.run_state))}</strong>"
        + (f" — {e(report.run_message)}" if report.run_message else "")
        + f"<br>{e(w['made'])} {e(made)}</p>",
        "<table><tr>" + "".join(f"<th>{e(w[c])}</th>" for c in _COLUMNS) + "</tr>",
    ]
    for k in report.kinds:
        out.append("<tr>" + "".join(f"<td>{e(v)}</td>" for v in _counts_row(w, k, report.lang)) + "</tr>")
    out.append("</table>")
    for k in report.kinds:
        for code, n in report.skipped.get(k.kind, {}).items():
            where = report.skipped_where.get(k.kind) if code == "not_supported_yet" else None
            count = number_text(n, report.lang)
            out.append(f"<p>{e(w.get(k.kind, k.kind))} — {e(w['skipped'])} ({e(count)}){e(w[':'])}"
                       f"{e(reason(code).text(report.lang))} {e(reason(code).todo(report.lang))}"
                       + (f" ({e(', '.join(where))})" if where else "") + "</p>")
    if any(report.collections.values()):
        out.append(f"<h2>{e(w['collections'])}</h2><ul>")
        for k in report.kinds:
            for c in report.collections.get(k.kind, [])[:LIST_LIMIT]:
                out.append(f"<li>{e(w.get(k.kind, k.kind))} — {e(_collection_line(report, c))}</li>")
        out.append("</ul>")
    out.append(f"<h2>{e(w['attention'])}</h2>")
    if not report.attention:
        out.append(f'<p class="ok">{e(w["nothing"])}</p>')
    else:
        out.append(f"<table><tr><th>{e(w['item'])}</th><th>{e(w['why'])}</th><th>{e(w['what_to_do'])}</th></tr>")
        for line in report.attention[:LIST_LIMIT]:
            detail = f"<details><summary>{e(w['details'])}</summary>{e(line.detail)}</details>" if line.detail else ""
            out.append(f"<tr><td>{e(line.path)}</td><td class=warn>{e(line.text)}{detail}</td>"
                       f"<td>{e(line.todo)}</td></tr>")
        out.append("</table>")
        if len(report.attention) > LIST_LIMIT:
            out.append(f"<p>{e(w['more'].format(n=number_text(len(report.attention) - LIST_LIMIT, report.lang)))}</p>")
    if report.renames:
        out.append(f"<h2>{e(w['renames'])}</h2><table>")
        for line in report.renames[:LIST_LIMIT]:
            out.append(f"<tr><td>{e(line.path)}</td><td>→ {e(line.target_path)}</td><td>{e(line.text)}</td></tr>")
        out.append("</table>")
        if len(report.renames) > LIST_LIMIT:
            out.append(f"<p>{e(w['more'].format(n=number_text(len(report.renames) - LIST_LIMIT, report.lang)))}</p>")
    out.append("</body></html>")
    return "\n".join(out)
