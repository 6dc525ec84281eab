"""Questions put to the index: meetings, actions, attendance, future meetings and passages, across meetings.

:class:`Queries` is the reading half of :class:`~cme_notes.store.index.Index`: it reads ``self.con`` (the
SQLite connection), ``self.has_fts`` and ``self.aliases``, and writes nothing.
"""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
from typing import TYPE_CHECKING, Sequence

from ..extract.owners import fold
from ..identity import PeopleRegistry, person_key
from .records import ActionRecord, AttendanceRecord, FutureRecord, MeetingRecord, SearchHit

if TYPE_CHECKING:
    from ..identity import OrgAliases

SET, REVIEWED = "set", "reviewed"
"""An action's kind: set at its meeting, or an earlier one reported on (a previous-actions table, matters arising)."""
_LOW, _HIGH = "0000-00-00", "9999-99-99"  # open ends of a date range, as ISO text compares


class Queries:
    """Reading the index; mixed into :class:`~cme_notes.store.index.Index`."""

    con: sqlite3.Connection
    has_fts: bool
    aliases: "OrgAliases"

    def meetings(self, *, group: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None) -> list[MeetingRecord]:
        where, params = _meeting_filter(group, since, until)
        rows = self.con.execute(
            f"SELECT id, path, format, group_title(group_name), group_key, date, place FROM distinct_meetings m WHERE {where}"
            " ORDER BY date IS NULL, date, path", params)
        return [MeetingRecord(*r) for r in rows]

    def actions(self, *, owner: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                search: str | None = None, overdue_on: dt.date | None = None,
                group: str | None = None, kind: str | None = SET) -> list[ActionRecord]:
        """Actions across meetings, sorted by due date (none last), then meeting date, file and item.

        ``owner``: a full name, first name, surname or initials, as each meeting
        wrote or resolved them (an owner answers to every spelling of their name
        seen across meetings). ``since``/``until``: the meeting or the due date
        falls in the range. ``search``: words in the action or its item's title.
        ``overdue_on``: due before that day. ``kind``: actions set at their
        meeting (the default), ``"reviewed"`` ones (an earlier action reported
        on), or None for both.
        """
        where, params = _meeting_filter(group, None, None)
        clauses = [where]
        if kind is not None:
            clauses.append("a.kind = ?")
            params.append(kind)
        if owner is not None:
            keys = self._owner_keys(owner)
            clauses.append(f"a.id IN (SELECT action_id FROM owner_names WHERE key IN ({_marks(keys)}))")
            params += keys
        if since is not None or until is not None:
            lo, hi = iso(since) or _LOW, iso(until) or _HIGH
            clauses.append("((m.date BETWEEN ? AND ?) OR (a.due BETWEEN ? AND ?))")
            params += [lo, hi, lo, hi]
        if overdue_on is not None:
            clauses.append("a.due < ?")
            params.append(overdue_on.isoformat())
        if search is not None:
            match, match_params = self._match(search)
            clauses.append(
                f"(a.id IN (SELECT p.action_id FROM passages p WHERE p.kind = 'action' AND {match})"
                f" OR EXISTS (SELECT 1 FROM passages p WHERE p.kind = 'title' AND p.meeting_id = a.meeting_id"
                f" AND p.item IS a.item AND a.item IS NOT NULL AND {match}))")
            params += match_params * 2
        rows = self.con.execute(
            "SELECT a.id, a.meeting_id, m.date, m.group_name, m.group_key, m.path, a.position, a.item, a.item_title,"
            " a.description, (SELECT group_concat(owner, char(31)) FROM (SELECT owner FROM action_owners o"
            "   WHERE o.action_id = a.id ORDER BY o.position)), a.owners_text, a.due, a.kind, a.ref, a.status, a.status_text,"
            " a.raised"
            f" FROM actions a JOIN distinct_meetings m ON m.id = a.meeting_id WHERE {' AND '.join(clauses)}", params)
        records = [ActionRecord(*r[:10], tuple(r[10].split("\x1f")) if r[10] else (), *r[11:]) for r in rows]
        return sorted(records, key=_action_order)

    def item_numbers(self, *, group: str | None = None) -> dict[int, list[str]]:
        """Each meeting's item numbers as written (meeting id → numbers): what a later meeting's "Minute 81.1" cites."""
        where, params = _meeting_filter(group, None, None)
        numbers: dict[int, list[str]] = {}
        for meeting_id, number in self.con.execute(
                "SELECT i.meeting_id, i.number FROM items i JOIN distinct_meetings m ON m.id = i.meeting_id"
                f" WHERE i.number IS NOT NULL AND {where} ORDER BY i.meeting_id, i.position", params):
            numbers.setdefault(meeting_id, []).append(number)
        return numbers

    def attendance(self, *, group: str | None = None, since: dt.date | None = None,
                   until: dt.date | None = None) -> list[AttendanceRecord]:
        """Who was present and who sent apologies, meeting by meeting (oldest first)."""
        where, params = _meeting_filter(group, since, until)
        rows = self.con.execute(
            "SELECT m.id, m.date, group_title(m.group_name), m.group_key, t.status, t.name, t.honorific, t.role,"
            " t.organisation, p.key, t.initials, t.as_written"
            " FROM attendance t JOIN distinct_meetings m ON m.id = t.meeting_id JOIN people p ON p.id = t.person_id"
            f" WHERE {where} ORDER BY m.date IS NULL, m.date, m.path, t.status DESC, t.position", params)
        return [AttendanceRecord(*r) for r in rows]

    def future_meetings(self, *, group: str | None = None, since: dt.date | None = None,
                        until: dt.date | None = None) -> list[FutureRecord]:
        """Every announcement of a future meeting (one meeting announced in three sets of minutes is three records)."""
        where, params = _meeting_filter(group, None, None)
        if since is not None:
            where += " AND f.date >= ?"
            params.append(since.isoformat())
        if until is not None:
            where += " AND f.date <= ?"
            params.append(until.isoformat())
        rows = self.con.execute(
            "SELECT group_title(m.group_name), m.group_key, f.date, f.time, f.end_time, f.place, f.text, m.date, m.path"
            f" FROM future_meetings f JOIN distinct_meetings m ON m.id = f.meeting_id WHERE {where}"
            " ORDER BY f.date, m.date, m.path, f.position", params)
        return [FutureRecord(*r) for r in rows]

    def search(self, text: str, *, group: str | None = None, since: dt.date | None = None,
               until: dt.date | None = None) -> list[SearchHit]:
        """Passages holding every word of ``text``: item titles, item text, actions, decisions; oldest meeting first."""
        where, params = _meeting_filter(group, since, until)
        if self.has_fts:
            sql = ("SELECT m.id, m.date, m.group_name, m.path, p.item, p.item_title, p.kind,"
                   " snippet(passages_fts, 0, '[', ']', '…', 14), bm25(passages_fts)"
                   " FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid"
                   " JOIN distinct_meetings m ON m.id = p.meeting_id"
                   f" WHERE passages_fts MATCH ? AND {where}")
            rows = self.con.execute(sql, [_fts_query(text), *params]).fetchall()
        else:
            match, match_params = self._match(text)
            sql = ("SELECT m.id, m.date, m.group_name, m.path, p.item, p.item_title, p.kind, p.text, 0.0"
                   f" FROM passages p JOIN distinct_meetings m ON m.id = p.meeting_id WHERE {match} AND {where}")
            rows = [(*r[:7], _like_snippet(r[7], text), r[8]) for r in self.con.execute(sql, [*match_params, *params])]
        hits = [SearchHit(*r) for r in rows]
        return sorted(hits, key=lambda h: (h.meeting_date or _HIGH, h.path, number_key(h.item), h.rank))

    def _match(self, text: str) -> tuple[str, list]:
        """A condition on passages ``p`` that holds when ``p.text`` has every word of ``text``."""
        if self.has_fts:
            return "p.id IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)", [_fts_query(text)]
        words = _words(text) or [""]
        return " AND ".join("p.text LIKE ? ESCAPE '\\'" for _ in words), [f"%{_like_escape(w)}%" for w in words]

    def _owner_keys(self, owner: str) -> list[str]:
        """The query's key, and for a person's full name every other spelling of that person seen in the index."""
        key = person_key(owner) or fold(owner)
        keys = {key}
        if len(key.split()) >= 2:
            registry = PeopleRegistry(self.aliases.people).add_all(r[0] for r in self.con.execute("SELECT name FROM people ORDER BY id"))
            keys |= registry.keys_of(owner)
        return sorted(keys)


