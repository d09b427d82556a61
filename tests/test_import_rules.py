"""What may import what (docs/architecture.md, shared/DESIGN.md "Layers and their rooms"), read from the
source with ``ast``: a source never imports a target, a target never imports a source, nothing outside
gui/ imports Qt, and the shared rooms below them (the model, protocols/, convert/) import neither side.

Every import counts, also one inside a function (a lazy import is still a dependency). An import the
rules forbid but that cannot move yet goes into ``ALLOWED`` with its reason and how many times it
occurs; the test fails when that count grows *or* shrinks, so the list can only be emptied."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "degoogle"

#: (room the importing module is in, the modules it must not import, those it still may, why)
RULES: list[tuple[str, tuple[str, ...], tuple[str, ...], str]] = [
    ("sources/", ("degoogle.targets",), (), "a source only reads: what it shares with targets lives in "
                                            "model, protocols/ or convert/"),
    ("targets/", ("degoogle.sources",), (), "a target only writes: it sees the source through "
                                            "targets.base.ItemReader"),
    ("sources/", ("degoogle.engine", "degoogle.app", "degoogle.gui", "degoogle.cli"), (),
     "the engine drives the sources; they share only the model with it"),
    ("targets/", ("degoogle.engine", "degoogle.app", "degoogle.gui", "degoogle.cli"), (),
     "the engine drives the targets; they share only the model with it"),
    ("engine/", ("degoogle.sources", "degoogle.targets"), ("degoogle.sources.base", "degoogle.targets.base"),
     "the engine knows sources and targets by their interfaces only"),
    ("model.py", ("degoogle",), (), "the model is imported by everyone and imports nothing of ours"),
    ("reasons.py", ("degoogle",), (), "the reason codes are named by every layer and import nothing of ours"),
    ("wording.py", ("degoogle",), (), "the catalogues serve every layer and import nothing of ours"),
    ("protocols/", ("degoogle.sources", "degoogle.targets", "degoogle.engine", "degoogle.app",
                    "degoogle.gui", "degoogle.cli"), (), "protocol clients serve both sides and know neither"),
    ("convert/", ("degoogle.sources", "degoogle.targets", "degoogle.engine", "degoogle.protocols",
                  "degoogle.app", "degoogle.gui", "degoogle.cli"), (), "convert/ is pure functions, no I/O"),
    ("", ("PySide6", "shiboken6"), (), "Qt stays in the wizard's face, gui/"),
    *((face, ("degoogle.engine.run", "degoogle.engine.verify", "degoogle.engine.plan"), (),
       "a face plans, runs and verifies through app/ (app.moving.Move), never with a sequence of its own")
      for face in ("cli.py", "cli_login.py", "cli_schedule.py", "demo.py", "gui/")),
]

#: (importing module, imported module) -> (occurrences, why it is still there). Only shrinks.
ALLOWED: dict[tuple[str, str], tuple[int, str]] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Every module ``path`` imports, absolute, wherever the import statement is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path).split(".") if path.name == "__init__.py" else _module_name(path).split(".")[:-1]
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
                # ``from . import x`` imports the submodule x
                found.extend([module] if node.module else [f"{module}.{a.name}" for a in node.names])
            else:
                found.append(node.module or "")
    return found


def _within(module: str, packages: tuple[str, ...]) -> bool:
    """``module`` is one of ``packages`` or inside one of them."""
    return any(module == p or module.startswith(p + ".") for p in packages)


def _breaches() -> Counter[tuple[str, str]]:
    breaches: Counter[tuple[str, str]] = Counter()
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        imports = _imports(path)
        for room, forbidden, still_may, _why in RULES:
            if room == "" and rel.startswith("gui/"):
                continue
            if not rel.startswith(room):
                continue
            for imported in imports:
                if _within(imported, forbidden) and not _within(imported, still_may):
                    breaches[(rel, imported)] += 1
    return breaches


def test_the_rules_see_imports_of_every_kind() -> None:
    """The checker itself: plain, from-, relative and function-level imports are all found."""
    sample = ROOT / "sources" / "imap.py"
    imported = _imports(sample)
    assert "degoogle.protocols.imap" in imported
    assert "imapclient" in imported
    assert _module_name(ROOT / "protocols" / "__init__.py") == "degoogle.protocols"
    assert "degoogle.gui.wizard" in _imports(ROOT / "gui" / "pages" / "welcome.py")  # imported inside a method


def test_no_layer_imports_what_it_must_not() -> None:
    breaches = _breaches()
    unexpected = {pair: n for pair, n in breaches.items() if pair not in ALLOWED}
    assert not unexpected, "imports that break docs/architecture.md: " + ", ".join(
        f"{mod} imports {imp} ({n}x)" for (mod, imp), n in sorted(unexpected.items()))


def test_the_allow_list_only_shrinks() -> None:
    """Each allowed breach occurs exactly as often as listed: one removed means the entry goes too."""
    breaches = _breaches()
    stale = {pair: (n, breaches.get(pair, 0)) for pair, (n, _why) in ALLOWED.items() if breaches.get(pair, 0) != n}
    assert not stale, f"update ALLOWED (listed, found): {stale}"
    assert all(why.strip() for _n, why in ALLOWED.values())


def test_moved_modules_keep_their_old_import_paths() -> None:
    """Older callers importing from a module's former home get the very same objects."""
    import importlib

    moved = {
        "degoogle.engine.items": "degoogle.model",
        "degoogle.sources.imap_account": "degoogle.protocols.imap",
        "degoogle.targets.nextcloud.calendars": "degoogle.protocols.caldav",
    }
    for old_name, new_name in moved.items():
        old, new = importlib.import_module(old_name), importlib.import_module(new_name)
        assert old.__all__, old_name
        for name in old.__all__:
            assert getattr(old, name) is getattr(new, name), f"{old_name}.{name}"
    mail_files = importlib.import_module("degoogle.sources.mail_files")
    headers = importlib.import_module("degoogle.convert.mail_headers")
    for name in headers.__all__:
        assert name in mail_files.__all__ and getattr(mail_files, name) is getattr(headers, name), name


