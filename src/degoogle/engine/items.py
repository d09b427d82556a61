"""Old home of the data model, kept so ``degoogle.engine.items`` imports keep working.

The model now lives in :mod:`degoogle.model` (issue 14): sources and targets import it without
importing the engine. The journal stores enum *values*, never these module paths, so old journals
are unaffected by the move.
"""

from __future__ import annotations

from degoogle.model import (
    ALL_KINDS,
    Item,
    Kind,
    Outcome,
    RemoteFile,
    SourceEntry,
    State,
    UploadState,
    Volume,
    WriteResult,
)

__all__ = [
    "ALL_KINDS",
    "Item",
    "Kind",
    "Outcome",
    "RemoteFile",
    "SourceEntry",
    "State",
    "UploadState",
    "Volume",
    "WriteResult",
]
