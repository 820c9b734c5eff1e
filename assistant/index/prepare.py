"""Each document of the corpus as the index needs it: taken from the cache, or read, tokenised and embedded.

Each document is cached as soon as it is embedded (a killed ingest resumes after it), a file that
fails is remembered (a hostile PDF is not retried on every build), and the model is loaded only
when a document actually needs embedding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from assistant.attempts import UNFINISHED, Attempts
from assistant.config import Settings
from assistant.index.build import PIPELINE_VERSION, EmbedProgress, document_tokens, embed_texts
from assistant.index.corpus_state import CorpusState, pdf_limits
from assistant.index.doc_cache import CachedDocument, CachedRef, DocumentCache, cache_key
from assistant.index.embed import Embedder, embedder_name, load_embedder
from assistant.ingest.catalog import CorpusFile, SkippedFile, load_file
from assistant.units import make_units, unit_counts

Progress = Callable[[str], None]


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


def prepare(
    settings: Settings, files: Sequence[CorpusFile], state: CorpusState, embedder: LazyEmbedder,
    progress: Progress, reuse: bool, keep: bool = True,
) -> tuple[list[CachedDocument | CachedRef | SkippedFile], list[str], int, int]:
    """Each file's cached result, or parsed, tokenised and embedded now.

    Returns (entries, cache keys, documents parsed and embedded, entries taken from the cache). With
    `keep` the entries are the documents themselves (a delta: a few); without, references to the cache
    (a full build reads them back one at a time, so no more than one document is in memory).

    Each document is cached as soon as it is embedded, so a killed run resumes after the last one.
    """
    cache = DocumentCache(settings.index_dir)
    attempts = Attempts(settings.index_dir)
    if not reuse:
        attempts.clear()
    entries: list[CachedDocument | CachedRef | SkippedFile | None] = []
    keys, reused = [], 0
    for file in files:  # pass 1: what the cache holds (sizes checked; nothing large is read)
        key = cache_key(file, state.hashes[file.rel], embedder.name, PIPELINE_VERSION)
        keys.append(key)
        cached = cache.peek(key) if reuse else None
        if cached is None and file.role != "report" and attempts.unfinished(key):
            cached = SkippedFile(file.rel, UNFINISHED)
            cache.put(key, cached)
            attempts.end(key)
        elif cached is not None and not isinstance(cached, SkippedFile):
            reused += 1
        entries.append(cached)
    pending = [i for i, entry in enumerate(entries) if entry is None]
    tracker = EmbedProgress(len(pending), progress, unit="documents")
    embedded = 0
    for i in pending:  # pass 2: read, tokenise and embed the others, each cached when done (a killed run resumes)
        file = files[i]
        progress(f"reading {file.rel}")
        attempts.begin(keys[i], file.rel)  # open until the document is embedded and cached
        try:
            document = load_file(file, settings.corpus_dir, pdf_limits(settings))
            if isinstance(document, SkippedFile):
                entries[i] = document  # remembered: a hostile file is not retried on every build
                cache.put(keys[i], document)
            else:
                units = make_units(document.paragraphs)
                vectors = embed_texts(embedder, [u.text for u in units])
                built = CachedDocument(document, vectors, tuple(tuple(t) for t in document_tokens(document)),
                                       tuple(unit_counts(document.paragraphs)))
                cache.put(keys[i], built)
                embedded += 1
                entries[i] = built if keep else CachedRef(keys[i], document.doc, document.role,
                                                          len(document.paragraphs), len(units), len(document.sources))
        finally:  # an exception is not a crash; only a killed process leaves the marker
            attempts.end(keys[i])
        tracker.advance(1)
    if keep:
        entries = [_load(cache, key) if isinstance(e, CachedRef) else e for key, e in zip(keys, entries, strict=True)]
    return entries, keys, embedded, reused  # type: ignore[return-value]


def _load(cache: DocumentCache, key: str) -> CachedDocument | SkippedFile:
    found = cache.get(key)
    if found is None:
        raise OSError(f"the cached document {key} vanished or was damaged during the build; run ingest again")
    return found
