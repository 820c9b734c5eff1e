"""Keep the index in step with the corpus folder, reusing every document that did not change.

A check reads only file hashes, the source links of `sources.toml` and the
manifest (no model, no parsing). A build takes each unchanged document from
the per-document cache and parses and embeds only the new or changed ones;
a library or source file that cannot be read is skipped with its reason, and
the previous generation stays live until the new one is complete, so nothing
already indexed is lost when a new file fails.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant.attempts import UNFINISHED, Attempts
from assistant.config import Settings
from assistant.corpus import make_units, unit_counts
from assistant.environment import (
    EnvironmentFailure,
    cause,
    check_corpus_folder,
    check_index_folder,
    check_writable,
    write_cause,
)
from assistant.index.build import PIPELINE_VERSION, EmbedProgress, build_index, document_tokens, embed_texts
from assistant.index.doc_cache import CachedDocument, DocumentCache, cache_key
from assistant.index.embed import Embedder, embedder_name, load_embedder
from assistant.index.load import stale_reason
from assistant.index.records import read_jsonl, source_from_dict
from assistant.index.store import (
    IndexCorrupt,
    IndexMissing,
    current_generation,
    read_manifest,
    sha256_file,
    verify_files,
)
from assistant.ingest import CorpusError, ParsedDocument
from assistant.ingest.caps import CAPS
from assistant.ingest.catalog import CorpusFile, SkippedFile, load_file, scan
from assistant.ingest.pdf import PdfLimits
from assistant.ingest.registry import REGISTRY_NAME, apply_registry, linked_files, read_registry, sync_registry
from assistant.types import Source

Progress = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


@dataclass(frozen=True)
class IngestReport:
    rebuilt: bool
    reason: str  # why it was (or was not) rebuilt
    paragraphs: int
    sources: int
    seconds: float
    skipped: tuple[SkippedFile, ...] = ()  # files left out, with the reason
    warnings: tuple[str, ...] = ()
    parsed: int = 0  # documents parsed (and embedded) by this build
    reused: int = 0  # documents taken unchanged from the cache


@dataclass(frozen=True)
class CorpusState:
    """The corpus folder as the index sees it: which files, their hashes, the source links."""

    files: tuple[CorpusFile, ...]
    skipped: tuple[SkippedFile, ...]  # found but unusable as named (a key already taken)
    hashes: dict[str, str]  # relative path -> sha256, for every document file found
    links: dict[str, int]  # source document path -> footnote number, from sources.toml
    registry: str | None  # fingerprint of those links (None when there are none)
    warnings: tuple[str, ...]


def corpus_state(settings: Settings) -> CorpusState:
    """Scan the corpus; raises CorpusError for a missing or empty corpus or a broken sources.toml."""
    root = settings.corpus_dir
    check_corpus_folder(root)
    entries = read_registry(root / REGISTRY_NAME)
    links, warnings = linked_files(entries)
    files, skipped = scan(root, links)
    found = {f.rel for f in files} | {s.path for s in skipped}
    warnings += [f"{REGISTRY_NAME}: source {n}: {rel} not found" for rel, n in links.items() if rel not in found]
    hashes = {rel: _file_hash(root / rel) for rel in sorted(found)}
    total = sum(_size(f.path) for f in files if f.role != "report")
    if total > CAPS.library_warn_bytes:
        warnings.append(f"the library and source documents hold {total / 1e6:,.0f} MB (over "
                        f"{CAPS.library_warn_bytes / 1e6:,.0f} MB): indexing them will be slow")
    fingerprint = hashlib.sha256(json.dumps(sorted(links.items())).encode()).hexdigest()[:16] if links else None
    return CorpusState(tuple(files), tuple(skipped), hashes, links, fingerprint, tuple(warnings))


def _file_hash(path: Path) -> str:
    """sha256 of a document; an unreadable one gets a marker instead (it is skipped, with its reason, at build)."""
    try:
        return sha256_file(path)
    except OSError as exc:
        return f"unreadable: {cause(exc)}"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def pdf_limits(settings: Settings) -> PdfLimits:
    return PdfLimits(settings.pdf_timeout_s, settings.pdf_cpu_s, settings.pdf_max_bytes, settings.pdf_max_pages,
                     settings.pdf_max_chars)


def check_index(settings: Settings, state: CorpusState | None = None, verify: bool = False) -> str | None:
    """None when the live index is intact and fresh, else the reason to rebuild it (no model is loaded).

    `verify` hashes every file; otherwise a large index is checked by sizes (see store.verify_files).
    """
    state = state or corpus_state(settings)
    try:
        generation = current_generation(settings.index_dir)
        manifest = read_manifest(generation)
        verify_files(generation, manifest, deep=True if verify else None)
    except IndexMissing:
        return "no index yet"
    except IndexCorrupt as exc:
        return f"the index is damaged ({exc})"
    return stale_reason(manifest, state.hashes, embedder_name(settings.embedder), state.registry)


class LazyEmbedder:
    """The configured embedder, loaded only when a document actually needs embedding."""

    def __init__(self, spec: str, loaded: Embedder | None = None) -> None:
        self.spec = spec
        self.name = loaded.name if loaded else embedder_name(spec)
        self._loaded = loaded

    def _model(self) -> Embedder:
        if self._loaded is None:
            self._loaded = load_embedder(self.spec)
        return self._loaded

    @property
    def dim(self) -> int:
        return self._model().dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._model().embed(texts)


def ingest(
    settings: Settings,
    progress: Progress = _quiet,
    force: bool = False,
    embedder: Embedder | None = None,
    verify: bool = False,
) -> IngestReport:
    """Rebuild the index when it is missing, damaged, stale (or forced: then nothing is reused).

    `verify` checks every file of the live index against its sha256 first (`assistant ingest --verify`).
    """
    started = time.perf_counter()
    check_index_folder(settings.index_dir)
    state = corpus_state(settings)
    reason = "rebuild requested" if force else check_index(settings, state, verify=verify)
    counts = (0, 0)
    if reason is not None:
        check_writable(settings.index_dir)  # before anything is embedded
        progress(f"building the index: {reason}")
        try:
            counts = _build(settings, state, LazyEmbedder(settings.embedder, embedder), progress, reuse=not force)
        except OSError as exc:  # a full disk or a folder turned read-only mid-build: the old generation is live
            raise EnvironmentFailure(f"cannot write the index in {settings.index_dir}: "
                                     f"{write_cause(exc, settings.index_dir)}; "
                                     "the previous index (if any) is still in use") from exc
    generation = current_generation(settings.index_dir)
    manifest = read_manifest(generation)
    if reason is None:
        _restore_registry(settings, generation, manifest.get("registry_doc"), progress)
    skipped = tuple(SkippedFile(**s) for s in manifest.get("skipped", []))
    warnings = tuple(manifest.get("warnings", []))
    return IngestReport(reason is not None, reason or "the index is up to date", manifest["counts"]["paragraphs"],
                        manifest["counts"]["sources"], time.perf_counter() - started, skipped, warnings, *counts)


def _restore_registry(settings: Settings, generation: Path, registry_doc: str | None, progress: Progress) -> None:
    """Write sources.toml again from the index when the user deleted it (or the index predates it)."""
    path = settings.corpus_dir / REGISTRY_NAME
    if registry_doc is None or path.is_file():
        return
    rows = [source_from_dict(row) for row in read_jsonl(generation / "sources.jsonl")]
    sources = [source for doc, source in rows if doc == registry_doc]
    if sources and sync_registry(path, sources):
        progress(f"wrote {path} ({len(sources)} sources)")


def _build(
    settings: Settings, state: CorpusState, embedder: LazyEmbedder, progress: Progress, reuse: bool
) -> tuple[int, int]:
    """Build a generation; returns (documents parsed, documents reused)."""
    cache = DocumentCache(settings.index_dir)
    attempts = Attempts(settings.index_dir)
    if not reuse:
        attempts.clear()
    entries: list[CachedDocument | SkippedFile | ParsedDocument] = []
    keys, reused = [], 0
    open_attempts: set[str] = set()
    try:
        for file in state.files:  # pass 1: reuse each unchanged document, read the others
            key = cache_key(file, state.hashes[file.rel], embedder.name, PIPELINE_VERSION)
            keys.append(key)
            cached = cache.get(key) if reuse else None
            if cached is None and file.role != "report" and attempts.unfinished(key):
                cached = SkippedFile(file.rel, UNFINISHED)
                cache.put(key, cached)
                attempts.end(key)
            elif cached is None:
                progress(f"reading {file.rel}")
                attempts.begin(key, file.rel)  # open until the document is embedded and cached
                open_attempts.add(key)
                cached = load_file(file, settings.corpus_dir, pdf_limits(settings))
                if isinstance(cached, SkippedFile):
                    cache.put(key, cached)  # remembered: a hostile file is not retried on every build
                    attempts.end(key)
                    open_attempts.discard(key)
            else:
                reused += 1
            entries.append(cached)
        pending = [i for i, entry in enumerate(entries) if isinstance(entry, ParsedDocument)]
        tracker = EmbedProgress(sum(len(make_units(entries[i].paragraphs)) for i in pending), progress)
        for i in pending:  # pass 2: tokenise and embed the new ones, each saved as soon as done (a killed run resumes)
            document = entries[i]
            units = make_units(document.paragraphs)
            vectors = embed_texts(embedder, [u.text for u in units], progress, tracker)
            entries[i] = CachedDocument(document, vectors, tuple(tuple(t) for t in document_tokens(document)),
                                        tuple(unit_counts(document.paragraphs)))
            cache.put(keys[i], entries[i])
            attempts.end(keys[i])
            open_attempts.discard(keys[i])
    finally:
        for key in open_attempts:  # an exception is not a crash; only a killed process leaves the marker
            attempts.end(key)
    parsed = len(pending)
    docs: list[ParsedDocument] = []
    vectors_list: list[np.ndarray] = []
    tokens: list[tuple[str, ...]] = []
    counts: list[int] = []
    skipped = list(state.skipped)
    for entry in entries:
        if isinstance(entry, SkippedFile):
            progress(f"skipped {entry.path}: {entry.reason}")
            skipped.append(entry)
        elif entry.document.paragraphs:
            docs.append(entry.document)
            vectors_list.append(entry.vectors)
            tokens.extend(entry.tokens)
            counts.extend(entry.counts)
    if not any(d.role != "source" for d in docs):
        raise CorpusError(f"all documents in {settings.corpus_dir} are empty")
    warnings = list(state.warnings)
    report = next((d for d in docs if d.role == "report" and d.sources), None)
    if report is not None:
        try:
            if sync_registry(settings.corpus_dir / REGISTRY_NAME, report.sources):
                progress(f"wrote {settings.corpus_dir / REGISTRY_NAME} ({len(report.sources)} sources)")
        except OSError as exc:
            warnings.append(f"cannot write {REGISTRY_NAME}: {exc.strerror or exc}")
    indexed = {d.doc for d in docs}
    links = {report.doc: {f.number: f.doc for f in state.files if f.number is not None and f.doc in indexed}} \
        if report is not None else {}
    extra = {"registry": state.registry, "registry_doc": report.doc if report else None,
             "skipped": [asdict(s) for s in skipped], "warnings": warnings,
             "reuse": {"parsed": parsed, "reused": reused}}
    build_index(docs, embedder, settings.index_dir, state.hashes, progress,
                vectors=np.vstack(vectors_list).astype(np.float32), tokens=tokens, counts=counts,
                links=links, manifest_extra=extra)
    cache.keep_only(keys)
    return parsed, reused


def registry_overrides(
    settings: Settings, sources: dict[tuple[str, int], Source], registry_doc: str | None
) -> dict[tuple[str, int], Source]:
    """The index's footnote sources with the titles, publishers and dates the user set in sources.toml."""
    if registry_doc is None:
        return sources
    entries = read_registry(settings.corpus_dir / REGISTRY_NAME)
    mine = [s for (doc, _), s in sources.items() if doc == registry_doc]
    return {**sources, **{(registry_doc, s.number): s for s in apply_registry(mine, entries)}}