def _meeting_filter(group: str | None, since: dt.date | None, until: dt.date | None) -> tuple[str, list]:
    clauses, params = ["1"], []
    if group:
        clauses.append("group_matches(m.group_key, ?)")
        params.append(group)
    if since is not None:
        clauses.append("m.date >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append("m.date <= ?")
        params.append(until.isoformat())
    return " AND ".join(clauses), params


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _marks(values: Sequence) -> str:
    return ", ".join("?" for _ in values)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _fts_query(text: str) -> str:
    """Every word, each quoted so that FTS5 syntax in user text ("AND", "-", ":") is only words."""
    words = _words(text)
    return " ".join(f'"{w}"' for w in words) if words else '""'


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_snippet(text: str, query: str, width: int = 60) -> str:
    words = _words(query)
    at = min((text.casefold().find(w.casefold()) for w in words if w.casefold() in text.casefold()), default=0)
    start, end = max(0, at - width), min(len(text), at + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def number_key(number: str | None) -> tuple[int, ...]:
    if not number:
        return (10**6,)  # AOB and unnumbered items after the numbered ones
    return tuple(int(x) for x in re.split(r"[./]", number) if x.isdigit()) or (10**6,)


def _action_order(a: ActionRecord) -> tuple:
    return (a.due is None, a.due or "", a.meeting_date or _HIGH, a.path, number_key(a.item), a.position)
