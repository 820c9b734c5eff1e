"""What the asker says besides the question: who they are and what they are doing ("我在准备MBA课上的案例展示,"),
and what they will do with the answer ("…有哪几条?我拿去对齐一下OKR"). Names and requests there are not asked."""

from __future__ import annotations

import re

# "I work on payments in Jakarta. Can you summarise…", "我在雅加达做支付。报告怎么说…": a sentence before the question
# that asks nothing tells who is asking. A name only there is no name the answer must hold.
_SENTENCE = re.compile(r"[^.。!！;；?？]+[.。!！;；?？]*")
# (an auxiliary asks only where it opens the sentence: "Are there…", not "we are bidding for…")
_ASKING = re.compile(r"[?？]|\b(?:what|which|who|whom|whose|when|where|why|how|please|tell|list|"
                     r"summari[sz]e|explain|describe|give|show)\b|^\W*(?:can|could|would|does|do|did|is|are)\b|"
                     r"吗|呢|什么|哪|怎么|咋|为什么|"
                     r"为啥|多少|几|谁|啥|请|帮我|介绍|说说|讲讲|列|总结|概括", re.I)
_FIRST_PERSON = re.compile(r"^\s*(?:我|我们|本人|\bI\b|\bwe\b)", re.I)
# "…?这逻辑我没捋顺,CPU干烧了", "…?一句话就行,我们读者都是小白": a last sentence asking nothing, in the asker's voice
_SPEAKER = re.compile(r"我|咱|俺|\b(?:I|I'm|my|we|our)\b")
# "我在准备MBA课上的案例展示,那个对比表里…": a first clause saying what the asker is doing, before the question.
ABOUT_ASKER = re.compile(r"^\s*(?:我|我们|本人|鄙人|笔者)(?:在|是|正在|现在|刚|要|想|们在|拟)[^,，.。?？]{2,30}[,，]")


def background(question: str) -> str:
    """The sentences before the last that ask nothing, those after it that say what the asker will do with the
    answer ("…有哪几条?我拿去对齐一下我们的OKR"), and a first clause about the asker ("" when none)."""
    sentences = [s for s in _SENTENCE.findall(question) if s.strip()]
    said = [s for s in sentences[:-1] if not _ASKING.search(s)]
    if after := purpose(question):
        said.append(after)
    elif sentences and (clause := ABOUT_ASKER.match(sentences[-1])) and not _ASKING.search(clause.group(0)):
        said.append(clause.group(0))
    return " ".join(said)


def purpose(question: str) -> str:
    """A last sentence, after the question, saying what the asker will do with the answer ("我拿去对齐一下OKR",
    "我想先确认语义,再决定译成…"): it asks nothing, and what it names or would have done is the asker's affair."""
    sentences = [s for s in _SENTENCE.findall(question) if s.strip()]
    last = sentences[-1] if len(sentences) > 1 else ""
    return last if (_FIRST_PERSON.match(last) or _SPEAKER.search(last)) and not _ASKING.search(last) else ""


def without_purpose(question: str) -> str:
    """The question without what the asker says they will do with the answer: its topics are not asked about."""
    return question.removesuffix(purpose(question))
