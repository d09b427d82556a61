"""Nextcloud as a target: files over WebDAV (later: calendars, contacts, login flow, chunked upload)."""
