"""How a question is read before it is analysed: as the corpus is written, without what is not the question.

Users type in traditional characters or Cantonese, greet and thank, give background before the question and
ask for the reply's form after it; none of that is what they ask. The answer still shows the question as typed.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from assistant.question import ASKS, DOCUMENT_WORDS
from assistant.text import simplified


def read_question(typed: str) -> str:
    """The question to analyse: simplified Mandarin, without pleasantries, background or reply-form requests."""
    typed = _FOREIGN_PHRASE.sub(_unless_names, _LANGUAGE_ZH.sub("外语", _LANGUAGE.sub("", reading_form(typed))))
    typed = _MENTION_COUNT.sub(r"\1了哪些", _FOR_OUR.sub("", typed))
    typed = _VENUE.sub("", typed) if DOCUMENT_WORDS.search(typed) else typed
    return asked_part(without_pleasantries(_REPORT_DESCRIBED.sub("报告", typed)))


# "一份讲数字丝绸之路的报告", "这份关于数字丝路的报告": the report described by its topic is the report, not a topic to
# search for ("为啥Uber也会出现在一份讲数字丝绸之路的报告里?" is about Uber).
_REPORT_DESCRIBED = re.compile(r"(?:一份|这份|这个|本|该)(?:讲|关于|谈|介绍|研究|分析)[^,，。?？!！]{1,14}?的"
                               r"(?:报告|研究报告)")


# "金融科技的部分提到了多少个国家?", "那节一共点名了几个国家": the documents do not count their own mentions; the
# reader counts them in the list of what is mentioned ("提到了哪些国家").
_MENTION_COUNT = re.compile(r"(提到|提及|点名|列举|举|写到|讲到|谈到|引用|援引)(?:了|到)?"
                            r"(?:多少|几)(?:个|家|位|项|种|类|条)")
# "把报告里那个对比表改成四行小红书图文文案": the social-media venue of the asker's own text about the documents, not a
# name asked about (TikTok is one the report writes about). A text about something else ("draft a LinkedIn post
# announcing our fund") is no question about the documents, and keeps the name that shows it.
_VENUE = re.compile(r"(?:小红书|抖音|快手|微博|朋友圈|公众号|视频号|[Bb]站|知乎|LinkedIn|Twitter|Facebook|Instagram)"
                    r"(?=\s*(?:上|里)?的?\s*(?:图文|文案|笔记|帖子|推文|短视频|视频|口播|脚本|post|thread|caption))",
                    re.I)
# "…as a markdown table for our IC memo.": what the asker will use the answer for, at the end of the question (its
# words are no names: "IC").
_FOR_OUR = re.compile(r"\s+for (?:our|my|the|a|an) (?:[\w-]+ ){0,3}(?:memo|deck|slides?|note|thesis|paper|presentation|"
                      r"brief(?:ing)?|class|lecture|article|post|pitch|newsletter|meeting)s?\b"
                      r"(?=\s*(?:,?\s*(?:please|pls|thanks|thank you))?\s*[.?!]*\s*$)", re.I)
# "the column headings in Chinese", "the exact Chinese title", "in the original Chinese", "my Chinese is not enough":
# the language a term or an answer is wanted in, or the asker's, not China (the name table reads "Chinese" as the
# country).
_LANGUAGE = re.compile(r"\s*\b(?:in|into) (?:the )?(?:original )?(?:Chinese|English|Mandarin)\b|"
                       r"\b(?:my|our) (?:Chinese|Mandarin)\b|\b(?:read|speak|write|understand) (?:Chinese|Mandarin)\b|"
                       r"\b(?:Chinese|English)\s(?=(?:term|word|name|wording|title|version|original|text|"
                       r"characters?|equivalent)s?\b)", re.I)
# "我翻译的时候用 cùng xây dựng, cùng chia sẻ,可以吗?": a phrase in a language written with diacritics (Vietnamese) is
# the asker's own wording, not names ("chia", "ng" were read as names the documents never mention).
_FOREIGN_PHRASE = re.compile(r"(?:[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+[\s,]*){3,}")
_DIACRITIC = re.compile(r"[\u00C0-\u024F\u1E00-\u1EFF]")


def _unless_names(m: re.Match) -> str:
    """The phrase dropped when at least two of its words carry diacritics ("São Paulo" stays)."""
    words = m.group(0).split()
    return " " if sum(1 for w in words if _DIACRITIC.search(w)) >= 2 else m.group(0)


# "国名的越南语对照", "阿拉伯文版本", "日文": a language, not its country (越南 would be a name the answer must hold).
_LANGUAGE_ZH = re.compile(r"(?:越南|阿拉伯|马来|印尼|印度尼西亚|西班牙|葡萄牙|意大利|土耳其|哈萨克|乌兹别克|蒙古|"
                          r"老挝|缅甸|柬埔寨|泰|俄|法|德|韩|日)(?:语|文)(?![化明学章件字])")


# Cantonese words a Hong Kong colleague types ("報告講嘅…有邊幾間", "京東喺巴西有冇做嘢") and their Mandarin
# reading, in simplified characters (they are replaced after t2s); only words no Mandarin text uses, so a
# simplified question is never changed by them.
_CANTONESE = (
    ("乜嘢", "什么"), ("咩嘢", "什么"), ("点解", "为什么"), ("点样", "怎样"), ("边个", "哪个"), ("边间", "哪家"),
    ("边度", "哪里"), ("边几", "哪几"), ("几多", "多少"), ("有冇", "有没有"), ("冇", "没有"), ("嘅", "的"),
    ("喺", "在"), ("咗", "了"), ("咩", "什么"), ("啲", "些"), ("嘢", "东西"), ("唔", "不"), ("嗰", "那"),
    ("𠮶", "那"), ("乜", "什么"),  # 嗰 as t2s writes it; 乜 alone, after 乜嘢
)


# Cantonese 係 is 是 ("有邊幾間係中國公司"), except inside the words it also writes (關係, 聯係, 係數); read before
# t2s, which makes it 系.
_CANTONESE_IS = re.compile(r"(?<![關关聯联干幹體体派世直維维])係(?![數数統统])")


def reading_form(question: str) -> str:
    """The question as the corpus is written: simplified characters, Mandarin words, English words in full.

    Questions typed in traditional characters (數字絲綢之路), with Cantonese words or in chat shorthand ("govt recs")
    would otherwise match nothing lexically; the user still sees the question as typed.
    """
    question = simplified(unicodedata.normalize("NFKC", _CANTONESE_IS.sub("是", question)))  # "第４章" as 第4章
    for cantonese, mandarin in _CANTONESE:
        question = question.replace(cantonese, mandarin)
    question = _CHAT_WORD.sub(lambda m: _CHAT_WORDS[m.group(0).lower()], question)
    return _LATIN_BESIDE_CJK.sub(" ", question)


# English chat shorthand and its words ("pilot coop in govt recs - wat kind of pilots?", "3 pts max").
_CHAT_WORDS = {"govt": "government", "gov't": "government", "govts": "governments", "rec": "recommendation",
               "recs": "recommendations", "recos": "recommendations", "wat": "what", "wht": "what", "wut": "what",
               "coop": "cooperation", "co-op": "cooperation", "pts": "points", "rpt": "report", "abt": "about",
               "intl": "international", "natl": "national", "mgmt": "management", "dept": "department",
               "orgs": "organisations", "biz": "business", "econ": "economy", "bcoz": "because", "coz": "because",
               "cuz": "because", "info": "information", "approx": "approximately", "thx": "thanks", "plz": "please",
               "ppl": "people", "infra": "infrastructure", "regs": "regulations"}
_CHAT_WORD = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w) for w in _CHAT_WORDS) + r")(?![\w'-])", re.I)


# "那个table里面fintech的定位", "report有讲…": an English word typed against Chinese characters is a word of its own
# (regular expressions see no word boundary between "table" and "里", both word characters).
_LATIN_BESIDE_CJK = re.compile(r"(?<=[A-Za-z])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=[A-Za-z])")


# A greeting or thanks around a question ("你好,请问…", "Hi, how many…?", "…谢谢!") is politeness, not chit-chat.
# ("在吗", "老板好~", "亲": the chat openings of a phone user.)
_OPENING = re.compile(r"^\s*(?:(?:(?:你好|您好|嗨|哈喽|哈啰|早上好|下午好|晚上好|谢谢|多谢|感谢|辛苦了|打扰了|请问|"
                      r"在吗|在么|在不在|(?:老师|老板|大佬|亲|各位|大家)(?:们)?(?:好|(?=[\s,，~～!！])))"
                      r"(?:呀|啊|哈|了)?|"
                      r"(?:hi|hello|hey|dear|thanks|thank you|good (?:morning|afternoon|evening|day))\b"
                      r"(?:\s+(?:sir|madam|ma'am|there|all|everyone|team|colleagues?)\b)?"  # "Good morning Sir."
                      r"(?=\s*[,，.。!！~～:：;；]|\s+(?:hi|hello|hey)\b))"  # "Hi hi, …": a greeting said twice
                      r"[\s,，.。!！~～、:：;；]*)+", re.I)
_CLOSING = re.compile(r"[\s,，.。!！~～]*(?:谢谢|多谢|感谢|thanks|thank you)(?:啦|了|你|您)?[\s.。!！~～]*$", re.I)


# How to reply ("用英文说", "简单说说", "please answer in English"): the answer quotes the documents as they are
# written, so such a request changes nothing, and the question before it is still asked.
_REPLY_FORM = re.compile(r"[\s,，.。;；!！]*(?:(?:请|麻烦)?(?:你)?(?:用|以)(?:英文|英语|中文|汉语|普通话)(?:来)?"
                         r"(?:说|回答|答|讲|写)(?:一下|下)?|(?:请)?简(?:单|短)(?:点|些|一点|说说|说一下|讲讲|回答)|说重点|"
                         r"(?:please )?(?:answer|reply|respond) in (?:english|chinese)(?: please)?|in english,? please|"
                         r"(?:please )?(?:keep it|be) (?:short|brief)|"
                         # how to write its numbers ("数字请用阿拉伯数字念": 阿拉伯 is no place asked about)
                         r"(?:数字)?(?:请|都)?(?:用|写成|改成)阿拉伯数字(?:念|读|写|表示|标)?|"
                         # a trainer's quiz item ("…分成哪几个层面?出个多选题", "…有啥不同?出道简答题")
                         r"(?:再|请|帮我)?(?:出|来|编)(?:个|一个|一道|道|几道|[\d一二三两几]+道)?"
                         r"(?:单选|多选|选择|填空|判断|简答|问答)题(?:目)?|"
                         # how many items ("列三至五条即可", "给我3-5点就行", "列三点就行")
                         r"(?:请|帮我)?(?:列|写|给我?|举|归纳|概括)(?:出)?[一二三四五六七八九十两几\d]+"
                         r"(?:(?:至|到|-|~|～)[一二三四五六七八九十\d]+)?(?:条|点|个|项)(?:即可|就行|就好|就够了|左右)?|"
                         # in what order ("…原文照录,按顺序", "请按原文出现顺序列出"): quotes keep the text's order
                         r"(?:请)?按(?:照)?(?:原文|报告|文中)?(?:中)?(?:出现)?(?:的)?(?:先后)?顺序(?:列出|排列|列|写|给出)?)"
                         r"[\s.。!！~～]*$", re.I)


# A request is a question too ("您好!…请将报告中面向各国政府的对策建议归纳提炼。", "请按报告内容出3道单选题").
# (a copy editor's "请核对原报告的发布单位", "请逐字列出", "请照录": a request to check or copy what the report says)
_REQUEST = re.compile(r"请(?:将|把|按|根据|结合|列|归纳|概括|总结|梳理|提炼|说明|介绍|解释|核对|核实|确认|查|照录|逐字|"
                      r"原样|提供|给出|告知|指出|注明|标明)|"
                      r"(?:帮我|麻烦|给我)(?:把|将|列|归纳|概括|总结|梳理|提炼|说明|介绍|解释|讲讲|说说)|"
                      r"\b(?:please|pls) (?:list|summari[sz]e|explain|describe|give)\b", re.I)


def without_pleasantries(question: str) -> str:
    """The question without a greeting before it, thanks or a request about the reply's form after it;
    unchanged when nothing else is left."""
    opening = _OPENING.match(question)
    core = _CLOSING.sub("", _REPLY_FORM.sub("", _CLOSING.sub("", _OPENING.sub("", question)))).strip()
    # "thanks, that's really helpful!" is still chit-chat: what is left must ask something, unless the user
    # said a question follows ("你好,请问 菜鸟 东南亚 仓库").
    asks = (ASKS.search(core) or _REQUEST.search(core) is not None
            or (opening is not None and "请问" in opening.group(0)))
    return core if sum(ch.isalnum() for ch in core) >= 2 and asks else question


# Background before the question ("我下周要跟印尼合作方开会,想了解一下:…", "I'm preparing a briefing …: how many…?"):
# the question is what follows the last colon or the last phrase announcing it.
_ANNOUNCED = re.compile(r"(?:(?<!\d)[:\uff1a](?!\d)|(?:我|就是)?(?:想|要)(?:先|再)?(?:问|了解|知道|请教|确认)"
                        r"(?:一下|下)?|请教一下|问一下|帮(?:我|忙)?(?:查|看|找)(?:一下|下)?|"
                        r"\b(?:i(?:'d| would) like to know|i want to know|(?:can|could) you (?:please )?tell me)\b)\s*",
                        re.I)
BACKGROUND_CHARS = 8  # a colon after fewer letters is part of a title ("数字丝路:平台企业…") or a label


# A sentence about the user that asks nothing ("我在做新员工培训,想用一张表讲清楚…。", "I'm new on the team."),
# before the question, is background too.
# (Dialects say 俺 or 额 for 我: "额在西安港务区弄跨境物流的".)
_ABOUT_USER = re.compile(r"^(?:我|我们|咱们|鄙人|本人|笔者|俺|额(?=们|[在是想要做搞弄家])|"
                         r"\bI(?:'m| am)\b|\bwe(?:'re| are)\b)", re.I)
# A phone typist ends a sentence with a space: "额在西安港务区弄跨境物流的 报告里说…".
_SENTENCE_END = re.compile(r"(?<=[。!！])|(?<=\.)\s+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
MIN_REST = 10


def _after_user_sentences(question: str) -> str:
    """The question from its first sentence that is not about the user, or after which no question of at least
    MIN_REST characters follows ("报告怎么看?" after "我们公司想去印尼。" keeps the sentence before it)."""
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(question) if m.end() < len(question))]
    for start, end in pairwise(starts):
        sentence, rest = question[start:end].strip(), question[end:].strip()
        if not _ABOUT_USER.match(sentence) or ASKS.search(sentence) or sum(ch.isalnum() for ch in rest) < MIN_REST:
            return question[start:].strip()
    return question[starts[-1]:].strip() if len(starts) > 1 else question


# A label before a colon that says what the question is about ("COSMOPlat: whose platform…", "菜鸟在东南亚的本土化:
# 组织形式怎么搞", "Huawei + Ethio Telecom case: what got deployed") is its subject, not background; a label about the
# asker or the asking ("Quick one for a memo:", "Two things:", "Be honest:", "我要把那张表改成FAQ:") is not.
_ASKING_LABEL = re.compile(r"\b(?:quick|questions?|things?|one|follow-?up|memo|thesis|honest|reviewer|here|check|"
                           r"note|context|background|btw|fyi|ok|okay|hi|hello|hey|record)\b|"
                           r"问题|一下|两件事|顺便|补充", re.I)
# A label in the asker's own voice ("For my thesis on soft power:") is about them, whatever it is on.
_FIRST_PERSON = re.compile(r"\b(?:my|our|I|we)\b|我")
_CLAUSE_MARK = re.compile(r"[,，.。;；!！?？]")


# "Two quick ones on the digital entertainment section:", "关于菜鸟的两个问题:": a label about the asking that names
# what it is about
_ON_TOPIC = re.compile(r"\b(?:on|about|regarding|concerning|re)\s+(?:the\s+)?\w|^关于\S")


def topic_label(prefix: str) -> bool:
    """Whether the text before a colon names the question's subject rather than the asker or the asking."""
    prefix = prefix.strip()
    if _CLAUSE_MARK.search(prefix) or _ABOUT_USER.match(prefix) or _FIRST_PERSON.search(prefix) or ASKS.search(prefix):
        return False
    return not _ASKING_LABEL.search(prefix) or _ON_TOPIC.search(prefix) is not None


def asked_part(question: str) -> str:
    """The question without the background a user wrote before it: sentences about the user, then whatever stands
    before an announcing colon or phrase when the part after it is a question by itself."""
    question = _after_user_sentences(question)
    for m in reversed(list(_ANNOUNCED.finditer(question))):
        rest = question[m.end():].strip()
        colon = m.group(0).strip() in (":", "\uff1a")
        # (after a question mark the question was asked: "…? Please answer in two parts: how it was before…")
        if colon and (sum(ch.isalnum() for ch in question[: m.start()]) < BACKGROUND_CHARS
                      or topic_label(question[: m.start()]) or re.search(r"[?？]", question[: m.start()])):
            continue
        if sum(ch.isalnum() for ch in rest) >= 4 and ASKS.search(rest):
            return rest
    return question
