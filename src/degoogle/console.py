"""Engine events on a terminal: a rich progress bar with rate and ETA, or plain lines in logs/pipes."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from degoogle.engine.events import (
    BytesMoved,
    Event,
    ItemFinished,
    ItemRetrying,
    PlanFinished,
    PlanProgress,
    RunStarted,
    RunStateChanged,
)
from degoogle.engine.localized import number_text, plural_text, size_text
from degoogle.engine.reasons import reason
from degoogle.targets.nextcloud.calendar_limits import CalendarRoom

#: what the command line says, in English, French and Dutch (the GUI has its own Qt translations)
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "listing": "listing: {items}, {size}",
        "planned": "plan: {found} ({size}), {m} to move ({msize})",
        "next": "To move: {items} ({msize}). Next: degoogle run --journal {journal}",
        "to_move": "to move: {items} ({size}); already done: {done}",
        "retrying": "  retrying {path} in {delay}\u00a0s ({why})",
        "progress": "{done}/{items}, {moved} of {size}, {rate}/s{eta}",
        "eta": ", about {minutes}\u00a0min left",
        "paused": "paused", "waiting": "waiting", "stopping": "stopping",
        "goes_on_at": "goes on by itself at {at}",
        "calendars_wait": "{n} calendars to make: your hoster allows {per} new ones every {period}, so the "
                          "move will wait about {wait} for them (it goes on by itself).",
        "calendars_over_merge": "Your hoster holds only {room} more calendars: the events of the other {left} will "
                                "go into existing calendars; the report names them (to leave them out instead: "
                                "plan again with --calendars-over-limit leave_out).",
        "calendars_over_leave_out": "Your hoster holds only {room} more calendars: as chosen, the events of the "
                                    "other {left} will be left out; the report names them.",
        "stopped": "Stopped. Resume with: degoogle run --journal {journal}",
        "html": "HTML report: {path}",
        "no_keep_awake": "This computer could not be kept awake automatically: set it not to sleep until "
                         "the move is over (it resumes after a sleep, but makes no progress during it).",
        "no_room": "You are moving {moving}; your account has {free} free. Free some space at your hoster "
                   "or ask for more, choose less to move (degoogle plan --only …), or go on until it is full "
                   "(degoogle run --journal {journal} --until-full).",
        "checked": "checked: {n}; as expected: {ok}; to look at: {bad}",
        "demo_archive": "Sample Takeout archive: {parts}",
        "demo_server": "Local Nextcloud-shaped server: {url} (account {user})",
        "demo_files": "Files as the server holds them: {path}",
        "no_display": "No screen to show the wizard on here: running the same practice move in this terminal.",
        "no_display_wizard": "No screen to show the wizard on here. On a server, use the commands instead "
                             "(degoogle --help), or degoogle demo to try.",
    },
    "fr": {
        "listing": "inventaire\u00a0: {items}, {size}",
        "planned": "inventaire\u00a0: {found} ({size}), {m} à transférer ({msize})",
        "next": "À transférer\u00a0: {items} ({msize}). Ensuite\u00a0: degoogle run --journal {journal}",
        "to_move": "à transférer\u00a0: {items} ({size})\u202f; déjà faits\u00a0: {done}",
        "retrying": "  nouvel essai pour {path} dans {delay}\u00a0s ({why})",
        "progress": "{done} sur {items}, {moved} sur {size}, {rate}/s{eta}",
        "eta": ", encore environ {minutes}\u00a0min",
        "paused": "en pause", "waiting": "en attente", "stopping": "arrêt en cours",
        "goes_on_at": "reprend tout seul à {at}",
        "calendars_wait": "Agendas à créer : {n} ; votre hébergeur n'en autorise de nouveaux que "
                          "{per} par période de {period}, le transfert attendra donc environ {wait} pour eux "
                          "(il reprend tout seul).",
        "calendars_over_merge": "Agendas que votre hébergeur accepte encore : {room} ; les événements des "
                                "autres agendas ({left}) iront dans des agendas existants ; le rapport les cite "
                                "(pour les laisser de côté : refaites l'inventaire avec --calendars-over-limit "
                                "leave_out).",
        "calendars_over_leave_out": "Agendas que votre hébergeur accepte encore : {room} ; comme choisi, "
                                    "les événements des autres agendas ({left}) ne seront pas transférés ; "
                                    "le rapport les cite.",
        "stopped": "Arrêté. Pour reprendre : degoogle run --journal {journal}",
        "html": "Rapport HTML : {path}",
        "no_keep_awake": "Impossible d'empêcher automatiquement la mise en veille : réglez cet ordinateur pour "
                         "qu'il ne se mette pas en veille avant la fin (le transfert reprend après une veille, "
                         "mais n'avance pas pendant).",
        "no_room": "Vous transférez {moving} ; il reste {free} de libre sur votre compte. Libérez de la place "
                   "chez votre hébergeur ou demandez-en plus, choisissez moins de données (degoogle plan --only …), "
                   "ou continuez jusqu'à ce que ce soit plein (degoogle run --journal {journal} --until-full).",
        "checked": "vérification\u00a0: {n} en tout\u202f; conformes\u00a0: {ok}\u202f; à regarder\u00a0: {bad}",
        "demo_archive": "Archive Takeout d'exemple : {parts}",
        "demo_server": "Serveur local façon Nextcloud : {url} (compte {user})",
        "no_display": "Pas d'écran pour afficher l'assistant ici : le même transfert d'essai se fait dans ce terminal.",
        "no_display_wizard": "Pas d'écran pour afficher l'assistant ici. Sur un serveur, utilisez les commandes "
                             "(degoogle --help), ou degoogle demo pour essayer.",
        "demo_files": "Les fichiers tels que le serveur les garde : {path}",
    },
    "nl": {
        "listing": "inventaris: {items}, {size}",
        "planned": "inventaris: {found} ({size}), {m} te verhuizen ({msize})",
        "next": "Te verhuizen: {items} ({msize}). Daarna: degoogle run --journal {journal}",
        "to_move": "te verhuizen: {items} ({size}); al gedaan: {done}",
        "retrying": "  nieuwe poging voor {path} over {delay}\u00a0s ({why})",
        "progress": "{done}/{items}, {moved} van {size}, {rate}/s{eta}",
        "eta": ", nog ongeveer {minutes}\u00a0min",
        "paused": "gepauzeerd", "waiting": "wachten", "stopping": "bezig met stoppen",
        "goes_on_at": "gaat vanzelf verder om {at}",
        "calendars_wait": "{n} agenda's aan te maken: uw hostingpartij staat er {per} nieuwe toe per {period}, "
                          "dus de verhuizing wacht er ongeveer {wait} op (ze gaat vanzelf verder).",
        "calendars_over_merge": "Uw hostingpartij aanvaardt nog maar {room} agenda's: de afspraken van de {left} "
                                "andere gaan naar bestaande agenda's; het rapport noemt ze (om ze weg te laten: "
                                "maak de inventaris opnieuw met --calendars-over-limit leave_out).",
        "calendars_over_leave_out": "Uw hostingpartij aanvaardt nog maar {room} agenda's: zoals gekozen worden de "
                                    "afspraken van de {left} andere niet verhuisd; het rapport noemt ze.",
        "stopped": "Gestopt. Hervatten met: degoogle run --journal {journal}",
        "html": "HTML-rapport: {path}",
        "no_keep_awake": "Deze computer kon niet automatisch wakker gehouden worden: zorg dat hij niet in "
                         "slaapstand gaat tot de verhuizing klaar is (na een slaapstand gaat ze verder, maar "
                         "tijdens de slaapstand gebeurt er niets).",
        "no_room": "U verhuist {moving}; uw account heeft nog {free} vrij. Maak ruimte vrij bij uw hostingpartij "
                   "of vraag om meer, kies minder om te verhuizen (degoogle plan --only …), of ga door tot het "
                   "vol is (degoogle run --journal {journal} --until-full).",
        "checked": "gecontroleerd: {n}; in orde: {ok}; na te kijken: {bad}",
        "demo_archive": "Voorbeeldarchief van Takeout: {parts}",
        "demo_server": "Lokale server in Nextcloud-stijl: {url} (account {user})",
        "demo_files": "De bestanden zoals de server ze bewaart: {path}",
        "no_display": "Hier is geen scherm om de assistent te tonen: dezelfde oefenverhuizing loopt in deze "
                      "terminal.",
        "no_display_wizard": "Hier is geen scherm om de assistent te tonen. Gebruik op een server de opdrachten "
                             "(degoogle --help), of degoogle demo om het te proberen.",
    },
}


#: counted nouns, one form per CLDR plural category (``{n}`` is the number, grouped the language's way)
PLURALS: dict[str, dict[str, dict[str, str]]] = {
    "en": {"items": {"one": "{n} item", "other": "{n} items"},
           "found": {"one": "{n} item found", "other": "{n} items found"}},
    "fr": {"items": {"one": "{n} élément", "other": "{n} éléments"},
           "found": {"one": "{n} élément trouvé", "other": "{n} éléments trouvés"}},
    "nl": {"items": {"one": "{n} item", "other": "{n} items"},
           "found": {"one": "{n} item gevonden", "other": "{n} items gevonden"}},
}


def say(lang: str, key: str, **values: object) -> str:
    """A command-line message in ``lang`` (English when the language is unknown); whole numbers among
    ``values`` are written with the language's digit grouping."""
    lang = lang if lang in MESSAGES else "en"
    shown = {k: number_text(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
             for k, v in values.items()}
    return MESSAGES[lang][key].format(**shown)


def count_text(lang: str, noun: str, n: int) -> str:
    """``n`` and ``noun`` (a key of PLURALS) agreeing: "1 élément", "15 000 éléments", "2 items"."""
    lang = lang if lang in PLURALS else "en"
    return plural_text(PLURALS[lang][noun], n, lang)


def human_bytes(n: float, lang: str = "en") -> str:
    """``1.8 MB`` in English, ``1,8 Mo`` in French, ``1,8 MB`` in Dutch (decimal units, as disks and
    hosters count), the unit held to its number by a no-break space."""
    return size_text(n, lang)


class ConsoleProgress:
    """An event sink for the CLI. ``fancy`` (a terminal) draws a bar; otherwise prints a line every
    ``every`` seconds and one per problem, which reads well in an overnight log file."""

    def __init__(self, lang: str = "en", out: TextIO | None = None, fancy: bool | None = None,
                 every: float = 10.0) -> None:
        self.out = out or sys.stdout
        self.lang = lang
        self.fancy = self.out.isatty() if fancy is None else fancy
        self.every = every
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._total_items = self._done_items = 0
        self._total_bytes = self._done_bytes = 0
        self._started = time.monotonic()
        self._last_line = 0.0
        self._start_bytes = 0

    def __enter__(self) -> ConsoleProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._progress is not None:
                self._progress.stop()
                self._progress = None

    def _print(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.out, flush=True)

    def __call__(self, event: Event) -> None:
        with self._lock:
            self._handle(event)

    def _handle(self, event: Event) -> None:
        if isinstance(event, PlanProgress):
            if not self.fancy and time.monotonic() - self._last_line > self.every:
                self._last_line = time.monotonic()
                self._print(say(self.lang, "listing", items=count_text(self.lang, "items", event.found),
                                size=human_bytes(event.bytes, self.lang)))
        elif isinstance(event, PlanFinished):
            self._print(say(self.lang, "planned", found=count_text(self.lang, "found", event.found),
                            size=human_bytes(event.bytes, self.lang),
                            m=event.to_move, msize=human_bytes(event.bytes_to_move, self.lang)))
        elif isinstance(event, RunStarted):
            self._total_items, self._done_items = event.total_items, event.done_items
            self._total_bytes, self._done_bytes = event.total_bytes, event.done_bytes
            self._start_bytes = event.done_bytes
            self._started = time.monotonic()
            left = event.total_items - event.done_items
            self._print(say(self.lang, "to_move", items=count_text(self.lang, "items", left),
                            size=human_bytes(event.total_bytes - event.done_bytes, self.lang), done=event.done_items))
            if self.fancy:
                self._progress = Progress(
                    # sizes and counts in the reader's language ("1,8 Mo", "15 000"), not rich's English units
                    TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[sizes]}"),
                    TimeRemainingColumn(), console=Console(file=self.out), transient=False,
                )
                self._progress.start()
                self._task = self._progress.add_task("moving", total=max(1, event.total_bytes),
                                                     completed=event.done_bytes, sizes=self._sizes())
        elif isinstance(event, BytesMoved):
            self._done_bytes += event.bytes
            if self._progress is not None and self._task is not None:
                self._progress.update(self._task, completed=self._done_bytes, sizes=self._sizes())
        elif isinstance(event, ItemFinished):
            self._done_items += 1
            if event.state in ("quarantined", "failed") or event.outcome == "kept_both":
                self._print(f"  ! {event.path}{self._colon()}{reason(event.reason).text(self.lang)}")
            if self._progress is not None and self._task is not None:
                self._progress.update(self._task, description=f"{number_text(self._done_items, self.lang)}/"
                                                              f"{number_text(self._total_items, self.lang)}")
            elif time.monotonic() - self._last_line > self.every:
                self._last_line = time.monotonic()
                self._print(self._line())
        elif isinstance(event, ItemRetrying):
            if not self.fancy:
                self._print(say(self.lang, "retrying", path=event.path, delay=max(1, round(event.delay)),
                                why=reason(event.reason).text(self.lang)))
        elif isinstance(event, RunStateChanged) and event.state in ("paused", "waiting", "stopping"):
            text = reason(event.reason).text(self.lang) if event.reason else ""
            if event.until is not None:
                at = time.strftime("%H:%M:%S", time.localtime(event.until))
                goes_on = say(self.lang, "goes_on_at", at=at)
                text = f"{text} ({goes_on})" if text else goes_on
            self._print(say(self.lang, event.state) + (f"{self._colon()}{text}" if text else ""))

    def _colon(self) -> str:
        # French holds the colon to the word before it with a no-break space
        return "\u00a0: " if self.lang == "fr" else ": "

    def _sizes(self) -> str:
        return f"{human_bytes(self._done_bytes, self.lang)}/{human_bytes(self._total_bytes, self.lang)}"

    def _line(self) -> str:
        elapsed = max(0.001, time.monotonic() - self._started)
        rate = (self._done_bytes - self._start_bytes) / elapsed
        left = max(0, self._total_bytes - self._done_bytes)
        eta = say(self.lang, "eta", minutes=max(1, round(left / rate / 60))) if rate > 0 else ""
        return say(self.lang, "progress", done=self._done_items,
                   items=count_text(self.lang, "items", self._total_items),
                   moved=human_bytes(self._done_bytes, self.lang), size=human_bytes(self._total_bytes, self.lang),
                   rate=human_bytes(rate, self.lang),
                   eta=eta)


def _span(seconds: float) -> str:
    """A duration as the CLI says it in every language: ``45 s``, ``60 min``."""
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def calendar_room_lines(room: CalendarRoom | None, over_limit: str, lang: str) -> list[str]:
    """What the hoster's limits on making calendars mean for this move, in ``lang`` (none: nothing)."""
    if room is None:
        return []
    lines = []
    if room.waits:
        lines.append(say(lang, "calendars_wait", n=room.to_make, per=room.limits.per_period,
                         period=_span(room.limits.period), wait=_span(room.wait_seconds)))
    if room.left_over:
        key = "calendars_over_leave_out" if over_limit == "leave_out" else "calendars_over_merge"
        lines.append(say(lang, key, room=room.limits.room(room.existing), left=room.left_over))
    return lines
