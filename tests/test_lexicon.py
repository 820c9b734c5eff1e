"""The shared name table on the real corpus: aliases across languages, longest match, kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.lexicon import AliasFileError, NameTable, load_name_table, parse_alias_toml
from assistant.lexicon.sources import corpus_pairs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def report_docs():
    from assistant.ingest import load_corpus

    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def table(report_docs) -> NameTable:
    texts = [p.text for d in report_docs for p in d.paragraphs] + [s.text for d in report_docs for s in d.sources]
    return load_name_table(ROOT / "corpus", texts)


def _names(table: NameTable, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.group.preferred) for m in table.find(text)]


def test_english_and_short_forms_reach_the_reports_spelling(table):
    assert _names(table, "What did Alibaba Cloud do with STC in Saudi Arabia?") == [
        ("Alibaba Cloud", "阿里云"), ("STC", "沙特电信"), ("Saudi Arabia", "沙特阿拉伯")]
    assert table.same("阿里", "阿里巴巴") and table.same("Ant Group", "蚂蚁集团")
    assert not table.same("阿里巴巴", "阿里云")


def test_a_plural_names_the_thing_but_not_a_term(table):
    assert _names(table, "Indonesians and Arabs") == [("Indonesians", "印度尼西亚"), ("Arabs", "阿拉伯")]
    assert table.group_of("Indonesians") is table.group_of("印尼")
    assert table.group_of("areas") is None  # a plural of a term or metric is a common word


def test_longest_name_wins(table):
    assert _names(table, "东南亚和南亚") == [("东南亚", "东南亚"), ("南亚", "南亚")]
    assert table.kind_of("华为云") == "company" and table.kind_of("印尼") == "country"


def test_acronyms_match_only_in_capitals_and_as_words(table):
    assert _names(table, "tell us about it") == []
    assert _names(table, "SAIC and the US") == [("US", "美国")]


def test_pairs_the_report_writes_itself(report_docs):
    texts = [p.text for d in report_docs for p in d.paragraphs]
    pairs = {g.names for g in corpus_pairs(texts)}
    assert ("沙特电信", "STC") in pairs and ("世界电子贸易平台", "eWTP") in pairs
    assert ("全球数字经济伙伴关系协定", "DEPA") in pairs


def test_a_name_inside_a_longer_one_occurs_but_is_not_found(table):
    alibaba = table.group_of("阿里")
    assert table.occurs(alibaba, "阿里巴巴提出的世界电子贸易平台")
    assert [m.group.preferred for m in table.find("东南亚")] == ["东南亚"]  # not 南亚


def test_a_place_inside_another_place_is_no_mention_of_it(table):
    """印度尼西亚 is not about 印度 (a comparison of the two was answered from a sentence on Indonesia alone)."""
    india, south_asia = table.group_of("印度"), table.group_of("南亚")
    assert not table.occurs(india, "如印度尼西亚开展电信网络升级建设")
    assert table.occurs(india, "印度尼西亚和印度都在推广数字支付")
    assert not table.occurs(south_asia, "东南亚数字经济") and table.occurs(south_asia, "南亚与东南亚")


def test_bad_alias_file_is_a_clear_error():
    with pytest.raises(AliasFileError, match="group 1"):
        parse_alias_toml('[[group]]\nkind = "company"\nnames = []\n', "aliases.toml")
    with pytest.raises(AliasFileError, match="kind"):
        parse_alias_toml('[[group]]\nkind = "planet"\nnames = ["火星"]\n', "aliases.toml")
    with pytest.raises(AliasFileError, match="TOML"):
        parse_alias_toml("[[group]\n", "aliases.toml")


def test_names_where_letters_meet_digits_match_however_spaced() -> None:
    from assistant.lexicon import NameGroup, NameTable

    conference = NameGroup("org", ("EMNLP2022",))
    phone = NameGroup("product", ("iPhone 14",))
    table = NameTable([conference, phone])
    assert table.occurs(conference, "「EMNLP 2022会议」在阿布扎比举办")
    assert table.occurs(phone, "苹果iPhone14发布") and table.occurs(phone, "iPhone 14 Pro")
    assert not table.occurs(conference, "EMNLP2021") and not table.occurs(phone, "iPhone 140")


def test_a_growth_rate_is_named_by_its_verb(table):
    """"GDP增长率" is answered by "GDP同比增长2.6%": the metric's name need not be written out."""
    growth = table.group_of("增长率")
    assert growth is not None and table.occurs(growth, "2022年重庆GDP同比增长2.6%")


