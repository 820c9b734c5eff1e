"""Quiz builder: facts, items, distractor rules, exports, CLI, and a self-check through `ask`."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.lexicon import load_name_table
from assistant.quiz import QuizError, build_quiz, collect_facts
from assistant.quiz.export import CSV_COLUMNS, gift_escape, to_csv, to_gift, to_json, to_markdown
from assistant.quiz.facts import (
    MAX_ANSWER,
    NAME_KINDS,
    Fact,
    definition_facts,
    item_facts,
    name_facts,
    number_distractors,
    number_facts,
    standalone,
)
from assistant.quiz.items import BLANK, FALSE, TRUE, section_key, supported_types
from assistant.text import match_key, strip_marks

NUM_OPTION = re.compile(r"^(\d+(?:\.\d+)?)(.*)$")


@pytest.fixture(scope="module")
def paragraphs(report_corpus: Path):
    from assistant.ingest import load_corpus

    return [p for doc in load_corpus(report_corpus) for p in doc.paragraphs]


@pytest.fixture(scope="module")
def names(report_corpus: Path, paragraphs):
    return load_name_table(report_corpus, [p.text for p in paragraphs])


@pytest.fixture(scope="module")
def pool(paragraphs, names):
    return collect_facts(paragraphs, names)


# --- facts -------------------------------------------------------------------------------------------


def test_number_facts_keep_units_and_qualifiers() -> None:
    sentence = "华为建设了1500多张网络,覆盖170多个国家,增速达18.6%,汇聚3.3亿用户和4.3万家企业,2023年完成。"
    facts = {f.answer: f for f in number_facts(sentence, "p1")}
    assert set(facts) == {"1500多张", "170多个", "18.6%", "3.3亿", "4.3万家", "2023年"}
    assert facts["1500多张"].approx == "多" and facts["1500多张"].unit == "张"
    assert facts["18.6%"].kind == "percent" and facts["18.6%"].decimals == 1
    assert facts["2023年"].kind == "year" and facts["4.3万家"].unit == "万家"
    for fact in facts.values():
        assert sentence[fact.start : fact.end] == fact.answer


def test_number_facts_skip_codes_titles_and_repeats() -> None:
    assert number_facts("Net5.5G目标网与5G网络、Top100榜单。", "p") == []
    assert number_facts("发布《至2050年国家规划》。", "p") == []
    assert number_facts("合作国家达到18个,18个国家共同发起倡议。", "p") == []


def test_definition_and_list_items() -> None:
    [definition] = definition_facts("平台企业是指基于新一代信息技术的组织。", "p")
    assert definition.answer == "平台企业" and definition.kind == "definition"
    items = item_facts("呈现三大趋势:一是数字基建跃迁,二是本土化战略升级,三是治理转向。", "p")
    assert [i.answer for i in items] == ["数字基建跃迁", "本土化战略升级", "治理转向"]
    assert item_facts("一是混合主权架构。", "p") == []


def test_names_come_from_the_shared_table(names) -> None:
    text = "例如,在印度尼西亚,华为云与TikTok Shop合作,东南亚与南亚、越南等国"
    facts = {f.answer: f.kind for f in name_facts(text, "p", names)}
    assert facts == {"印度尼西亚": "country", "华为云": "company", "TikTok Shop": "product", "东南亚": "region"}
    assert "电信" not in {f.answer for f in name_facts("如印度尼西亚开展电信网络升级建设。", "p", names)}


def test_stems_that_lean_on_context_give_no_facts() -> None:
    assert not standalone("在此基础上,双方联合开发移动钱包平台TeleBirr。")
    assert not standalone("该模式更关注以云为底座。")
    assert standalone("其中23个伙伴国跨境电商进口增速高于全国。")


def test_number_distractors_follow_the_rules() -> None:
    rng = random.Random(1)
    percent = Fact("percent", "98%", "增速达98%。", "p", 3, 98.0, "%")
    for _ in range(20):
        options = number_distractors(percent, [], rng)
        assert len(options) == 3 and "98%" not in options
        assert all(0 < float(o.rstrip("%")) <= 100 for o in options)
    count = Fact("count", "1500多张", "建设了1500多张网络。", "p", 3, 1500.0, "张", "多")
    options = number_distractors(count, [], rng)
    assert all(o.endswith("多张") and o != "1500多张" for o in options) and len(set(options)) == 3


# --- items -------------------------------------------------------------------------------------------


def test_same_seed_same_quiz_and_stable_ids(pool) -> None:
    first, again, other = (build_quiz(pool, 20, seed=s) for s in (5, 5, 6))
    assert to_json(first) == to_json(again)
    assert [i.stem for i in first] != [i.stem for i in other]
    by_id = {i.id: i for i in first}
    for item in other:  # ids depend on type, paragraph and fact, never on the seed
        if item.id in by_id:
            same = by_id[item.id]
            assert (same.type, same.citation.id) == (item.type, item.citation.id)
            if item.type != "tf":
                assert same.answer == item.answer


def test_items_are_distinct_and_spread_over_sections(pool) -> None:
    items = build_quiz(pool, 30, seed=2)
    assert len({i.stem for i in items}) == len({i.id for i in items}) == 30
    assert {i.type for i in items} == {"mc", "cloze", "tf"}
    sections = {section_key(p.locator) for p in pool.paragraphs if any(f.paragraph_id == p.id for f in pool.facts)}
    first = [section_key(i.citation.locator) for i in items[: len(sections)]]
    assert len(set(first)) >= 0.7 * len(first)  # spread over the sections (list items are interleaved)


def _check_answerable(item) -> None:
    paragraph, sentence = match_key(item.citation.text), match_key(item.explanation)
    if item.stem.startswith("根据报告,下列哪一项不属于"):  # the explanation lists the list's items
        assert [o for o in item.options if match_key(o) not in sentence] == [item.answer]
        return
    assert sentence in paragraph
    if item.type == "cloze":
        assert match_key(item.stem.replace(BLANK, item.answer).rstrip("。")) in sentence
    elif item.type == "mc":
        assert item.answer in item.options and match_key(item.answer) in sentence
    else:
        statement = match_key(item.stem.removeprefix("判断正误:").rstrip("。"))
        assert (statement in sentence) == (item.answer == TRUE)
        assert item.answer in (TRUE, FALSE)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_every_answer_is_checkable_in_its_cited_paragraph(pool, seed: int) -> None:
    for item in build_quiz(pool, 40, seed=seed):
        _check_answerable(item)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_items_stand_alone_with_one_answer(pool, seed: int) -> None:
    items = build_quiz(pool, 40, seed=seed)
    assert len({i.explanation for i in items}) == len(items)  # no two items from one sentence
    for item in items:
        assert not item.stem.startswith(("一是", "二是", "三是", "双方", "该", "其", "在此基础上")), item.stem
        if item.type == "cloze":
            assert len(item.answer) <= MAX_ANSWER and item.stem.count(BLANK) == 1
            assert match_key(item.answer) not in match_key(item.stem), item.stem  # the stem does not give it away
        if item.type == "mc" and item.answer not in item.stem:
            assert match_key(item.answer) not in match_key(item.stem)


def test_every_chapter_can_be_quizzed_including_the_recommendations(pool) -> None:
    for chapter in ("§1", "§2", "§3", "§4", "§5"):
        items = build_quiz(pool, 10, seed=1, section=chapter)  # the CLI's default --n
        assert len(items) == 10 and all(section_key(i.citation.locator).startswith(chapter) for i in items)
    five = build_quiz(pool, 10, seed=3, section="§5")
    assert any("不属于" in i.stem for i in five) and any("属于“" in i.stem and "不属于" not in i.stem for i in five)


def test_different_seeds_give_mostly_different_items(pool) -> None:
    quizzes = [{i.id for i in build_quiz(pool, 10, seed=s)} for s in range(6)]
    shared = [len(a & b) for n, a in enumerate(quizzes) for b in quizzes[n + 1 :]]
    assert sum(shared) / (10 * len(shared)) <= 0.2


def test_tf_false_version_swaps_a_name_of_the_same_kind(pool) -> None:
    for item in build_quiz(pool, 40, types=["tf"], seed=7):
        if item.answer == FALSE:
            statement = item.stem.removeprefix("判断正误:")
            found = {m.group.kind for m in pool.names.find(statement)} & set(NAME_KINDS)
            stated = {id(x.group) for x in pool.names.find(item.explanation)}
            swapped = [m for m in pool.names.find(statement) if id(m.group) not in stated]
            assert all(m.group.kind in found for m in swapped)


def test_section_by_locator_prefix_or_heading(pool) -> None:
    assert all(i.citation.locator.startswith("§4.1 ") for i in build_quiz(pool, 3, seed=1, section="§4.1"))
    assert all(section_key(i.citation.locator).startswith("§4") for i in build_quiz(pool, 8, seed=1, section="§4"))
    assert all(i.citation.locator.startswith("§4.1 ") for i in build_quiz(pool, 3, seed=1, section="云计算平台"))
    assert build_quiz(pool, 3, seed=1, section="4.1") == build_quiz(pool, 3, seed=1, section="§4.1")


def test_too_few_facts_or_unknown_section_is_refused(pool) -> None:
    with pytest.raises(QuizError, match=r"section §4\.1 has only \d+ quiz facts"):
        build_quiz(pool, 50, seed=1, section="§4.1")
    with pytest.raises(QuizError, match="no section matches"):
        build_quiz(pool, 3, section="§9")
    with pytest.raises(QuizError, match="unknown item type"):
        build_quiz(pool, 3, types=["essay"])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_distractor_rules_hold_for_every_item(pool, seed: int) -> None:
    available = sum("mc" in supported_types(f, pool) for f in pool.facts)
    for item in build_quiz(pool, min(available, 40), types=["mc"], seed=seed):
        assert len(item.options) == 4 and len(set(item.options)) == 4
        assert item.options.count(item.answer) == 1
        answer = NUM_OPTION.match(item.answer)
        if answer:  # numbers: same unit and qualifier, positive, percentages at most 100
            parsed = [NUM_OPTION.match(o) for o in item.options]
            assert all(p and p.group(2) == answer.group(2) for p in parsed), item.options
            values = [float(p.group(1)) for p in parsed if p]
            assert all(v > 0 for v in values) and len(set(values)) == 4
            if answer.group(2) == "%":
                assert all(v <= 100 for v in values)
        elif getattr(pool.names.group_of(item.answer), "kind", None) in NAME_KINDS:  # names: one kind, four things
            groups = [pool.names.group_of(o) for o in item.options]
            assert all(groups) and len({g.kind for g in groups}) == 1 and len(set(map(id, groups))) == 4
            paragraph = item.citation.text
            assert all(not any(x.group is g for x in pool.names.find(paragraph)) for g in groups if g is not groups[
                item.options.index(item.answer)])


# --- exports -----------------------------------------------------------------------------------------


def _unescaped(text: str, chars: str) -> list[int]:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            out.append(i)
        i += 1
    return out


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def parse_gift(text: str) -> list[dict]:
    """A small GIFT reader: title, question text and the answer block of each question."""
    questions = []
    for block in (b.strip() for b in text.split("\n\n")):
        if not block or block.startswith("//"):
            continue
        colons = [i for i in _unescaped(block, ":") if block[i : i + 2] == "::" and (i == 0 or block[i - 1] != ":")]
        assert colons[0] == 0 and len(colons) == 2, block
        title, body = block[2 : colons[1]], block[colons[1] + 2 :]
        opens, closes = _unescaped(body, "{"), _unescaped(body, "}")
        assert len(opens) == len(closes) == 1 and opens[0] < closes[0], body
        inside = body[opens[0] + 1 : closes[0]]
        outside = body[: opens[0]] + body[closes[0] + 1 :]
        assert not _unescaped(outside, "~=#{}:"), outside
        answers, _, feedback = inside.partition("####")
        marks = _unescaped(answers, "=~")
        ends = [*marks[1:], len(answers)] if marks else []
        options = [(answers[i], _unescape(answers[i + 1 : j]).strip()) for i, j in zip(marks, ends, strict=True)]
        questions.append({"title": title, "options": options, "tf": answers.strip() if not marks else None,
                          "feedback": _unescape(feedback)})
    return questions


def test_gift_escapes_and_parses_back(pool) -> None:
    assert _unescape(gift_escape("a~b=c#d{e}f:g\\h")) == "a~b=c#d{e}f:g\\h"
    assert not _unescaped(gift_escape("a~b=c#d{e}f:g"), "~=#{}:")
    items = build_quiz(pool, 24, seed=4)
    parsed = parse_gift(to_gift(items))
    assert len(parsed) == len(items)
    for item, q in zip(items, parsed, strict=True):
        assert q["title"] == item.id and item.citation.locator in q["feedback"]
        if item.type == "mc":
            assert sorted(o for _, o in q["options"]) == sorted(item.options)
            assert [o for mark, o in q["options"] if mark == "="] == [item.answer]
        elif item.type == "tf":
            assert q["tf"] == ("T" if item.answer == TRUE else "F")
        else:
            assert q["options"] == [("=", a) for a in (item.answer, *item.accepted)]


def test_short_answers_accept_the_bare_number(pool) -> None:
    items = [i for i in build_quiz(pool, 40, types=["cloze"], seed=2) if NUM_OPTION.match(i.answer)]
    assert items
    plain = re.compile(r"\d+(?:\.\d+)?")
    gift = to_gift(items)
    for item in items:  # "131个" also takes "131"; "4.3万家" takes "4.3万" and "43000" (not "4.3")
        bare = [v for v in (item.answer, *item.accepted) if plain.fullmatch(v)]
        assert bare, item
        assert all(f"={gift_escape(v)}" in gift for v in bare)


def test_csv_has_anki_columns(pool) -> None:
    items = build_quiz(pool, 12, seed=4)
    rows = list(csv.DictReader(io.StringIO(to_csv(items))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS and len(rows) == 12
    for item, row in zip(items, rows, strict=True):
        assert (row["id"], row["type"], row["locator"]) == (item.id, item.type, item.citation.locator)
        assert row["front"].startswith(item.stem) and item.answer in row["back"]


def test_markdown_numbers_questions_and_ends_with_the_key(pool) -> None:
    items = build_quiz(pool, 6, seed=4)
    text = to_markdown(items)
    questions, key = text.split("## 答案 / Answer key")
    assert [int(n) for n in re.findall(r"^(\d+)\. \*\*", questions, re.M)] == list(range(1, 7))
    assert len(re.findall(r"^\d+\. ", key, re.M)) == 6
    assert all(i.citation.locator in key for i in items)
    assert json.loads(to_json(items)) == [i.to_dict() for i in items]


# --- CLI and self-check ------------------------------------------------------------------------------


def _cli(real_assistant, *args: str) -> list[str]:
    s = real_assistant.settings
    return ["quiz", "--corpus", str(s.corpus_dir), "--index", str(s.index_dir), *args]


def test_cli_quiz_json_out_and_refusal(real_assistant, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from assistant.cli import main

    assert main(_cli(real_assistant, "--n", "5", "--seed", "3")) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 5 and {"id", "type", "stem", "options", "answer", "explanation", "citation"} <= set(data[0])
    out = tmp_path / "quiz.gift"
    assert main(_cli(real_assistant, "--n", "5", "--format", "gift", "--out", str(out))) == 0
    assert len(parse_gift(out.read_text(encoding="utf-8"))) == 5 and capsys.readouterr().out == ""
    assert main(_cli(real_assistant, "--n", "99", "--section", "§4.1")) == 2
    err = capsys.readouterr().err.strip()
    assert re.fullmatch(r"assistant: error: section §4\.1 has only \d+ quiz facts.*asked for 99", err)


def test_self_check_the_assistant_answers_the_quiz(real_assistant) -> None:
    pool = collect_facts(real_assistant.corpus.paragraphs)
    items = build_quiz(pool, 30, types=["mc", "cloze"], seed=0)
    right = 0
    for item in items:
        answer = real_assistant.ask(item.stem)
        right += not answer.refused and match_key(item.answer) in match_key(strip_marks(answer.text))
    print(f"\nquiz self-check: the assistant answered {right} of {len(items)} mc/cloze items (seed 0)")
    assert 0 <= right <= len(items)
