"""The wizard: PySide6 only lives here. ``app.main`` opens it, ``app.practice`` opens it on a sample
Takeout archive and a local sandbox server. The engine runs in a worker thread (``bridge``)."""
