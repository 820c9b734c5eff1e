"""The facade shared by the CLI, the UI and the tools: keep the index fresh, answer.

Opening an `Assistant` loads the embedder and the index once; `ask` is then a
pure in-memory operation (tokenise, embed the question, fuse, quote).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.answer import compose_answer
from assistant.config import Settings
from assistant.embed import Embedder, embedder_name, load_embedder
from assistant.index_build import build_index
from assistant.index_load import LoadedIndex, load_index, stale_reason
from assistant.ingest import document_paths, load_corpus
from assistant.question import validate_question
from assistant.retrieve import HybridRetriever, Retrieval
from assistant.store import IndexCorrupt, IndexMissing, file_hashes
from assistant.types import Answer, Paragraph

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


def corpus_hashes(settings: Settings) -> dict[str, str]:
    return file_hashes(document_paths(settings.corpus_dir), settings.corpus_dir)


def check_index(settings: Settings) -> tuple[LoadedIndex | None, str]:
    """The live index if it is usable and fresh, else None and the reason."""
    try:
        index = load_index(settings.index_dir)
    except IndexMissing:
        return None, "no index yet"
    except IndexCorrupt as exc:
        return None, f"the index is damaged ({exc})"
    reason = stale_reason(index.manifest, corpus_hashes(settings), embedder_name(settings.embedder))
    return (None, reason) if reason else (index, "the index is up to date")


def ingest(
    settings: Settings, progress: Progress = _quiet, force: bool = False, embedder: Embedder | None = None
) -> tuple[LoadedIndex, IngestReport]:
    """Rebuild the index when it is missing, damaged, stale (or forced); else reuse it."""
    started = time.perf_counter()
    hashes = corpus_hashes(settings)  # raises CorpusError for a missing or empty corpus
    index, reason = (None, "rebuild requested") if force else check_index(settings)
    if index is None:
        progress(f"building the index: {reason}")
        docs = load_corpus(settings.corpus_dir)
        embedder = embedder or load_embedder(settings.embedder)
        build_index(docs, embedder, settings.index_dir, hashes, progress)
        index = load_index(settings.index_dir)
    counts = index.manifest["counts"]
    report = IngestReport(reason != "the index is up to date", reason, counts["paragraphs"], counts["sources"],
                          time.perf_counter() - started)
    return index, report


class Assistant:
    def __init__(self, settings: Settings, index: LoadedIndex, embedder: Embedder, mode: str = "hybrid") -> None:
        self.settings = settings
        self.index = index
        self.embedder = embedder
        self.retriever = HybridRetriever(index, embedder, settings.lexical_weight, mode)

    @classmethod
    def open(cls, settings: Settings, progress: Progress = _quiet, mode: str = "hybrid") -> Assistant:
        embedder = load_embedder(settings.embedder)
        index, _report = ingest(settings, progress, embedder=embedder)
        return cls(settings, index, embedder, mode)

    @property
    def corpus(self):  # noqa: ANN201 - CorpusView, kept out of the import graph of callers
        return self.index.corpus

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return self.index.corpus.by_id.get(paragraph_id)

    def ask(self, question: str, k: int | None = None) -> Answer:
        """Answer one question; raises QuestionError for unusable input."""
        return self.ask_traced(question, k)[0]

    def ask_traced(self, question: str, k: int | None = None, search_k: int = 0) -> tuple[Answer, Retrieval]:
        """The answer and the retrieval behind it; `search_k` retrieves deeper for evaluation."""
        started = time.perf_counter()
        text = validate_question(question, self.settings.max_question_chars)
        k = k or self.settings.top_k
        retrieval = self.retriever.retrieve(text, max(k, search_k))
        answer = compose_answer(
            text,
            retrieval.hits[:k],
            retrieval.query_vector,
            retrieval.query_tokens,
            self.index.corpus,
            (self.settings.refusal_threshold, self.settings.refusal_threshold_en),
            self.settings.max_citations,
        )
        return replace(answer, latency_ms=(time.perf_counter() - started) * 1000.0), retrieval
