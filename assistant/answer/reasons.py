""""跨境电商为啥要做全链路数字化", "为什么说要从技术转移转向应用赋能": why the report's named trend or mode.

The report names each trend and mode in a sub-part's heading and says why it matters in that part's opening
paragraph, before it lists features and examples. A why-question worded with a heading's own distinctive
words (全链路数字化, 应用赋能, 本地化嵌入) is answered from that opening; its words otherwise match a feature
or an example better, which says what, not why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from assistant.answer.parallel import LEAD_CHARS
from assistant.answer.parts import in_part, part_paragraphs
from assistant.answer.passages import fits, passage_from
from assistant.corpus import CorpusView, Sentence
from assistant.text import match_key, segment
from assistant.types import Hit, Paragraph

# The heading words a question must share with one sub-part's heading (characters, counting only words at
# most two headings use: 平台企业 and 模式 name every part of chapter 4).
MIN_SHARED = 5
MAX_HEADINGS_PER_WORD = 2


def reason_part(question: str, headings: dict[str, str]) -> str:
    """The sub-part (§3.1, §4.2…) whose heading the question's distinctive words name, or ""."""
    keys = {prefix: match_key(heading) for heading, prefix in headings.items() if "." in prefix}
    words = {match_key(w) for w in segment(question) if len(w) >= 2}
    spread = Counter(w for w in words for key in keys.values() if w in key)
    distinctive = [w for w in words if 0 < spread[w] <= MAX_HEADINGS_PER_WORD]
    scores = sorted(((sum(len(w) for w in distinctive if w in key), prefix) for prefix, key in keys.items()),
                    reverse=True)
    if not scores or scores[0][0] < MIN_SHARED or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return ""
    return scores[0][1]


# A part's opening may take two paragraphs: context first ("数字普惠金融既是…"), then why ("…既能激活区域金融市场").
OPENING_PARAGRAPHS = 2


def reason_quotes(prefix: str, corpus: CorpusView, question: str = "") -> list[Sentence]:
    """The part's opening paragraph that shares most of the question's words (the first on a tie), whole when
    short, else a passage from its first sentence. The opening ends where the features begin."""
    opening: list[Paragraph] = []
    for paragraph in part_paragraphs(prefix, corpus)[:OPENING_PARAGRAPHS]:
        first = corpus.sentences.get(paragraph.id, ())[:1]
        # "一是…", or a short lead ("技术供给更灵活:…"): the features begin
        lead = first[0].text if first else ""
        if opening and (not lead or lead.startswith(("一是", "1.", "(1)")) or len(lead) < LEAD_CHARS):
            break
        opening.append(paragraph)
    words = {match_key(w) for w in segment(question) if len(w) >= 2}
    best = max(opening, key=lambda p: sum(len(w) for w in words if w in match_key(p.text)), default=None)
    sentences = corpus.sentences.get(best.id, ()) if best else ()
    return passage_from(sentences[0], corpus) if sentences else []


def reason_follow(prefix: str, quotes: Sequence[Sentence], hits: Sequence[Hit], corpus: CorpusView) -> list[Sentence]:
    """The part's best-retrieved paragraph beyond its opening ("华为+埃塞电信那个case为啥算应用赋能": the case the
    part gives), whole when short, else a passage from its first sentence, while the answer stays within the budget."""
    quoted = {s.paragraph_id for s in quotes}
    for hit in hits:
        paragraph = corpus.by_id.get(hit.paragraph_id)
        if paragraph is None or paragraph.id in quoted or paragraph.kind != "body" or not in_part(paragraph, prefix):
            continue
        sentences = corpus.sentences.get(paragraph.id, ())
        more = passage_from(sentences[0], corpus) if sentences else []
        return more if fits(quotes, more) else []
    return []
