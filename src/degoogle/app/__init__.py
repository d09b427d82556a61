"""One home per user task, called by both faces (the command line and the wizard)."""
