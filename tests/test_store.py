"""The on-disk index: round trip, manifest, staleness, corruption, crash safety, pruning.

Built with the tiny deterministic `HashEmbedder` ("hash-256") over the real report, so
no model is loaded; one template index is built per module and copied for each test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.config import Settings
from assistant.index.build import build_index
from assistant.index.corpus_state import corpus_state
from assistant.index.embed import HashEmbedder
from assistant.index.load import load_index, stale_reason
from assistant.index.store import (
    CURRENT,
    FORMAT_VERSION,
    KEEP_GENERATIONS,
    MANIFEST,
    IndexCorrupt,
    IndexMissing,
    current_generation,
    sha256_file,
)
from assistant.ingest import ParsedDocument, load_corpus
from assistant.pipeline import Assistant, check_index, ingest
from assistant.types import Paragraph, Source

ROOT = Path(__file__).resolve().parent.parent
REPORT_NAME = "digital-silk-road-report.txt"
QUESTION = "数字丝绸之路合作国家有多少个?"


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(report_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A hash-256 index of the real report, built once for this module (copied, never modified)."""
    index_dir = tmp_path_factory.mktemp("template-index")
    ingest(Settings(corpus_dir=report_corpus, index_dir=index_dir, embedder="hash-256"))
    return index_dir



@pytest.fixture
def cfg(corpus: Path, template: Path, tmp_path: Path) -> Settings:
    """Settings over a private copy of the template index (up to date for `corpus`)."""
    index_dir = tmp_path / "index"
    shutil.copytree(template, index_dir)
    return Settings(corpus_dir=corpus, index_dir=index_dir, embedder="hash-256")


def generation(cfg: Settings) -> Path:
    return current_generation(cfg.index_dir)


def answers_correctly(cfg: Settings) -> None:
    assert not ingest(cfg).rebuilt
    answer = Assistant(cfg, load_index(cfg.index_dir), HashEmbedder()).ask(QUESTION)
    assert not answer.refused
    assert "18个" in answer.text


# --- round trip and manifest ----------------------------------------------------------------------


def test_round_trip_paragraphs_and_sources(cfg: Settings) -> None:
    docs = load_corpus(cfg.corpus_dir)
    loaded = load_index(cfg.index_dir)
    expected = [p for d in docs for p in d.paragraphs]
    assert [p.id for p in loaded.corpus.paragraphs] == [p.id for p in expected]
    assert [p.text for p in loaded.corpus.paragraphs] == [p.text for p in expected]
    assert list(loaded.corpus.paragraphs) == expected  # every field, heading paths and table rows included
    expected_sources = {(d.doc, s.number): s for d in docs for s in d.sources}
    assert loaded.corpus.sources == expected_sources
    assert len(expected_sources) > 0
    assert loaded.dense.size == len(loaded.corpus.units)
    assert loaded.lexical.size == len(expected)


def test_manifest_describes_the_generation(cfg: Settings) -> None:
    loaded = load_index(cfg.index_dir)
    manifest = loaded.manifest
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["embedder"] == {"name": "hash-256", "dim": HashEmbedder.dim}
    assert manifest["corpus"] == {REPORT_NAME: sha256_file(cfg.corpus_dir / REPORT_NAME)}
    assert manifest["corpus"] == corpus_state(cfg).hashes
    counts = manifest["counts"]
    assert counts["documents"] == 1
    assert counts["paragraphs"] == len(loaded.corpus.paragraphs)
    assert counts["units"] == len(loaded.corpus.units)
    assert counts["sources"] == len(loaded.corpus.sources)
    gen = loaded.generation
    on_disk = {p.relative_to(gen).as_posix() for p in gen.rglob("*") if p.is_file()} - {MANIFEST}
    assert set(manifest["files"]) == on_disk
    assert {"paragraphs.jsonl", "sources.jsonl", "starts.npy", "vectors.npy"} <= on_disk
    for rel, meta in manifest["files"].items():
        assert meta["sha256"] == sha256_file(gen / rel)
        assert meta["bytes"] == (gen / rel).stat().st_size


