"""One home per user task, called by both faces (the command line and the wizard): ``migration``
(pre-flight, verify, report), ``planning`` (plan: list, room, report), ``moving`` (run with progress;
pause, resume, cancel), ``status`` (status counts), ``diagnose`` (the support bundle), ``signin``
(sign in / out)."""
