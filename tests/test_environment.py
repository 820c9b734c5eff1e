"""A broken machine gives one line and exit code 1, never a traceback, and the old index stays live.

Cases: a path that is missing or is a file, permission denied (run without root's override through
`setpriv`, since the tests run as root), a read-only folder, a full disk (a tiny tmpfs where `mount`
works, else a monkeypatched ENOSPC), other OSErrors (monkeypatched), and unbounded input files.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import assistant.index.build
import assistant.index.store
import assistant.library
from assistant.cli import EXIT_ENV, EXIT_INPUT, main
from assistant.config import Settings
from assistant.index.load import load_index
from assistant.index.store import MANIFEST, IndexCorrupt, current_generation
from assistant.pipeline import check_index, ingest

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "digital-silk-road-report.txt"
Q_COUNT = "数字丝绸之路合作国家有多少个?"


@pytest.fixture(scope="module")
def built(report_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A report corpus and its hash-256 index, built once (copied by each test)."""
    index = tmp_path_factory.mktemp("env-index")
    ingest(Settings(corpus_dir=report_corpus, index_dir=index, embedder="hash-256"))
    return report_corpus, index


@pytest.fixture
def world(built: tuple[Path, Path]) -> Iterator[tuple[Path, Path]]:
    """A private corpus and index in a folder others may enter (for the unprivileged runs)."""
    base = Path("/tmp") / f"assistant-env-{uuid.uuid4().hex[:8]}"
    base.mkdir(mode=0o755)
    shutil.copytree(built[0], base / "corpus")
    shutil.copytree(built[1], base / "index")
    try:
        yield base / "corpus", base / "index"
    finally:
        for path in base.rglob("*"):  # give back what a test took away, so the folder can be removed
            if not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def paths(corpus: Path, index: Path) -> list[str]:
    return ["--corpus", str(corpus), "--index", str(index), "--embedder", "hash-256"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def error_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("[assistant]")]
    assert len(lines) == 1, err
    assert lines[0].startswith("assistant: error: ")
    return lines[0]


def unprivileged(*argv: str) -> subprocess.CompletedProcess[str]:
    """`assistant ARGV` as a process without root's permission override (setpriv drops every capability)."""
    prefix = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"] if os.geteuid() == 0 else []
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([*prefix, sys.executable, "-m", "assistant.cli", *argv], capture_output=True, text=True,
                          env=env, timeout=300, check=False)


def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == EXIT_ENV, (proc.returncode, proc.stderr[-2000:])
    return error_line(proc.stderr)


needs_setpriv = pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None,
                                   reason="running as root without setpriv: permissions cannot be dropped")


# --- paths that are missing or of the wrong kind --------------------------------------------------------


def test_index_pointing_at_a_file_fails_before_loading_a_model(capsys, world, monkeypatch) -> None:
    corpus, _index = world
    not_a_folder = corpus.parent / "index-file"
    not_a_folder.write_text("x", encoding="utf-8")

    def no_model(_spec: str):
        raise AssertionError("the model was loaded before the index path was checked")

    monkeypatch.setattr("assistant.pipeline.load_embedder", no_model)
    for argv in (["ask", Q_COUNT], ["ingest"], ["quiz"], ["check", "--answer", "增速达20%[§1.2 ¶3]"]):
        started = time.perf_counter()
        code, _out, err = run(capsys, *argv, "--corpus", str(corpus), "--index", str(not_a_folder))
        assert code == EXIT_ENV, (argv, err)
        assert error_line(err) == f"assistant: error: index path is not a folder: {not_a_folder}"
        assert time.perf_counter() - started < 5


def test_corpus_that_is_a_file(capsys, world) -> None:
    corpus, index = world
    code, _out, err = run(capsys, "ask", Q_COUNT, *paths(corpus / "digital-silk-road-report.txt", index))
    assert code == EXIT_ENV
    assert "corpus path is not a folder" in error_line(err)


def test_ingest_path_that_is_a_folder_is_bad_input(capsys, world) -> None:
    corpus, index = world
    code, _out, err = run(capsys, "ingest", str(corpus), *paths(corpus, index))
    assert code == EXIT_INPUT and "is a folder, not a document" in err


# --- permission denied (without root's override) ------------------------------------------------------


@needs_setpriv
def test_unreadable_library_file_is_skipped_with_its_reason(world) -> None:
    corpus, index = world
    (corpus / "library").mkdir()
    secret = corpus / "library" / "secret.txt"
    secret.write_text("不可读的文件。", encoding="utf-8")
    secret.chmod(0o000)
    proc = unprivileged("ingest", *paths(corpus, index))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "skipped library/secret.txt: cannot read it: permission denied" in proc.stdout
    answer = unprivileged("ask", "--json", Q_COUNT, *paths(corpus, index))
    assert answer.returncode == 0 and "18个" in json.loads(answer.stdout)["answer"]


@needs_setpriv
@pytest.mark.parametrize("which", ["corpus", "index"])
def test_unreadable_corpus_or_index_folder(world, which: str) -> None:
    corpus, index = world
    folder = corpus if which == "corpus" else index
    folder.chmod(0o000)
    line = one_line(unprivileged("ask", Q_COUNT, *paths(corpus, index)))
    assert line == f"assistant: error: cannot read the {which} folder {folder}: permission denied"


@needs_setpriv
def test_unreadable_index_file(world) -> None:
    corpus, index = world
    target = current_generation(index) / "paragraphs.jsonl"
    target.chmod(0o000)
    line = one_line(unprivileged("ask", Q_COUNT, *paths(corpus, index)))
    assert "paragraphs.jsonl" in line and line.endswith("permission denied")


