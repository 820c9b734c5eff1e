"""The Quiz (出题) and Check (核查) tab handlers on the real report: rendering, export files, notices, escaping."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
from pathlib import Path

import pytest

from assistant.quiz import QuizError, build_quiz, collect_facts
from assistant.quiz.items import ItemCitation, QuizItem
from assistant.review.check import Checker, CheckError
from assistant.ui import tools as t
from assistant.ui.handlers import esc

pytestmark = pytest.mark.slow
EVIL = '<script>alert("x")</script><img src=x onerror="alert(1)">'
SEA_QUESTION = "东南亚地区零售电商增速是多少?"
LOC_LINK = re.compile(r'<a class="loc" href="\?p=(p[0-9a-f]+)" data-pid="\1">([^<]+)</a>')


@pytest.fixture(scope="module")
def checker(real_assistant) -> Checker:
    return Checker.from_assistant(real_assistant)


@pytest.fixture(scope="module")
def pool(real_assistant, checker):
    return collect_facts(real_assistant.corpus.report_paragraphs(), checker.names)  # as the app builds it


def cited_answer(assistant, question: str) -> str:
    """A real answer with its `[n]` markers replaced by the cited paragraphs' locators."""
    answer = assistant.ask(question)
    assert not answer.refused and answer.citations
    locators = {str(c.marker): c.paragraph.locator for c in answer.citations}
    return re.sub(r"\[(\d+)\]", lambda m: f"[{locators[m.group(1)]}]", answer.text)


def test_section_choices_list_chapters_and_sections(real_assistant) -> None:
    choices = t.section_choices(real_assistant.corpus.paragraphs)
    assert choices[0] == ("全部 All", t.ALL)
    values = [value for _, value in choices]
    assert {"§1", "§4", "§4.1", "§5.2", "§5.2.1"} <= set(values) and len(values) == len(set(values))
    label = dict((v, k) for k, v in choices)["§4.1"]
    assert "§4.1" in label and "云计算" in label


@pytest.mark.parametrize("fmt", ["gift", "csv"])
def test_quiz_of_five_mc_items_renders_with_locators_and_writes_the_export(pool, real_assistant, tmp_path: Path,
                                                                        fmt: str) -> None:
    markup, path = t.quiz_view(pool, "§4", 5, ["mc"], 0, fmt, tmp_path)
    assert markup.count('<li class="quiz-item" data-type="mc">') == 5
    assert markup.count('<span class="opt">') == 20  # four options each
    links = LOC_LINK.findall(markup)
    assert len(links) == 5
    for pid, locator in links:  # each answer cites a real §4 paragraph, clickable into the side panel
        assert real_assistant.paragraph(pid).locator == locator and locator.startswith("§4")
    assert path is not None and path.is_file() and path.parent == tmp_path and path.suffix == f".{fmt}"
    text = path.read_text(encoding="utf-8")
    items = build_quiz(pool, 5, ["mc"], 0, "§4")
    if fmt == "gift":
        assert all(f"::{item.id}::" in text for item in items)
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["id"] for r in rows] == [i.id for i in items] and all(r["type"] == "mc" for r in rows)


def test_markdown_and_json_exports_default_to_a_temp_dir(pool) -> None:
    markup, path = t.quiz_view(pool, t.ALL, 3, ["mc", "cloze", "tf"], 7, "json")
    assert path is not None and path.is_file() and markup.count('class="quiz-item"') == 3
    assert json.loads(path.read_text(encoding="utf-8")) == t.quiz_json(pool, "", 3, "mc,cloze,tf", 7)
    _, md = t.quiz_view(pool, "§2", 2, ["cloze"], 1, "md", path.parent)
    assert md is not None and md.read_text(encoding="utf-8").startswith("# ")


def test_too_many_items_or_no_type_shows_a_notice(pool) -> None:
    with pytest.raises(QuizError) as cli_error:
        build_quiz(pool, 500, ["mc"], 0, "§4")
    markup, path = t.quiz_view(pool, "§4", 500, ["mc"], 0, "gift")
    assert path is None and 'class="notice' in markup and esc(str(cli_error.value)) in markup  # the CLI's words
    for n, types in ((3, []), (0, ["mc"]), (None, ["mc"]), (2.5, ["mc"])):
        markup, path = t.quiz_view(pool, "§4", n, types, 0, "md")
        assert path is None and 'class="notice' in markup
    with pytest.raises(QuizError, match="no section matches"):
        t.quiz_json(pool, "§9", 1, "mc", 0)


def test_quiz_json_is_the_cli_json(pool, real_assistant, capsys: pytest.CaptureFixture) -> None:
    from assistant.cli import main

    s = real_assistant.settings
    assert main(["quiz", "--section", "§4", "--n", "5", "--types", "mc", "--format", "json",
                 "--corpus", str(s.corpus_dir), "--index", str(s.index_dir)]) == 0
    assert json.loads(capsys.readouterr().out) == t.quiz_json(pool, "§4", 5, "mc", 0)


