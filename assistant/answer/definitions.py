""""价值共生具体啥意思", "规则驱动的文化与科技共生模式咋理解": a term the report names a part after.

The report introduces each of its modes and trends in the part whose heading names it, in the first
sentence of that part that uses the term ("区别于传统版权贸易的单一授权,规则驱动的文化与科技共生模式以规则
共建共治破解…"); the words of such a question often match a later sentence better (the one announcing
the mode's three features), which then answers without the definition. So a definition question whose
term is in a heading is answered from that part: the passage from the first sentence using the term,
then the features list the part announces about it, if any.
"""

from __future__ import annotations

import re
from collections.abc import Container

from assistant.answer.comparison import names_each
from assistant.answer.parts import in_part
from assistant.answer.passages import FURTHER_PASSAGE_CHARS, fits, passage_from
from assistant.answer.selection import announced_list
from assistant.corpus import CorpusView, Sentence
from assistant.lexicon import NameTable
from assistant.text import cjk_ratio, match_key

# "…具体啥意思", "…咋理解", "what does … mean": the question asks what a term means.
MEANING = re.compile(r"(?:是|的|应该)?(?:啥意思|什么意思|指什么意思|指的什么意思|咋理解|怎么理解|如何理解|是个啥|"
                     r"(?:怎么|如何|怎样|咋)(?:定义|界定)的?|的?(?:定义|界定)是(?:什么|啥)|"
                     r"是啥东西|是啥玩意儿?|是什么玩意儿?|是什么东西|指的是什么|指什么|指的啥|指啥|啥叫|什么叫|是什么概念|"
                     r"什么是|是什么|"
                     r"\s*的?(?:定义|含义|界定)\s*[?？]?$)|"  # a keyword query: "平台公司 定义"
                     r"\bwhat (?:is|are|does)\b|\bmean(?:s|ing)?\b|\bdefine[sd]?\b|\bdefinition\b", re.I)
_FILLER = re.compile(r"在?报告里?的?|在文中|文中的?|里说的|提到的|所谓的?|具体|到底|究竟|"
                     r"(?:这|那)(?:个)?(?:东西|玩意儿?)|这个|那个|"
                     r"[\"“”'‘’「」『』?？!！,，。\s]|"
                     r"\b(?:the|report|term|concept|model|in|this)\b", re.I)
MIN_TERM = 4  # characters: shorter words name too many things
# What may follow the meaning asked for when the question ends there: a particle, then an aside or a format request.
_ASIDE = re.compile(r"[啊呀呢吧嘛哦]?(?:[\s,，。!！?？]|$)")


def defined_term(question: str) -> str:
    """The term a meaning question asks about, as written, or "" when it asks something else."""
    match = MEANING.search(question)
    if not match:
        return ""
    term = _FILLER.sub("", question[: match.start()] + question[match.end():])
    if _ASIDE.match(question, match.end()):  # "平台企业是啥意思啊 老师让我们查 说简单点": the term is before it
        term = _FILLER.sub("", question[: match.start()])
    # "What does the report mean by 'value symbiosis' (价值共生) in the localization part?": the term as the
    # report writes it, given in brackets or quotes beside the question's own words.
    given = _GIVEN_TERM.findall(question)
    if not given and cjk_ratio(question) < 0.5:  # "How exactly does it define 平台企业?": the one Chinese term given
        given = _CHINESE_RUN.findall(question)
    if term.isascii() or (len(given) == 1 and (cjk_ratio(term) < 1.0 or given[0] in term)):
        return given[0] if len(given) == 1 else ""
    return term if len(term) >= MIN_TERM else ""


_TERM = r"[\u4e00-\u9fff]{" + str(MIN_TERM) + r",20}"  # a Chinese term, as long as one may be
_CHINESE_RUN = re.compile(_TERM)
_GIVEN_TERM = re.compile(r"[(（\"“'‘「『](" + _TERM + r")[)）\"”'’」』]")


# "平台企业是指基于新一代信息技术…": the term as the subject of a defining verb.
_DEFINES = r"[\"”」』]?(?:是指|指的是|被定义为|定义为|是一种|即是)"