@needs_setpriv
def test_read_only_index_fails_before_embedding_and_keeps_the_old_index(world) -> None:
    corpus, index = world
    live = (index / "CURRENT").read_text(encoding="utf-8")
    (corpus / "new.txt").write_text("新加入的文件,需要重建索引。", encoding="utf-8")
    for path in [index, *index.rglob("*")]:
        if path.is_dir():
            path.chmod(0o555)
    proc = unprivileged("ingest", *paths(corpus, index))
    assert one_line(proc) == f"assistant: error: cannot write the index in {index}: permission denied"
    assert "embedding" not in proc.stderr and "reading" not in proc.stderr  # refused before any work
    assert (index / "CURRENT").read_text(encoding="utf-8") == live
    (corpus / "new.txt").unlink()  # the corpus the old index was built from: it answers again, read-only
    answer = unprivileged("ask", "--json", Q_COUNT, *paths(corpus, index))
    assert answer.returncode == 0 and "18个" in json.loads(answer.stdout)["answer"], answer.stderr[-1000:]


def test_read_only_file_system(capsys, world, monkeypatch) -> None:
    corpus, index = world
    (corpus / "new.txt").write_text("新加入的文件。", encoding="utf-8")
    real_open = Path.open

    def read_only(self: Path, mode: str = "r", *args, **kwargs):
        if "w" in mode and self.is_relative_to(index):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    code, _out, err = run(capsys, "ingest", *paths(corpus, index))
    assert code == EXIT_ENV
    assert error_line(err) == f"assistant: error: cannot write the index in {index}: read-only file system"


# --- a full disk ---------------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 4 MB tmpfs, or None where mounting is not allowed."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = shutil.which("mount") and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True, check=False
    ).returncode == 0
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def test_disk_full_mid_build_keeps_the_previous_index(capsys, world, tiny_disk, monkeypatch) -> None:
    corpus, index = world
    if tiny_disk is not None:  # a real full disk: the index on a tmpfs with only a few KB left
        shutil.copytree(index, tiny_disk / "index")
        index = tiny_disk / "index"
        stats = os.statvfs(index)
        with (tiny_disk / "filler").open("wb") as handle:
            handle.write(b"\0" * max(stats.f_bavail * stats.f_frsize - 48 * 1024, 0))
    else:  # no mount: the first write of the new generation fails as a full disk would
        def full(*_args, **_kwargs):
            raise OSError(errno.ENOSPC, "No space left on device", str(index))

        monkeypatch.setattr(assistant.index.build, "write_jsonl", full)
    live = (index / "CURRENT").read_text(encoding="utf-8")
    (corpus / "new.txt").write_text("新加入的文件,需要重建索引。" * 50, encoding="utf-8")
    code, _out, err = run(capsys, "ingest", *paths(corpus, index))
    assert code == EXIT_ENV
    line = error_line(err)
    assert "no space left on the disk" in line and line.endswith("the previous index (if any) is still in use")
    assert (index / "CURRENT").read_text(encoding="utf-8") == live
    assert not list(index.glob(".build-*"))  # the half-written generation is gone
    assert load_index(index).corpus.paragraphs  # and the live one is intact


def test_disk_full_while_copying_into_the_library(capsys, world, monkeypatch, tmp_path: Path) -> None:
    corpus, index = world
    doc = tmp_path / "policy.txt"
    doc.write_text("一份可以索引的政策文件。", encoding="utf-8")

    def full(_src, dst, *args, **kwargs):
        Path(dst).write_bytes(b"part")
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(assistant.library.shutil, "copyfile", full)
    code, _out, err = run(capsys, "ingest", str(doc), *paths(corpus, index))
    assert code == EXIT_ENV
    assert "no space left on the disk" in error_line(err)
    assert not [p for p in (corpus / "library").iterdir()]  # no partial copy left behind


def test_any_other_os_error_is_one_line(capsys, world, monkeypatch) -> None:
    corpus, index = world

    def broken(path: Path) -> str:
        raise OSError(errno.EIO, "Input/output error", str(path))

    monkeypatch.setattr(assistant.index.store, "sha256_file", broken)
    code, _out, err = run(capsys, "ask", Q_COUNT, *paths(corpus, index))
    assert code == EXIT_ENV
    assert error_line(err).endswith("input/output error")


# --- the manifest must list every file ---------------------------------------------------------------


@pytest.mark.parametrize("keep", [0, 3], ids=["empty-list", "partial-list"])
def test_a_manifest_that_does_not_list_every_file_is_damage(world, keep: int) -> None:
    corpus, index = world
    settings = Settings(corpus_dir=corpus, index_dir=index, embedder="hash-256")
    manifest_path = current_generation(index) / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"] = dict(list(manifest["files"].items())[:keep])
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="the manifest does not list"):
        load_index(index)
    assert "the manifest does not list" in (check_index(settings) or "")
    report = ingest(settings)
    assert report.rebuilt and load_index(index).corpus.paragraphs


# --- input files are read with a bound -----------------------------------------------------------------


@pytest.mark.parametrize("command", ["ask", "check"])
def test_file_inputs_are_read_with_a_bound(capsys, world, command: str) -> None:
    corpus, index = world
    started = time.perf_counter()
    code, _out, err = run(capsys, command, "--file", "/dev/zero", *paths(corpus, index))
    assert code == EXIT_INPUT
    assert "too large" in error_line(err)
    assert time.perf_counter() - started < 5


def test_check_input_is_capped_like_the_web_app(capsys, world, tmp_path: Path) -> None:
    corpus, index = world
    long = tmp_path / "answer.txt"
    long.write_text("东南亚零售电商增速达20%[§1.2 ¶3]。" * 400, encoding="utf-8")
    code, _out, err = run(capsys, "check", "--file", str(long), *paths(corpus, index))
    assert code == EXIT_INPUT
    assert "too long" in error_line(err) and "5,000" in err
