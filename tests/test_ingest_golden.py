"""The parser on the real report: a golden snapshot plus explicit assertions that read as its spec.

Regenerate the snapshot after an intended change with `UPDATE_GOLDEN=1 python -m pytest tests/test_ingest_golden.py`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.ingest import ParsedDocument, load_document, parse_text
from assistant.text import SUPERSCRIPT_DIGITS, is_cjk
from assistant.types import Paragraph

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "digital-silk-road-report.txt"
GOLDEN = Path(__file__).resolve().parent / "golden" / "report_structure.json"

CHAPTERS = [
    "一、数字丝路的发展机遇",
    "二、平台企业的内涵与核心角色",
    "三、平台企业的共建共享发展新趋势",
    "四、平台企业的共建共享发展新模式",
    "五、未来展望与行动倡议",
]


@pytest.fixture(scope="module")
def report() -> ParsedDocument:
    return load_document(REPORT, REPORT.parent)


def headings(doc: ParsedDocument) -> list[list[str]]:
    """Every heading path (chapter, section, item) in reading order, derived from the paragraphs."""
    seen: dict[tuple[str, ...], None] = {}
    for p in doc.paragraphs:
        if p.kind != "front":
            for depth in range(1, len(p.heading_path) + 1):
                seen.setdefault(p.heading_path[:depth], None)
    return [list(path) for path in seen]


def snapshot(doc: ParsedDocument) -> dict:
    table = next(p for p in doc.paragraphs if p.kind == "table")
    return {
        "doc": doc.doc,
        "path": doc.path,
        "title": doc.title,
        "toc": list(doc.toc),
        "headings": [" / ".join(path) for path in headings(doc)],
        "paragraphs": [
            {
                "id": p.id,
                "locator": p.locator,
                "kind": p.kind,
                "section": p.section,
                "marks": list(p.marks),
                "start": p.text[:20],
            }
            for p in doc.paragraphs
        ],
        "sources": [
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "publisher": s.publisher,
                "date": s.date,
                "missing": s.missing,
            }
            for s in doc.sources
        ],
        "table_rows": [list(row) for row in table.rows],
    }


def dump(data: dict) -> str:
    """JSON with one list item per line, so a diff of the golden file shows which paragraph changed."""
    lines = ["{"]
    for i, (key, value) in enumerate(data.items()):
        comma = "," if i < len(data) - 1 else ""
        if isinstance(value, list):
            items = [f"  {json.dumps(item, ensure_ascii=False)}" for item in value]
            lines += [f" {json.dumps(key)}: [", ",\n".join(items), f" ]{comma}"]
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    return "\n".join([*lines, "}"]) + "\n"


def test_matches_golden_snapshot(report: ParsedDocument) -> None:
    actual = snapshot(report)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(dump(actual), encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for key in expected:  # key by key, so a failure names the part that changed
        assert actual[key] == expected[key], key
    assert actual.keys() == expected.keys()


def by_text(doc: ParsedDocument, fragment: str) -> Paragraph:
    found = [p for p in doc.paragraphs if fragment in p.text]
    assert len(found) == 1, f"{fragment!r} is in {len(found)} paragraphs"
    return found[0]


def test_document_identity(report: ParsedDocument) -> None:
    assert report.doc == "digital-silk-road-report"
    assert report.path == "digital-silk-road-report.txt"
    assert report.title == "数字丝路:平台企业共建共享的全球数字经济新生态"


def test_chapters_sections_and_items(report: ParsedDocument) -> None:
    paths = [tuple(path) for path in headings(report)]
    assert [p[0] for p in paths if len(p) == 1] == CHAPTERS
    sections = [sum(1 for p in paths if len(p) == 2 and p[0] == chapter) for chapter in CHAPTERS]
    assert sections == [2, 2, 3, 4, 2]
    assert [p[2] for p in paths if len(p) == 3] == ["1.政府层面", "2.企业层面", "3.国际组织与智库"]
    assert all(p[:2] == (CHAPTERS[4], "(二)行动倡议") for p in paths if len(p) == 3)
    # section headings are repaired: `(二) 跨境电商平台企业: 全链路…` loses its spaces
    assert (CHAPTERS[3], "(二)跨境电商平台企业:全链路数字化的贸易生态模式") in paths
    assert (CHAPTERS[3], "(一)云计算平台企业:保障数字主权的云服务模式") in paths
    # headings are never paragraphs
    titles = {title for path in paths for title in path}
    assert not titles & {p.text for p in report.paragraphs}


def test_sources(report: ParsedDocument) -> None:
    numbers = [s.number for s in report.sources]
    assert numbers == list(range(1, 20))
    assert [s.number for s in report.sources if not s.missing] == [*range(1, 8), *range(9, 16), 17, 18, 19]
    assert [s.id for s in report.sources if s.missing] == ["fn8", "fn16"]
    assert all(s.title == s.text == "" for s in report.sources if s.missing)
    sources = {s.number: s for s in report.sources}
    assert sources[1].title == "全球数字经济发展指数报告(TIMG 2024)"  # the damaged `$^{^{--}}$` note
    assert sources[1].publisher == "中国社会科学院金融研究所、国家金融与发展实验室"
    assert (sources[3].title, sources[3].publisher, sources[3].date) == ("2023年东南亚数字经济报告", "贝恩", "")
    assert (sources[10].publisher, sources[10].date) == ("中国日报网", "2025年4月")
    assert sources[10].title == "百世集团以数智化供应链为基助力中国-东南亚双向贸易发展"
    assert (sources[9].publisher, sources[9].date) == ("科技进步与对策", "2024年1月")
    assert sources[9].title.startswith("模块化如何赋能企业智能制造升级")
    assert sources[4].text.startswith("引用商务部")  # `⁴引用…` had no space after its number
    cited = {m for p in report.paragraphs for m in p.marks}
    assert {5, 6, 9}.isdisjoint(cited)  # notes without a mark in the body stay in sources
    assert cited == set(range(1, 20)) - {5, 6, 9}


MARK_LINKS = {
    "中亚和南亚国家整体水平偏弱": (1, 2),
    "东南亚地区增速达18.6%": (3, 4),
    "微短剧应用": (7,),
    "平台企业是指": (8,),
    "百世集团用数字化供应链": (10,),
    "Emerging Market 2.0": (11,),
    "TikTok与印尼GoTo集团": (12,),
    "GaussDB及先锋计划": (13,),
    "吉隆坡综合性物流枢纽eWTPHub": (14, 15),
    "Trusple": (16,),
    "商汤科技": (17,),
    "IEEE大模型标准工作组": (18, 19),
}


@pytest.mark.parametrize(("fragment", "marks"), MARK_LINKS.items())
def test_mark_links(report: ParsedDocument, fragment: str, marks: tuple[int, ...]) -> None:
    assert by_text(report, fragment).marks == marks


def test_marks_are_superscript_in_text(report: ParsedDocument) -> None:
    assert "中国微短剧应用⁷。" in by_text(report, "微短剧应用").text
    assert "缩短2天¹⁴。" in by_text(report, "eWTPHub").text
    assert "电子钱包¹⁵," in by_text(report, "eWTPHub").text
    assert "各种功能⁸," in by_text(report, "平台企业是指").text
    assert "流程的自动化¹⁶。" in by_text(report, "Trusple").text
    for p in report.paragraphs:  # no plain-digit mark is left behind
        assert not re.search(r"(应用7|功能8|服务10|2天14|钱包15|自动化16)[。,]", p.text)
    assert "合作国家达到18个" in by_text(report, "合作国家达到").text  # quantities stay plain


def test_no_page_debris_in_paragraphs(report: ParsedDocument) -> None:
    notes = [s.text for s in report.sources if s.text]
    toc_titles = {re.sub(r" \d+$", "", line) for line in report.toc}
    for p in report.paragraphs:
        for debris in ("٥", "⁰³", "_`", "$^", "目录"):
            assert debris not in p.text, (debris, p.locator)
        assert not any(note in p.text for note in notes), p.locator
        assert p.text not in toc_titles
        assert not p.text.startswith(tuple(SUPERSCRIPT_DIGITS))


def test_no_space_next_to_cjk(report: ParsedDocument) -> None:
    texts = [p.text for p in report.paragraphs] + [c for p in report.paragraphs for row in p.rows for c in row]
    texts += [re.sub(r" \d+$", "", line) for line in report.toc]  # an entry's page number stays apart
    texts += [s.text for s in report.sources] + [h for p in report.paragraphs for h in p.heading_path]
    for text in texts:
        for match in re.finditer(r"(.)[^\S\n]+(.)", text):
            assert not (is_cjk(match.group(1)) or is_cjk(match.group(2))), (match.group(), text[:30])


def test_latin_spacing_survives(report: ParsedDocument) -> None:
    text = "\n".join(p.text for p in report.paragraphs)
    for phrase in ("Emerging Market 2.0", "Touch'n Go eWallet", "TikTok Shop", "Epic Games", "Azure Stack"):
        assert phrase in text
    assert "EM2.0(Emerging Market 2.0)模式" in text


JOINED = [
    "关键单证的可信、高效流转,以及部分合规审查流程的自动化¹⁶。",
    "提供云计算与AI中台等平台化服务,最终在产业实际应用场景中释放价值。",
    "风险控制等因素,平台企业进入国际市场早期,",
    "为当地约160万小微用户发放优惠券等权益福利",
    "Epic Games将制作《堡垒之夜》的技术方法论",
    "未来,谁能率先构建起本地化智能引擎",
    "海外投资注重环境和社会责任,如建设绿色数据中心",
    "内容创作者通过平台获益、商家获取流量与销量",
]


@pytest.mark.parametrize("fragment", JOINED)
def test_page_broken_paragraphs_are_joined(report: ParsedDocument, fragment: str) -> None:
    assert by_text(report, fragment).kind == "body"


def test_list_intro_is_not_joined(report: ParsedDocument) -> None:
    intro = by_text(report, "该模式有三大特点:")
    assert intro.text.endswith("该模式有三大特点:")
    assert by_text(report, "一是混合主权架构").text.startswith("一是混合主权架构")


def test_front_matter(report: ParsedDocument) -> None:
    front = [p for p in report.paragraphs if p.kind == "front"]
    assert [p.locator for p in front] == [
        "封面 ¶1",
        "封面 ¶2",
        "工作组 ¶1",
        "工作组 ¶2",
        "前言 ¶1",
        "前言 ¶2",
        "前言 ¶3",
    ]
    assert [p.text for p in front[:2]] == [report.title, "中国电信研究院天翼智库"]
    group = ("中国电信研究院天翼智库工作组",)
    assert front[2].heading_path == front[3].heading_path == group
    assert front[2].text == (
        "组长:饶少阳。副组长:季鸿、佘丛国。工作组成员:孙洁、王朋、陈凤仙、马玥(1986)、何菁钦、马睿文、傅悦、"
        "马政、李泰、李晨清、姜家驷、高立霜、王胤丰、马玥(1995)、马程成。"
    )
    assert front[3].text == "编辑组邮箱:zhiku@chinatelecom.cn"
    assert all(p.heading_path == ("前言",) for p in front[4:])
    assert front[4].text.startswith("当前正处于数字技术实现革命性突破")
    assert front[6].text.endswith("路径参考与行动指南。")
    assert all(p.order < min(q.order for q in report.paragraphs if q.kind != "front") for p in front)


def test_table(report: ParsedDocument) -> None:
    tables = [p for p in report.paragraphs if p.kind == "table"]
    assert len(tables) == 1
    table = tables[0]
    assert table.locator == "§4 表1"
    assert table.heading_path == (CHAPTERS[3],)
    assert len(table.rows) == 5 and all(len(row) == 4 for row in table.rows)
    assert table.rows[0][0] == "云计算平台企业保障数字主权的云服务模式"
    assert table.rows[1][0] == "技术赋能与数据安全协同共建产业基础设施"
    assert [row[3] for row in table.rows[2:]] == ["技术标准输出", "数据治理", "生态联盟"]
    lines = table.text.split("\n")
    assert len(lines) == 4
    assert lines[0] == (
        "云计算平台企业保障数字主权的云服务模式:技术赋能与数据安全协同共建产业基础设施;"
        "混合主权架构、核心代码授权+本地控股、产业知识图谱引擎。"
    )
    # the table sits between section 4.1's last paragraph and section 4.2's first
    before, after = (report.paragraphs[table.order + d] for d in (-1, 1))
    assert before.locator == "§4.1 ¶5" and after.locator == "§4.2 ¶1"


def test_locators(report: ParsedDocument) -> None:
    assert by_text(report, "数字丝路建设纵深推进").locator == "§3 ¶1"
    assert by_text(report, "随着技术迭代与用户需求多元化").locator == "§4 ¶1"
    assert by_text(report, "一是混合主权架构").locator == "§4.1 ¶3"
    assert by_text(report, "推动跨境规则衔接与互认机制建设").locator == "§5.2.1 ¶1"
    assert by_text(report, "牵头构建统一的数字经济评估体系").locator == "§5.2.3 ¶1"
    assert by_text(report, "随着全球数字经济加速融合").locator == "§1.1 ¶1"
    locators = [p.locator for p in report.paragraphs]
    assert len(set(locators)) == len(locators)


def test_chapter_paragraphs_are_complete(report: ParsedDocument) -> None:
    for p in report.paragraphs:
        if p.kind == "body":
            assert p.text.rstrip(SUPERSCRIPT_DIGITS)[-1] in "。:", (p.locator, p.text[-10:])


def test_ids_and_order(report: ParsedDocument) -> None:
    ids = [p.id for p in report.paragraphs]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"p[0-9a-f]{11}(-\d+)?", pid) for pid in ids)
    assert [p.order for p in report.paragraphs] == list(range(len(ids)))
    assert all(p.doc == report.doc for p in report.paragraphs)
    assert len(report.paragraphs) == 67


def test_reingest_gives_same_ids(report: ParsedDocument) -> None:
    again = parse_text(REPORT.read_text(encoding="utf-8"), report.doc, report.path)
    assert again == report


def test_parsing_is_fast() -> None:
    text = REPORT.read_text(encoding="utf-8")
    parse_text(text, "warm-up")
    best = min(_timed(lambda: parse_text(text, "report")) for _ in range(5))
    assert best < 0.1, f"parsing took {best * 1000:.0f} ms"


def _timed(run: object) -> float:
    started = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - started


def test_ingest_imports_neither_jieba_nor_pypdf() -> None:
    code = (
        "import sys; from pathlib import Path; from assistant.ingest import load_document; "
        f"load_document(Path({str(REPORT)!r}), Path({str(REPORT.parent)!r})); "
        "print(sorted(m for m in ('jieba', 'pypdf') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
