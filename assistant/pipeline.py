"""The facade shared by the CLI, the UI and the tools: keep the index fresh, answer.

Opening an `Assistant` loads the embedder and the index once; `ask` is then a
pure in-memory operation (tokenise, embed the question, fuse, quote).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from assistant.answer import compose_answer, merge_answers
from assistant.answer.coordination import aspect_parts, contrast_parts, name_parts
from assistant.answer.evidence import warm_up_tokenizers
from assistant.answer.judgement import OFF_TOPIC, documents_lack
from assistant.answer.verifier import load_model
from assistant.config import Settings
from assistant.corpus import CorpusView
from assistant.index.backend import open_backend
from assistant.index.embed import Embedder, load_embedder
from assistant.index.incremental import IngestReport, check_index, ingest
from assistant.index.load import LoadedIndex, load_index
from assistant.index.registry_links import registry_overrides
from assistant.lexicon import NameGroup, NameTable, homophones, load_name_table
from assistant.lexicon.spelling import corrected
from assistant.provenance import with_provenance
from assistant.question import (
    asks_documents,
    asks_something,
    elliptical,
    joined_parts,
    question_parts,
    validate_question,
)
from assistant.question_reading import read_question
from assistant.retrieve import HybridRetriever, Retrieval
from assistant.types import Answer, Paragraph

Progress = Callable[[str], None]
__all__ = ["Assistant", "IngestReport", "check_index", "ingest"]


def _quiet(_message: str) -> None:
    return None


class Assistant:
    def __init__(self, settings: Settings, index: LoadedIndex, embedder: Embedder, mode: str = "hybrid",
                 names: NameTable | None = None) -> None:
        self.settings = settings
        self.index = index
        self.embedder = embedder
        self.names = names if names is not None else NameTable([])
        self.verifier = load_model() if settings.answer_verifier else None  # None: the rules decide alone
        self.retriever = HybridRetriever(index, embedder, settings.lexical_weight, mode, self.names,
                                         open_backend(index, settings))

    @classmethod
    def open(cls, settings: Settings, progress: Progress = _quiet, mode: str = "hybrid") -> Assistant:
        warm = threading.Thread(target=warm_up_tokenizers, daemon=True)
        warm.start()  # jieba's dictionaries load while the model and the index do
        embedder = load_embedder(settings.embedder)
        ingest(settings, progress, embedder=embedder)
        index = load_index(settings.index_dir)
        # Pairs such as 沙特电信(STC) were read from the report and its sources when they were indexed.
        table = load_name_table(settings.corpus_dir)
        names = NameTable([*table.groups, *(NameGroup(kind, names) for kind, names in index.name_pairs)])
        # Titles the user filled in or corrected in sources.toml show in citations without a rebuild.
        report = index.manifest.get("registry_doc")
        own = {(report, n): s for n, s in index.corpus.doc_sources(report).items()} if report else {}
        index.corpus.sources.update(registry_overrides(settings, own, report))
        homophones.warm_up(names)
        warm.join()
        return cls(settings, index, embedder, mode, names)

    @property
    def corpus(self) -> CorpusView:
        return self.index.corpus

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return self.index.corpus.by_id.get(paragraph_id)

    def ask(self, question: str, k: int | None = None, scope: str = "all") -> Answer:
        """Answer one question; raises QuestionError for unusable input."""
        return self.ask_traced(question, k, scope=scope)[0]

    def ask_traced(
        self, question: str, k: int | None = None, search_k: int = 0, scope: str = "all"
    ) -> tuple[Answer, Retrieval]:
        """The answer and the retrieval behind it; `search_k` retrieves deeper for evaluation.

        `scope` ("all", "report", "sources", "library") limits the documents searched. A citation of a
        paragraph whose footnoted source is indexed also gets that source's best-matching passage.

        A question in several parts ("…有多少个?…又与多少国签署?", or two aspects asked for separately:
        "…在A和B方面各有什么…") is answered part by part and the parts merged, so each gets its own quote
        and citation.
        """
        started = time.perf_counter()
        typed = validate_question(question, self.settings.max_question_chars)
        text = corrected(read_question(typed), self.names)  # "东难亚" is 东南亚
        text = homophones.by_sound(text, self.names, self.index.corpus.text_key)  # "百事" is 百世 here
        k = k or self.settings.top_k
        retrieval = self.retriever.retrieve(text, max(k, search_k), scope)
        parts = question_parts(text)
        if len(parts) == 1:  # "印尼在基础设施和支付方面各有什么规划": each aspect is asked for on its own
            parts = aspect_parts(text) or parts
        if len(parts) > 1:
            # The whole question first: its parts often share one topic only the whole names ("…TikTok在马来西亚的
            # 事情?有的话大概是怎么回事"); each part then adds what it asks on its own (no sentence twice).
            whole = self._compose(text, retrieval, k)
            if str(whole.debug.get("reason", "")).startswith(OFF_TOPIC):
                # "你觉得…会成功吗?请说你自己的看法": a part of an opinion or an instruction is one too, unless it asks
                # about the documents on its own
                parts = [part for part in parts if asks_documents(part, bool(self.names.find(part)))]
            elif documents_lack(str(whole.debug.get("reason", ""))):
                # "does it mention Tiki or Sendo? vietnam local platform", "…收入的数字?有稿件写“超千亿”。": a part
                # that asks nothing only says more of a question the documents cannot answer, nor one leaving out
                # its subject ("有没有跟微信比较?")
                parts = [part for part in parts if asks_something(part) and not elliptical(part)]
            answers = [whole, *(self._asked(part, None, k, scope) for part in parts)]
            answer = merge_answers(text, answers) if parts else whole
        else:
            answer = self._asked(text, retrieval, k, scope, joined=True)
        answer = with_provenance(answer, self.index.corpus)
        return replace(answer, question=typed, latency_ms=(time.perf_counter() - started) * 1000.0), retrieval

    def _asked(self, question: str, retrieval: Retrieval | None, k: int, scope: str, joined: bool = False) -> Answer:
        """One question (or one part of one), and when no sentence is about every name it gives ("微软和阿里云…",
        "海尔和百世集团为啥…"), each name asked about on its own; `joined`: two questions in one sentence are tried
        too ("…, and what's Epic Games doing…?")."""
        answer = self._compose(question, retrieval or self.retriever.retrieve(question, k, scope), k)
        apart = joined_parts(question) if answer.refused and joined else []
        if answer.refused and not apart and _not_about(answer):
            apart = contrast_parts(question, self.names) or name_parts(question, self.names)
        if apart:
            answer = merge_answers(question, [self._compose(p, self.retriever.retrieve(p, k, scope), k) for p in apart])
        return answer

    def _compose(self, question: str, retrieval: Retrieval, k: int) -> Answer:
        return compose_answer(
            question,
            retrieval.hits[:k],
            retrieval.query_vector,
            retrieval.query_tokens,
            self.index.corpus,
            (self.settings.refusal_threshold, self.settings.refusal_threshold_en),
            self.names,
            self.settings.max_citations,
            self.verifier,
        )


def _not_about(answer: Answer) -> bool:
    """Refused because no sentence was about every name the question gives."""
    return str(answer.debug.get("reason", "")).startswith("not about")
