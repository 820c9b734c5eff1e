"""Questions that are not about the documents at all: chit-chat, instructions, the assistant's opinion.

They are refused outright, without "see also": no text of the corpus answers a greeting, a request to write a
poem, or advice on whether to invest.
"""

from __future__ import annotations

import re

from assistant.answer.report_questions import about_report
from assistant.question import DOCUMENT_WORDS

# A gap inside a pattern stays in one clause: no punctuation, and no space between two Chinese characters ("这报告谁出的
# 靠谱不" is a question, then an opinion); a space beside an English word ("我们 SaaS 要不要…") is no clause break.
_GAP = r"(?:[^,，。?？\s]|(?<![\u4e00-\u9fff])\s|\s(?![\u4e00-\u9fff]))"

# Not questions about the documents at all: greetings, requests to write or translate, the assistant's opinion.
_CHITCHAT = re.compile(
    r"^\s*(?:你好|您好|嗨|哈喽|早上好|晚上好|谢谢|多谢|再见|在吗)|你是谁|你叫什么|你是(?:什么|哪个)|你会什么|"
    r"^\s*(?:hi|hello|hey|thanks|thank you|good (?:morning|evening))\b|\bwho are you\b|\bhow are you\b|"
    r"\bwhat can you do\b|\bwhat(?:'s| is) your name\b|\bwho (?:built|made|created|trained|developed) you\b|"
    r"谁(?:开发|做|训练|创造)(?:了|的)?你|你是谁(?:开发|做)的",
    re.I,
)
_INSTRUCTION = re.compile(
    # "写一首诗", "帮我写一首关于丝绸之路的诗": what it is about may stand between the measure word and the noun
    # "帮我想10个爆款标题", "给我起个标题": thinking one up for the asker is writing it
    rf"(?:(?:帮我|给我|请你?)?(?:写|作|编)(?:一|几)?|(?:帮我|给我|请你?|帮忙)(?:想|起|拟)(?:一|几|\d+|[两三四五六七八九十]+)?)"
    rf"(?:首|篇|段|个|封|份|条)(?:关于|有关)?{_GAP}{{0,12}}?"
    r"(?:诗|绝句|律诗|对联|词|文章|故事|笑话|歌|代码|邮件|信|总结|演讲|文案|口号|广告|推文|朋友圈|微博|标题|段子|"
    r"通知|讲话稿|发言稿|请假条|周报|简历|导语|串词|贺词|开场白|台词|脚本)|"
    # rewriting the user's own text ("帮我把这段导语改得抓人一点")
    r"把(?:这|下面|以下|我)(?:段|句|篇|个|条|份)[^,，。?？]{0,12}?(?:改得|改成|改写|重写|润色|缩写|扩写|精简)|"
    r"写首|写诗|作诗|翻译成|译成|翻成|用英文(?:写|说)|用中文(?:写|说)|讲个笑话|"
    r"\b(?:write|compose) (?:me )?(?:a |an |some )?(?:poem|story|essay|song|joke|haiku|limerick|email|code|tweet|"
    r"(?:grant |project |funding |business )?proposal|cover letter|speech|blog(?: post)?|resume|cv)\b|"
    r"\btranslate\b|\btell (?:me )?a joke\b|"
    r"\bdraft (?:me )?(?:an? |some |the |our )?(?:[\w-]+ ){0,2}?(?:email|e-mail|letter|memo|reply|message|speech|"
    r"post|note)\b|"
    r"(?:帮我|给我|请)?起草(?:一)?(?:封|份|篇|个)",
    re.I,
)
_OPINION = re.compile(
    r"[你您](?:个人)?(?:觉得|认为|怎么看|看好|猜|预测|建议我|判断)|[你您]的(?:看法|观点|意见|高见|判断)|依[你您](?:看|之见)|在[你您]看来|"
    # "给个倾向性结论", "is the stock worth buying?": a leaning or a buy the asker wants from us
    r"倾向性(?:的)?(?:结论|判断|意见|看法)|\bworth (?:buying|investing in|a buy|the investment)\b|"
    # "以您的判断…", "照你看…最赚钱", "你说…能不能超过美国", "现在做还来得及吗"
    rf"照[你您](?:看|说)|[你您]说{_GAP}{{0,20}}(?:能不能|会不会|能否)|来得及吗|"
    r"值不值得|值得投资?|该不该|"
    # advice for the user ("要不要去印尼做跨境电商?给点建议"), a verdict ("哪个国家最好做"),
    # a forecast ("以后还会不会再被禁")
    rf"(?:我|我们|咱){_GAP}{{0,6}}(?:要不要|应不应该|能不能去)|给(?:我|点|些|个)(?:建议|意见)|"
    rf"哪(?:个|家|里|国|只|支|个国家|个市场){_GAP}{{0,6}}(?:最好|更好|最值得|更值得|最容易|更容易|最赚钱|最受益)|"
    # a side taken, a stock picked ("你站哪边?直接给个立场", "is BABA a buy? PT?", "long BABA or 0700.HK")
    r"[你您]站哪(?:一)?边|给(?:个|出)(?:明确的?)?立场|"
    # who comes out ahead ("china vs us … who wins?", "中美谁会赢"): a verdict no quote gives
    # (a forecast: not "谁赢得了世界杯", who won)
    r"\bwho (?:will|would|is going to) (?:win|come out ahead|prevail)\b|\bwho wins\s*\?|"
    r"谁(?:会|能|将)(?:赢|胜出|占上风)|"
    r"\bis (?:it|\$?(?-i:[A-Z]{2,5})) a (?:buy|sell|hold)\b|\bprice target\b|"
    r"\b(?:go )?(?:long|short)\s+(?-i:\$?[A-Z]{2,5}|\d{4}\.HK)\b|"
    rf"(?:以后|将来|今后|未来{_GAP}{{0,4}}|明年|接下来|[一二三四五六七八九十两几\d]+年(?:后|以后|之后))"
    rf"{_GAP}{{0,12}}(?:会不会|能不能|能否|会否|能成功|会成功|会失败)|"
    r"\b(?:do|would) you (?:think|believe|recommend|expect|predict)\b|\bin your (?:view|opinion)\b|"
    r"\byour (?:opinion|view|prediction)\b|\bshould (?:i|we) (?:invest|buy|sell)\b|\bis it worth\b|"
    # advice, verdicts and forecasts in English ("should they partner with…", "which is better", "best bet")
    r"\b(?:your|my) (?:personal |honest |own )?(?:take|view|thoughts)\b|\bbuy or sell\b|"
    r"\bpersonal take\b|\bgood or bad\b|\bbest bet\b|"
    r"\bwhich (?:one )?(?:is|would be) (?:better|best|safer|smarter)\b|"
    r"\bshould (?:i|we|they|my \w+|our \w+)(?: \w+)? "
    r"(?:invest|buy|sell|partner|go|enter|choose|pick|expand|launch|move|bet|trust|worry)\b|"
    r"\b(?:would|do) you recommend\b|"
    # a verdict on the future asked of the assistant ("will the digital silk road succeed? just yes or no")
    r"^\W*will\b(?![^?]*\b(?:report|according|authors?)\b)[^?]{0,60}"
    r"\b(?:succeed|fail|work out|pay off|last|survive|win|dominate|collapse|end up|replace|overtake|take over|"
    r"displace|outcompete)\b|"
    # "tiktok印尼 会不会再被封", "美国会不会制裁…": whether something will happen (not "报告会不会提到…")
    r"(?<!报告)(?<!文中)(?<!文章)会不会|"
    r"\bover the next (?:few|two|three|five|ten|\d+) years\b|"
    # judging the report itself: whether it is biased, reliable, any good
    rf"报告{_GAP}{{0,6}}(?:靠谱|可信|客观|偏向|偏颇|有偏见|水平)|"
    r"\b(?:is|was) (?:this|the) report\b[^?]{0,20}"
    r"\b(?:biased|reliable|credible|objective|trustworthy|any good|accurate|(?:just )?propaganda)\b|"
    rf"报告{_GAP}{{0,6}}(?:宣传|硬伤|写得怎么样|写得好不好)",
    re.I,
)


