"""The SQLite schema: plain tables any SQLite tool reads (sqlite3, sqlite-utils, Datasette).

Dates are ISO text ("2024-03-14"), times "HH:MM". Every row about a meeting
hangs off ``meetings`` with ON DELETE CASCADE, so replacing a changed file is
one DELETE and the inserts, in one transaction. The version lives in
``PRAGMA user_version``; a database of another version is refused rather than
half-read.
"""
from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 3
# Versions 1 and 2 lack reviewed actions and action status (version 1 also the distinct_meetings view that keeps
# the meetings of one file apart). Upgraded when written: the columns are added and every file is read again
# (its hash forgotten), since only a new reading finds its reviewed actions. Refused when only read.
UPGRADABLE = {1, 2}

TABLES = """
CREATE TABLE IF NOT EXISTS meetings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a replaced meeting gets a new id
    path        TEXT NOT NULL UNIQUE,   -- the file, as it was named when indexed
    sha256      TEXT,                   -- its content hash: an unchanged file is skipped on re-index
    format      TEXT,                   -- pdf, docx, txt, md
    group_name  TEXT,                   -- the group's name as the minutes give it (the record's title)
    group_key   TEXT,                   -- the same, folded: what meetings of one group share
    date        TEXT,                   -- ISO date of the meeting
    place       TEXT,
    pages       INTEGER,
    warnings    TEXT,                   -- what the extractor could not decide, one per line
    indexed_at  TEXT NOT NULL           -- ISO timestamp (UTC)
);
CREATE INDEX IF NOT EXISTS meetings_group_date ON meetings (group_key, date);

CREATE TABLE IF NOT EXISTS organisations (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,                -- canonical name ("West Berkshire" for "W Berks")
    key   TEXT NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS people (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,                -- the first spelling indexed, without honorific
    key   TEXT NOT NULL UNIQUE          -- folded: "Dr Jane Smith" and "Jane Smith" share it
);

CREATE TABLE IF NOT EXISTS attendance (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id        INTEGER NOT NULL REFERENCES people (id),
    status           TEXT NOT NULL CHECK (status IN ('present', 'apologies')),
    position         INTEGER NOT NULL,  -- order in the minutes' list
    name             TEXT NOT NULL,     -- as the minutes wrote it, without honorific
    honorific        TEXT,
    role             TEXT,
    initials         TEXT,              -- initials the minutes define for the person
    organisation     TEXT,              -- as written
    organisation_id  INTEGER REFERENCES organisations (id),  -- canonical
    as_written       TEXT
);
CREATE INDEX IF NOT EXISTS attendance_meeting ON attendance (meeting_id);
CREATE INDEX IF NOT EXISTS attendance_person ON attendance (person_id);

CREATE TABLE IF NOT EXISTS items (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    number      TEXT,                   -- as written: "3", "25/041"; NULL for AOB
    title       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_meeting ON items (meeting_id);

CREATE TABLE IF NOT EXISTS actions (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    item         TEXT,                  -- number of the item it belongs to
    item_title   TEXT,
    description  TEXT NOT NULL,
    owners_text  TEXT,                  -- owners as the minutes wrote them ("HP / OP")
    due          TEXT,                  -- ISO date
    kind         TEXT NOT NULL DEFAULT 'set' CHECK (kind IN ('set', 'reviewed')),  -- set at this meeting, or an earlier one's reviewed here
    ref          TEXT,                  -- the action's own reference as written ("Mar24.03", "7.4")
    status       TEXT CHECK (status IN ('open', 'done', 'dropped')),  -- what the minutes say of it; NULL: nothing
    status_text  TEXT,                  -- the status as written ("Completed 3 May", "c/f")
    raised       TEXT                   -- for a reviewed action: the meeting or reference it came from, as written
);
CREATE INDEX IF NOT EXISTS actions_meeting ON actions (meeting_id);
CREATE INDEX IF NOT EXISTS actions_due ON actions (due);

CREATE TABLE IF NOT EXISTS action_owners (
    action_id  INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    owner      TEXT NOT NULL,           -- resolved: a listed person's name, 'all', or the text as written
    written    TEXT,                    -- what the Actions column wrote for this owner ("OP")
    person_id  INTEGER REFERENCES people (id),  -- when the owner is a person listed at the meeting
    PRIMARY KEY (action_id, position)
);
CREATE INDEX IF NOT EXISTS action_owners_person ON action_owners (person_id);

-- Every name an owner answers to in their meeting ("owen price", "owen",
-- "price", "op", what was written), so --owner is one indexed lookup.
CREATE TABLE IF NOT EXISTS owner_names (
    action_id  INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,        -- the owner's position in action_owners
    kind       TEXT NOT NULL,           -- full, first, surname, last, initials, given, written, all
    key        TEXT NOT NULL,
    PRIMARY KEY (action_id, position, kind, key)
);
CREATE INDEX IF NOT EXISTS owner_names_key ON owner_names (key);

CREATE TABLE IF NOT EXISTS decisions (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    item        TEXT,
    text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_meeting ON decisions (meeting_id);

CREATE TABLE IF NOT EXISTS future_meetings (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,  -- the minutes announcing it
    position    INTEGER NOT NULL,
    date        TEXT NOT NULL,
    time        TEXT,                   -- HH:MM
    end_time    TEXT,
    place       TEXT,
    text        TEXT                    -- the words it was read from
);
CREATE INDEX IF NOT EXISTS future_meetings_meeting ON future_meetings (meeting_id);

-- The text search covers: item titles, each item's text, actions and decisions.
CREATE TABLE IF NOT EXISTS passages (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('title', 'text', 'action', 'decision')),
    item        TEXT,
    item_title  TEXT,
    action_id   INTEGER REFERENCES actions (id) ON DELETE CASCADE,
    text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_meeting ON passages (meeting_id);
CREATE INDEX IF NOT EXISTS passages_action ON passages (action_id);

CREATE TABLE IF NOT EXISTS meta (
    key    TEXT PRIMARY KEY,
    value  TEXT
);

-- One row per meeting when the same minutes were indexed from several files
-- (a .docx and the .pdf made from it): same group, same date. The most
-- structured format is kept (docx, md, txt, pdf), then the first path.
-- Meetings of one file (same sha256: an annual then an ordinary meeting on one
-- evening) are never collapsed: each is numbered k within its file, and only
-- the k-th meetings of different files are taken for copies of each other.
CREATE VIEW IF NOT EXISTS distinct_meetings AS
SELECT * FROM meetings WHERE id IN (
    SELECT id FROM (
        SELECT id, row_number() OVER (
            PARTITION BY coalesce(group_key, path), coalesce(date, path), k
            ORDER BY CASE format WHEN 'docx' THEN 0 WHEN 'md' THEN 1 WHEN 'txt' THEN 2 WHEN 'pdf' THEN 3 ELSE 4 END, path
        ) AS n
        FROM (
            SELECT id, group_key, date, path, format, row_number() OVER (
                PARTITION BY coalesce(sha256, path), coalesce(group_key, path), coalesce(date, path) ORDER BY id
            ) AS k
            FROM meetings
        )
    ) WHERE n = 1
);
"""

