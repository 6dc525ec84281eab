"""The SQLite index of meeting records: add meetings, ask across them.

    >>> index = Index("minutes.db")
    >>> index.add(meeting)                      # "added", "replaced" or "unchanged"
    >>> index.actions(owner="Owen", overdue_on=date(2025, 4, 1))

A meeting is keyed by its source path and content hash: adding the same
content again changes nothing, changed content replaces the meeting's rows in
one transaction. Queries (queries.py) read ``distinct_meetings``, so minutes indexed from
both their .docx and their .pdf count once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from ..extract.owners import ALL, OwnerResolver, split_owners
from ..identity import OrgAliases, name_keys, person_key
from . import schema
from .queries import REVIEWED, SET, Queries, iso

if TYPE_CHECKING:
    from ..models import Meeting, Person
    from .passages import ItemText

ADDED, REPLACED, UNCHANGED = "added", "replaced", "unchanged"
_PART_KEY = re.compile(r"^(.+)#(\d+)$")
"""The index key of a file's second, third... meeting: ``minutes.txt#2``."""


class Index(Queries):
    """An index of meetings in one SQLite file (or in memory: ``Index()``)."""

    def __init__(self, path: str | Path = ":memory:", *, aliases: OrgAliases | None = None,
                 readonly: bool = False) -> None:
        self.path = str(path)
        memory = self.path == ":memory:"
        if readonly and not memory:
            if not Path(self.path).is_file():
                raise FileNotFoundError(f"{self.path}: no such index (build one with: cme-notes index PATH... --db {self.path})")
            self.con = sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        else:
            if not memory and not Path(self.path).exists():
                # SQLite makes a new file 0644 whatever the umask; open() makes it as any output file
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o666))
            self.con = sqlite3.connect(self.path, isolation_level=None)  # transactions are ours: see add()
        self.con.execute("PRAGMA foreign_keys = ON")
        try:
            new = not schema.has_table(self.con, "meetings")
        except sqlite3.DatabaseError as exc:
            self.con.close()
            raise schema.SchemaError(f"{self.path}: not an index ({exc})") from None
        if new and not memory and (readonly or self.con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]):
            self.con.close()  # never add our tables to somebody else's database
            raise schema.SchemaError(f"{self.path}: not an index made by cme-notes")
        if new:
            schema.create(self.con, fts=schema.fts5_available())
        else:
            schema.check(self.con, self.path, readonly=readonly and not memory)
        # the aliases given, else those the index was built with (remembered), else the built-in table
        stored = self._get_meta("user_aliases")
        self.aliases = aliases or OrgAliases.load(user_text=stored, user_name=f"{self.path} (its stored aliases)")
        if new:
            self._remember_aliases()
            self._set_meta("groups", self.aliases.groups.fingerprint)
        self.has_fts = schema.has_table(self.con, "passages_fts")
        """False where SQLite lacks FTS5: search then falls back to LIKE (slower, no stemming)."""
        self._depth = 0
        self._ids: dict[tuple[str, str], int] = {}  # (table, key) -> id for people and organisations
        if readonly and not memory and self._groups_stale():
            self._regroup_in_memory()
        # what queries ask of the user's [groups]: a title's group name, whether a meeting is of the --group asked for
        self.con.create_function("group_title", 1, lambda title: self.aliases.groups.name(title), deterministic=True)
        self.con.create_function("group_matches", 2, lambda key, text: self.aliases.groups.matches(key, text),
                                 deterministic=True)

    # -- lifecycle ----------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Index":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Many adds in one transaction (much faster than one commit each); all or nothing."""
        if self._depth == 0:
            self.con.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.con.execute("ROLLBACK")
                self._ids.clear()
            raise
        self._depth -= 1
        if self._depth == 0:
            self.con.execute("COMMIT")

    @contextmanager
    def batched(self, seconds: float = 1.0) -> Iterator[Callable[[], None]]:
        """A transaction committed every ``seconds``: call the yielded ``tick()`` after each unit of work.

        A commit costs a few fsyncs (tens of milliseconds on some disks); one per
        file would make indexing a large archive slow, one for the whole run
        would lose everything to an interruption. Inside ``transaction()`` it
        only joins the outer transaction.
        """
        import time

        last = time.monotonic()

        def tick() -> None:
            nonlocal last
            if self._depth == 1 and time.monotonic() - last >= seconds:
                self.con.execute("COMMIT")
                self.con.execute("BEGIN IMMEDIATE")
                last = time.monotonic()

        with self.transaction():
            yield tick

    # -- writing --------------------------------------------------------------

    def sha256_of(self, path: str | Path) -> str | None:
        """The content hash stored for ``path``, None when it is not indexed."""
        row = self.con.execute("SELECT sha256 FROM meetings WHERE path = ?", (str(path),)).fetchone()
        return row[0] if row else None

    def paths(self) -> dict[str, str | None]:
        return dict(self.con.execute("SELECT path, sha256 FROM meetings ORDER BY path"))

    def add(self, meeting: "Meeting", sha256: str | None = None, *, passages: Sequence["ItemText"] = ()) -> str:
        """Index one meeting: ``added``, ``replaced`` (its content changed) or ``unchanged``.

        ``sha256`` defaults to the record's ``source.sha256``; a meeting with no
        source is keyed by a hash of the record itself. ``passages`` (each item's
        text, from :func:`cme_notes.store.passages.item_texts`) make the items'
        discussion searchable, not only their titles, actions and decisions.
        """
        path, sha256 = _identity(meeting, sha256)
        old = self.con.execute("SELECT id, sha256 FROM meetings WHERE path = ?", (path,)).fetchone()
        if old is not None and old[1] == sha256:
            return UNCHANGED
        # a savepoint is a transaction of its own outside transaction(), a nested one inside it
        self.con.execute("SAVEPOINT add_meeting")
        try:
            if old is not None:
                self.con.execute("DELETE FROM meetings WHERE id = ?", (old[0],))  # cascades to every row of it
            self._insert(meeting, path, sha256, passages)
        except BaseException:
            self.con.execute("ROLLBACK TO add_meeting")
            self.con.execute("RELEASE add_meeting")
            self._ids.clear()
            raise
        self.con.execute("RELEASE add_meeting")
        return REPLACED if old is not None else ADDED

    def add_many(self, meetings: Iterable["Meeting"]) -> dict[str, int]:
        """Index meetings in one transaction; counts of added, replaced and unchanged."""
        counts = {ADDED: 0, REPLACED: 0, UNCHANGED: 0}
        with self.transaction():
            for meeting in meetings:
                counts[self.add(meeting)] += 1
        return counts

    def parts_of(self, path: str | Path) -> list[str]:
        """The keys under which the meetings of one file are indexed: ``path``, ``path#2``, ``path#3``..."""
        path = str(path)
        # "#" + 1 is "$": the range holds exactly the keys that start with "path#", and uses the path's index
        rows = self.con.execute("SELECT path FROM meetings WHERE path = ? OR (path > ? AND path < ?)",
                                (path, path + "#", path + "$")).fetchall()
        parts = {1 if key == path else int(m.group(2)): key
                 for (key,) in rows if key == path or ((m := _PART_KEY.match(key)) and m.group(1) == path)}
        return [parts[n] for n in sorted(parts)]

    def remove(self, path: str | Path) -> bool:
        cur = self.con.execute("DELETE FROM meetings WHERE path = ?", (str(path),))
        return cur.rowcount > 0

    def relink_organisations(self) -> bool:
        """Point every attendance row at its canonical organisation under the current alias tables.

        Run when the aliases changed since the index was built (a new --aliases
        file); returns whether anything had to change.
        """
        if self._get_meta("aliases") == self.aliases.fingerprint:
            return False
        with self.transaction():
            written = [r[0] for r in self.con.execute("SELECT DISTINCT organisation FROM attendance WHERE organisation IS NOT NULL")]
            for name in written:
                self.con.execute("UPDATE attendance SET organisation_id = ? WHERE organisation = ?",
                                 (self._organisation_id(name), name))
            self.con.execute("DELETE FROM organisations WHERE id NOT IN (SELECT organisation_id FROM attendance "
                             "WHERE organisation_id IS NOT NULL)")
            self._remember_aliases()
        self._ids.clear()
        return True

    def relink_groups(self) -> bool:
        """Regroup every meeting (its group_key, from its title) under the current [groups] aliases.

        Run when the user's [groups] table changed since the index was built;
        returns whether anything had to change.
        """
        if not self._groups_stale():
            return False
        groups = self.aliases.groups
        with self.transaction():
            titles = [r[0] for r in self.con.execute("SELECT DISTINCT group_name FROM meetings WHERE group_name IS NOT NULL")]
            self.con.executemany("UPDATE meetings SET group_key = ? WHERE group_name = ?", [(groups.key(t), t) for t in titles])
            self._set_meta("groups", groups.fingerprint)
            self._set_meta("user_aliases", self.aliases.user_text)
        return True

    def _groups_stale(self) -> bool:
        return (self._get_meta("groups") or "") != self.aliases.groups.fingerprint

    def _regroup_in_memory(self) -> None:
        """A read-only index asked with other [groups] aliases: answer from a regrouped copy in memory, file untouched."""
        copy = sqlite3.connect(":memory:", isolation_level=None)
        self.con.backup(copy)
        self.con.close()
        self.con = copy
        self.con.execute("PRAGMA foreign_keys = ON")
        self.relink_groups()

    def _remember_aliases(self) -> None:
        self._set_meta("aliases", self.aliases.fingerprint)
        self._set_meta("user_aliases", self.aliases.user_text)

    def _insert(self, meeting: "Meeting", path: str, sha256: str, passages: Sequence["ItemText"]) -> None:
        con = self.con
        source = meeting.source
        cur = con.execute(
            "INSERT INTO meetings (path, sha256, format, group_name, group_key, date, place, pages, warnings, indexed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, sha256, source.format if source else None, meeting.title, self.aliases.groups.key(meeting.title),
             iso(meeting.date), meeting.place, source.pages if source else None,
             "\n".join(meeting.warnings) or None, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
        )
        meeting_id = cur.lastrowid
        people: dict[str, "Person"] = {}
        rows = []
        for status, listed in (("present", meeting.attendees), ("apologies", meeting.apologies)):
            for position, p in enumerate(listed):
                people.setdefault(p.name, p)
                rows.append((meeting_id, self._person_id(p.name), status, position, p.name, p.honorific, p.role,
                             p.initials, p.organisation, self._organisation_id(p.organisation), p.as_written))
        con.executemany(
            "INSERT INTO attendance (meeting_id, person_id, status, position, name, honorific, role, initials,"
            " organisation, organisation_id, as_written) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        titles = {i.number: i.title for i in meeting.items if i.number}
        con.executemany("INSERT INTO items (meeting_id, position, number, title) VALUES (?, ?, ?, ?)",
                        [(meeting_id, n, i.number, i.title) for n, i in enumerate(meeting.items)])
        texts = [("title", i.number, i.title, None, i.title) for i in meeting.items]
        resolver = OwnerResolver(meeting.attendees, meeting.apologies)
        listed = [(SET, a) for a in meeting.actions] + [(REVIEWED, a) for a in meeting.previous_actions]
        for position, (kind, action) in enumerate(listed):
            title = titles.get(action.item)
            action_id = con.execute(
                "INSERT INTO actions (meeting_id, position, item, item_title, description, owners_text, due,"
                " kind, ref, status, status_text, raised) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (meeting_id, position, action.item, title, action.description, action.owners_text, iso(action.due),
                 kind, action.ref, action.status, action.status_text, action.raised),
            ).lastrowid
            self._insert_owners(action_id, action.owners, action.owners_text, people, resolver)
            texts.append(("action", action.item, title, action_id, action.description))
        con.executemany("INSERT INTO decisions (meeting_id, position, item, text) VALUES (?, ?, ?, ?)",
                        [(meeting_id, n, d.item, d.text) for n, d in enumerate(meeting.decisions)])
        texts += [("decision", d.item, titles.get(d.item), None, d.text) for d in meeting.decisions]
        texts += [("text", p.item, p.title, None, p.text) for p in passages if p.text.strip()]
        con.executemany(
            "INSERT INTO future_meetings (meeting_id, position, date, time, end_time, place, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(meeting_id, n, f.date.isoformat(), f.time, f.end_time, f.place, f.text) for n, f in enumerate(meeting.next_meetings)],
        )
        con.executemany("INSERT INTO passages (meeting_id, kind, item, item_title, action_id, text) VALUES (?, ?, ?, ?, ?, ?)",
                        [(meeting_id, *t) for t in texts])

    def _insert_owners(self, action_id: int, owners: list[str], owners_text: str | None,
                       people: dict[str, "Person"], resolver: OwnerResolver) -> None:
        keys_of: dict[str, set[tuple[str, str]]] = {}
        for owner in owners:
            if owner == ALL:
                keys_of[owner] = {("all", ALL)}
                continue
            keys_of[owner] = set(name_keys(owner).items())
            person = people.get(owner)
            if person is not None and person.initials:
                keys_of[owner].add(("given", person.initials.casefold()))
        # what the Actions column wrote for each owner: "OP" for Owen Price, "Clerk" for David Crane.
        # A token that is one of an owner's names is theirs; only the rest (roles) need the resolver.
        written: dict[str, list[str]] = {}
        for token in split_owners(owners_text or ""):
            key = person_key(token)
            mine = [o for o in owners if any(k == key for _, k in keys_of[o])]
            owner = mine[0] if len(mine) == 1 else resolver.resolve(token).owner
            written.setdefault(owner, []).append(token)
        owner_rows, name_rows = [], []
        for position, owner in enumerate(owners):
            tokens = written.get(owner, [])
            owner_rows.append((action_id, position, owner, " / ".join(tokens) or None,
                               self._person_id(owner) if owner in people else None))
            keys = keys_of[owner] | {("written", person_key(t)) for t in tokens if person_key(t)}
            name_rows += [(action_id, position, kind, key) for kind, key in keys]
        self.con.executemany("INSERT INTO action_owners (action_id, position, owner, written, person_id) VALUES (?, ?, ?, ?, ?)",
                             owner_rows)
        self.con.executemany("INSERT OR IGNORE INTO owner_names (action_id, position, kind, key) VALUES (?, ?, ?, ?)",
                             name_rows)

    def _person_id(self, name: str) -> int:
        return self._row_id("people", person_key(name) or name.casefold(), name)

    def _organisation_id(self, written: str | None) -> int | None:
        if not written:
            return None
        canonical = self.aliases.canonical(written)
        return self._row_id("organisations", self.aliases.key(written) or written.casefold(), canonical or written)

    def _row_id(self, table: str, key: str, name: str) -> int:
        found = self._ids.get((table, key))
        if found is None:
            self.con.execute(f"INSERT INTO {table} (name, key) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (name, key))
            found = self.con.execute(f"SELECT id FROM {table} WHERE key = ?", (key,)).fetchone()[0]
            self._ids[(table, key)] = found
        return found

    def _get_meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         (key, value))

    # -- reading --------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, meetings counted once however many files hold them."""
        tables = ("meetings", "distinct_meetings", "people", "organisations", "attendance", "items", "actions",
                  "decisions", "future_meetings", "passages")
        counts = {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        # "actions" keeps its meaning, actions set at their meeting; the reviews of them are counted apart
        counts["reviewed_actions"] = self.con.execute("SELECT count(*) FROM actions WHERE kind = ?", (REVIEWED,)).fetchone()[0]
        counts["actions"] -= counts["reviewed_actions"]
        # a file holding several meetings (a running log) is one file with several rows
        counts["files"] = len({source_file(key) for key in self.paths()})
        return counts

    def warnings(self) -> list[list[str]]:
        """Each indexed meeting's warnings (its findings' messages), for the quality summary."""
        return [(text or "").splitlines() for (text,) in self.con.execute("SELECT warnings FROM meetings ORDER BY id")]


def part_key(path: str, part: int | None) -> str:
    """The index key of a file's ``part``-th meeting: the path itself for the first (or only) one, ``path#2`` after.

    No input can own such a key: an input's suffix is one we read (``.pdf``...), never ``.pdf#2``.
    """
    return path if not part or part == 1 else f"{path}#{part}"


def source_file(key: str) -> str:
    """The file an index key belongs to (``minutes.txt#2`` → ``minutes.txt``)."""
    m = _PART_KEY.match(key)
    return m.group(1) if m and not Path(key).exists() else key


def _identity(meeting: "Meeting", sha256: str | None) -> tuple[str, str]:
    if meeting.source is not None and meeting.source.path:  # "-" (stdin) included: views show it as the file
        return part_key(meeting.source.path, meeting.source.part), sha256 or meeting.source.sha256 or _record_hash(meeting)
    digest = sha256 or (meeting.source.sha256 if meeting.source else None) or _record_hash(meeting)
    return f"<meeting {digest[:16]}>", digest


def _record_hash(meeting: "Meeting") -> str:
    return hashlib.sha256(meeting.model_dump_json(exclude={"source"}).encode()).hexdigest()