# "…请分条列出,每条我要翻成越南语", "我再自己翻成英文": the asker will write or translate; nothing is asked of us.
# ("帮我翻译成英文", "我想请你帮我写": asked of us)
_ASKER_DOES = re.compile(r"(?<![帮给替为让叫])(?:我|我们|咱们?|本人|自己)[^,，。;；?？!！你您帮给替]{0,6}$")


def _instruction(question: str) -> bool:
    return any(not _ASKER_DOES.search(question[: m.start()]) for m in _INSTRUCTION.finditer(question))


# A request to write or translate around what the report says is answered with what it says (quoted, never written
# or translated): "…合作,报告里是怎么讲的?帮我写段解说词", "四种模式的定位和特点,可以帮我翻译成英文吗?",
# "translate the positioning column into English".
_REPORT_CONTENT = re.compile(
    rf"(?:报告|文中|原文|第[一二三四五1-5]章){_GAP}{{0,12}}(?:怎么|如何|是怎么|讲了|说了|提了|写了|讲的|说的|写的)"
    rf"{_GAP}{{0,6}}[?？]|(?:表格?|表头|定位|特点|第[一二三四五1-5]章)[^。;；?？!！]{{0,16}}(?:翻译|译成|翻成)|"
    r"\btranslate (?:the |this |that )?[\w\s-]{0,30}\b(?:columns?|table|rows?|chapter|section|headings?)\b",
    re.I,
)


