"""The hostile corpus: real broken PDFs and generated hostile text files never crash ingest.

The CLI runs as a subprocess under `prlimit --as` (1.5 GiB of address space), as a user's shell would run
it: every file is indexed or skipped with its reason, nothing is retried into a crash, nothing blows the
memory cap, and the report keeps answering afterwards. `tests/data/hostile/LICENSES.md` says where the
PDFs come from.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import EXIT_INPUT, main
from assistant.config import Settings
from assistant.ingest.caps import CAPS
from assistant.pipeline import ingest

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "hostile"
REPORT = ROOT / "corpus" / "digital-silk-road-report.txt"
MEMORY_CAP = "1536M"  # address space for the whole CLI process (resident memory is lower still)
Q_COUNT = "数字丝绸之路合作国家有多少个?"
PASSWORD_PROTECTED = {"pdfjs-encrypted-attachment", "pdfjs-print_protection", "pdfjs-saslprep-r6",
                      "pypdf-libreoffice-writer-password"}


def hostile_texts(folder: Path) -> dict[str, str | None]:
    """Generated hostile text files: name -> words of the skip reason (None: it is indexed)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nul.txt").write_bytes(b"\x00" * 1_000_000)
    (folder / "long-paragraph.txt").write_text("数字丝绸之路" * 40_000, encoding="utf-8")  # 240,000 characters
    (folder / "long-words.md").write_text("word " * 50_000, encoding="utf-8")
    (folder / "sentences.txt").write_text("。" * 200_000, encoding="utf-8")
    (folder / "zero.txt").write_bytes(b"")
    (folder / "blank.md").write_text("  \n\t\n\u3000\n", encoding="utf-8")
    (folder / "huge.txt").write_bytes(b"a" * (CAPS.text_bytes + 1))
    (folder / "latin1.txt").write_bytes("café crème".encode("latin-1"))
    (folder / "bidi.txt").write_text("\u202e这是一段反向文字。\u202c正常文字。", encoding="utf-8")
    return {"nul.txt": "NUL bytes", "long-paragraph.txt": None, "long-words.md": None,
            "sentences.txt": "too much to index", "zero.txt": "empty file (0 bytes)", "blank.md": "only white space",
            "huge.txt": "too large", "latin1.txt": "not UTF-8", "bidi.txt": None}


def cli(*argv: str, cap: str = MEMORY_CAP, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """`assistant ARGV` in a child process with an address-space cap; the worktree's code is imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    command = ["prlimit", f"--as={_bytes(cap)}", sys.executable, "-m", "assistant.cli", *argv]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)


def _bytes(size: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(size[:-1]) * units[size[-1]] if size[-1] in units else int(size)


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-3000:]


pytestmark = pytest.mark.skipif(shutil.which("prlimit") is None, reason="needs prlimit (util-linux)")


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    """The report plus every hostile file already in corpus/library/ (as if copied there by hand)."""
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    shutil.copy(REPORT, corpus / REPORT.name)
    library = corpus / "library"
    expected = hostile_texts(library)
    for pdf in sorted(HOSTILE.glob("*.pdf")):
        shutil.copy(pdf, library / pdf.name)
    return corpus, expected


def test_the_hostile_pdfs_are_small_and_licensed() -> None:
    pdfs = sorted(HOSTILE.glob("*.pdf"))
    assert 25 <= len(pdfs) <= 40
    assert sum(p.stat().st_size for p in pdfs) <= 20_000_000
    licences = (HOSTILE / "LICENSES.md").read_text(encoding="utf-8")
    assert "Apache License 2.0" in licences and "CC-BY-SA-4.0" in licences


def test_hostile_library_is_indexed_or_skipped_within_the_memory_cap(hostile_corpus, tmp_path: Path) -> None:
    corpus, expected = hostile_corpus
    index = tmp_path / "index"
    paths = ["--corpus", str(corpus), "--index", str(index), "--embedder", "hash-256"]
    first = cli("ingest", *paths)
    no_traceback(first)
    assert first.returncode == 0, first.stderr[-2000:]
    skipped = dict(line.removeprefix("skipped ").split(": ", 1) for line in first.stdout.splitlines()
                   if line.startswith("skipped "))
    for name, words in expected.items():
        rel = f"library/{name}"
        if words is None:
            assert rel not in skipped, skipped.get(rel)
        else:
            assert words in skipped[rel], (rel, skipped.get(rel))
    for stem in PASSWORD_PROTECTED:
        assert skipped[f"library/{stem}.pdf"].startswith("password-protected"), skipped[f"library/{stem}.pdf"]
    assert "library/pypdf-GeoTopo-komprimiert.pdf" not in skipped  # 117 valid pages: CPU time, not wall clock
    assert "no text" in skipped["library/pdfjs-empty_protected.pdf"]  # the empty password opened it
    assert all(reason.strip() for reason in skipped.values())

    again = cli("ingest", *paths)  # nothing is retried: the skips are remembered
    no_traceback(again)
    assert again.returncode == 0 and again.stdout.startswith("index unchanged"), again.stdout[:300]
    assert "reading library/" not in again.stderr

    answer = cli("ask", "--json", Q_COUNT, *paths)
    no_traceback(answer)
    assert answer.returncode == 0, answer.stderr[-2000:]
    obj = json.loads(answer.stdout)
    assert not obj["refused"] and "18个" in obj["answer"]
    assert obj["citations"][0]["id"].startswith("p")


@pytest.mark.slow
def test_a_240k_character_paragraph_is_windowed_under_the_cap_with_the_real_embedder(tmp_path: Path) -> None:
    """The file that used to climb to 7–17 GB: one long paragraph, added with `ingest PATH`, default embedder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPORT, corpus / REPORT.name)
    long = tmp_path / "long-paragraph.txt"
    long.write_text("平台企业共建数字丝绸之路" * 4_000, encoding="utf-8")  # 48,000 characters in one paragraph
    paths = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    added = cli("ingest", str(long), *paths)
    no_traceback(added)
    assert added.returncode == 0, added.stderr[-2000:]
    assert "added library/long-paragraph.txt" in added.stdout
    answer = cli("ask", "--json", Q_COUNT, *paths)
    no_traceback(answer)
    obj = json.loads(answer.stdout)
    assert not obj["refused"] and "18个" in obj["answer"]


