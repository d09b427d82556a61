"""One client per protocol, shared by sources and targets (shared/DESIGN.md, "Layers and their rooms"):
what both a source and a target need to speak IMAP, DAV or HTTP lives here, so that a source never
imports a target and a target never imports a source."""
