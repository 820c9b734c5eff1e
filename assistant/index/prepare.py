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
from assistant.corpus import make_units, unit_counts
from assistant.index.build import PIPELINE_VERSION, EmbedProgress, document_tokens, embed_texts
from assistant.index.corpus_state import CorpusState, pdf_limits
from assistant.index.doc_cache import CachedDocument, DocumentCache, cache_key
from assistant.index.embed import Embedder, embedder_name, load_embedder
from assistant.ingest import ParsedDocument
from assistant.ingest.catalog import CorpusFile, SkippedFile, load_file

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
    progress: Progress, reuse: bool,
) -> tuple[list[CachedDocument | SkippedFile], list[str], int, int]:
    """Each file's cached result, or parsed, tokenised and embedded now.

    Returns (entries, cache keys, documents parsed and embedded, entries taken from the cache).

    Each document is cached as soon as it is embedded, so a killed run resumes after the last one.
    """
    cache = DocumentCache(settings.index_dir)
    attempts = Attempts(settings.index_dir)
    if not reuse:
        attempts.clear()
    entries: list[CachedDocument | SkippedFile | ParsedDocument] = []
    keys, reused = [], 0
    open_attempts: set[str] = set()
    try:
        for file in files:  # pass 1: reuse each unchanged document, read the others
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
    return entries, keys, len(pending), reused  # type: ignore[return-value]