def test_ingest_path_refuses_what_cannot_be_indexed_without_copying(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPORT, corpus / REPORT.name)
    outside = tmp_path / "incoming"
    expected = {name: words for name, words in hostile_texts(outside).items() if words is not None}
    for stem in ("pdfjs-empty", "pdfjs-encrypted-attachment", "pdfjs-Pages-tree-refs"):
        shutil.copy(HOSTILE / f"{stem}.pdf", outside / f"{stem}.pdf")
    expected |= {"pdfjs-empty.pdf": "no text to index", "pdfjs-encrypted-attachment.pdf": "password-protected",
                 "pdfjs-Pages-tree-refs.pdf": "cyclic"}
    paths = ["--corpus", str(corpus), "--index", str(tmp_path / "index"), "--embedder", "hash-256"]
    for name, words in expected.items():
        code = main(["ingest", str(outside / name), *paths])
        out, err = capsys.readouterr()
        assert code == EXIT_INPUT, (name, out, err)
        assert f"not added {outside / name}: " in err and words in err, (name, err)
        assert not (corpus / "library" / name).exists()  # never copied, so never retried
    assert not (corpus / "library").exists() or not list((corpus / "library").iterdir())


def test_a_document_that_killed_the_process_is_skipped_next_time(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Out of memory or kill -9 mid-document leaves its marker: the next build skips it instead of dying again."""
    import assistant.attempts
    import assistant.index.prepare

    corpus = tmp_path / "corpus"
    (corpus / "library").mkdir(parents=True)
    shutil.copy(REPORT, corpus / REPORT.name)
    (corpus / "library" / "killer.txt").write_text("会让进程被杀死的文件。", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="hash-256")
    ingest(settings)
    (corpus / "library" / "killer.txt").write_text("会让进程被杀死的文件,第二版。", encoding="utf-8")
    real_embed = assistant.index.prepare.embed_texts

    def killed(embedder, texts, *args, **kwargs):
        if any("第二版" in t for t in texts):
            raise KeyboardInterrupt  # stands in for SIGKILL; the marker's removal is skipped below
        return real_embed(embedder, texts, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(assistant.index.prepare, "embed_texts", killed)
        patch.setattr(assistant.attempts.Attempts, "end", lambda self, key: None)
        with pytest.raises(KeyboardInterrupt):
            ingest(settings)
    report = ingest(settings)
    assert [(s.path, s.reason) for s in report.skipped] == [("library/killer.txt", assistant.attempts.UNFINISHED)]
    assert report.paragraphs > 60  # the report is indexed all the same
    retried = ingest(settings, force=True)
    assert not retried.skipped