def _calls(path: Path) -> set[str]:
    """The names of every method or function ``path`` calls (``x.put_new(...)`` → ``put_new``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call):
            func = node.func
            found.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return found


def test_a_source_calls_no_writing_method_of_the_dav_client() -> None:
    """Sources and targets share one CalDAV/CardDAV client (``protocols.dav.DavClient``); a source only
    reads with it: no module of sources/ calls one of its ``WRITES``, and the DAV source makes its
    client read-only (the writes then refuse before sending anything)."""
    from degoogle.protocols.dav import DavClient

    assert DavClient.WRITES and all(callable(getattr(DavClient, name)) for name in DavClient.WRITES)
    writing = {rel: sorted(_calls(path) & DavClient.WRITES) for path in sorted((ROOT / "sources").rglob("*.py"))
               if _calls(path) & DavClient.WRITES for rel in [path.relative_to(ROOT).as_posix()]}
    assert not writing, f"sources calling the DAV client's writes: {writing}"
    users = {path.relative_to(ROOT).as_posix() for path in ROOT.rglob("*.py")
             if "degoogle.protocols.dav" in _imports(path)}
    assert {"sources/dav.py", "targets/nextcloud/dav.py"} <= users
    dav_source = ast.parse((ROOT / "sources" / "dav.py").read_text(encoding="utf-8"))
    made = [call for call in ast.walk(dav_source) if isinstance(call, ast.Call)
            and getattr(call.func, "id", "") == "DavClient"]
    assert made and all(any(k.arg == "read_only" and getattr(k.value, "value", None) is True for k in call.keywords)
                        for call in made)
