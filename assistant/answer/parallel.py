"""A list written across paragraphs: a part whose paragraphs each open with a short lead.

"驱动因素有哪些" is answered by §1.1's three paragraphs, each stating one driver first (区域紧密合作牵引…,
经济与技术环境驱动…, 国家内生需求支撑…): no one paragraph holds the list.
"""

from __future__ import annotations

from assistant.corpus import CorpusView, Sentence
from assistant.types import Paragraph

LEAD_CHARS = 30  # a paragraph whose first sentence is shorter states its point first ("区域紧密合作牵引…建设。")
MIN_PARALLEL = 3  # three such paragraphs in one part make a list written across paragraphs


def sibling_leads(paragraph: Paragraph, corpus: CorpusView) -> list[Sentence] | None:
    """A list written across paragraphs: the part's paragraphs that each open with a short lead, when the given
    paragraph is one of them ("驱动因素有哪些": 区域紧密合作牵引…, 经济与技术环境驱动…, 国家内生需求支撑…)."""
    place = paragraph.locator.split(" ")[0]
    leads: list[Sentence] = []
    for other in corpus.report_paragraphs():
        if other.locator.split(" ")[0] != place or other.kind == "table":
            continue
        sentences = corpus.sentences.get(other.id, ())
        if sentences and len(sentences[0].text) < LEAD_CHARS and not sentences[0].text.startswith(("一是", "二是")):
            leads.append(sentences[0])
    if len(leads) < MIN_PARALLEL or not any(lead.paragraph_id == paragraph.id for lead in leads):
        return None
    return leads
