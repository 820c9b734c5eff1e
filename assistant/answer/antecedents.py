"""A quoted sentence that leans on what comes before it is quoted with it.

"例如,Epic Games将…虚幻引擎…" illustrates its paragraph's point ("一是以技术标准输出引导内容生产方向。");
"二是整合产业链上下游资源…例如Uber…" is an item of the point its paragraph opens with ("平台企业作为多边市场的
生态整合者…"); "在此基础上,双方联合开发…TeleBirr" continues the sentence that says who "双方" are. Quoted alone,
such a sentence drops the point, the subject or the name a reader asked for. Pure: sentences in, sentences out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.corpus import CorpusView, Sentence
from assistant.text import match_key

# Opens with an example or an item of the paragraph's point: its lead states the point.
_EXAMPLE = re.compile(r"^(?:例如|比如|譬如|如)[,，:：]|^[一二三四五六七八九十]是")
# Opens without a subject, carrying on the one before ("通过打造精品的数字化基础设施,…").
_SUBJECTLESS = re.compile(r"^(?:通过|借助|依托|并|进而|从而)")
# Opens by pointing back at the sentence before: that sentence names what it continues.
_CONTINUES = re.compile(r"^(?:在此基础上|在此过程中|与此同时|此外|同时|另外|对此|为此|由此|因此|双方|"
                        r"该(?:模式|项目|平台|公司))")


# "在此背景下,天翼智库研判了…" opens a paragraph by pointing at the background the paragraphs before it set out:
# a question about that background ("写作背景是啥") is answered by them, not by the word 背景 in the pointer.
_AFTER_BACKGROUND = re.compile(r"^(?:在此|在这一|在这样的|在这种|基于这一|基于此)(?:大)?(?:背景|形势|环境)下")
# (Why it was written asks the same: "前言里说为啥要写这个报告", "why was this report written".)
_ASKS_BACKGROUND = re.compile(r"背景|写作目的|(?:为什么|为啥|为何)[^,，。?？]{0,6}(?:写|搞|做|编|出)"
                              r"[^,，。?？]{0,4}报告|\bbackground\b|\bcontext\b|"
                              r"\bwhy\b[^?]{0,40}\b(?:written|wrote|write)\b", re.I)
BACKGROUND_PARAGRAPHS = 3  # how far back, within its part, the background it points at may begin


def asks_background(question: str) -> bool:
    return _ASKS_BACKGROUND.search(question) is not None


def _background(sentence: Sentence, corpus: CorpusView) -> list[Sentence]:
    """The sentences of the paragraphs before `sentence`'s, in its part (at most BACKGROUND_PARAGRAPHS)."""
    paragraph = corpus.by_id[sentence.paragraph_id]
    before: list[Sentence] = []
    earlier = corpus.previous(paragraph)
    for _ in range(BACKGROUND_PARAGRAPHS):
        if earlier is None or earlier.heading_path != paragraph.heading_path or earlier.kind != paragraph.kind:
            break
        before[:0] = corpus.sentences.get(earlier.id, ())
        earlier = corpus.previous(earlier)
    return before


def with_antecedents(chosen: Sequence[Sentence], corpus: CorpusView, background: bool = False) -> list[Sentence]:
    """`chosen` with, before each sentence that leans on an earlier one of its paragraph, that earlier sentence;
    with `background` (the question asks for it), before a paragraph opening "在此背景下", the paragraphs that set
    out that background."""
    out: list[Sentence] = []
    picked = set(chosen)
    for sentence in chosen:
        own = corpus.sentences.get(sentence.paragraph_id, ())
        at = next((i for i, s in enumerate(own) if s == sentence), -1)
        if background and _AFTER_BACKGROUND.match(own[0].text if own else ""):
            out.extend(s for s in _background(sentence, corpus) if s not in picked and s not in out)
        if at > 0:
            if _CONTINUES.match(sentence.text):
                # back to the sentence that names the subject: "通过打造…" carries it on from the one before
                first = at - 1
                while first > 0 and (_SUBJECTLESS.match(own[first].text) or _CONTINUES.match(own[first].text)):
                    first -= 1
                before = list(own[first:at])
            elif _EXAMPLE.match(sentence.text):
                before = [own[0]]
            else:
                before = []
            new = [b for b in before if b not in picked and b not in out]
            if new:  # before the paragraph's later sentences already quoted: "在全球…" opens it, before "然而…一是"
                at = next((i for i, s in enumerate(out)
                           if s.paragraph_id == sentence.paragraph_id and s.row > new[0].row), len(out))
                out[at:at] = new
        out.append(sentence)
    # A sentence two documents (or two passages of one) share word for word is quoted once, from the first.
    once: dict[str, Sentence] = {}
    for sentence in out:
        once.setdefault(match_key(sentence.text), sentence)
    return list(once.values())
