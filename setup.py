"""Build step the declarative configuration in pyproject.toml cannot say: the wheel carries the
top-level ``resources/`` (the bundled CHATONS list, the wizard's compiled translations) as
``degoogle/resources/``, where ``chatons.py`` and ``gui/language.py`` look first. An editable
install reads them from the source tree instead, so nothing is copied then."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent / "resources"


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        dest = Path(self.build_lib) / "degoogle" / "resources"
        for path in [ROOT / "chatons.json", *sorted((ROOT / "translations").glob("*.qm"))]:
            target = dest / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            self.copy_file(str(path), str(target))


setup(cmdclass={"build_py": BuildWithResources})
