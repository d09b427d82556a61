"""Old import path of ``degoogle.app.migration`` (one migration: a journal plus the source and target it
names), kept so that older callers and scripts keep working."""

from __future__ import annotations

from degoogle.app.migration import (
    Migration,
    MigrationOptions,
    Preflight,
    movable_kinds,
    parse_kinds,
)

__all__ = ["Migration", "MigrationOptions", "Preflight", "movable_kinds", "parse_kinds"]
