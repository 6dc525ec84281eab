"""The README's command examples are run, and fail the suite when the program no longer prints what they show.

`scripts/readme_examples.py --check` runs every ```console block on samples/; `make readme` (--update) rewrites
their output. Every command's --help names the formats its --format takes.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cme_notes.cli import main

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "readme_examples.py"
TOOLS = ("bash", "jq", "sqlite3", "sed", "head")
"""What the README's examples pipe through besides cme-notes."""


def needs_tools() -> None:
    if os.name != "posix":
        pytest.skip("the examples run in a POSIX shell on a pseudo-terminal")
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"the README's examples use {', '.join(missing)}: apt-get install jq sqlite3")


def examples_script():
    spec = importlib.util.spec_from_file_location("readme_examples", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[spec.name]


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=900,
                          cwd=REPO)


def write_readme(tmp_path: Path, body: str) -> Path:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Example\n\nSome words.\n\n{body}\nMore words.\n", encoding="utf-8")
    return readme


# --------------------------------------------------------------------------- the README itself


def test_readme_examples_print_what_the_readme_shows():
    needs_tools()

    result = run_script("--check")

    assert "command(s) in" in result.stderr, result.stderr
    assert result.returncode == 0, f"README examples differ (run `make readme`):\n{result.stdout}{result.stderr}"


def test_readme_has_examples_of_the_main_commands():
    found = examples_script().blocks((REPO / "README.md").read_text(encoding="utf-8").split("\n"))
    commands = [e.command for b in found if not b.skipped for e in b.examples]

    for name in ("parse", "index", "actions", "attendance", "calendar", "search", "schema"):
        assert any(c.startswith(f"cme-notes {name} ") for c in commands), name


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    """Every command registered under ``group`` (groups inside it too), by its full name."""
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found += commands(command, f"{prefix}{name} ")
    return found


@pytest.mark.parametrize("name,command", commands(main), ids=[name for name, _ in commands(main)])
def test_every_commands_help_shows_its_formats(name: str, command: click.Command):
    result = CliRunner().invoke(main, [*name.split(), "--help"], terminal_width=100)
    formats = [p for p in command.params if isinstance(p, click.Option) and "--format" in p.opts]

    assert result.exit_code == 0, result.output
    assert "Examples:" in result.output, f"cme-notes {name} --help gives no examples"
    for option in formats:
        assert isinstance(option.type, click.Choice), f"{name} --format should list its choices"
        shown = " ".join(option.get_help_record(click.Context(command, info_name=name)))  # its entry in --help
        for choice in option.type.choices:
            assert choice in shown, f"cme-notes {name} --help does not show the format {choice}: {shown}"
        assert shown.split()[0] in result.output


def test_there_are_commands_with_formats_to_check():
    with_format = [name for name, command in commands(main)
                   if any("--format" in getattr(p, "opts", ()) for p in command.params)]

    assert {"parse", "actions", "batch"} <= set(with_format)


# --------------------------------------------------------------------------- the script, on a README of our own


def test_check_reports_an_output_the_readme_got_wrong_and_update_rewrites_it(tmp_path: Path):
    needs_tools()
    readme = write_readme(tmp_path, """```console
$ cme-notes parse samples/oakridge-parish-2025-06-03.txt --format json | jq -r '.date, .attendees[0].name'
2025-06-04
Jane Sutton
```
""")

    check = run_script("--check", "--readme", str(readme))
    update = run_script("--update", "--readme", str(readme))
    again = run_script("--check", "--readme", str(readme))

    assert check.returncode == 1
    assert "-2025-06-04\n+2025-06-03\n" in check.stdout
    assert "1 differ from the README" in check.stderr
    assert update.returncode == 0, update.stderr
    assert "1 output(s) rewritten" in update.stderr
    assert readme.read_text(encoding="utf-8") == """# Example

Some words.

```console
$ cme-notes parse samples/oakridge-parish-2025-06-03.txt --format json | jq -r '.date, .attendees[0].name'
2025-06-03
Jane Sutton
```

More words.
"""
    assert again.returncode == 0, again.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_a_command_that_fails_shows_its_error_in_the_diff(tmp_path: Path):
    needs_tools()
    readme = write_readme(tmp_path, """```console
$ cme-notes parse samples/no-such-minutes.txt
```
""")

    check = run_script("--check", "--readme", str(readme))

    assert check.returncode == 1
    assert "+cme-notes: error: samples/no-such-minutes.txt: no such file" in check.stdout


def test_tables_are_drawn_as_on_a_100_column_terminal_and_pipes_stay_pipes(tmp_path: Path):
    needs_tools()
    readme = write_readme(tmp_path, """```console
$ cme-notes actions samples/oakridge-parish-2025-06-03.txt --owner Crane
$ cme-notes actions samples/oakridge-parish-2025-06-03.txt --owner Crane | head -c 1
```
""")

    run_script("--update", "--readme", str(readme))
    shown = readme.read_text(encoding="utf-8").split("```console\n")[1].split("```")[0].split("\n$ ")

    table = shown[0].splitlines()
    assert any("Clerk to write to the highways team" in line for line in table)
    assert max(len(line) for line in table[1:]) == 100  # a rich table filling the terminal
    assert "\x1b" not in shown[0]
    assert shown[1].splitlines()[1:] == ["["]  # in a pipe: JSON


def test_commands_run_on_after_a_quote_or_backslash_and_blocks_can_be_left_unchecked(tmp_path: Path):
    needs_tools()
    readme = write_readme(tmp_path, """```console
$ echo "one
two" \\
  three
one
two three
$ pwd | sed 's|.*/||'
wrong
```

<!-- not checked: the output depends on the machine -->
```console
$ uname -a
Linux
```

```console
output with no command
```
""")

    found = examples_script().blocks(readme.read_text(encoding="utf-8").split("\n"))
    check = run_script("--check", "--readme", str(readme))

    assert [e.command for e in found[0].examples] == ['echo "one\ntwo" \\\n  three', "pwd | sed 's|.*/||'"]
    assert found[1].skipped == "the output depends on the machine"
    assert found[2].malformed
    assert check.returncode == 1
    assert "not checked: the output depends on the machine" in check.stderr
    assert "README.md:21: error: not run: its first line is not a '$ ' command line" in check.stderr
    assert "2 command(s) in 1 block(s)" in check.stderr
    assert "-wrong\n+readme-examples-" in check.stdout  # the scratch folder, not the repository
