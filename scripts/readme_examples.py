#!/usr/bin/env python3
"""Run the README's command examples and check (or rewrite) the output it shows.

An example is a fenced block marked ``console``: each ``$ `` line is a command (a quoted string or a trailing
backslash carries it on to the next lines), and the lines after it, up to the next ``$ `` line or the end of
the block, are its output. A block that cannot be checked says why on the line just above its fence:
``<!-- not checked: timings differ from run to run -->``.

    python scripts/readme_examples.py --check     # exit 1, with a diff, if any output differs from the README
    python scripts/readme_examples.py --update    # rewrite the outputs in README.md from real runs (make readme)

The blocks run in order, in one scratch folder (later examples use the index an earlier one built) holding a
copy of ``samples/`` and links to the rest of the repository, so paths read as from the repository root and
nothing is left in it. ``cme-notes`` is this interpreter's ``python -m cme_notes`` on this tree's ``src``.
What would make an output vary is fixed: 100 columns, no colour, UTC+0/+1 (Europe/London), a UTF-8 C locale,
an empty home folder; commands where today's date matters give ``--today`` themselves. A command's standard
output is a terminal (so tables show as a person sees them) and its standard error follows it, so a command
that fails shows why in the diff; the exit status is not shown.
"""
from __future__ import annotations

import argparse
import difflib
import fcntl
import os
import pty
import re
import select
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"

COLUMNS, LINES = 100, 50
"""The terminal the examples are shown on: the README's tables are drawn 100 characters wide."""
COMMAND_TIMEOUT = 300.0
"""Seconds one command may take (indexing every sample on a busy 2-core machine takes about 20)."""
FENCE = re.compile(r"^(`{3,})console\s*$")
NOT_CHECKED = re.compile(r"^<!--\s*not checked:\s*(?P<reason>\S.*?)\s*-->\s*$")
PROMPT = "$ "
ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
"""Terminal control sequences (colours, cursor moves, links): a README shows none, and some tools (jq) colour
a terminal whatever NO_COLOR says."""
SCRATCH_SKIP = {"samples", ".git", ".venv", "build", "dist", "bench-out", ".pytest_cache"}
"""Not linked into the scratch folder: samples/ is copied (examples write beside it), the rest is not needed."""


@dataclass
class Example:
    """One command of a block and the output the README shows for it (line numbers count from 0)."""

    command: str
    line: int
    output_start: int
    output_end: int
    shown: list[str] = field(default_factory=list)


@dataclass
class Block:
    line: int
    examples: list[Example]
    skipped: str | None = None
    """Why the block is not run, as its marker says; None for a block that is checked."""
    malformed: bool = False
    """A console block with no ``$ `` line before its first output: not run, and reported as a fault."""


# --------------------------------------------------------------------------- reading the README


def blocks(lines: list[str], name: str = "README.md") -> list[Block]:
    """Every ``console`` block of the README (called ``name`` in messages), in order."""
    found, n = [], 0
    while n < len(lines):
        fence = FENCE.match(lines[n])
        if not fence:
            n += 1
            continue
        end = next((k for k in range(n + 1, len(lines)) if lines[k].strip() == fence.group(1)), None)
        if end is None:
            raise SystemExit(f"{name}:{n + 1}: a console block that is never closed")
        marker = NOT_CHECKED.match(lines[n - 1]) if n else None
        if lines[n + 1:end] and not lines[n + 1].startswith(PROMPT):
            found.append(Block(n, [], "its first line is not a '$ ' command line", malformed=True))
        else:
            found.append(Block(n, examples(lines, n + 1, end), marker.group("reason") if marker else None))
        n = end + 1
    return found


def examples(lines: list[str], start: int, end: int) -> list[Example]:
    """The commands of the block between ``start`` and ``end`` (its fences; the first line a command), each
    with its output."""
    found: list[Example] = []
    n = start
    while n < end:
        first, command = n, lines[n][len(PROMPT):]
        while not complete(command) and n + 1 < end:
            n += 1
            command += "\n" + lines[n]
        out_end = next((k for k in range(n + 1, end) if lines[k].startswith(PROMPT)), end)
        found.append(Example(command, first, n + 1, out_end, lines[n + 1:out_end]))
        n = out_end
    return found


def complete(command: str) -> bool:
    """Whether a command is whole: no quote left open, no line ending in a backslash."""
    if command.endswith("\\"):
        return False
    try:
        shlex.split(command, comments=True)
    except ValueError:  # "No closing quotation"
        return False
    return True


# --------------------------------------------------------------------------- running the examples


def scratch(root: Path) -> dict[str, str]:
    """Fill ``root`` as the examples' working folder and return the environment they run in."""
    shutil.copytree(REPO / "samples", root / "samples")
    for entry in REPO.iterdir():
        if entry.name not in SCRATCH_SKIP and not entry.name.startswith("."):
            (root / entry.name).symlink_to(entry)
    bin_dir, home = root / ".bin", root / ".home"
    bin_dir.mkdir()
    home.mkdir()
    launcher = bin_dir / "cme-notes"
    launcher.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m cme_notes "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "CME_NOTES", "FORCE_COLOR", "CLICOLOR", "PYTHONWARN"))}
    src = str(REPO / "src")
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', os.defpath)}",
        PYTHONPATH=os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")])),
        HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
        COLUMNS=str(COLUMNS), LINES=str(LINES), TERM="dumb", NO_COLOR="1",
        TZ="Europe/London", LANG="C.UTF-8", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8", PYTHONHASHSEED="0",
    )
    return env