def test_a_region_the_documents_never_name_is_about_its_members() -> None:
    """"the Gulf states": the report names 沙特阿拉伯 and 阿联酋, never 海湾; 东南亚, which it names, must be named
    when a figure is asked for."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import context_problem
    from assistant.lexicon import load_name_table

    table = load_name_table(None)
    corpus = "沙特阿拉伯金融管理局推出监管沙盒计划。东南亚地区增速达18.6%。中国电信在越南建设数据中心。"
    gulf = analyse("fintech rules in the Gulf states?", table, corpus)
    assert not gulf.unknown
    assert context_problem(gulf, "沙特阿拉伯金融管理局推出监管沙盒计划。", "", "", table) == ""
    south_east = analyse("中国电信在东南亚建设了多少个数据中心?", table, corpus)
    assert context_problem(south_east, "中国电信在越南建设数据中心。", "", "", table).startswith("not about")
    # A region the documents name is about its members too, except for a figure: a count for 东南亚 is not one for 越南.
    which = analyse("中国电信在东南亚是跟哪家企业合作建数据中心的?", table, corpus)
    assert context_problem(which, "中国电信在越南建设数据中心。", "", "", table) == ""


@pytest.mark.parametrize(("typed", "read"), [
    ("菜鸟在东难亚干了啥", "菜鸟在东南亚干了啥"),  # one character slipped, and 东难亚 is no word
    ("普会金融是啥", "普惠金融是啥"),
    ("sec 4.2 — Cainaio Intl's moat", "sec 4.2 — Cainiao Intl's moat"),  # two letters swapped
    ("How did Huwei Cloud localize in Thialand?", "How did Huawei Cloud localize in Thailand?"),
    ("阿里去年营收多少", "阿里去年营收多少"),  # 阿里 + 去年: no slip of 阿里云
    ("东北亚有什么", "东北亚有什么"),  # a word of its own, not a slip of 东南亚
    ("微软、阿里云、华为云", "微软、阿里云、华为云"),  # punctuation is no character of a name
    ("百事跟海尔有啥不一样", "百事跟海尔有啥不一样"),  # two-character names are too close to words
    ("报告有提到金山云或者UCloud出海吗?", "报告有提到金山云或者UCloud出海吗?"),  # a company, not "Cloud" with a U
    ("Would you recommend we buy? Would it pay?", "Would you recommend we buy? Would it pay?"),  # not "World"
    # a sentence's first word is left as typed (the cost: a slip there is not read)
    ("Cloud firms? Tell me. Cainaio's moat", "Cloud firms? Tell me. Cainaio's moat"),
])
def test_names_typed_with_one_slip_are_read_as_the_table_writes_them(typed: str, read: str) -> None:
    from assistant.lexicon.spelling import corrected

    assert corrected(typed, load_name_table(Path("corpus"))) == read


@pytest.mark.parametrize(("typed", "read"), [
    ("海尔跟百事这俩案例有啥不一样", "海尔跟百世这俩案例有啥不一样"),  # 百事 is a word, but the report's name is 百世
    ("印泥电商市场有多大", "印尼电商市场有多大"),
    ("社交电伤那块", "社交电商那块"),  # 电伤 is no word; 电商 is one, and the report uses it
    ("跨竟电商模式", "跨境电商模式"),
    ("报告有没有提到自贸试验区", "报告有没有提到自贸试验区"),  # 字贸 is in the text (数字贸易) but no word
    ("乐天在日本怎么样", "乐天在日本怎么样"),  # a name the report lacks, with no same-sounding one it has
    ("报告里有提到石油吗", "报告里有提到石油吗"),
    ("报告里说搞基础设施建设的是哪几家公司华伟算不算", "报告里说搞基础设施建设的是哪几家公司华为算不算"),  # a tone slip
    ("华威大学有合作吗", "华威大学有合作吗"),  # 华威 is a word of its own (Warwick), not a slip of 华为
    ("跨境电商进出口额的比例是多少", "跨境电商进出口额的比例是多少"),  # 比例|是 are two words, not 比利时
])
def test_words_typed_by_sound_are_read_as_the_report_writes_them(typed: str, read: str) -> None:
    from assistant.lexicon.homophones import by_sound
    from assistant.text import match_key

    report = match_key(Path("corpus/digital-silk-road-report.txt").read_text(encoding="utf-8"))
    assert by_sound(typed, load_name_table(Path("corpus")), report) == read


def test_reading_words_by_sound_does_not_load_pypinyins_phrase_tables() -> None:
    """Only the character table is read (12 MB); the package's phrase tables would cost 45 MB more."""
    import subprocess
    import sys

    probe = ("import sys; from pathlib import Path; from assistant.lexicon import load_name_table, homophones; "
             "homophones.warm_up(load_name_table(Path('corpus'))); print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "False"
