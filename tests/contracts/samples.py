"""Small real items for the contract suites."""

from __future__ import annotations

import io

from PIL import Image


def jpeg(seed: int) -> bytes:
    """A real 16×16 JPEG, its colour (hence its bytes) set by ``seed``."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (seed * 37 % 256, seed * 91 % 256, seed * 13 % 256)).save(out, "JPEG")
    return out.getvalue()