def test_a_real_answer_with_locators_checks_all_supported(real_assistant, checker) -> None:
    for question in (SEA_QUESTION, "平台企业的内涵是什么?"):
        text = cited_answer(real_assistant, question)
        markup = t.check_view(checker, text)
        overall, claims = markup.split('<ol class="claims">')
        assert "badge-supported" in overall and "supported" in overall
        assert claims.count('<li class="claim claim-supported">') == len(checker.check(text).claims) >= 1
        assert not re.search(r"badge-(contradicted|unsupported|uncited)", markup)
        assert 'class="evidence"' in markup and LOC_LINK.search(markup)
        assert t.check_json(checker, text)["verdict"] == "supported"


def test_a_perturbed_number_is_contradicted_with_evidence_and_suggestion(real_assistant, checker) -> None:
    text = cited_answer(real_assistant, SEA_QUESTION)
    assert "18.6%" in text
    bad = text.replace("18.6%", "25%")
    markup = t.check_view(checker, bad)
    overall = markup.split('<ol class="claims">')[0]
    assert "badge-issues" in overall and "1 矛盾 contradicted" in overall
    assert '<span class="badge badge-contradicted">✗ 矛盾 contradicted</span>' in markup
    evidence = re.search(r'<blockquote class="evidence">(.*?)</blockquote>', markup).group(1)
    assert '<mark class="diff">18.6%</mark>' in evidence  # what differs is marked on both sides
    claim = re.search(r'<div class="claim-text">(.*?)</div>', markup).group(1)
    assert '<mark class="diff">25%</mark>' in claim and claim.count("<mark") == 1
    assert 'class="suggested"' not in markup  # no paragraph says 25%: nothing to suggest
    assert t.check_json(checker, bad) == checker.check(bad).to_dict()
    locator = re.search(r"\[(§[^\]]+)\]", text).group(1)
    elsewhere = re.sub(r"\[§[^\]]+\]", "[§4.1 ¶1]", text)  # true, but cited to the wrong paragraph
    markup = t.check_view(checker, elsewhere)
    suggested = re.search(r'<div class="suggested">(.*?)</div>', markup).group(1)
    assert [loc for _, loc in LOC_LINK.findall(suggested)] == [locator]


def test_a_swapped_name_is_marked_and_a_wrong_paragraph_gets_a_supporting_suggestion(real_assistant,
                                                                                     checker) -> None:
    by_text = {p.text: p for p in real_assistant.corpus.paragraphs}
    huawei = next(p for t_, p in by_text.items() if "1500多张网络" in t_)
    sea = next(p for t_, p in by_text.items() if "东南亚地区增速达18.6%" in t_)
    markup = t.check_view(checker, f"阿里云与全球运营商共同建设了1500多张网络[{huawei.locator}]")
    assert '<mark class="diff">阿里云</mark>' in markup and '<mark class="diff">华为</mark>' in markup
    assert 'class="suggested"' not in markup  # only the cited paragraph is close: nothing else to suggest
    markup = t.check_view(checker, f"华为与全球运营商共同建设了1500多张网络[{sea.locator}]")
    suggested = re.search(r'<div class="suggested">(.*?)</div>', markup).group(1)
    assert LOC_LINK.search(suggested).group(1) == huawei.id  # another paragraph, one that supports the claim


def test_differences_compare_numbers_as_numbers(checker) -> None:
    claim, evidence = t.differences("增速达20%,三亿用户", "增速达18.6 %,3亿用户", checker.names)
    assert claim == ["20%"] and evidence == ["18.6 %"]
    assert t.differences("1,500张网络", "1500多张网络", checker.names) == ([], [])


def test_old_exports_are_pruned(tmp_path: Path) -> None:
    old, new = tmp_path / "quiz-old.md", tmp_path / "quiz-new.md"
    for path in (old, new):
        path.write_text("x", encoding="utf-8")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert t.prune_exports(tmp_path, 3600) == [old]
    assert not old.exists() and new.exists()
    path = t.write_text_export("# 对话\n", tmp_path, "conversation.md", 3600)
    assert path.read_text(encoding="utf-8") == "# 对话\n"


@pytest.mark.parametrize("text", ["", "   \n ", "东南亚\x00\x01增速", "增" * (t.MAX_ANSWER_CHARS + 1), "。。。"])
def test_empty_binary_long_or_wordless_answers_show_a_notice(checker, text: str) -> None:
    markup = t.check_view(checker, text)
    assert markup.startswith('<div class="notice') and "Cannot check" in markup
    with pytest.raises(CheckError):
        t.check_json(checker, text)


def test_user_and_corpus_text_is_escaped(real_assistant, checker) -> None:
    para = next(p for p in real_assistant.corpus.paragraphs if "18.6%" in p.text)
    markup = t.check_view(checker, f"{EVIL}东南亚地区零售电商增速达18.6%[{para.locator}]。{EVIL}[{EVIL}]")
    assert "<script" not in markup and "<img" not in markup and "&lt;script&gt;" in markup
    item = QuizItem("q1", "mc", f"问{EVIL}", "A", f"解释{EVIL}", ItemCitation("p1", f"§1 {EVIL}", EVIL),
                    ("A", f"B{EVIL}", "C", "D"))
    markup = t.quiz_html([item], heading=EVIL)
    assert "<script" not in markup and "<img" not in markup and markup.count("&lt;script&gt;") == 5
    notice, _ = t.quiz_view(collect_facts([]), EVIL, 1, ["mc"], 0, "md")
    assert "<script" not in notice and "&lt;script&gt;" in notice
