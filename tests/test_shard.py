"""`cme-notes batch --shard K/N`: N machines each take their share of an archive into one OUTDIR.

Every test builds a small archive of fictional parish minutes (plain text) and runs
the real command line as a subprocess, as a Slurm array task or a Kubernetes pod would.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cme_notes.shard import shard_key, shard_of

PARISHES = ("ashby-parva", "brackenfield", "cold-norton", "dunwich-green", "elmstead-row")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
CLERKS = ("Irene Pollard", "Gareth Mossop", "Yvonne Tebbutt", "Neil Farrant", "Lorna Quilter")


def cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cme_notes", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def minutes(parish: str, year: int, month: int) -> str:
    council = parish.replace("-", " ").title()
    clerk = CLERKS[(year + month) % len(CLERKS)]
    item = (year % 100, month * 10)
    return (
        f"{council} Parish Council — Minutes of the meeting held on {month} {MONTHS[month - 1]} {year} "
        f"at 7.30pm in the Village Hall\n\n"
        f"Present:\nCllr Rosalind Ashdown (Chair)\nCllr Trevor Makepeace\nCllr Hugh Pennington\n\n"
        f"In attendance: {clerk} (Clerk)\n\n"
        f"{item[0]}/{item[1]:03} Apologies for absence\nApologies were received from Cllr Wendy Lark.\n\n"
        f"{item[0]}/{item[1] + 1:03} Footpaths\nThe stile on footpath {parish[:3].upper()}/{month} is broken.\n"
        f"ACTION: Clerk to report the stile to the rights of way officer by 28 {MONTHS[month - 1]} {year}\n"
    )


def add_minutes(root: Path, year: int, count: int) -> list[str]:
    """``count`` minutes under root/<year>/ (four months of each parish); their paths relative to root."""
    made = []
    for n in range(count):
        parish, month = PARISHES[n % len(PARISHES)], n // len(PARISHES) + 1
        rel = f"{year}/{parish}-{year}-{month:02}.txt"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(minutes(parish, year, month), encoding="utf-8")
        made.append(rel)
    return made


@pytest.fixture()
def archive(tmp_path: Path) -> list[str]:
    """40 minutes in tmp_path/in/2024 and tmp_path/in/2025 (plus a spreadsheet that is ignored)."""
    made = add_minutes(tmp_path / "in", 2024, 20) + add_minutes(tmp_path / "in", 2025, 20)
    (tmp_path / "in/2025/budget.xlsx").write_bytes(b"PK\x03\x04 not minutes")
    return made


def start_share(cwd: Path, *paths: str, k: int, n: int) -> subprocess.Popen:
    """Share k of n as a task of its own, its records as JSONL on stdout."""
    command = [sys.executable, "-m", "cme_notes", "batch", *paths, "--shard", f"{k}/{n}", "--format", "jsonl",
               "--workers", "1"]
    return subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def names(task: subprocess.Popen) -> list[str]:
    """The file names of the records a share wrote, in the order written."""
    out, err = task.communicate(timeout=120)
    assert task.returncode == 0, err
    return [Path(json.loads(line)["source"]["path"]).name for line in out.splitlines()]


def share(cwd: Path, *paths: str, k: int, n: int) -> list[str]:
    return names(start_share(cwd, *paths, k=k, n=n))


def split(cwd: Path, *paths: str, n: int = 3) -> list[set[str]]:
    """The names in each of the n shares, the n tasks running at once as on a cluster."""
    tasks = [start_share(cwd, *paths, k=k, n=n) for k in range(1, n + 1)]
    return [set(names(task)) for task in tasks]


# --------------------------------------------------------------------------- every input exactly once


def test_three_machines_into_one_outdir_write_every_record_exactly_once(tmp_path: Path, archive: list[str]) -> None:
    # Three array tasks start at the same time; nothing is shared but the output folder.
    tasks = [subprocess.Popen([sys.executable, "-m", "cme_notes", "batch", "in", "-o", "out", "--shard", f"{k}/3",
                               "--workers", "1"], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
             for k in (1, 2, 3)]
    summaries = [task.communicate(timeout=120)[1] for task in tasks]
    assert [task.returncode for task in tasks] == [0, 0, 0], summaries

    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*"))
    assert written == sorted(["2024", "2025"] + [rel + ".json" for rel in archive])
    parsed = []
    for k, summary in enumerate(summaries, 1):
        (line,) = summary.splitlines()
        said = re.fullmatch(rf"cme-notes: shard {k}/3: (\d+) of 40 inputs; \1 parsed, 0 skipped as up to date, "
                            r"0 failed, 1 ignored \(other suffixes\) in [0-9.]+ s", line)
        assert said, line
        parsed.append(int(said[1]))
    assert sum(parsed) == 40  # 40 files written by shares adding up to 40: no input was parsed twice
    record = json.loads((tmp_path / "out/2025/cold-norton-2025-01.txt.json").read_text(encoding="utf-8"))
    assert (record["date"], record["source"]["path"]) == ("2025-01-01", "in/2025/cold-norton-2025-01.txt")


def test_shares_are_disjoint_and_together_hold_every_input(tmp_path: Path, archive: list[str]) -> None:
    shares = split(tmp_path, "in")
    names = [Path(rel).name for rel in archive]
    assert set().union(*shares) == set(names)
    assert sum(len(s) for s in shares) == len(names)  # so no name is in two shares


# --------------------------------------------------------------------------- the same split however it is asked


def test_a_folder_a_quoted_glob_and_another_mount_point_give_the_same_split(tmp_path: Path,
                                                                           archive: list[str]) -> None:
    by_folder = split(tmp_path, "in")
    assert split(tmp_path, "in/**/*.txt") == by_folder
    assert split(tmp_path, "in/*/*.txt", "in/2025/budget.xlsx") == by_folder
    # A second machine that mounts the archive elsewhere and is given an absolute path.
    elsewhere = tmp_path / "mnt/nfs-b/minutes"
    shutil.copytree(tmp_path / "in", elsewhere)
    assert split(tmp_path / "mnt", str(elsewhere)) == by_folder


def test_files_named_in_any_order_get_the_shares_of_their_folder(tmp_path: Path, archive: list[str]) -> None:
    # As a shell hands over `in/2025/*.txt`: files named one by one, in whatever order it likes.
    files = [f"in/{rel}" for rel in archive if rel.startswith("2025/")]
    by_folder = split(tmp_path, "in/2025", n=4)
    assert split(tmp_path, *reversed(files), n=4) == by_folder
    assert split(tmp_path, *files[1::2], *files[::2], n=4) == by_folder
    # Within a share, the records come in sorted order whatever order the files were named in.
    assert share(tmp_path, *reversed(files), k=2, n=4) == sorted(by_folder[1])


def test_a_file_keeps_its_share_when_others_are_added(tmp_path: Path, archive: list[str]) -> None:
    before = split(tmp_path, "in", n=4)
    added = add_minutes(tmp_path / "in", 2026, 20)
    after = split(tmp_path, "in", n=4)
    for k in range(4):
        assert before[k] <= after[k]
    assert set().union(*after) - set().union(*before) == {Path(rel).name for rel in added}


def test_a_path_hashes_alike_however_a_system_spells_it() -> None:
    # macOS hands out names with decomposed accents, Windows backslashes; all must land in one share.
    spellings = ["2024/Saint-Étienne-2024-05.txt", "2024/Saint-E\u0301tienne-2024-05.txt",
                 "./2024/minutes/../Saint-Étienne-2024-05.txt"]
    assert len({shard_key(s) for s in spellings}) == 1
    assert len({shard_of(s, 7) for s in spellings}) == 1
    assert shard_key("2024/A.txt") != shard_key("2024/a.txt")  # two files where case matters


# --------------------------------------------------------------------------- balance


def test_shares_are_roughly_balanced(tmp_path: Path, archive: list[str]) -> None:
    sizes = [len(s) for s in split(tmp_path, "in", n=3)]
    assert sum(sizes) == 40 and min(sizes) >= 8, sizes  # 13.3 each on average


@pytest.mark.parametrize("n", [2, 3, 4, 8, 16, 100])
def test_over_a_large_archive_the_shares_are_as_even_as_chance_allows(n: int) -> None:
    paths = [f"{year}/{parish}-{year}-{month:02}.pdf" for year in range(1990, 2026) for month in range(1, 13)
             for parish in [f"parish-{p:03}" for p in range(60)]]  # 25,920 names alike but for a few digits
    sizes = Counter(shard_of(path, n) for path in paths)
    fair = len(paths) / n
    spread = math.sqrt(fair * (1 - 1 / n))  # the standard deviation of a share's size under a random split
    assert sorted(sizes) == list(range(1, n + 1))
    assert max(abs(size - fair) for size in sizes.values()) < 4 * spread, sizes


# --------------------------------------------------------------------------- bad values


@pytest.mark.parametrize("spec, words", [
    ("5/4", "K must be between 1 and 4"),
    ("0/4", "K counts from 1 (1/4 to 4/4); from a 0-based index give $((INDEX+1))/4"),
    ("x", "give K/N, e.g. 2/4"),
    ("2", "give K/N"),
    ("-1/4", "give K/N"),
    ("1/0", "N must be between 1 and"),
    ("", "give K/N"),
])
def test_a_bad_shard_value_is_one_line_and_exit_2_with_nothing_written(tmp_path: Path, archive: list[str],
                                                                     spec: str, words: str) -> None:
    run = cli("batch", "in", "-o", "out", "--shard", spec, cwd=tmp_path)
    assert run.returncode == 2
    (line,) = run.stderr.splitlines()
    assert line.startswith("cme-notes: error: --shard ") and words in line, line
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- one file per shard for jsonl and csv


def test_jsonl_one_part_per_shard_holds_every_record_once(tmp_path: Path, archive: list[str]) -> None:
    for k in (1, 2, 3):
        run = cli("batch", "in", "--format", "jsonl", "-o", f"part-{k}.jsonl", "--shard", f"{k}/3", cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert f"shard {k}/3: " in run.stderr
    records = [json.loads(line) for k in (1, 2, 3)
               for line in (tmp_path / f"part-{k}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["source"]["path"] for r in records) == sorted(f"in/{rel}" for rel in archive)


def test_csv_parts_together_hold_the_rows_of_one_unsharded_run(tmp_path: Path, archive: list[str]) -> None:
    assert cli("batch", "in", "--format", "csv", "-o", "all.csv", cwd=tmp_path).returncode == 0
    whole = list(csv.reader(io.StringIO((tmp_path / "all.csv").read_text(encoding="utf-8"))))
    rows: list[list[str]] = []
    for k in (1, 2):
        assert cli("batch", "in", "--format", "csv", "-o", f"part-{k}.csv", "--shard", f"{k}/2",
                   cwd=tmp_path).returncode == 0
        part = list(csv.reader(io.StringIO((tmp_path / f"part-{k}.csv").read_text(encoding="utf-8"))))
        assert part[0] == whole[0]  # each part has the header
        rows += part[1:]
    assert len(whole) == 41  # header + one action per meeting
    assert sorted(rows) == sorted(whole[1:])


# --------------------------------------------------------------------------- resuming


def test_a_rerun_of_a_shard_skips_its_up_to_date_outputs(tmp_path: Path, archive: list[str]) -> None:
    second = {f"in/{rel}" for rel in archive if shard_of(rel, 3) == 2}
    first = cli("batch", "in", "-o", "out", "--shard", "2/3", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert f"shard 2/3: {len(second)} of 40 inputs; {len(second)} parsed, 0 skipped" in first.stderr

    again = cli("batch", "in", "-o", "out", "--shard", "2/3", cwd=tmp_path)
    assert f"shard 2/3: {len(second)} of 40 inputs; 0 parsed, {len(second)} skipped as up to date" in again.stderr

    changed = sorted(second)[0]
    with open(tmp_path / changed, "a", encoding="utf-8") as fh:
        fh.write("\nThe meeting closed at 9.05pm.\n")
    third = cli("batch", "in", "-o", "out", "--shard", "2/3", cwd=tmp_path)
    assert f"1 parsed, {len(second) - 1} skipped as up to date" in third.stderr
    # Another shard into the same folder parses its own share, and only that.
    other = cli("batch", "in", "-o", "out", "--shard", "1/3", cwd=tmp_path)
    taken = sum(1 for rel in archive if shard_of(rel, 3) == 1)
    assert f"shard 1/3: {taken} of 40 inputs; {taken} parsed, 0 skipped" in other.stderr


def test_a_shard_removes_only_its_own_leftover_temporary_files(tmp_path: Path, archive: list[str]) -> None:
    # What a killed task leaves behind, for one input of share 1 and one of share 2 (a later meeting's part).
    mine = next(rel for rel in archive if shard_of(rel, 2) == 1)
    theirs = next(rel for rel in archive if shard_of(rel, 2) == 2)
    (tmp_path / "out/2024").mkdir(parents=True)
    (tmp_path / "out/2025").mkdir()
    left_mine = tmp_path / "out" / Path(mine).parent / f".{Path(mine).name}.json.k3x9q0ab.part"
    left_theirs = tmp_path / "out" / Path(theirs).parent / f".{Path(theirs).name}.2.json.z7m2p4cd.part"
    left_mine.write_text('{"half": ')
    left_theirs.write_text('{"half": ')

    assert cli("batch", "in", "-o", "out", "--shard", "1/2", cwd=tmp_path).returncode == 0
    assert not left_mine.exists()
    assert left_theirs.exists()  # share 2 may be writing it right now, on another machine
    assert cli("batch", "in", "-o", "out", "--shard", "2/2", cwd=tmp_path).returncode == 0
    assert not left_theirs.exists()
