"""Constraints a question puts on its answer beyond names and years: which edition, which role.

"香港第七届立法会选举有多少个议席" is not answered by a sentence about a by-election of another term,
"神舟十四号的指令长" not by one about 神舟十六号, and "2023年奥斯卡最佳女主角" not by the winner of
best supporting actor. The question names the edition (第七届, 十三届五次, 神舟十四号, 首届) or the role
(女主角, 单打冠军, 季军) it asks about; the answering text must name the same one, whether it writes
the number in Chinese numerals or in digits.

Pure functions over strings.
"""

from __future__ import annotations

import re

from assistant.text import match_key

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]+")
_N = r"[\d零〇一二两三四五六七八九十百千]+"
# An edition or serial: "第七届", "第3期", "十三届五次", "神舟十四号" (not a date's "5月4号"), "首届".
_DESIGNATOR = re.compile(
    rf"第\s*{_N}\s*[届期轮批季棒]|{_N}\s*届\s*{_N}\s*次|第\s*{_N}\s*次(?=会议|全会|峰会|大会)|"
    rf"[\u4e00-\u9fff]{{2}}(?<![月日年])(?<!\d){_N}号|首届"
)
# Roles and placings a person (or team) is asked for: the answer must be for that role.
ROLE = re.compile(
    r"最佳[\u4e00-\u9fff]{0,4}?(?:男主角|女主角|男配角|女配角|导演|编剧|影片|男演员|女演员)|"
    r"(?:男|女)(?:子)?(?:单打|双打|单|双)冠军|男主角|女主角|男配角|女配角|主演|导演|编剧|"
    r"冠军|亚军|季军|金牌|银牌|铜牌|指令长|旗手|火炬手|创始人|创办人|董事长|总裁|首席执行官|"
    r"\b(?:lead actor|lead actress|director|founder|champion|winner|chairman|CEO)\b",
    re.I,
)


def _value(numeral: str) -> int:
    """A Chinese numeral below ten thousand: 十四 -> 14, 一百零五 -> 105, 二〇二二 (digit by digit) -> 2022."""
    if not any(c in _UNITS for c in numeral):
        return int("".join(str(_DIGITS[c]) for c in numeral))
    total, digit = 0, 0
    for char in numeral:
        if char in _UNITS:
            total += (digit or 1) * _UNITS[char]
            digit = 0
        else:
            digit = _DIGITS[char]
    return total + digit


def numeral_key(text: str) -> str:
    """A matching key with Chinese numerals as digits and 首届 as 第1届: "第七届" and "第7届" match."""
    key = re.sub(r"\s+", "", match_key(text)).replace("首届", "第1届")
    return _CN_NUMBER.sub(lambda m: str(_value(m.group(0))), key)


def designators(question: str) -> tuple[str, ...]:
    """The editions and serials a question names ("第七届", "神舟十四号"), as written."""
    return tuple(dict.fromkeys(m.group(0) for m in _DESIGNATOR.finditer(question)))


def missing_designators(wanted: tuple[str, ...], text: str) -> list[str]:
    """The wanted editions the text does not name, in any numeral form."""
    key = numeral_key(text)
    return [d for d in wanted if numeral_key(d) not in key]


def roles(question: str) -> tuple[str, ...]:
    """The roles or placings a question asks who holds ("女主角", "季军")."""
    return tuple(dict.fromkeys(m.group(0) for m in ROLE.finditer(question)))


_GENDERED = re.compile(r"^(男|女)子?(单打|双打|单|双)冠军$")


def role_spans(role: str, key: str) -> list[tuple[int, int]]:
    """Where a folded text names the role; "女子单打冠军" is also written "女单冠军" (and the reverse), 冠军 "夺冠"."""
    # "全国跳水冠军赛", "冠军杯": a competition's name, not its winner
    found = [m.span() for m in re.finditer(re.escape(match_key(role)) + r"(?!赛|杯|联赛)", key)]
    if role == "冠军":
        found += [m.span() for m in re.finditer(r"夺冠|夺得冠军|登顶|折桂|第一名", key)]
    if parts := _GENDERED.match(role):
        sex, event = parts.group(1), parts.group(2)[0]
        found += [m.span() for m in re.finditer(rf"{sex}子?{event}(?:打)?冠军|男女{event}(?:打)?冠军", key)]
    return found


def role_named(role: str, text: str) -> bool:
    """Whether the text names the role, in any of its forms."""
    return bool(role_spans(role, match_key(text)))


_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def other_year(asked: tuple[str, ...], sentence: str) -> str:
    """The year a sentence is about when it dates itself to another year than the one asked about
    ("2020年全年城镇新增就业1186万人" does not answer for 2021, whatever the passage said before); "" else."""
    own = _YEAR_IN_TEXT.findall(sentence)
    if not asked or not own or any(year in own for year in asked):
        return ""
    return own[0]


# "在哪举办": where an event takes place is said as "在…举办", "于…举行", "举办地为…".
HELD = re.compile(r"举办|举行|召开|开幕|闭幕|发生|落幕")
_HELD_AT = re.compile(r"(?:在|于)[^,，。;；]{1,16}?(?:举办|举行|召开|开幕|闭幕|发生|落幕|上演|进行)|"
                      r"(?:举办地|举行地|主办地|开幕地|地点)(?:为|是|在|[:：]|定在|设在)|落户|花落|移师|东道主")


