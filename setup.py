"""The package list, which pyproject.toml's ``find`` cannot extend: every package under ``src/`` plus
``degoogle.resources`` (the top-level ``resources/``, mapped in pyproject.toml's ``package-dir``).

No build step of our own: the wheel carries ``resources/chatons.json`` and the compiled ``.qm``
translations as plain package data, and the sdist (MANIFEST.in) holds what builds the same wheel."""

from __future__ import annotations

from setuptools import find_packages, setup

setup(packages=[*find_packages("src"), "degoogle.resources", "degoogle.resources.translations"])
