"""The README's console examples, run as written against a temporary database made from the
example dossier: each command works and prints every word the README shows it printing, in
the order shown, so the README cannot drift from what sayso does."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from typer.testing import CliRunner

from sayso.present import cli
from sayso.present.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# examples that need what a test cannot give them: a running server, the reader's own files
NOT_RUN = ("sayso serve", "sayso ingest --quiet notes/")
_WORD = re.compile(r"\w[\w.\-]*")
WIDTH = 100  # the terminal the README's examples were printed on

runner = CliRunner()


def examples() -> list[tuple[str, str]]:
    """Each ``$ sayso ...`` line of a console block, with the lines the README shows after it."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        command: str | None = None
        shown: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, "\n".join(shown)))
                command, shown = line[2:], []
            else:
                shown.append(line)
        if command is not None:
            found.append((command, "\n".join(shown)))
    return found


EXAMPLES = [(c, s) for c, s in examples() if not c.startswith(NOT_RUN)]


def test_the_readme_has_examples_and_only_named_ones_are_not_run() -> None:
    every = examples()
    assert len(EXAMPLES) >= 10
    assert {c for c, _ in every} - {c for c, _ in EXAMPLES} == {
        c for c, _ in every if c.startswith(NOT_RUN)
    }
    assert all(any(c.startswith(skipped) for c, _ in every) for skipped in NOT_RUN)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with the example dossier, where the README's commands run."""
    work = tmp_path_factory.mktemp("readme")
    (work / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "dossier.txt", work / "examples" / "dossier.txt")
    yield work


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_a_readme_example_prints_what_the_readme_shows(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, command: str, shown: str
) -> None:
    monkeypatch.chdir(workdir)
    monkeypatch.delenv("SAYSO_DB", raising=False)  # the README's commands use ./sayso.db
    monkeypatch.setattr(cli.out, "_width", WIDTH)
    # the sayso command itself: what a pipe feeds it to and a comment after it are not sayso's
    argv = shlex.split(command.split(" | ")[0].split("  #")[0])
    assert argv[0] == "sayso"
    if argv[1] != "ingest" and not (workdir / "sayso.db").exists():  # run alone (-k)
        assert runner.invoke(app, ["ingest", "--quiet", "examples/dossier.txt"]).exit_code == 0
    result = runner.invoke(app, argv[1:])
    assert result.exit_code == 0, result.output
    # the words shown, in the order shown (a table printed as wide wraps its cells alike);
    # what a pipe made of the output, in any order
    words = _WORD.findall(click.unstyle(result.output))  # FORCE_COLOR in CI colours it
    printed = set(words) if " | " in command else iter(words)
    missing = [word for word in _WORD.findall(shown) if word not in printed]
    assert not missing, f"{command!r} no longer prints, in this order, {missing[:10]}"