# How the asker should do their own task ("俺们县想申报…,申报材料咋写?", "How do I set up cross-region disaster
# recovery"): know-how no report gives, unless it asks what the documents say ("How can I contact the authors?").
_KNOW_HOW = re.compile(
    rf"(?:我|我们|俺们?|咱们?){_GAP}{{0,16}}[,，]?{_GAP}{{0,12}}(?:咋|怎么|如何)(?:写|办|弄|申请|准备|设置|注册)"
    r"(?=[呢啊呀吧]?(?:\W|$))|"
    r"\bhow (?:do|can|should) (?:i|we)\b", re.I)


def off_topic_kind(question: str) -> str:
    """"instruction", "opinion" or "chitchat" when the question is one, else ""."""
    if _KNOW_HOW.search(question) and not (DOCUMENT_WORDS.search(question) or about_report(question)):
        return "instruction"
    if _instruction(question):
        return "" if _REPORT_CONTENT.search(question) else "instruction"
    for kind, pattern in (("opinion", _OPINION), ("chitchat", _CHITCHAT)):
        if pattern.search(question):
            return kind
    return ""


QUOTES_ONLY_ZH = "(以上为报告原文摘录;本助手只引用原文,不代写或翻译。)"
QUOTES_ONLY_EN = "(Quoted from the documents as written: this assistant quotes, it does not write or translate.)"


def quoting_only(question: str, lang: str) -> list[str]:
    """The note for a request to write or translate that was answered by quoting what the report says."""
    if _instruction(question) and _REPORT_CONTENT.search(question):
        return [QUOTES_ONLY_EN if lang == "en" else QUOTES_ONLY_ZH]
    return []


# What an off-topic question is told instead of "no relevant content": why it gets no quotes.
_OFF_TOPIC_REFUSALS = {
    "chitchat": ("你好!我回答关于文档内容的问题,并引用原文。",
                 "Hello! I answer questions about the documents, quoting them."),
    "instruction": ("本助手只引用文档原文回答问题,不代写、不翻译。",
                    "I answer from the documents by quoting them; I do not write or translate."),
    "opinion": ("本助手只依据文档原文回答,不提供个人看法或预测。",
                "I answer only with what the documents say, not with views or forecasts."),
}


def off_topic_refusal(kind: str, lang: str) -> str:
    """The refusal text for an off-topic question of this kind ("" for any other question)."""
    texts = _OFF_TOPIC_REFUSALS.get(kind)
    return (texts[1] if lang == "en" else texts[0]) if texts else ""