def test_no_pickle_anywhere_in_the_index(cfg: Settings) -> None:
    files = [p for p in cfg.index_dir.rglob("*") if p.is_file()]
    assert files
    assert not [p for p in files if p.suffix.lower() in (".pkl", ".pickle", ".joblib")]
    for path in files:
        if path.suffix == ".npy":
            np.load(path, allow_pickle=False)  # raises for object arrays (pickled payloads)
        assert not path.read_bytes().startswith(b"\x80\x04\x95"), f"{path} looks like a pickle"


# --- freshness ------------------------------------------------------------------------------------


def test_unchanged_reingest_does_not_rebuild(cfg: Settings) -> None:
    before = generation(cfg)
    report = ingest(cfg)
    assert report.rebuilt is False
    assert report.reason == "the index is up to date"
    assert generation(cfg) == before
    assert report.paragraphs > 0


def test_editing_the_corpus_rebuilds_naming_the_file(cfg: Settings) -> None:
    before = generation(cfg)
    path = cfg.corpus_dir / REPORT_NAME
    path.write_text(path.read_text(encoding="utf-8") + "\n新增的一段测试文字,用于检验重建。\n", encoding="utf-8")
    report = ingest(cfg)
    assert report.rebuilt is True
    assert REPORT_NAME in report.reason
    index = load_index(cfg.index_dir)
    assert index.generation == before and index.delta is not None  # the edit went into a delta: base untouched
    assert any("新增的一段测试文字" in p.text for p in index.corpus.paragraphs)
    assert ingest(cfg).rebuilt is False
    assert ingest(cfg, compact=True).rebuilt  # `ingest --compact` merges the delta into a new base
    merged = load_index(cfg.index_dir)
    assert merged.generation != before and merged.delta is None
    assert sum("新增的一段测试文字" in p.text for p in merged.corpus.paragraphs) == 1
    assert len(merged.corpus.paragraphs) == len(index.corpus.report_paragraphs())
    assert not list(cfg.index_dir.glob("delta-*")) and [p.name for p in cfg.index_dir.glob("gen-*")] == [
        merged.generation.name]
    answers_correctly(cfg)


def test_adding_a_document_makes_the_index_stale(cfg: Settings) -> None:
    (cfg.corpus_dir / "notes.md").write_text("# 附注\n\n这是一份新加入的文档。\n", encoding="utf-8")
    reason = check_index(cfg)
    assert reason is not None and "notes.md" in reason


def test_changing_the_embedder_makes_the_index_stale(cfg: Settings) -> None:
    assert check_index(cfg) is None
    reason = check_index(cfg.with_(embedder="use-multilingual-v3"))
    assert reason is not None
    assert "embedder" in reason and "hash-256" in reason
    manifest = load_index(cfg.index_dir).manifest
    assert stale_reason(manifest, corpus_state(cfg).hashes, "hash-256") is None
    assert stale_reason(manifest, corpus_state(cfg).hashes, "st:other-model") is not None
    assert "format" in stale_reason({**manifest, "format_version": 999}, corpus_state(cfg).hashes, "hash-256")


def test_missing_index_is_reported_as_missing(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing):
        load_index(tmp_path / "nothing-here")


# --- corruption -----------------------------------------------------------------------------------


