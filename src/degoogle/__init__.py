"""degoogle: move a digital life out of Google and iCloud to a CHATONS hoster."""

__version__ = "0.1.0"
