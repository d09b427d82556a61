"""The transfer engine: no Qt here. Plan into a journal, run it, verify, report."""