def definition_quotes(term: str, corpus: CorpusView) -> list[Sentence]:
    """The passage introducing `term` in the part whose heading names it (with the list it announces), else the
    report's sentences defining it in so many words ("X是指…"), or []."""
    key = match_key(term)
    parts = [prefix for heading, prefix in corpus.part_headings.items() if key in match_key(heading)]
    if len(parts) != 1:
        defining = re.compile(re.escape(term) + _DEFINES)
        found = [s for p in corpus.report_paragraphs() if p.kind == "body"
                 for s in corpus.sentences.get(p.id, ()) if defining.search(s.text)]
        return passage_from(found[0], corpus) if found else []  # what it goes on to say of it, too
    inside = [p for p in corpus.report_paragraphs() if in_part(p, parts[0]) and p.kind != "table"]
    using = [s for p in inside for s in corpus.sentences.get(p.id, ()) if key in match_key(s.text)]
    if not using:
        return []
    passage = passage_from(using[0], corpus)
    features = announced_list(passage, corpus)
    if not features:  # "…模式有三大特点:" may open the next paragraph
        later = [s for s in using[1:] if s.paragraph_id != using[0].paragraph_id]
        features = announced_list([later[0]], corpus) if later else []
    quotes = list(dict.fromkeys([*passage, *features]))
    # The part goes on about the term in a later paragraph (what it covers, how it is met): its passage too, while
    # the answer stays within the budget.
    quoted = {q.paragraph_id for q in quotes}
    if later := next((s for s in using if s.paragraph_id not in quoted), None):
        more = passage_from(later, corpus, FURTHER_PASSAGE_CHARS)
        quotes.extend(more if fits(quotes, more) else ())
    return quotes


def defined_spellings(question: str, names: NameTable) -> tuple[str, ...]:
    """The term a definition question asks about, as the documents may write it: "什么是数字丝路" and "How does the
    report define the Digital Silk Road?" are both about "数字丝绸之路" (the name table's spellings)."""
    term = defined_term(question)
    spellings = [*(names.spellings(term) if term else ()),
                 *(n for m in names.find(question) if m.group.kind == "term" for n in m.group.names)]
    return tuple(dict.fromkeys(s for s in spellings if cjk_ratio(s) > 0))


def contrast_quotes(heading: str, pair: tuple[str, ...], names: NameTable, corpus: CorpusView) -> list[Sentence]:
    """"被动合规 vs 标准塑造": the passage of the part named after the two that first names both
    ("从以满足外部监管…为主要特征的"被动合规",转向…"标准塑造""), else the part's opening."""
    inside = [p for p in corpus.report_paragraphs() if in_part(p, corpus.part_headings[heading]) and p.kind != "table"]
    names_both = names_each(pair, names)
    sentences = [s for p in inside for s in corpus.sentences.get(p.id, ())]
    both = [s for s in sentences if names_both(s.text)]
    start = both[0] if both else (sentences[0] if sentences else None)
    if start is None:
        return []
    # then its later paragraphs' leads: the sub-points say how the two differ ("技术供给更灵活:从标准化产品转向…")
    passage = passage_from(start, corpus)
    leads = [first[0] for p in inside if p.id not in {s.paragraph_id for s in passage}
             and (first := corpus.sentences.get(p.id, ())) and first[0].row > start.row]
    return list(dict.fromkeys([*passage, *leads]))


def documents_spelling(term: str, names: NameTable, corpus_key: Container[str]) -> str:
    """The term as the documents write it: "平台型企业" is 平台企业 when the name table says so and the documents
    never write it the asker's way; the term itself otherwise."""
    if not term or match_key(term) in corpus_key:
        return term
    group = names.group_of(term)
    used = [n for n in group.names if match_key(n) in corpus_key] if group is not None else []
    return used[0] if used else term


def meaning(question: str, names: NameTable, corpus: CorpusView) -> tuple[str, list[Sentence]]:
    """(the term a meaning question asks about, as the documents write it; where they introduce it), or ("", [])."""
    term = documents_spelling(defined_term(question), names, corpus.text_key)
    return (term, definition_quotes(term, corpus)) if term else ("", [])
