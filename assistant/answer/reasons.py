""""跨境电商为啥要做全链路数字化", "为什么说要从技术转移转向应用赋能": why the report's named trend or mode.

The report names each trend and mode in a sub-part's heading and says why it matters in that part's opening
paragraph, before it lists features and examples. A why-question worded with a heading's own distinctive
words (全链路数字化, 应用赋能, 本地化嵌入) is answered from that opening; its words otherwise match a feature
or an example better, which says what, not why.
"""

from __future__ import annotations

from collections import Counter

from assistant.answer.sections import part_paragraphs
from assistant.answer.selection import passage_from
from assistant.corpus import CorpusView, Sentence
from assistant.text import match_key, segment

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


def reason_quotes(prefix: str, corpus: CorpusView) -> list[Sentence]:
    """The part's opening paragraph (whole when short, else a passage from its first sentence)."""
    opening = part_paragraphs(prefix, corpus)[:1]
    sentences = corpus.sentences.get(opening[0].id, ()) if opening else ()
    return passage_from(sentences[0], corpus) if sentences else []
