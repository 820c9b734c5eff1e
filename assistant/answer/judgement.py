"""Does the quoted text answer the question? An explicit judgement, not a threshold alone.

A quote is accepted only when it supplies what the question asks for, about what it
asks, under its constraints:
- the question is about the documents (not a greeting, an instruction or an opinion);
- every name in it is one the corpus knows (under any of its names), and every named
  company, country or product is in the answering text or its context (headings, the
  paragraph before: the subject is often named there);
- every year it names is in the answering text;
- a "how many / when / how much" question gets a figure of the right kind: a count of
  the thing asked about, a date, an amount of money, and a figure of the metric asked
  for (a headcount question is not answered by a count of networks);
- and, for the rest, the evidence score (term coverage and similarity) clears its threshold.

Pure functions over strings: the caller gathers the texts, so rules can be tested alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.analysis import Analysis, QuestionKind
from assistant.answer.constraints import (
    HELD,
    asked_attribute,
    asks_rank,
    event_forms,
    gives_value,
    missing_designators,
    other_year,
    role_named,
    says_where_held,
    states_rank,
)
from assistant.answer.evidence import EVENT_WORDS, tagged_names
from assistant.answer.figures import figure_problem
from assistant.answer.holders import (
    CLAUSE_END,
    events_of_others,
    holder_beside_role,
    names_a,
)
from assistant.answer.measures import NEVER_NAMED
from assistant.answer.org_kinds import asked_org_kind, names_org_of_kind
from assistant.answer.passing import named_only_in_lists
from assistant.answer.periods import PERIOD, periods
from assistant.answer.premises import states_premise
from assistant.answer.quantities import EXAMPLE_CLAUSE
from assistant.lexicon import ENTITY_KINDS, PLACE_KINDS, NameTable
from assistant.text import cjk_ratio, match_key, simplified, strip_marks

WANTED_NAME = {"place": "place", "who": "person or organisation", "person": "person"}
ABSENT_TOPICS = "asks about what the documents never mention: "  # a refusal that gets no "see also"
UNKNOWN_NAMES = "names the corpus does not mention: "
OFF_TOPIC = "off-topic: "  # a greeting, an instruction, an opinion: refused whatever the documents say


def documents_lack(reason: str) -> bool:
    """Whether a refusal says the documents lack what was asked about (an unknown name, a topic or the thing a
    figure measures they never mention), not only that no sentence answered."""
    return reason.startswith((UNKNOWN_NAMES, ABSENT_TOPICS)) or NEVER_NAMED in reason


@dataclass(frozen=True)
class Verdict:
    accept: bool
    reason: str = ""  # why not, for the debug trace and the eval report


def context_problem(analysis: Analysis, sentence: str, before: str, near: str, names: NameTable) -> str:
    """Why a sentence is not about what the question asks; "" when it is.

    A name the question gives must be in the sentence, or named before it (`before`: its headings, the
    earlier sentences of its paragraph, the paragraph before) while the sentence names no other thing of
    the same kind: "印尼央行制定…" is not about the 欧盟 named a sentence earlier. A quoted term is read the
    same way, in the sentence or before it. Years and titles are local: they must be in the sentence or
    `near` it (its headings and the sentence before).
    """
    sentence, before, near = _readable(sentence), _readable(before), _readable(near)
    missing = []
    here: dict[str, object] | None = None
    for mention in analysis.names:
        if names.occurs(mention.group, sentence):
            continue
        if here is None:  # only needed when a name is not in the sentence itself
            # A name of the kind the question asks for may be its answer, not another subject: "中国人工智能企业
            # 数量仅次于哪个国家" is answered by "…;人工智能企业数量仅次于美国", 中国 named the clause before.
            # So may a rank's neighbour ("…排第几": "仅次于美国").
            neighbour = _ASKS_PLACE.search(analysis.question) or asks_rank(analysis.question)
            answers = PLACE_KINDS if neighbour else frozenset()
            here = {m.group.kind: m.group for m in names.find(sentence) if m.group.kind not in answers}
        if here.get(mention.group.kind) is not None or not names.occurs(mention.group, before):
            missing.append(mention.surface)
    # A premise to confirm may tie a wrong thing to its subject: the sentence about any of its things corrects it.
    if missing and len(missing) < len(analysis.names) and states_premise(analysis.question):
        missing = []
    local = near + "\n" + sentence
    read = before + "\n" + sentence  # the sentence with what its paragraph says before it
    if analysis.titles:
        local_key = _loose(local)
        missing += [f"《{title}》" for title in analysis.titles if _loose(title) not in local_key]
    if analysis.terms:
        read_key = _loose(read)
        missing += [f'"{term}"' for term in analysis.terms if _loose(term) not in read_key]
    if missing:
        return "not about " + ", ".join(dict.fromkeys(missing))
    # "北京冬奥会开幕日期" is not answered by the date of the torch relay: the event must be named in the sentence
    # or before it in its paragraph.
    named_events = [e for e in analysis.events if EVENT_WORDS.fullmatch(e)]
    dated = bool(analysis.events) and analysis.wants in ("date", "place", "person")
    if (dated or (bool(named_events) and analysis.wants == "who")) and not analysis.about_report:
        # A named event (举办, 去世, 发射, 创办) is stated where its date, place or founder is: in the sentence itself
        # ("…直至她逝世都未曾改变。2007年,她的YouTube频道启播": 2007 dates the channel, not the death), and when the
        # question names one, a verb said in passing ("开始施行": 开始) does not stand in for it; another verb
        # ("达到") may have been said anywhere before in the paragraph.
        keys = {True: match_key(sentence), False: match_key(read)}
        if not any(match_key(form) in keys[bool(EVENT_WORDS.fullmatch(event))]
                   for event in named_events or analysis.events for form in event_forms(event)):
            return "not about " + "/".join(named_events or analysis.events)
    absent_years = [year for year in analysis.years if year not in local]
    if absent_years:
        return "no figure for " + ", ".join(absent_years)
    # "2022年上半年…销量" is not answered by a total of unstated months: the period is local, as a year is.
    # (A date question's period names its event, "2022年下半年征兵报名截止时间": no figure to qualify.)
    if (analysis.kind is QuestionKind.NUMBER and analysis.wants != "date" and (asked := periods(analysis.question))
            and not set(asked) & set(periods(local))):
        return "no figure for " + "/".join(m.group(0) for m in PERIOD.finditer(analysis.question))
    if dated := other_year(analysis.years, sentence):
        return f"about {dated}, not " + ", ".join(analysis.years)
    # "第七届" / "神舟十四号": another edition's figure is not the answer; "最佳女主角": nor another role's winner.
    other_edition = missing_designators(analysis.designators, local)
    if other_edition:
        return "not about " + ", ".join(other_edition)
    if analysis.roles and not any(role_named(role, read) for role in analysis.roles):
        return "not about " + "/".join(analysis.roles)
    if analysis.compared and named_only_in_lists(analysis.compared, read, names):
        return "does not set " + " and ".join(analysis.compared) + " apart"
    if analysis.workings and named_only_in_lists((analysis.workings,), read, names):
        return f"names {analysis.workings} only in passing"
    return ""


@lru_cache(maxsize=4096)  # each candidate is read by context_problem and sentence_problem, its paragraph many times
def _readable(text: str) -> str:
    """The text as the rules read it: simplified characters (举办, 万人 then match a document written in
    traditional ones) and half-width punctuation (a clause of a user's document ends at "，" as at ","), without
    footnote marks (NFKC would make "自动化¹⁶" a figure)."""
    return unicodedata.normalize("NFKC", strip_marks(simplified(text)))


_ASKS_PLACE = re.compile(r"哪(?:个|些|一|几个|几)?(?:国家|国|地区|城市)|在哪|哪里|哪儿|"
                         r"\bwhich (?:countr|region|cit)|\bwhere\b", re.I)


def _loose(text: str) -> str:
    """Letters and digits only: quotes and punctuation inside a title differ between writers."""
    return re.sub(r"[^\w]", "", match_key(text))


# "新华社北京4月3日电": a news dateline dates the report, not the event it reports.
_DATELINE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日\s*电")
# Web-page furniture run into a "sentence" of a saved page: a footer, a list of related questions, a share prompt.
# (Not "点击查看", "扫码": a saved page's run-on text puts them beside its content: "…点击查看:开幕时间…".)
_FURNITURE = re.compile(r"ICP备|公网安备|版权所有|网站标识码|相关问答|相关热词|热门排行|热门搜索|上一篇|下一篇")
STATEMENT_CHARS = 8  # a clause before a closing question shorter than this is part of the question


def sentence_problem(analysis: Analysis, text: str, names: NameTable) -> str:
    """Why a sentence does not supply what the question asks for; "" when it does."""
    text = _DATELINE.sub("电", _readable(text))
    if _FURNITURE.search(text):
        return "page furniture, not a statement"
    if text.rstrip().endswith("?"):
        # "木村隆二是第一个向岸田文雄扔炸弹的日本人,但他会是最后一个吗?": a statement may come before the question
        # it ends with; only the statement can answer.
        text = text[: max((m.start() for m in CLAUSE_END.finditer(text)), default=0)]
        if len(text) < STATEMENT_CHARS:
            return "a question, not an answer"
    metrics = [m for m in names.find(analysis.question, kinds=("metric",))
               if not any(e.start() < m.start < e.end() for e in EXAMPLE_CLAUSE.finditer(analysis.question))]
    if any(not names.occurs(m.group, text) for m in metrics):
        return "no figure of " + ", ".join(m.surface for m in metrics)
    if analysis.which and analysis.which not in text:
        return f"names no {analysis.which}"
    if problem := figure_problem(analysis, text, names):
        return problem
    if analysis.wants in ("place", "who", "person") and not names_a({analysis.wants}, text, analysis.question, names):
        return f"names no {WANTED_NAME[analysis.wants]}"
    if analysis.wants in ("who", "person") and analysis.roles and not holder_beside_role(analysis, text, names):
        return "names no one beside " + "/".join(analysis.roles)
    if analysis.wants in ("who", "person", "date", "place") and events_of_others(analysis, text):
        return "about another's " + "/".join(analysis.events)
    if analysis.wants == "who" and (org := asked_org_kind(analysis.question)):
        found = [(m.surface, m.group.names) for m in names.find(text, kinds=ENTITY_KINDS)]
        found += [(word, (word,)) for word, kind in tagged_names(text) if kind == "org"]
        if not names_org_of_kind(org, found, analysis.question):
            return f"names no {org}"
    if analysis.wants == "place" and HELD.search(analysis.question) and not says_where_held(text):
        return "does not say where it is held"
    if asks_rank(analysis.question) and not states_rank(text):
        return "states no rank"
    if (attribute := asked_attribute(analysis.question)) and not gives_value(attribute, text):
        return f"does not give the {attribute}"
    return ""


def judge(analysis: Analysis, evidence: float, threshold: float) -> Verdict:
    """The question-level verdict, after admissible sentences were found."""
    if evidence < threshold:
        return Verdict(False, f"weak evidence ({evidence:.2f} < {threshold:.2f})")
    return Verdict(True)


def verified(verdict: Verdict, probability: float, threshold: float) -> Verdict:
    """The verdict after the learned verifier (answer/verifier.py) read what the rules accepted."""
    if verdict.accept and probability < threshold:
        return Verdict(False, f"verifier ({probability:.2f} < {threshold:.2f})")
    return verdict


def question_problem(analysis: Analysis) -> str:
    """Why no text of the corpus could answer this question; "" when one might."""
    if analysis.off_topic:
        return OFF_TOPIC + analysis.off_topic
    if analysis.unknown:
        return UNKNOWN_NAMES + ", ".join(analysis.unknown)
    # "今天北京天气咋样": every thing it asks about is absent from the documents, only its names are there.
    # Questions about the report itself, a part of it ("第三章讲的三个变化"), its table and sources are answered by
    # place, not by their nouns.
    if (analysis.absent_topics and not analysis.about_report and not analysis.table and not analysis.section
            and analysis.kind is not QuestionKind.SOURCE):
        return ABSENT_TOPICS + ", ".join(analysis.absent_topics)
    if analysis.relative_time and not analysis.about_report:
        return f"asks about {analysis.relative_time}, counted from today: the documents are dated"
    return ""


def names_nothing(analysis: Analysis, question: str, concepts: bool, located: bool) -> bool:
    """"who invented the world wide web": an English question naming nothing the documents name (no company, place
    or term the name table knows, no name the documents write as it is: "API") is about something else; similarity
    alone is no evidence. `concepts`: the question has words the documents use; `located`: it points at a part or
    the table. (Not "CBA2021-2022赛季总冠军": mostly Latin letters and digits, its Chinese words not weighed as
    English.)"""
    return (analysis.lang == "en" and not concepts and not analysis.names and not analysis.workings
            and cjk_ratio(question) == 0
            and not (analysis.about_report or located or analysis.kind is QuestionKind.SOURCE))
