"""The journal's format, as numbered migrations. Public: support staff resume old runs with it.

Never edit a migration that has shipped; add the next one. ``MIGRATIONS[n]`` is the SQL that brings
a journal from version ``n`` to ``n + 1`` (kept in ``PRAGMA user_version``); each runs in one
transaction with its version bump, so no semicolon may appear inside a comment.
"""

from __future__ import annotations

_MIGRATE_1 = """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE items (
            id                   INTEGER PRIMARY KEY,
            kind                 TEXT NOT NULL,
            source_key           TEXT NOT NULL,
            source_path          TEXT NOT NULL,
            target_path          TEXT NOT NULL DEFAULT '',
            size                 INTEGER NOT NULL DEFAULT 0,
            mtime                REAL,
            fingerprint          TEXT NOT NULL DEFAULT '',
            locator              TEXT NOT NULL DEFAULT '',
            state                TEXT NOT NULL,
            outcome              TEXT,
            reason               TEXT,
            detail               TEXT NOT NULL DEFAULT '',
            attempts             INTEGER NOT NULL DEFAULT 0,
            checksum             TEXT,
            original_target_path TEXT,
            verified             TEXT,
            updated_at           REAL NOT NULL,
            UNIQUE (kind, source_key)
        );
        CREATE INDEX items_by_state ON items (state, id);
        -- Every rename of an item's target name, at plan time (name rules, clashes) or at run time
        -- (kept both beside a different file). `reasons` is a space-separated list of codes.
        CREATE TABLE renames (
            item_id   INTEGER NOT NULL REFERENCES items (id),
            from_path TEXT NOT NULL,
            to_path   TEXT NOT NULL,
            reasons   TEXT NOT NULL,
            stage     TEXT NOT NULL,
            at        REAL NOT NULL
        );
        CREATE INDEX renames_by_item ON renames (item_id);
        -- Source folder -> target folder, so a resumed plan names folders as the first pass did.
        CREATE TABLE folders (
            kind        TEXT NOT NULL,
            source_path TEXT NOT NULL,
            target_path TEXT NOT NULL,
            PRIMARY KEY (kind, source_path)
        );
        -- One row per `degoogle run` (or GUI run): when, how it ended.
        CREATE TABLE runs (
            id         INTEGER PRIMARY KEY,
            started_at REAL NOT NULL,
            ended_at   REAL,
            state      TEXT NOT NULL,
            message    TEXT NOT NULL DEFAULT '',
            version    TEXT NOT NULL
        );
"""

_MIGRATE_2 = """
        -- A big file's chunked upload in progress: the server's upload id and how far it got, so a
        -- restart continues from the chunks the server has instead of sending the file again.
        CREATE TABLE uploads (
            item_id     INTEGER PRIMARY KEY REFERENCES items (id),
            upload_id   TEXT NOT NULL,
            target_path TEXT NOT NULL,
            total       INTEGER NOT NULL,
            chunk_size  INTEGER NOT NULL,
            chunks_done INTEGER NOT NULL DEFAULT 0,
            started_at  REAL NOT NULL,
            updated_at  REAL NOT NULL
        );
        -- The SHA-1 of each chunk sent, so a resumed upload re-reads the source and sends again any
        -- chunk whose bytes changed since, instead of assembling old and new parts into one file.
        CREATE TABLE upload_chunks (
            item_id INTEGER NOT NULL REFERENCES items (id),
            n       INTEGER NOT NULL,
            sha1    TEXT NOT NULL,
            PRIMARY KEY (item_id, n)
        );
"""

_MIGRATE_3 = """
        -- What a target needs to know of an item beyond its bytes, as a JSON object written by the
        -- source at listing: a message's flags, keywords and internal date, a calendar's colour,
        -- a contact's groups. Empty for files.
        ALTER TABLE items ADD COLUMN attrs TEXT NOT NULL DEFAULT '';
        -- One row per collection a target made or chose for a source collection (a calendar, an
        -- address book, a mail folder), so a resumed run writes into the same one: kind, the
        -- source collection's name, the target's.
        CREATE TABLE collections (
            kind   TEXT NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            PRIMARY KEY (kind, source)
        );
"""

_MIGRATE_4 = """
        -- Files at the target that gather many items, built across runs (mail archived as one mbox
        -- per folder in the Nextcloud): the chunked upload that carries it, how many chunks went up,
        -- the bytes written in all and those still in the local spool file (<journal>.spool/<id>.mbox).
        -- At most one open volume per source collection.
        CREATE TABLE volumes (
            id          INTEGER PRIMARY KEY,
            kind        TEXT NOT NULL,
            collection  TEXT NOT NULL,
            target_path TEXT NOT NULL,
            upload_id   TEXT NOT NULL,
            chunks      INTEGER NOT NULL DEFAULT 0,
            bytes       INTEGER NOT NULL DEFAULT 0,
            spool_bytes INTEGER NOT NULL DEFAULT 0,
            state       TEXT NOT NULL DEFAULT 'open',
            updated_at  REAL NOT NULL
        );
        CREATE UNIQUE INDEX volumes_open ON volumes (kind, collection) WHERE state = 'open';
        -- The volume a staged or done item was written into (NULL for items written one by one).
        ALTER TABLE items ADD COLUMN volume INTEGER REFERENCES volumes (id);
        CREATE INDEX items_by_volume ON items (volume) WHERE volume IS NOT NULL;
"""

MIGRATIONS: tuple[str, ...] = (_MIGRATE_1, _MIGRATE_2, _MIGRATE_3, _MIGRATE_4)
SCHEMA_VERSION = len(MIGRATIONS)
