"""Composition: quote the admissible sentences that answer, cite each one, or refuse.

Nothing here writes new text about the report: every answer sentence is a sentence of a cited paragraph (or a
footnote of it, for "where is this from" questions). When the judgement finds no admissible sentence, or the
evidence is too weak, the answer is a plain refusal with the closest paragraphs as "see also" (none off-topic).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np

from assistant.answer import candidates, verifier
from assistant.answer.addressees import addressed_part
from assistant.answer.analysis import Analysis, QuestionKind, analyse, is_english
from assistant.answer.antecedents import asks_background, with_antecedents
from assistant.answer.asides import without_purpose
from assistant.answer.columns import column_quotes, table_ids
from assistant.answer.comparison import heading_contrast
from assistant.answer.definitions import contrast_quotes, defined_spellings, meaning
from assistant.answer.documents import citation_of, conflict_note, conflict_of, disagreeing, render
from assistant.answer.evidence import event_verbs, nouns, proper_names, question_concepts, topic_nouns
from assistant.answer.footnotes import all_sources, asks_for_all_sources, names_cited, source_lines
from assistant.answer.front_matter import by_role, chapters, front_matter_quotes, front_role, outline_line
from assistant.answer.judgement import ABSENT_TOPICS, judge, names_nothing, question_problem, verified
from assistant.answer.measures import measure_problem
from assistant.answer.mentions import asks_mention, mention_quotes, other_mentions
from assistant.answer.off_topic import off_topic_refusal, quoting_only
from assistant.answer.overview import asked_count, overview_quotes, sub_part_openings
from assistant.answer.parts import in_part, misplaced, part_note, section_hits
from assistant.answer.passages import FOCUSED_CITATIONS
from assistant.answer.reasons import reason_follow, reason_part, reason_quotes
from assistant.answer.roster import asked_kinds, kind_quotes, roster_kinds, roster_quotes
from assistant.answer.sections import PART_THRESHOLD, asked_part, part_titles
from assistant.answer.selection import choose, score_sentences
from assistant.corpus import CorpusView, Sentence
from assistant.lexicon import NameTable
from assistant.types import Answer, AnswerSentence, Hit, Paragraph

REFUSAL_ZH = "报告中没有找到相关内容。"
REFUSAL_EN = "The report does not cover this."
NO_SOURCE_ZH = "报告没有注明这段内容的出处。"
NO_SOURCE_EN = "The report cites no source for this."


def _refusal(question: str, analysis: Analysis, hits: Sequence[Hit], corpus: CorpusView, debug: dict) -> Answer:
    text = off_topic_refusal(analysis.off_topic, analysis.lang) or (REFUSAL_EN if analysis.lang == "en" else REFUSAL_ZH)
    # Off-topic questions get no "see also" (and are told why): nothing in the documents is close to a greeting or a
    # poem, or to a question all of whose topics they never mention (天气).
    unrelated = analysis.off_topic or str(debug.get("reason", "")).startswith(ABSENT_TOPICS)
    see_also = () if unrelated else tuple(corpus.by_id[h.paragraph_id] for h in hits[:3])
    return Answer(question, text, True, see_also=see_also, lang=analysis.lang, debug=debug)


def compose_answer(
    question: str,
    hits: Sequence[Hit],
    query_vector: np.ndarray,
    query_tokens: Sequence[str],
    corpus: CorpusView,
    thresholds: tuple[float, float],
    names: NameTable,
    max_citations: int = 4,
    check: verifier.Model | None = None,
) -> Answer:
    """Quote and cite, or refuse; `thresholds` are the (Chinese, English) evidence thresholds; `check`, when
    given, is the verifier that reads the sentences the rules accept."""
    english = is_english(question)
    # Patterns are written with ASCII punctuation: read the question with full-width forms folded (NFKC).
    folded = unicodedata.normalize("NFKC", question)
    analysis = analyse(folded, names, corpus.text_key, () if english else proper_names(folded),
                       () if english else topic_nouns(without_purpose(folded)), event_verbs(folded, english),
                       part_titles(corpus.part_headings))
    kind = analysis.kind
    if kind in (QuestionKind.SOURCE, QuestionKind.NUMBER):  # one footnote or one figure is the answer
        max_citations = min(max_citations, FOCUSED_CITATIONS)
    debug: dict = {"kind": kind.value, "evidence": 0.0}
    problem = question_problem(analysis) or measure_problem(analysis, corpus.text_key)
    if problem:
        debug["reason"] = problem
        return _refusal(question, analysis, hits, corpus, debug)
    if asks_for_all_sources(analysis):
        return all_sources(question, analysis, corpus, debug) or _refusal(question, analysis, (), corpus, debug)
    concepts = question_concepts(query_tokens, candidates.alternatives(question, query_tokens, names), corpus.idf,
                                 english, nouns(question, english), corpus.median_idf)
    # Questions about the report itself are answered from its front matter ("who wrote it", unless it names
    # something the front matter does not); questions about the table from the table.
    front: list[Paragraph] = []
    term, introduced = meaning(folded, names, corpus)
    if introduced:
        debug.update(evidence=1.0, answered="where the report introduces " + term)
        return _quoted(question, analysis, introduced, corpus, debug, True)
    if analysis.compared and (heading := heading_contrast(analysis.compared, names, corpus.part_headings)):
        debug.update(evidence=1.0, answered="the part contrasting them: " + heading)
        contrast = contrast_quotes(heading, analysis.compared, names, corpus)
        return _quoted(question, analysis, contrast, corpus, debug, True)
    if analysis.wants == "reason" and (why := reason_part(folded, corpus.part_headings)):
        debug.update(evidence=1.0, answered="the opening of the part named after it: " + why)
        opening = reason_quotes(why, corpus, folded)
        return _quoted(question, analysis, [*opening, *reason_follow(why, opening, hits, corpus)], corpus, debug, True)
    if asks_mention(folded) and analysis.names and (places := mention_quotes(analysis.names, corpus)):
        debug.update(evidence=1.0, answered="where the report names it")
        return _quoted(question, analysis, places, corpus, debug, True)
    searched_front = False
    if analysis.about_report:
        front = [p for p in corpus.of_kind("front") if corpus.role(p.doc) == "report"]
        front_text = "\n".join(p.text for p in front)
        searched_front = all(names.occurs(m.group, front_text) for m in analysis.names)
        role = front_role(folded, analysis.authorship)
        answering = by_role(role, front, corpus.part_headings) if searched_front and role != "authorship" else []
        if answering:  # its title, a contact line, the chapter walk-through: found by role, not by wording
            debug.update(evidence=1.0, answered="front matter: " + role)
            quotes = [s for p in answering for s in corpus.sentences.get(p.id, ())]
            outline = chapters(corpus) if role == "structure" else ()
            return _quoted(question, analysis, quotes, corpus, debug, True, outline=outline)
        if searched_front:
            hits = candidates.front_hits(front, concepts) or list(hits)
    part = addressed_part(folded, corpus.part_headings, names,  # "给企业的建议": the part addressed to them
                          asked_part(analysis.section, folded, corpus.part_headings, names))
    listable = part and not searched_front
    wrong_part = bool(listable) and misplaced(part, analysis, names, corpus)  # the premise put it in another part
    kinds = roster_kinds(folded, part, analysis.names, corpus.part_headings, names) if listable else ()
    if kinds and (roster := roster_quotes(kinds, part, corpus, names)):
        debug.update(evidence=1.0, answered=f"the {'/'.join(kinds)} names of {part}")
        return _quoted(question, analysis, roster, corpus, debug, True)
    if part and not searched_front:
        # "第三章讲了啥" is answered by the part's opening, whatever its wording matches.
        outline = overview_quotes(part, corpus) if analysis.overview and not analysis.names else []
        if outline:
            debug.update(evidence=1.0, answered="overview of " + part)
            headings = sub_part_openings(part, corpus, outline)  # the sub-parts' headings close the outline
            depth = part.count(".") + 1
            return _quoted(question, analysis, outline, corpus, debug, True, outline=headings, depth=depth)
        hits = hits if wrong_part else section_hits(part, hits, corpus, query_vector)
    tables = table_ids(analysis, folded, corpus, names)
    if tables and not searched_front:
        hits = [*(Hit(pid, 1.0, 1.0, 0.0) for pid in tables), *(h for h in hits if h.paragraph_id not in tables)]
    if names_nothing(analysis, question, bool(concepts), bool(part or tables)):
        debug["reason"] = ABSENT_TOPICS + "nothing the question names"
        return _refusal(question, analysis, hits, corpus, debug)
    defined = defined_spellings(folded, names) if kind is QuestionKind.DEFINITION else ()
    scored = score_sentences(hits, query_vector, concepts, corpus, kind, defined) if hits else []
    admissible, problem = candidates.admissible(analysis, scored, corpus, names, tables)
    if not admissible:
        debug["reason"] = problem or "nothing retrieved"
        return _refusal(question, analysis, hits, corpus, debug)
    if kind is QuestionKind.SOURCE:  # where something comes from is said by a footnote: a footnoted passage first
        admissible = candidates.footnoted_first(admissible, corpus)
    top = corpus.by_id[admissible[0].sentence.paragraph_id]
    if tables:  # a question about the table is answered from the table when it can be
        top = next((corpus.by_id[s.sentence.paragraph_id] for s in admissible if s.sentence.paragraph_id in tables),
                   top)
    # The part of the report that answers such questions by its place, not by its wording.
    from_front = top.kind == "front" and analysis.about_report
    from_table = top.id in tables
    dense = max((h.dense for h in hits if h.paragraph_id == top.id), default=0.0)
    evidence = 1.0 if from_front or from_table else candidates.evidence(
        top, admissible[0].sentence.text, concepts, dense, english)
    debug["evidence"] = round(evidence, 4)
    threshold = thresholds[1 if english else 0]
    if part and not searched_front and in_part(top, part):
        threshold *= PART_THRESHOLD  # the user said where the answer is, and it was found there
    verdict = judge(analysis, evidence, threshold)
    if check is not None and not (from_front or from_table):  # those answer by their place, not their wording
        assessment = verifier.assess(check, analysis, query_tokens, concepts, admissible, hits, corpus, query_vector)
        debug["verifier"] = assessment
        verdict = verified(verdict, assessment.probability, check.threshold)
    if not verdict.accept:
        debug["reason"] = verdict.reason
        return _refusal(question, analysis, hits, corpus, debug)
    if from_front:
        chosen = front_matter_quotes(front, top, analysis.authorship, corpus)
    elif top.kind == "table":
        chosen = column_quotes(top, concepts, corpus, folded, names)
    else:
        def names_asked(text: str) -> bool:
            return all(names.occurs(m.group, text) for m in analysis.names)

        chosen = choose(question, admissible, top, corpus, kind, max_citations, concepts, analysis.wants == "reason",
                        names_asked)
        wants = asked_kinds(folded)  # "哪些公司": the kind of thing asked for
        named_list = kind is QuestionKind.LIST and bool(analysis.names)
        if named_list or wants:  # the hits' sentences judged at any score
            wider, _ = candidates.admissible(analysis, scored, corpus, names, frozenset(h.paragraph_id for h in hits))
            if named_list:
                chosen = [*chosen, *other_mentions(chosen, wider, corpus, max_citations, names_asked)]
            chosen = kind_quotes(wants, chosen, wider, corpus, names, max_citations, names_asked) or chosen
    other = disagreeing(analysis, chosen, admissible, corpus)
    # Lists and the front matter (whose lines carry no full stop) read one quote per line.
    one_per_line = kind is QuestionKind.LIST or top.kind == "front"
    # "list the four types in ch.4": when the part has as many sub-parts as asked for, their headings list them too
    count = asked_count(folded) if part and kind is QuestionKind.LIST and top.kind != "table" else 0
    subs = sub_part_openings(part, corpus, chosen) if count > 1 else []
    subs = subs if len(subs) == count else []
    answer = _quoted(question, analysis, chosen, corpus, debug, one_per_line, other, subs, part.count(".") + 1)
    return part_note(answer, part, corpus) if wrong_part else answer


def _quoted(question: str, analysis: Analysis, chosen: Sequence[Sentence], corpus: CorpusView, debug: dict,
            one_per_line: bool, other: Sentence | None = None, outline: Sequence[Paragraph] = (),
            depth: int = 0) -> Answer:
    """The answer quoting `chosen` (each sentence once), each cited to its paragraph; `other` is another
    document's quote that gives a different figure, shown as a conflict; `outline`, the chapters' first
    paragraphs, adds a line per chapter heading, cited to the chapter (per sub-part heading, at `depth`)."""
    chosen = with_antecedents(list(dict.fromkeys(chosen)), corpus, asks_background(question))
    if other is not None and other not in chosen:
        chosen.append(other)
    markers: dict[str, int] = {}
    quoted: list[AnswerSentence] = []
    for sentence in chosen:
        marker = markers.setdefault(sentence.paragraph_id, len(markers) + 1)
        quoted.append(AnswerSentence(sentence.text, marker, sentence.paragraph_id))
    chapter_lines = [outline_line(number, p, markers.setdefault(p.id, len(markers) + 1), analysis.lang, depth)
                     for number, p in enumerate(outline, start=1)]
    citations = tuple(citation_of(corpus, pid, marker, quoted) for pid, marker in markers.items())
    if (analysis.kind is QuestionKind.SOURCE and not names_cited(question) and not analysis.about_report
            and not any(c.sources or c.role != "report" for c in citations)):
        # "这段的出处是啥": the passage is found, but the report cites nothing for it; say so rather than quote it.
        # ("Which regulations are cited?": its quote answers; "报告是哪个单位出的?要注明出处": its front matter.)
        debug["reason"] = "the report gives no source for this passage"
        text = NO_SOURCE_EN if analysis.lang == "en" else NO_SOURCE_ZH
        return Answer(question, text, True, see_also=tuple(c.paragraph for c in citations), lang=analysis.lang,
                      debug=debug)
    conflicts = (conflict_of(citations, quoted, analysis, other),) if other is not None else ()
    notes = [*chapter_lines, *(source_lines(citations, analysis.lang) if analysis.kind is QuestionKind.SOURCE else []),
             *(conflict_note(c, analysis.lang) for c in conflicts), *quoting_only(question, analysis.lang)]
    text = "\n".join([render(quoted, citations, analysis.lang, one_per_line or len(citations) > 2), *notes])
    return Answer(question, text, False, tuple(quoted), citations, lang=analysis.lang, debug=debug,
                  conflicts=conflicts, notes=tuple(notes))

