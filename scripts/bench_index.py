"""Time the SQLite index: 1,000 meeting records in, one owner's actions out.

Run from the project root::

    .venv/bin/python scripts/bench_index.py            # figures as text
    .venv/bin/python scripts/bench_index.py --json     # the same as one JSON object (for scripts/bench.py)

The records are made in memory from the Northvale sample minutes, parsed once:
each copy gets its own group (20 of them), dates (one meeting every six weeks)
and people (each group has its own names), so the index holds 1,000 distinct
meetings and hundreds of people, as a council's archive of several groups
would. Indexing goes through the library API that takes records
(``Index.add``), not files, so the figures are the store's alone, without
reading or parsing. Timed:

* indexing all records in one transaction (``Index.add_many``), and with one
  commit per record (what ``cme-notes index`` does, so an interrupted run keeps
  what it did);
* re-adding all records unchanged (the content-hash check);
* ``actions --owner`` from the database: a full name, a first name, initials,
  and with ``--overdue``; each the median of repeated runs on a fresh
  connection.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import cme_notes  # noqa: E402
from cme_notes.models import Meeting, Source  # noqa: E402
from cme_notes.store import Index  # noqa: E402

SOURCES = ["northvale-cme-2024-03-14.docx", "northvale-cme-2024-06-13.docx", "northvale-cme-2024-09-19.docx",
           "northvale-cme-2024-11-14.txt", "northvale-cme-2025-01-23.pdf", "northvale-cme-2025-03-20.docx",
           "northvale-cme-2025-07-10.txt"]
GROUPS = 20
FIRST = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack", "Kiran", "Leah", "Mo", "Nina",
         "Omar", "Poppy", "Quinn", "Rosa", "Sunil", "Tara", "Uma", "Victor", "Wendy", "Yusuf", "Zara"]
LAST = ["Adams", "Bhatt", "Clarke", "Dixon", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones", "Khan", "Lewis",
        "Moss", "Nolan", "Owens", "Patel", "Quayle", "Reid", "Shah", "Turner", "Usman", "Vaughan", "Walsh", "Young"]


def base_records() -> list[Meeting]:
    return [cme_notes.parse(ROOT / "samples" / name) for name in SOURCES]


def people_of(records: list[Meeting]) -> list[str]:
    names: dict[str, None] = {}
    for m in records:
        for p in m.attendees + m.apologies:
            names.setdefault(p.name)
    return list(names)


def make_records(count: int, seed: int = 7) -> list[Meeting]:
    """``count`` distinct records: GROUPS groups, each with its own people and a meeting every six weeks."""
    base = base_records()
    originals = people_of(base)
    rng = random.Random(seed)
    renames = []
    for _ in range(GROUPS):
        pool = [f"{f} {s}" for f in FIRST for s in LAST]
        renames.append(dict(zip(originals, rng.sample(pool, len(originals)))))
    out = []
    for n in range(count):
        group, turn = n % GROUPS, n // GROUPS
        template = base[turn % len(base)]
        shift = dt.date(2020, 1, 9) + dt.timedelta(weeks=6 * turn + group) - template.date
        out.append(vary(template, group, shift, renames[group], n))
    return out


def vary(template: Meeting, group: int, shift: dt.timedelta, names: dict[str, str], n: int) -> Meeting:
    m = template.model_copy(deep=True)
    m.title = f"{template.title} {group + 1}"
    m.date = template.date + shift
    for person in m.attendees + m.apologies:
        person.name = names.get(person.name, person.name)
    for action in m.actions:
        action.owners = [names.get(o, o) for o in action.owners]
        if action.due:
            action.due = action.due + shift
    for future in m.next_meetings:
        future.date = future.date + shift
    m.source = Source(path=f"bench/group-{group + 1:02d}/meeting-{n:04d}.docx", format="docx",
                      sha256=f"{n:064x}")
    return m


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="records to index [1000]")
    parser.add_argument("--runs", type=int, default=20, help="query repetitions; the median is reported [20]")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()

    make_s, records = timed(lambda: make_records(args.count))
    owner = records[0].actions[0].owners[0]  # a person of group 1 ("Owen Price" renamed)
    first, initials = owner.split()[0], "".join(w[0] for w in owner.split())
    figures: dict = {"records": len(records), "make_records_s": round(make_s, 3)}
    with tempfile.TemporaryDirectory() as tmp:
        batch_db = Path(tmp) / "batch.db"
        with Index(batch_db) as index:
            batch_s, counts = timed(lambda: index.add_many(records))
            assert counts["added"] == len(records), counts
            again_s, again = timed(lambda: index.add_many(records))
            assert again["unchanged"] == len(records), again
            table = index.counts()
        commit_db = Path(tmp) / "commit.db"
        with Index(commit_db) as index:
            commit_s, _ = timed(lambda: [index.add(m) for m in records])
        figures.update({
            "index_one_transaction_s": round(batch_s, 3),
            "index_records_per_s": round(len(records) / batch_s),
            "index_commit_each_s": round(commit_s, 3),
            "reindex_unchanged_s": round(again_s, 3),
            "db_bytes": batch_db.stat().st_size,
            "rows": {k: table[k] for k in ("distinct_meetings", "people", "attendance", "actions", "passages")},
        })
        with Index(batch_db, readonly=True) as index:
            found = {q: len(index.actions(owner=q)) for q in (owner, first, initials)}
            figures["owner"] = owner
            figures["actions_found"] = found
            figures["query_ms"] = {
                "owner_full_name": round(median_ms(lambda: index.actions(owner=owner), args.runs), 2),
                "owner_first_name": round(median_ms(lambda: index.actions(owner=first), args.runs), 2),
                "owner_initials": round(median_ms(lambda: index.actions(owner=initials), args.runs), 2),
                "owner_overdue": round(median_ms(lambda: index.actions(owner=owner, overdue_on=dt.date(2030, 1, 1)),
                                                 args.runs), 2),
                "all_actions": round(median_ms(lambda: index.actions(), max(3, args.runs // 4)), 2),
            }
        # what a user waits for: open the database cold and answer once
        cold_s, _ = timed(lambda: Index(batch_db, readonly=True).actions(owner=owner))
        figures["query_ms"]["owner_cold_open"] = round(cold_s * 1000, 2)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    q = figures["query_ms"]
    print(f"records                {figures['records']} meetings ({GROUPS} groups), made in {figures['make_records_s']} s")
    print(f"index, one transaction {figures['index_one_transaction_s']} s  ({figures['index_records_per_s']} records/s)")
    print(f"index, commit each     {figures['index_commit_each_s']} s")
    print(f"re-index, unchanged    {figures['reindex_unchanged_s']} s")
    print(f"database               {figures['db_bytes'] / 1e6:.1f} MB; " +
          ", ".join(f"{v} {k}" for k, v in figures["rows"].items()))
    print(f"actions --owner        {q['owner_full_name']} ms full name ({found[owner]} actions), "
          f"{q['owner_first_name']} ms first name ({found[first]}), {q['owner_initials']} ms initials ({found[initials]})")
    print(f"  with --overdue       {q['owner_overdue']} ms;  opening the db cold and asking once: {q['owner_cold_open']} ms")
    print(f"all actions            {q['all_actions']} ms ({figures['rows']['actions']} actions)")


if __name__ == "__main__":
    main()