def run(command: str, cwd: Path, env: dict[str, str]) -> list[str]:
    """The lines ``command`` prints: its standard output (a terminal), then its standard error."""
    master, slave = pty.openpty()
    try:
        try:
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
            attrs = termios.tcgetattr(slave)
            attrs[1] &= ~termios.OPOST  # "\n" stays "\n" (a terminal would write "\r\n")
            termios.tcsetattr(slave, termios.TCSANOW, attrs)
            proc = subprocess.Popen(["bash", "-c", command], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                    stdout=slave, stderr=subprocess.PIPE, start_new_session=True)
        finally:
            os.close(slave)
        with proc.stderr:
            out, err = collect(proc, master)
    finally:
        os.close(master)
    text = (out + err).decode("utf-8", "replace").replace("\r\n", "\n")
    return normalise(ESCAPES.sub("", text).split("\n"))


def collect(proc: subprocess.Popen, terminal: int) -> tuple[bytes, bytes]:
    """What ``proc`` writes to the terminal and to its stderr pipe until both close, or until it has run for
    COMMAND_TIMEOUT (then its whole process group is killed, and the error says so)."""
    out, err = bytearray(), bytearray()
    streams = {terminal: out, proc.stderr.fileno(): err}
    deadline = time.monotonic() + COMMAND_TIMEOUT
    while streams:
        left = deadline - time.monotonic()
        if left <= 0:
            os.killpg(proc.pid, signal.SIGKILL)
            err += f"[readme_examples: stopped after {COMMAND_TIMEOUT:.0f} s]\n".encode()
            break
        ready, _, _ = select.select(list(streams), [], [], left)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: every writer of the terminal has closed it
                chunk = b""
            if chunk:
                streams[fd] += chunk
            else:
                del streams[fd]
    proc.wait(timeout=COMMAND_TIMEOUT)
    return bytes(out), bytes(err)


def normalise(lines: list[str]) -> list[str]:
    """Lines as the README can hold them: no trailing spaces, no blank lines at the end."""
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


# --------------------------------------------------------------------------- check and update


def differences(lines: list[str], found: list[Block]) -> tuple[list[tuple[Example, list[str]]], list[Block]]:
    """Run every checked block; the examples whose output differs from the README (with the real output),
    and the blocks left unchecked."""
    changed, skipped = [], []
    with tempfile.TemporaryDirectory(prefix="readme-examples-") as tmp:
        root = Path(tmp)
        env = scratch(root)
        for block in found:
            if block.skipped:
                skipped.append(block)
                continue
            for example in block.examples:
                got = run(example.command, root, env)
                if got != normalise(example.shown):
                    changed.append((example, got))
    return changed, skipped


def diff(example: Example, got: list[str], name: str) -> str:
    label = f"{name}:{example.line + 1}: $ {example.command.splitlines()[0]}"
    return "\n".join(difflib.unified_diff(normalise(example.shown), got, f"{label} (README)", f"{label} (real run)",
                                          lineterm=""))


def updated(lines: list[str], changed: list[tuple[Example, list[str]]]) -> list[str]:
    """The README with each changed example's output replaced by the real one (from the end, so that line
    numbers still hold)."""
    new = list(lines)
    for example, got in sorted(changed, key=lambda pair: pair[0].line, reverse=True):
        new[example.output_start:example.output_end] = got
    return new


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed into place: never half a README."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="report every example whose output differs (exit 1)")
    mode.add_argument("--update", action="store_true", help="rewrite the outputs in the README from real runs")
    parser.add_argument("--readme", type=Path, default=README, help="the README (default: %(default)s)")
    args = parser.parse_args(argv)

    text = args.readme.read_text(encoding="utf-8")
    lines = text.split("\n")
    found = blocks(lines, args.readme.name)
    started = time.monotonic()
    changed, skipped = differences(lines, found)
    ran = sum(len(b.examples) for b in found if not b.skipped)
    for block in skipped:
        kind = "error: not run" if block.malformed else "not checked"
        print(f"{args.readme.name}:{block.line + 1}: {kind}: {block.skipped}", file=sys.stderr)
    faults = sum(block.malformed for block in skipped)
    summary = (f"{ran} command(s) in {len(found) - len(skipped)} block(s) run in {time.monotonic() - started:.0f} s, "
               f"{len(skipped)} block(s) not checked")
    if args.update:
        if changed:
            write_whole(args.readme, "\n".join(updated(lines, changed)))
        print(f"{summary}; {len(changed)} output(s) rewritten", file=sys.stderr)
        return 1 if faults else 0
    for example, got in changed:
        print(diff(example, got, args.readme.name) + "\n")
    print(f"{summary}; {len(changed)} differ from the README" + (" (make readme rewrites them)" if changed else ""),
          file=sys.stderr)
    return 1 if changed or faults else 0


if __name__ == "__main__":
    sys.exit(main())
