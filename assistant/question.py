"""The question as input: validation and splitting into parts.

Shared by the CLI, the web app and the answer pipeline, so every entry point
refuses the same bad input with the same one-line reason.
"""

from __future__ import annotations

import re

from assistant.text import cjk_ratio


class QuestionError(ValueError):
    """A question that cannot be answered as given (empty, too long, not text)."""


# Bidirectional controls (LRE…RLO, LRI…PDI, LRM, RLM) can make a question display as something it is not.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def validate_question(question: str, max_chars: int) -> str:
    """Return the stripped question (bidi controls removed) or raise QuestionError with a one-line reason."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text.")
    text = _BIDI.sub("", question).strip()
    if not text:
        raise QuestionError("the question is empty.")
    if len(text) > max_chars:
        raise QuestionError(f"the question is too long ({len(text)} characters; the limit is {max_chars}).")
    controls = sum(
        1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r") or ch == "\ufffd" or 0xD800 <= ord(ch) <= 0xDFFF
    )
    if controls:
        raise QuestionError("the question is not readable text (binary or control characters).")
    if not any(ch.isalnum() for ch in text):  # "？", "...": punctuation only
        raise QuestionError("the question has no words, only punctuation or symbols.")
    return text


# Words that make a text ask something (a question mark, 吗, 哪, "what"…).
ASKS = re.compile(r"[?？]|吗|呢|什么|啥|哪|谁|几|多少|怎么|咋|如何|为什么|为何|是否|有没有|是不是|能不能|能否|可不可以|"
                  r"\b(?:what|which|who|when|where|why|how|is|are|does|do|did|can|could)\b", re.I)
# An English statement after a question ("They are the biggest e-wallet in Vietnam.") holds "are" but asks nothing.
_ASKS_EN = re.compile(r"^\W*(?:what|which|who|whose|when|where|why|how|is|are|does|do|did|can|could|will|would|any|"
                      r"pls|please|and (?:what|which|who|how|why|where|when))\b", re.I)


def asks_something(part: str) -> bool:
    """Whether a part of a question asks anything: a question mark, a Chinese question word, or an English part
    opening as a question does."""
    if "?" in part or "\uff1f" in part:
        return True
    return _ASKS_EN.match(part) is not None if cjk_ratio(part) < 0.3 else ASKS.search(part) is not None


# (Not the 要 of 重要: "在俄罗斯这个话题也是很重要。" after a question is a remark, not what the asker will do.)
_INTENT = re.compile(r"我|我们|咱|(?<!重)要|打算|准备|安排|计划|需要|需|\b(?:I|we|my|our)\b", re.I)
_PART_END = re.compile("(?<=[?\uff1f])")  # ASCII and full-width question marks
MIN_PART_CHARS = 4


_GUESS = r"[A-Za-z][\w.&-]*(?: [A-Za-z][\w.&-]*){0,2}"  # "Temasek", "World Bank": a name offered as a guess
# "分别是什么?", "都有哪些?", "what are they?": a follow-up that asks about the part before it, not a question.
# "你预测下", "你觉得呢": asks for the assistant's view of the part before it, so the question is one opinion.
_FOLLOW_UP = re.compile(r"^(?:那|那么)?(?:分别|具体|都|各自)?(?:是|有)(?:什么|啥|哪些|哪几个|谁)[呢啊]?[?\uff1f]?$|"
                        # "…分几个层面?分别针对谁?": whom each of the parts just asked about addresses
                        r"^(?:那|那么)?(?:分别|各自)(?:针对|面向|对应|指向)(?:的是)?(?:什么|啥|谁|哪些)[呢啊]?[?\uff1f]?$|"
                        r"^(?:那|那么)?你(?:觉得|认为|怎么看|预测|猜|看)(?:一?下)?(?:呢|吧|啊|呀)?[?\uff1f]?$|"
                        r"^(?:and )?(?:what|which|who) (?:are|were|is) (?:they|those|these|it)\??$|"
                        r"^(?:and |or )?which (?:one|\w+)\??$|"  # "who published this report? which institute?"
                        r"^what do you think\??$|"
                        # "…?define it in one sentence", "…?三句话总结": how to tell the answer to the part before it
                        r"^(?:please |pls )?(?:define|explain|summari[sz]e|describe|list|put|say) "
                        r"(?:it|this|that|them)\b|"
                        # "…which consultancy is it from? Google/Temasek/Bain?": the guesses for the part before it
                        rf"^{_GUESS}(?:\s*/\s*{_GUESS})+\??$|"
                        # "…succeed? just yes or no", "…? in two sentences": how to answer the part before it
                        r"^(?:just |only |please |pls )?(?:answer )?(?:yes or no|yes/no|y/n)\W*$|"
                        r"^(?:just |please |pls )?(?:in )?(?:one|two|three|a few|\d) (?:short )?"
                        r"(?:sentences?|words|lines|bullets?|bullet points)(?: please| pls)?\W*$|"
                        r"^(?:用|请用)?(?:[一二三两几\d]句话|[一二三两几\d]点|简单|简要)?(?:总结|概括|说说|讲讲)(?:一下|下)?\W*$|"
                        # "…盘子多大?报告里给数没": whether the report gives the figure the first part asks for
                        # ("报告有写具体的数字吗?", "报告里能查到这个数吗?", "报告里有这个数字吗?": the same check)
                        r"^(?:报告|文中|里面|原文)?(?:里面?|中|上)?(?:有没有|有|能|可以|是否)?(?:写|给|给出|查到|找到|列|列出)?"
                        r"(?:了|出)?(?:个|这个|那个)?(?:具体|预测|准确)?(?:的)?(?:数|数字|数据)(?:吗|没|没有|么)?[?\uff1f]?$|"
                        # "…?给出所在页。", "…?并标注所在章节": where to cite the answer to the part before it
                        r"^(?:请|并)?(?:给出|标注|注明|标明|附上)(?:所在|对应的?)?(?:页|页码|章节|出处|位置|段落)\W*$|"
                        # "…是多少?报告里能查到吗", "…?is it in the report?": whether the report says what was asked
                        r"^(?:这|这个|那|那个)?(?:在)?(?:报告|文中|文章|report)(?:里面?|中|上)?(?:能|可以)?"
                        r"(?:查到|找到|看到|有写|写了|有提到|提到|提了|有讲|讲了|有说|说了|有)(?:吗|不|没|没有|么)?[?\uff1f]?$|"
                        r"^(?:any |some |give |with )?(?:examples?|e\.g\.?)(?: please| pls)?\W*$|"  # "…? examples"
                        r"^(?:is (?:it|that|this) (?:in|covered (?:in|by)|mentioned in) the report|"
                        r"does the report (?:say|mention|cover)(?: it| that| so)?|"
                        r"(?:can|could) you find (?:it|that) in the report)\W*$",
                        re.I)


# "who's behind the network, and what's Epic Games doing…?", "…有哪些规则,还有微软咋应对的?": a second question
# joined to the first in one sentence.
_JOINED = re.compile(r"[,;，；]\s*(?:and|plus|also)\s+(?=(?:what|who|whose|which|where|when|why|how)\b)|"
                     r"[,;，；]\s*(?:还有|以及|另外|顺便问一?下)(?=[^,，。;；]*(?:什么|啥|哪|谁|几|多少|怎么|咋|如何|为什么|为啥))",
                     re.I)


def joined_parts(question: str) -> list[str]:
    """The questions joined in one sentence (", and what…", ",还有…"), or [] when it is one. Asked apart only when
    the whole finds no answer: a second part often leans on the first ("who's on the working group, and how do I
    reach the editors?": the editors of the report)."""
    parts = [p.strip() for p in _JOINED.split(question) if p.strip()]
    return parts if len(parts) > 1 and all(len(p) >= MIN_PART_CHARS for p in parts) else []


def question_parts(question: str) -> list[str]:
    """Split a multi-part question at its question marks; one part when it is a single question (or its
    second part only follows up on the first: "企业层面的倡议有几条?分别是什么")."""
    parts = [p.strip() for p in _PART_END.split(question) if p.strip()]
    # A part that asks nothing and says what the user means to do ("…几号开始?要安排去沙特出差") is context for
    # the question, not a question ("蚂蚁商汤百度腾讯那些" after a question still asks about those).
    if len(parts) < 2 or any(len(p) < MIN_PART_CHARS or _FOLLOW_UP.match(p)
                             or (not ASKS.search(p) and _INTENT.search(p)) for p in parts):
        return [question]
    return parts


# "Zalo…报告里面有没有提到?有没有跟微信比较?": a part opening on its predicate leaves its subject to the part before
# (when that one names what the documents never mention, so does this one). A pronoun is a subject: "它在报告中起什么
# 作用?" after "…提到了一家商业银行,是哪一家?" is answered on its own.
_ELLIPTICAL = re.compile(r"^\W*(?:有没有|有无|是否|是不是|能不能|会不会|跟|和|与|同)")


def elliptical(part: str) -> bool:
    """Whether a part of a question leaves out its subject ("有没有跟微信比较?")."""
    return _ELLIPTICAL.match(part) is not None


# "…?报告里讲了TikTok的哪些案例?", "“规则驱动的文化与科技共生模式”怎么理解?": a question of its own about the documents
# Words naming the documents themselves (an off-topic reading never applies to a question using them).
DOCUMENT_WORDS = re.compile(r"报告|文中|原文|\b(?:report|document)s?\b", re.I)
_DOCUMENTS = re.compile(DOCUMENT_WORDS.pattern + r"|这份|该文|第[一二三四五六七八九十\d]+章|"
                        r"[“\"「][^”\"」]{2,30}[”\"」]|\b(?:chapter|section)s?\b", re.I)
_ADDRESSED = re.compile(r"[你您]|\byou(?:r)?\b", re.I)


def asks_documents(part: str, named: bool = False) -> bool:
    """Whether a part asks about the documents on its own: it names them, a term in quotes or (`named`) a thing the
    name table knows, and does not ask the assistant itself ("请说你自己的看法", "你押一个")."""
    return (named or _DOCUMENTS.search(part) is not None) and _ADDRESSED.search(part) is None