def says_where_held(sentence: str) -> bool:
    return bool(_HELD_AT.search(sentence))


# One event, several verbs: a question's "举办" is answered by "…于11月9日至11日举行".
_SAME_EVENT = (("举办", "举行", "召开"), ("去世", "逝世", "病逝", "离世"), ("创立", "创办", "成立", "创建"),
               ("施行", "实施", "生效"), ("上映", "公映", "定档"), ("发售", "上市", "开售"),
               ("入股", "控股", "持股", "参股"))


def event_forms(event: str) -> tuple[str, ...]:
    """The words that name the same event as `event` (itself first); an English verb's Chinese words come as one
    event, "提出|倡议|发起" (evidence.english_event_verbs)."""
    if "|" in event:
        return tuple(event.split("|"))
    for group in _SAME_EVENT:
        if event in group:
            return (event, *(w for w in group if w != event))
    return (event,)


# "中关村论坛的主题是什么", "吉祥物是啥": a named attribute whose value the answer must give
# ("主题是“开放合作·共享未来”", "吉祥物为一只名叫“蓉宝”的大熊猫", "以“智联世界”为主题"), not only mention.
# A country's currency, capital or official language is general knowledge: "印尼用的货币叫啥" is not answered by a
# sentence about 数字货币.
_ATTRIBUTE = re.compile(r"(主题曲|主题口号|口号|主题|吉祥物|原型(?:事件|人物)?|会徽|代号|昵称|绰号|用途|"
                        r"货币|首都|官方语言)(?:[^,，。?？]{0,2}?(?:是|为|叫)?(?:什么|啥|哪个|哪些|哪里|哪儿)|\W*$)")
# The same attributes asked in English, by their Chinese names (the sentences that answer are Chinese).
_ATTRIBUTE_EN = re.compile(r"\b(?:what|which)(?: is| was| are)?(?: the| its| their)? "
                           r"(currency|capital|official language|slogan|theme|mascot)\b", re.I)
_ATTRIBUTE_ZH = {"currency": "货币", "capital": "首都", "official language": "官方语言", "slogan": "口号",
                 "theme": "主题", "mascot": "吉祥物"}


def asked_attribute(question: str) -> str:
    """The attribute a question asks the value of ("主题"; "what currency" -> "货币"), or ""."""
    if m := _ATTRIBUTE.search(question):
        return m.group(1)
    if m := _ATTRIBUTE_EN.search(question):
        return _ATTRIBUTE_ZH[m.group(1).lower()]
    return ""


def gives_value(attribute: str, sentence: str) -> bool:
    """Whether the sentence states the attribute's value, not just names the attribute."""
    name = re.escape(attribute)
    if attribute == "用途":
        return bool(re.search(r"用于|用途(?:是|为|[:：])", sentence))
    # ("口号的含义是…" gives what the slogan means, not the slogan: the attribute's own attribute is no value.)
    return bool(re.search(rf"{name}[^,，。;；的]{{0,3}}?(?:是|为|[:：]|名叫|叫做|定为)"
                          rf"\s*[“\"「『《]?[\w\u4e00-\u9fff]{{2}}|"
                          rf"{name}\s*[“\"「『《]|"
                          rf"以\s*[“\"「『][^”\"」』]{{1,30}}[”\"」』]\s*为{name}", sentence))



EDITION_REACH = 12  # characters: how far a figure's own edition stands from it


def nearest_edition(text: str, at: int) -> str:
    """The edition or serial written nearest the figure at `at` ("…返回地面去年11月29日,神舟十五号飞船发射入轨": the
    date is 神舟十五号's), as a numeral key; "" when none stands within EDITION_REACH characters."""
    best, distance = "", EDITION_REACH + 1
    for m in _DESIGNATOR.finditer(text):
        gap = at - m.end() if m.end() <= at else m.start() - at
        if 0 <= gap < distance:
            best, distance = numeral_key(m.group(0)), gap
    return best


# "中国AI企业数量在全球排第几", "what rank": asks a place in a ranking; the answer states one ("仅次于美国",
# "位居第一").
_ASKS_RANK = re.compile(r"排(?:名|在)?(?:全球|世界|全国|亚洲)?第几|第几(?:名|位|大)|排名(?:如何|怎样|怎么样|多少)|"
                        r"\bwhat rank\b|\bwhere does\b[^?]{0,60}\brank\b|\brank(?:ed|s)? (?:where|how)\b", re.I)
_STATES_RANK = re.compile(rf"仅次于|位居|位列|排名第|排第|名列|居(?:全球|世界|全国|亚洲)?(?:第|首)|"
                          rf"第\s*{_N}\s*(?:位|名|大)|首位|榜首|之首|最(?:大|高|多|快)")


def asks_rank(question: str) -> bool:
    return _ASKS_RANK.search(question) is not None


def states_rank(text: str) -> bool:
    return _STATES_RANK.search(text) is not None
