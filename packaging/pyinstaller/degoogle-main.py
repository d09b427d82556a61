"""The bundle's entry point: the same ``degoogle`` command as the wheel's console script."""

from __future__ import annotations

import sys

from degoogle.cli import main

if __name__ == "__main__":
    sys.exit(main())
