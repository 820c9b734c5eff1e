"""Settings: the one place that reads environment variables.

Everything else receives a `Settings` value, so tests and the UI can build
their own without touching the process environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_EMBEDDER = "use-multilingual-v3"

ENV_CORPUS = "ASSISTANT_CORPUS"
ENV_INDEX = "ASSISTANT_INDEX"
ENV_EMBEDDER = "ASSISTANT_EMBEDDER"
ENV_BACKEND = "ASSISTANT_BACKEND"
ENV_MILVUS_URI = "ASSISTANT_MILVUS_URI"
BACKEND_CHOICES = ("faiss", "milvus")
ENV_FEEDBACK = "ASSISTANT_FEEDBACK"
ENV_VERIFIER = "ASSISTANT_VERIFIER"  # "1" / "0": the learned answer verifier on or off


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    embedder: str = DEFAULT_EMBEDDER  # a known name, or a local sentence-transformers model folder
    # Where searches run: "faiss" (files in the index folder) or "milvus" (Lite file, Standalone or Distributed).
    backend: str = "faiss"
    milvus_uri: str | None = None  # None: Milvus Lite in <index>/milvus.db; or http://host:19530
    top_k: int = 5  # paragraphs retrieved per question
    max_citations: int = 4  # paragraphs quoted in one answer
    # Weight of the lexical score in score fusion; the rest goes to the dense score.
    # 0.6 was best among 0.5/0.6/0.7 and four dense normalisations on the eval set (evals/RESULTS.md).
    lexical_weight: float = 0.6
    # Below these evidence scores (Chinese / English questions) the answer is a refusal.
    # Chosen on the eval set as the point that refused most unanswerable questions while
    # refusing few answerable ones (evals/RESULTS.md has the sweep).
    refusal_threshold: float = 0.30
    refusal_threshold_en: float = 0.14
    # The learned verifier (assistant/answer/verifier.py) reads the sentences the rules accept and refuses
    # the unlikely ones; measured in evals/RESULTS.md.
    answer_verifier: bool = False
    max_question_chars: int = 2000
    max_answer_chars: int = 5000  # `check` (CLI and web app): a longer answer is refused, not checked for minutes
    # Caps for reading one PDF (in a child process): a hostile or broken file is skipped, never hangs ingest.
    # CPU time decides (a busy machine does not refuse a valid PDF); the wall-clock limit is only a backstop.
    pdf_cpu_s: int = 60
    pdf_timeout_s: float = 300.0
    pdf_max_bytes: int = 50_000_000
    pdf_max_pages: int = 500
    pdf_max_chars: int = 2_000_000
    # Where the web app appends answer feedback (JSONL); None: feedback/feedback.jsonl beside the index folder,
    # outside it, so an index rebuild never touches it.
    feedback_path: Path | None = None

    def __post_init__(self) -> None:
        if self.top_k < 1:
            raise ValueError("top_k must be at least 1.")
        if self.max_citations < 1:
            raise ValueError("max_citations must be at least 1.")
        if not 0.0 <= self.lexical_weight <= 1.0:
            raise ValueError("lexical_weight must be between 0 and 1.")
        if self.backend not in BACKEND_CHOICES:
            raise ValueError(f"backend must be one of {', '.join(BACKEND_CHOICES)}, not {self.backend!r}.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then environment variables, then explicit overrides (CLI flags)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        if env.get(ENV_CORPUS):
            values["corpus_dir"] = Path(env[ENV_CORPUS])
        if env.get(ENV_INDEX):
            values["index_dir"] = Path(env[ENV_INDEX])
        if env.get(ENV_EMBEDDER):
            values["embedder"] = env[ENV_EMBEDDER]
        if env.get(ENV_BACKEND):
            values["backend"] = env[ENV_BACKEND]
        if env.get(ENV_MILVUS_URI):
            values["milvus_uri"] = env[ENV_MILVUS_URI]
        if env.get(ENV_FEEDBACK):
            values["feedback_path"] = Path(env[ENV_FEEDBACK])
        if env.get(ENV_VERIFIER):
            values["answer_verifier"] = env[ENV_VERIFIER].strip().lower() in ("1", "true", "yes", "on")
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("corpus_dir", "index_dir"):
            if key in values:
                values[key] = Path(str(values[key]))
        return cls(**values)  # type: ignore[arg-type]

    @property
    def feedback_file(self) -> Path:
        """The feedback JSONL the web app appends to and `assistant.evaluation.feedback` reads."""
        return self.feedback_path or self.index_dir.parent / "feedback" / "feedback.jsonl"

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
