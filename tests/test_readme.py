"""The README's commands are the product's front door: run them so the docs cannot rot."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from assistant.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_shows_exactly_two_setup_commands_and_ci_runs_the_second() -> None:
    main_command, test_command = setup_commands()
    assert main_command.startswith("pip install -e . && assistant ")
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines(), ".ci/run must run the README's test command verbatim"


def test_readme_main_command_answers_with_a_citation(real_assistant, capsys: pytest.CaptureFixture[str]) -> None:
    main_command = setup_commands()[0]
    argv = shlex.split(main_command.split("&&", 1)[1])[1:]  # drop the program name
    settings = real_assistant.settings
    code = main([*argv, "--json", "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)])
    answer = json.loads(capsys.readouterr().out)
    assert code == 0
    assert not answer["refused"] and "18个" in answer["answer"]
    assert answer["citations"][0]["locator"] == "§1.1 ¶2"


def test_readme_usage_examples_parse() -> None:
    """Every `assistant …` line under "Using it" is accepted by the argument parser."""
    from assistant.cli import build_parser

    section = README.split("## Using it", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.+?)\n```", section, re.S).group(1)
    parser = build_parser()
    for line in block.splitlines():
        command = line.split("#", 1)[0].strip()
        parser.parse_args(shlex.split(command)[1:])