# External-content FTS5 over passages, kept in step by triggers (cascaded
# deletes fire them too). porter: "timetables" finds "timetable".
FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""


class SchemaError(Exception):
    """The file is not an index this version can read."""


def fts5_available() -> bool:
    """Whether this Python's SQLite was built with FTS5 (most are; some system builds are not)."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        con.close()


def create(con: sqlite3.Connection, *, fts: bool) -> None:
    con.executescript(TABLES + (FTS if fts else ""))
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


_ADDED_IN_3 = ("kind TEXT NOT NULL DEFAULT 'set' CHECK (kind IN ('set', 'reviewed'))", "ref TEXT",
               "status TEXT CHECK (status IN ('open', 'done', 'dropped'))", "status_text TEXT", "raised TEXT")


def check(con: sqlite3.Connection, path: str, *, readonly: bool = False) -> None:
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version not in UPGRADABLE:
        raise SchemaError(
            f"{path}: index schema version {version}, this cme-notes reads version {SCHEMA_VERSION}; "
            "index the minutes into a new file"
        )
    if readonly:
        raise SchemaError(
            f"{path}: index schema version {version} was built before action status tracking (this cme-notes reads "
            f"version {SCHEMA_VERSION}); bring it up to date with: cme-notes index PATH... --db {path}"
        )
    _upgrade(con)


def _upgrade(con: sqlite3.Connection) -> None:
    """Version 1 or 2 to the current one, in one transaction; the next `index` run reads every file again."""
    con.execute("BEGIN IMMEDIATE")
    try:
        have = {r[1] for r in con.execute("PRAGMA table_info(actions)")}
        for column in _ADDED_IN_3:
            if column.split()[0] not in have:
                con.execute(f"ALTER TABLE actions ADD COLUMN {column}")
        # a hash no file has: unchanged files are read again too (their reviewed actions are not indexed yet);
        # the meetings of one file keep sharing it, so distinct_meetings still keeps them apart until then
        con.execute("UPDATE meetings SET sha256 = 'before-v3:' || sha256 WHERE sha256 IS NOT NULL")
        for statement in ("DROP VIEW IF EXISTS distinct_meetings", _view()):
            con.execute(statement)
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _view() -> str:
    return TABLES[TABLES.index("CREATE VIEW IF NOT EXISTS distinct_meetings"):]


def has_table(con: sqlite3.Connection, name: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None
