"""The command line, in process: the `ask --json` contract, bad input, paths from flags and env."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from assistant.cli import EXIT_ENV, EXIT_INPUT, main
from assistant.config import ENV_CORPUS, ENV_EMBEDDER, ENV_INDEX
from assistant.index.store import current_generation

Q_COUNT = "数字丝绸之路合作国家有多少个?"
Q_GROWTH = "东南亚地区零售电商增速是多少?"
Q_REFUSE = "日本在数字丝路方面有什么政策?"
ANSWER_KEYS = {"question", "answer", "refused", "citations", "latency_ms"}
CITATION_KEYS = {"marker", "id", "doc", "doc_title", "locator", "section", "text", "sources"}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (ENV_CORPUS, ENV_INDEX, ENV_EMBEDDER):
        monkeypatch.delenv(name, raising=False)



@pytest.fixture(scope="module")
def real_paths(real_assistant) -> list[str]:
    """--corpus/--index of the session's real (USE) index, already built and up to date."""
    settings = real_assistant.settings
    return ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def error_line(err: str) -> str:
    """The one error line on stderr (progress lines aside), after checking there is no traceback."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("[assistant]")]
    assert len(lines) == 1, err
    assert lines[0].startswith("assistant: error: ")
    return lines[0]


# --- the --json contract (real embedder, real report) ------------------------------------------------


def check_contract(obj: dict, question: str, real_assistant) -> None:
    assert ANSWER_KEYS <= set(obj) <= ANSWER_KEYS | {"see_also", "conflicts"}
    assert obj["question"] == question
    assert isinstance(obj["answer"], str) and obj["answer"]
    assert isinstance(obj["refused"], bool)
    assert isinstance(obj["latency_ms"], int | float) and obj["latency_ms"] >= 0
    markers = [c["marker"] for c in obj["citations"]]
    assert markers == list(range(1, len(markers) + 1))
    for citation in obj["citations"]:
        assert set(citation) == CITATION_KEYS
        paragraph = real_assistant.paragraph(citation["id"])
        assert paragraph is not None
        assert citation["text"] == paragraph.text  # the full paragraph, not a snippet
        assert citation["locator"] == paragraph.locator
        assert citation["section"] == paragraph.section
        for source in citation["sources"]:
            assert set(source) == {"id", "title"}
            assert isinstance(source["id"], str) and isinstance(source["title"], str)
    used = {int(n) for n in re.findall(r"\[(\d+)\]", obj["answer"])}
    assert used <= set(markers), f"markers {used - set(markers)} have no citation"
    if obj["refused"]:
        assert obj["citations"] == []
    else:
        assert obj["citations"] and used == set(markers)


def test_ask_json_contract(capsys: pytest.CaptureFixture[str], real_paths: list[str], real_assistant) -> None:
    code, out, err = run(capsys, "ask", "--json", Q_COUNT, Q_GROWTH, Q_REFUSE, *real_paths)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 3
    objs = [json.loads(line) for line in lines]
    for obj, question in zip(objs, [Q_COUNT, Q_GROWTH, Q_REFUSE], strict=True):
        check_contract(obj, question, real_assistant)
    count, growth, refusal = objs
    assert not count["refused"] and "18个" in count["answer"]
    assert not growth["refused"] and "18.6%" in growth["answer"]
    assert any(s["title"] == "2023年东南亚数字经济报告" for c in growth["citations"] for s in c["sources"])
    assert refusal["refused"] and refusal["see_also"]
    for item in refusal["see_also"]:
        assert {"id", "locator", "text"} <= set(item)


def test_ask_file_one_question_per_line(
    capsys: pytest.CaptureFixture[str], real_paths: list[str], real_assistant, tmp_path: Path
) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text(f"\ufeff{Q_COUNT}\n\n   \n{Q_GROWTH}\n\n", encoding="utf-8")
    code, out, err = run(capsys, "ask", "--json", "--file", str(questions), "-k", "8", *real_paths)
    assert code == 0, err
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["question"] for o in objs] == [Q_COUNT, Q_GROWTH]
    for obj, question in zip(objs, [Q_COUNT, Q_GROWTH], strict=True):
        check_contract(obj, question, real_assistant)


def test_ask_text_output_shows_answer_and_locators(
    capsys: pytest.CaptureFixture[str], real_paths: list[str], real_assistant
) -> None:
    expected = real_assistant.ask(Q_GROWTH)
    code, out, err = run(capsys, "ask", Q_GROWTH, *real_paths)
    assert code == 0, err
    assert "18.6%" in out
    assert expected.text in out
    for citation in expected.citations:
        assert citation.paragraph.locator in out
        assert f"[{citation.marker}]" in out
    assert "2023年东南亚数字经济报告" in out  # the footnote source line
    assert not out.lstrip().startswith("{")


# --- bad input: exit 2, one line on stderr, nothing answered ------------------------------------------


@pytest.fixture
def hash_paths(corpus: Path, tmp_path: Path) -> list[str]:
    return ["--corpus", str(corpus), "--index", str(tmp_path / "index"), "--embedder", "hash-256"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ask", ""], "empty"),
        (["ask", "   \t  "], "empty"),
        (["ask", "数" * 100_000], "too long"),
        (["ask", "x" * 2001], "too long"),
        (["ask", "\x00\x01\x02"], "not readable text"),
        (["ask", "?!。"], "no words, only punctuation"),
        (["ask"], "no question given"),
        (["ask", Q_COUNT, ""], "question 2"),
        (["ask", "-k", "0", Q_COUNT], "-k"),
        (["ask", "-k", "-3", Q_COUNT], "-k"),
    ],
    ids=["empty", "whitespace", "100KB", "just-over-limit", "binary", "punctuation", "none", "second-empty", "k0",
         "k-negative"],
)
def test_bad_questions_exit_2(
    capsys: pytest.CaptureFixture[str], hash_paths: list[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv, *hash_paths)
    assert code == EXIT_INPUT
    assert message in error_line(err)
    assert out == ""
    assert not (tmp_path / "index").exists(), "input is checked before anything is loaded or built"


def _random_bytes(with_nul: bool) -> bytes:
    data = random.Random(1234).randbytes(4096)
    return data if with_nul else data.replace(b"\x00", b"\xff")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_random_bytes(with_nul=True), "binary"),
        (_random_bytes(with_nul=False), "not UTF-8"),
        (b"\n\n   \n", "no question given"),
        (f"{Q_COUNT}\n\x01\x02\x03\n".encode(), "question 2"),
        (f"{Q_COUNT}\n{'长' * 5000}\n".encode(), "too long"),
    ],
    ids=["random-bytes", "random-bytes-no-nul", "blank-lines", "control-line", "long-line"],
)
def test_bad_question_files_exit_2(
    capsys: pytest.CaptureFixture[str], hash_paths: list[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "questions.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "ask", "--file", str(path), *hash_paths)
    assert code == EXIT_INPUT
    assert message in error_line(err)
    assert out == ""


def test_missing_question_file_exit_2(
    capsys: pytest.CaptureFixture[str], hash_paths: list[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope" / "questions.txt"
    code, out, err = run(capsys, "ask", "--file", str(missing), *hash_paths)
    assert code == EXIT_INPUT
    line = error_line(err)
    assert "--file" in line and str(missing) in line
    assert out == ""


# --- environment problems: exit 1 with a clear message -------------------------------------------------


@pytest.mark.parametrize("command", ["ask", "ingest"])
def test_missing_corpus_dir_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    missing = tmp_path / "no-such-corpus"
    argv = [command, *([Q_COUNT] if command == "ask" else [])]
    code, out, err = run(capsys, *argv, "--corpus", str(missing), "--index", str(tmp_path / "i"), "--embedder",
                         "hash-256")
    assert code == EXIT_ENV
    line = error_line(err)
    assert "corpus folder not found" in line and str(missing) in line
    assert out == ""


@pytest.mark.parametrize("command", ["ask", "ingest"])
def test_empty_corpus_dir_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty-corpus"
    empty.mkdir()
    (empty / "image.png").write_bytes(b"\x89PNG")  # not a document
    argv = [command, *([Q_COUNT] if command == "ask" else [])]
    code, _out, err = run(capsys, *argv, "--corpus", str(empty), "--index", str(tmp_path / "i"), "--embedder",
                          "hash-256")
    assert code == EXIT_ENV
    line = error_line(err)
    assert "no .txt, .md or .pdf documents" in line and str(empty) in line


def test_unknown_embedder_exit_1(capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "ingest", "--corpus", str(corpus), "--index", str(tmp_path / "i"), "--embedder",
                          "no-such-model")
    assert code == EXIT_ENV
    assert "no-such-model" in error_line(err)


def test_default_paths_are_relative_to_the_working_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "ingest", "--embedder", "hash-256")
    assert code == EXIT_ENV
    assert "corpus folder not found: corpus" in error_line(err)


# --- env vars and flags, ingest freshness ---------------------------------------------------------------


def test_env_vars_set_paths_and_flags_override_them(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_index, flag_index = tmp_path / "env-index", tmp_path / "flag-index"
    monkeypatch.setenv(ENV_CORPUS, str(corpus))
    monkeypatch.setenv(ENV_INDEX, str(env_index))
    monkeypatch.setenv(ENV_EMBEDDER, "hash-256")
    code, out, err = run(capsys, "ingest")
    assert code == 0, err
    assert out.startswith("index rebuilt")
    live = current_generation(env_index)
    assert json.loads((live / "manifest.json").read_text(encoding="utf-8"))["embedder"]["name"] == "hash-256"

    code, out, err = run(capsys, "ingest", "--index", str(flag_index))
    assert code == 0, err
    assert out.startswith("index rebuilt")
    assert current_generation(flag_index).is_dir()
    assert current_generation(env_index) == live  # the env index was not touched

    # A flag beats a broken env value; the env value alone fails.
    monkeypatch.setenv(ENV_CORPUS, str(tmp_path / "missing"))
    code, out, err = run(capsys, "ingest", "--corpus", str(corpus))
    assert code == 0, err
    assert out.startswith("index unchanged")
    code, _out, err = run(capsys, "ingest")
    assert code == EXIT_ENV
    assert str(tmp_path / "missing") in error_line(err)


def test_ingest_reports_unchanged_on_second_run(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    paths = ["--corpus", str(corpus), "--index", str(tmp_path / "index"), "--embedder", "hash-256"]
    code, out, err = run(capsys, "ingest", *paths)
    assert code == 0, err
    assert out.startswith("index rebuilt (no index yet)")
    assert re.search(r"\d+ paragraphs, \d+ sources", out)
    code, out, _err = run(capsys, "ingest", *paths)
    assert code == 0
    assert out.startswith("index unchanged")
    code, out, _err = run(capsys, "ingest", "--force", *paths)
    assert code == 0
    assert out.startswith("index rebuilt (rebuild requested)")


def test_ask_with_hash_embedder_answers(capsys: pytest.CaptureFixture[str], hash_paths: list[str]) -> None:
    code, out, err = run(capsys, "ask", "--json", Q_COUNT, *hash_paths)
    assert code == 0, err
    obj = json.loads(out)
    assert not obj["refused"] and "18个" in obj["answer"]
    assert "[assistant] building the index" in err  # progress goes to stderr, never into the JSON


def test_refusal_text_gives_each_see_also_a_snippet(
    capsys: pytest.CaptureFixture[str], real_paths: list[str], real_assistant
) -> None:
    expected = real_assistant.ask(Q_REFUSE)
    assert expected.refused and expected.see_also
    code, out, err = run(capsys, "ask", Q_REFUSE, *real_paths)
    assert code == 0, err
    lines = out.splitlines()
    for para in expected.see_also:
        at = next(i for i, line in enumerate(lines) if para.id in line and para.locator in line)
        snippet = lines[at + 1].strip()  # the line under the locator: the paragraph's opening words
        assert 20 <= len(snippet) <= 60 and para.text.startswith(snippet.rstrip("…")[:20])
