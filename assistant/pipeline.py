"""The facade shared by the CLI, the UI and the tools: keep the index fresh, answer.

Opening an `Assistant` loads the embedder and the index once; `ask` is then a
pure in-memory operation (tokenise, embed the question, fuse, quote).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.answer import compose_answer, merge_answers
from assistant.config import Settings
from assistant.corpus import CorpusView
from assistant.embed import Embedder, embedder_name, load_embedder
from assistant.evidence import warm_up_tokenizers
from assistant.index_build import build_index
from assistant.index_load import LoadedIndex, load_index, stale_reason
from assistant.ingest import document_paths, load_corpus
from assistant.question import question_parts, validate_question
from assistant.retrieve import HybridRetriever, Retrieval
from assistant.store import IndexCorrupt, IndexMissing, current_generation, file_hashes, read_manifest, verify_files
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


def check_index(settings: Settings) -> str | None:
    """None when the live index is intact and fresh, else the reason to rebuild it.

    Reads only the manifest and file checksums, so an unchanged corpus costs
    milliseconds and no model is loaded.
    """
    try:
        generation = current_generation(settings.index_dir)
        manifest = read_manifest(generation)
        verify_files(generation, manifest)
    except IndexMissing:
        return "no index yet"
    except IndexCorrupt as exc:
        return f"the index is damaged ({exc})"
    return stale_reason(manifest, corpus_hashes(settings), embedder_name(settings.embedder))


def ingest(
    settings: Settings, progress: Progress = _quiet, force: bool = False, embedder: Embedder | None = None
) -> IngestReport:
    """Rebuild the index when it is missing, damaged, stale (or forced); else leave it as it is."""
    started = time.perf_counter()
    corpus_hashes(settings)  # raises CorpusError for a missing or empty corpus
    reason = "rebuild requested" if force else check_index(settings)
    if reason is not None:
        progress(f"building the index: {reason}")
        docs = load_corpus(settings.corpus_dir)
        embedder = embedder or load_embedder(settings.embedder)
        build_index(docs, embedder, settings.index_dir, corpus_hashes(settings), progress)
    manifest = read_manifest(current_generation(settings.index_dir))
    counts = manifest["counts"]
    return IngestReport(reason is not None, reason or "the index is up to date", counts["paragraphs"],
                        counts["sources"], time.perf_counter() - started)


class Assistant:
    def __init__(self, settings: Settings, index: LoadedIndex, embedder: Embedder, mode: str = "hybrid") -> None:
        self.settings = settings
        self.index = index
        self.embedder = embedder
        self.retriever = HybridRetriever(index, embedder, settings.lexical_weight, mode)

    @classmethod
    def open(cls, settings: Settings, progress: Progress = _quiet, mode: str = "hybrid") -> Assistant:
        warm = threading.Thread(target=warm_up_tokenizers, daemon=True)
        warm.start()  # jieba's dictionaries load while the model and the index do
        embedder = load_embedder(settings.embedder)
        ingest(settings, progress, embedder=embedder)
        index = load_index(settings.index_dir)
        warm.join()
        return cls(settings, index, embedder, mode)

    @property
    def corpus(self) -> CorpusView:
        return self.index.corpus

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return self.index.corpus.by_id.get(paragraph_id)

    def ask(self, question: str, k: int | None = None) -> Answer:
        """Answer one question; raises QuestionError for unusable input."""
        return self.ask_traced(question, k)[0]

    def ask_traced(self, question: str, k: int | None = None, search_k: int = 0) -> tuple[Answer, Retrieval]:
        """The answer and the retrieval behind it; `search_k` retrieves deeper for evaluation.

        A question in several parts ("…有多少个?…又与多少国签署?") is answered part by part
        and the parts merged, so each gets its own quote and citation.
        """
        started = time.perf_counter()
        text = validate_question(question, self.settings.max_question_chars)
        k = k or self.settings.top_k
        retrieval = self.retriever.retrieve(text, max(k, search_k))
        parts = question_parts(text)
        if len(parts) > 1:
            answer = merge_answers(text, [self._compose(part, self.retriever.retrieve(part, k), k) for part in parts])
        else:
            answer = self._compose(text, retrieval, k)
        return replace(answer, latency_ms=(time.perf_counter() - started) * 1000.0), retrieval

    def _compose(self, question: str, retrieval: Retrieval, k: int) -> Answer:
        return compose_answer(
            question,
            retrieval.hits[:k],
            retrieval.query_vector,
            retrieval.query_tokens,
            self.index.corpus,
            (self.settings.refusal_threshold, self.settings.refusal_threshold_en),
            self.settings.max_citations,
        )
