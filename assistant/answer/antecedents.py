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
# Opens by pointing back at the sentence before: that sentence names what it continues.
_CONTINUES = re.compile(r"^(?:在此基础上|在此过程中|与此同时|此外|同时|另外|对此|为此|由此|因此|双方|"
                        r"该(?:模式|项目|平台|公司))")


def with_antecedents(chosen: Sequence[Sentence], corpus: CorpusView) -> list[Sentence]:
    """`chosen` with, before each sentence that leans on an earlier one of its paragraph, that earlier sentence."""
    out: list[Sentence] = []
    picked = set(chosen)
    for sentence in chosen:
        own = corpus.sentences.get(sentence.paragraph_id, ())
        at = next((i for i, s in enumerate(own) if s == sentence), -1)
        if at > 0:
            if _CONTINUES.match(sentence.text):
                before = own[at - 1]
            elif _EXAMPLE.match(sentence.text):
                before = own[0]
            else:
                before = None
            if before is not None and before not in picked and before not in out:
                out.append(before)
        out.append(sentence)
    # A sentence two documents (or two passages of one) share word for word is quoted once, from the first.
    once: dict[str, Sentence] = {}
    for sentence in out:
        once.setdefault(match_key(sentence.text), sentence)
    return list(once.values())
