"""Value objects passed between the pipeline stages.

All are frozen: a paragraph or an answer never changes after it is made, so
they can be cached, hashed and shared between the CLI, the UI and the tools.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """A work the report cites in a footnote (or, later, a document on disk)."""

    id: str  # "fn3": stable, derived from the footnote number
    number: int
    title: str  # the text inside 《》, or the whole note when there is none
    publisher: str = ""
    date: str = ""
    text: str = ""  # the footnote line as repaired, without its number
    missing: bool = False  # the mark exists in the body but its footnote text was lost


@dataclass(frozen=True)
class Paragraph:
    """One citable unit of a document: what a citation points at."""

    id: str  # content-derived, stable across re-ingests (see ingest.ids)
    doc: str  # document key, e.g. "report"
    kind: str  # "body" | "front" | "table"
    heading_path: tuple[str, ...]  # e.g. ("四、平台企业的…", "(一)云计算平台企业:…")
    locator: str  # human locator, e.g. "§4.1 ¶3"
    text: str  # repaired text, shown to users and quoted in answers
    marks: tuple[int, ...] = ()  # footnote numbers cited by this paragraph
    order: int = 0  # reading order within the document (display only, never an ID)
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, for kind == "table"
    page: int | None = None  # 1-based page where it starts, for documents read from a PDF

    @property
    def section(self) -> str:
        """The innermost heading, as a short label for citation lists."""
        return self.heading_path[-1] if self.heading_path else ""


@dataclass(frozen=True)
class Hit:
    """One retrieved paragraph with the scores that ranked it."""

    paragraph_id: str
    score: float  # fused score in [0, 1], higher is better
    lexical: float = 0.0  # normalised BM25 score in [0, 1]
    dense: float = 0.0  # cosine similarity of the best-matching unit


@dataclass(frozen=True)
class AnswerSentence:
    """A sentence quoted from the corpus and the marker of its citation."""

    text: str
    marker: int
    paragraph_id: str


@dataclass(frozen=True)
class SourcePassage:
    """Two-hop provenance: the passage of a cited source's own document that best backs a quote."""

    source: str  # the footnote source id, e.g. "fn3"
    number: int  # its footnote number
    doc: str  # the source document's key, e.g. "S3"
    paragraph_id: str
    locator: str  # e.g. "S3 p.2 ¶1"
    text: str  # the best-matching sentence of that paragraph
    page: int | None = None
    score: float = 0.0


@dataclass(frozen=True)
class ParagraphRef:
    """A paragraph named by id and locator with its text: a quiz item's key, a checker's suggestion."""

    id: str
    locator: str
    text: str

    @classmethod
    def of(cls, paragraph: Paragraph) -> ParagraphRef:
        return cls(paragraph.id, paragraph.locator, paragraph.text)


@dataclass(frozen=True)
class Citation:
    """A paragraph cited by an answer, numbered by its marker."""

    marker: int
    paragraph: Paragraph
    sources: tuple[Source, ...] = ()
    sentences: tuple[str, ...] = ()  # the quoted sentences that this citation supports
    source_passages: tuple[SourcePassage, ...] = ()  # what the cited sources' documents say
    doc_title: str = ""  # the title of the paragraph's document
    role: str = "report"  # "report" | "source" | "library": quotes from the latter two name their document


@dataclass(frozen=True)
class Conflict:
    """Two documents that state different figures for what the question asks."""

    markers: tuple[int, ...]  # the citations that disagree
    docs: tuple[str, ...]  # their documents' titles
    values: tuple[str, ...]  # the differing figures, as written


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    refused: bool
    sentences: tuple[AnswerSentence, ...] = ()
    citations: tuple[Citation, ...] = ()
    see_also: tuple[Paragraph, ...] = ()  # closest paragraphs, offered with a refusal
    conflicts: tuple[Conflict, ...] = ()  # documents that disagree on the figure asked for
    notes: tuple[str, ...] = ()  # lines after the quotes: footnote sources, a note that documents disagree
    latency_ms: float = 0.0
    lang: str = "zh"
    debug: dict = field(default_factory=dict, compare=False, hash=False)