def _truncate_dense(gen: Path, _index_dir: Path) -> None:
    path = gen / "vectors.npy"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip_paragraph_bytes(gen: Path, _index_dir: Path) -> None:
    path = gen / "paragraphs.jsonl"
    data = bytearray(path.read_bytes())
    for offset in (10, len(data) // 2, len(data) - 10):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))  # same size: only the checksum can tell


def _delete(rel: str) -> Callable[[Path, Path], None]:
    def corrupt(gen: Path, _index_dir: Path) -> None:
        target = gen / rel if rel != "lexical/*" else sorted((gen / "lexical").iterdir())[0]
        target.unlink()

    return corrupt


def _current(content: bytes) -> Callable[[Path, Path], None]:
    def corrupt(_gen: Path, index_dir: Path) -> None:
        (index_dir / CURRENT).write_bytes(content)

    return corrupt


def _manifest(content: str) -> Callable[[Path, Path], None]:
    def corrupt(gen: Path, _index_dir: Path) -> None:
        (gen / MANIFEST).write_text(content, encoding="utf-8")

    return corrupt


def _manifest_edit(edit: Callable[[dict], None]) -> Callable[[Path, Path], None]:
    def corrupt(gen: Path, _index_dir: Path) -> None:
        manifest = json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
        edit(manifest)
        (gen / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    return corrupt


def _drop_gen_dir(gen: Path, _index_dir: Path) -> None:
    shutil.rmtree(gen)


CORRUPTIONS = {
    "truncated vectors.npy": _truncate_dense,
    "flipped bytes in paragraphs.jsonl": _flip_paragraph_bytes,
    "deleted vectors.npy": _delete("vectors.npy"),
    "deleted starts.npy": _delete("starts.npy"),
    "deleted sources.jsonl": _delete("sources.jsonl"),
    "deleted a lexical file": _delete("lexical/*"),
    "deleted manifest": _delete(MANIFEST),
    "garbage in CURRENT": _current(b"\x00\xff\xfe garbage \x01"),
    "CURRENT names a missing generation": _current(b"gen-19700101-000000-000000\n"),
    "CURRENT escapes the folder": _current(b"gen-x/../../etc\n"),
    "empty CURRENT": _current(b""),
    "generation folder removed": _drop_gen_dir,
    "invalid manifest JSON": _manifest('{"format_version": 1, "files": {'),
    "manifest is a list": _manifest("[]"),
    "manifest from a future format": _manifest_edit(lambda m: m.update(format_version=FORMAT_VERSION + 1)),
    "manifest without embedder": _manifest_edit(lambda m: m.pop("embedder")),
    "manifest without counts": _manifest_edit(lambda m: m.pop("counts")),
    "manifest with a bad file entry": _manifest_edit(lambda m: m["files"].update({"vectors.npy": "oops"})),
}


@pytest.mark.parametrize("corrupt", list(CORRUPTIONS.values()), ids=list(CORRUPTIONS))
def test_corruption_is_detected_then_repaired(cfg: Settings, corrupt: Callable[[Path, Path], None]) -> None:
    corrupt(generation(cfg), cfg.index_dir)
    with pytest.raises(IndexCorrupt):
        load_index(cfg.index_dir)
    reason = check_index(cfg)
    assert reason is not None and "damaged" in reason
    report = ingest(cfg)
    assert report.rebuilt is True
    assert "damaged" in report.reason
    load_index(cfg.index_dir)
    answers_correctly(cfg)


_LOAD_SCRIPT = """
import sys
from pathlib import Path
from assistant.index.load import load_index
from assistant.index.store import IndexCorrupt
try:
    load_index(Path(sys.argv[1]))
except IndexCorrupt as exc:
    print("IndexCorrupt", exc)
else:
    print("loaded")
"""


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_damaged_vectors_with_matching_checksum_never_crash(cfg: Settings, damage: str) -> None:
    """Even a damaged file that passes the checksum (manifest rewritten) must not crash numpy or FAISS."""
    gen = generation(cfg)
    path = gen / "vectors.npy"
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 3])
    else:
        rng = np.random.default_rng(7)
        path.write_bytes(data[:16] + rng.integers(0, 256, len(data) - 16, dtype=np.uint8).tobytes())
    manifest = json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["vectors.npy"] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    (gen / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", _LOAD_SCRIPT, str(cfg.index_dir)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert proc.returncode == 0, f"load_index crashed (rc {proc.returncode}): {proc.stderr[-2000:]}"
    assert proc.stdout.startswith("IndexCorrupt"), proc.stdout + proc.stderr[-2000:]


# --- crash safety and pruning ---------------------------------------------------------------------


def _boom(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("simulated crash while writing the dense index")


@pytest.mark.parametrize("step", ["append", "finish"])
def test_crash_mid_build_keeps_the_previous_generation(
    cfg: Settings, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    from assistant.index.segment_writer import SegmentWriter
    from assistant.index.vector_file import VectorFileWriter

    live = generation(cfg)
    pointer = (cfg.index_dir / CURRENT).read_bytes()
    ids_before = [p.id for p in load_index(cfg.index_dir).corpus.paragraphs]
    with monkeypatch.context() as patch:
        patch.setattr(VectorFileWriter if step == "append" else SegmentWriter, step, _boom)
        with pytest.raises(RuntimeError, match="simulated crash"):
            ingest(cfg, force=True)
    assert (cfg.index_dir / CURRENT).read_bytes() == pointer
    assert generation(cfg) == live
    assert [p.id for p in load_index(cfg.index_dir).corpus.paragraphs] == ids_before
    answers_correctly(cfg)
    # A process killed outright leaves its build folder behind: the next build clears it.
    leftover = cfg.index_dir / ".build-19700101-000000-000000"
    leftover.mkdir(exist_ok=True)
    (leftover / "dense.faiss").write_bytes(b"half written")
    report = ingest(cfg, force=True)
    assert report.rebuilt
    assert not list(cfg.index_dir.glob(".build-*"))
    assert generation(cfg) != live
    answers_correctly(cfg)


def test_old_generations_are_pruned(cfg: Settings) -> None:
    names = [generation(cfg).name]
    for _ in range(4):
        ingest(cfg, force=True)
        names.append(generation(cfg).name)
    assert len(set(names)) == len(names), "every build gets a new generation folder"
    kept = sorted(p.name for p in cfg.index_dir.glob("gen-*"))
    # Only the live generation stays (disk: twice the vectors at most); a crash before the switch keeps the old one.
    assert len(kept) == KEEP_GENERATIONS == 1
    assert set(kept) == set(names[-1:])
    assert generation(cfg).name == names[-1]
    assert not list(cfg.index_dir.glob(".build-*"))
    assert not list(cfg.index_dir.glob(f".{CURRENT}.tmp"))
    answers_correctly(cfg)


# --- property: paragraphs survive the store byte for byte -------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # lone surrogates never come out of a UTF-8 decode
    min_size=1,
    max_size=60,
)


@st.composite
def paragraph_lists(draw: st.DrawFn) -> list[Paragraph]:
    count = draw(st.integers(min_value=1, max_value=6))
    paragraphs = []
    for i in range(count):
        kind = draw(st.sampled_from(["body", "front", "table"]))
        cells = draw(st.lists(st.lists(_TEXT, max_size=3), max_size=3))
        rows = tuple(tuple(r) for r in cells) if kind == "table" else ()
        paragraphs.append(
            Paragraph(
                id=f"p{i:011d}",
                doc="doc",
                kind=kind,
                heading_path=tuple(draw(st.lists(_TEXT, max_size=3))),
                locator=draw(_TEXT),
                text=draw(_TEXT),
                marks=tuple(draw(st.lists(st.integers(min_value=1, max_value=99), max_size=3))),
                order=i,
                rows=rows,
            )
        )
    return paragraphs


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=paragraph_lists(), title=_TEXT)
def test_store_round_trips_random_paragraphs(paragraphs: list[Paragraph], title: str) -> None:
    sources = (Source(id="fn1", number=1, title=title, text=title), Source(id="fn2", number=2, title="", missing=True))
    doc = ParsedDocument("doc", "doc.txt", title, tuple(paragraphs), sources, ())
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp)
        build_index([doc], HashEmbedder(), index_dir, {"doc.txt": "0" * 64})
        loaded = load_index(index_dir)
    assert list(loaded.corpus.paragraphs) == paragraphs
    assert loaded.corpus.sources == {("doc", s.number): s for s in sources}
    listed = [{k: d[k] for k in ("doc", "path", "title", "first", "count")} for d in loaded.manifest["documents"]]
    assert listed == [{"doc": "doc", "path": "doc.txt", "title": title, "first": 0, "count": len(paragraphs)}]
