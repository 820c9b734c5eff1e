"""Answerability as a judgement, on the real report with the real embedder: off-topic questions and
near misses are refused with a reason, front matter is answered, names cross languages, lists are
complete, and quotes from other documents name their document and show disagreements."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.answer import REFUSAL_EN, REFUSAL_ZH
from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.render import answer_to_dict, answer_to_text
from tests.test_answers import answer_carrying, assert_extractive

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("你好,你是谁?", "off-topic"),
        ("帮我写首关于数字丝路的诗", "off-topic"),
        ("Translate the foreword into French.", "off-topic"),
        ("帮我想10个爆款标题,主题是中国平台出海,要有悬念感", "off-topic: instruction"),  # not just a word it lacks
        ("帮我写一段越南语的直播开场白,卖女装", "off-topic: instruction"),  # 越南语: a language; 开场白: a text
        ("Also kindly draft a cover email to our Riyadh client for the proposal submission", "off-topic: instruction"),
        ("你觉得TikTok在印尼能做成吗?", "off-topic"),
        ("你觉得中国的平台公司去中亚发展会成功吗?请说你自己的看法。", "off-topic"),  # so is its second part
        ("TikTok以后会不会在东南亚被封?你押一个", "off-topic"),
        ("以您的判断,目前给东南亚电商平台授信,整体风险可控吗?", "off-topic: opinion"),
        ("照你看,未来五年哪类平台最赚钱?", "off-topic: opinion"),
        ("俺们县想申报电子商务进农村综合示范县,申报材料咋写?", "off-topic"),  # the asker's own task: know-how
        ("How do I set up cross-region disaster recovery between two cloud regions?", "off-topic"),
        ("Do you think the Digital Silk Road will succeed?", "off-topic"),
        ("巴西有多少人口?", "not mention"),
        ("What is the population of Brazil?", "not mention"),
        ("华为员工总数多少人?", "no figure"),
        ("商汤每年投入人工智能伦理方面的预算有多少?", "no figure"),  # a budget is not answered by a count of standards
        ("How many employees does Huawei Cloud have in Thailand?", "no figure"),
        ("信也科技在印尼的放贷余额是多少", "no figure"),  # a loan book, not a coupon programme's "亿元免息借款"
        ("2022年东南亚地区零售电商增速是多少?", "2022"),
        ("京东在中东有啥布局?", "not mention"),
        ("报告里甲骨文云的主权云方案是怎么写的?", "not mention"),
        # General knowledge whose every topic word is absent from the documents, only its place names are there.
        ("北京天气咋样", "never mention: 天气"),
        ("泰国官方语言是啥?", "never mention"),
        ("人民币兑美元现在汇率多少?", "never mention"),
        ("明年东南亚跨境电商增速是多少", "counted from today"),
        ("明年跨境电商会不会凉", "off-topic: opinion"),  # a forecast
        ("How much revenue did Cainiao make in Southeast Asia last year?", "counted from today"),
    ],
)
def test_questions_the_report_does_not_answer_are_refused_with_a_reason(real_assistant, question, reason):
    answer = real_assistant.ask(question)
    assert answer.refused, answer.text
    assert reason in answer.debug["reason"]
    if reason in ("off-topic", "never mention: 天气"):
        assert answer.see_also == ()  # nothing in the report is "close" to a greeting, a poem or the weather
    if reason.startswith("off-topic"):  # told why: the assistant quotes the documents, it gives no views or poems
        assert answer.text not in (REFUSAL_ZH, REFUSAL_EN), answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("这份报告是谁编写的?", ["中国电信研究院天翼智库", "饶少阳"]),
        ("Who wrote this report?", ["中国电信研究院天翼智库"]),
        ("工作组组长是谁?", ["饶少阳"]),
        ("编辑组的联系邮箱是什么?", ["zhiku@chinatelecom.cn"]),
        ("What is the contact e-mail of the editorial team?", ["zhiku@chinatelecom.cn"]),
        # Found by role: none of these shares a word with the line that answers it.
        ("天翼智库这个报告全名叫啥", ["数字丝路:平台企业共建共享的全球数字经济新生态"]),
        ("What's the full title of the report?", ["数字丝路:平台企业共建共享的全球数字经济新生态"]),
        ("想联系编辑组,邮箱或者电话多少", ["zhiku@chinatelecom.cn"]),
        ("how is the report structured, how many chapters", ["四种创新模式", "Chapter 5: 五、未来展望与行动倡议"]),
        ("这报告一共几章?每章大概讲啥", ["三大新趋势", "章节1:一、数字丝路的发展机遇", "章节5:五、未来展望与行动倡议"]),
        # "哪个单位出的": who made it; a request to cite it is no footnote question
        ("这份报告是哪个单位出的?写材料要注明出处", ["中国电信研究院天翼智库"]),
        ("这报告是哪个智库发的", ["中国电信研究院天翼智库"]),
        ("Which organisation is behind this report?", ["中国电信研究院天翼智库"]),
        # who it is for: the foreword's "为政策制定者、企业实践者及研究机构提供了…"
        ("这份报告主要是写给哪些人看的?", ["政策制定者"]),
        ("Who is this report for?", ["政策制定者"]),
    ],
)
def test_front_matter_answers_questions_about_the_report(real_assistant, question, expected):
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    for fact in expected:
        assert fact in answer.text
    assert all(c.paragraph.kind == "front" for c in answer.citations if c.sentences)  # chapter lines cite chapters
    assert_extractive(answer)


def test_a_contact_question_quotes_only_the_contact_line(real_assistant):
    answer = real_assistant.ask("How can I contact the authors?")
    assert [c.paragraph.locator for c in answer.citations] == ["工作组 ¶2"]


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("阿里在沙特干了啥?", "沙特云计算公司"),
        ("What did Alibaba Cloud do in Saudi Arabia?", "SCCC"),
        ("What did FinVolution do in Indonesia?", "信也科技"),
        ("抖音海外版在印尼跟谁合作的", "GoTo"),
        ("菜鸟出海在印尼把派送时效缩短了几天?", "2天"),
        ("Where does the figure on Southeast Asia's e-commerce growth come from?", "贝恩"),
        # the asker's own background names a city the report never mentions; the question is about the report
        ("I work on payments in Jakarta. Can you summarise what the report says about fintech platforms embedding "
         "into local financial systems?", "技术平台嵌入"),
        ("我在雅加达做支付。报告里金融科技企业咋嵌入当地金融体系的?", "嵌入"),
        # 语境, 通俗: how the user wants it told, not a topic the documents lack
        ("G20和APEC在报告里是在啥语境下提到的?", "APEC"),
        ("给学生讲的话,数字主权在报告里是啥意思,通俗点", "数字主权"),
        # the alias file's English terms in another word order
        ("Why the report says that companies moved from simple transfer of technology to something else?", "应用赋能"),
    ],
)
def test_short_forms_english_names_and_synonyms_reach_the_answer(real_assistant, question, fact):
    """Also questions worded as users word them: with their background, or how they want it told."""
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert fact in answer.text
    assert_extractive(answer)


def test_search_adds_the_corpus_spelling_of_names_it_does_not_use(real_assistant):
    assert "阿里云" in real_assistant.retriever.query_text("What did Alibaba Cloud do in Saudi Arabia?")
    assert "海外" in real_assistant.retriever.query_text("出海企业怎么分钱?")
    # a name the corpus already uses is not expanded: synonyms would only dilute the search
    assert real_assistant.retriever.query_text("什么是平台企业?") == "什么是平台企业?"


def test_list_answers_quote_every_item_with_its_content(real_assistant):
    answer = real_assistant.ask("保障数字主权的云服务模式有哪三大特点?")
    assert not answer.refused
    for item in ("混合主权架构", "核心代码授权+本地控股", "产业知识图谱引擎"):
        assert item in answer.text
    assert "数据与控制的本地化" in answer.text  # the first item's content, not just its heading
    assert not answer.text.rstrip().endswith((":", ":"))
    assert_extractive(answer)


def test_table_questions_quote_the_table_rows(real_assistant):
    answer = real_assistant.ask("表格里跨境电商模式的定位是啥?")
    assert not answer.refused
    assert "全链路数字化与产业合作形成价值共同体" in answer.text
    whole = real_assistant.ask("把四种模式的对照表列一下")
    for name in ("云计算平台企业", "跨境电商平台企业", "金融科技平台企业", "数字文娱平台企业"):
        assert name in whole.text


def test_two_part_questions_never_repeat_a_sentence(real_assistant):
    answer = real_assistant.ask("数字丝绸之路合作国家有多少个?北京倡议由多少个国家共同发起?")
    assert not answer.refused
    texts = [s.text for s in answer.sentences]
    assert len(texts) == len(set(texts))
    assert answer.text.count("合作国家达到18个") == 1
    assert_extractive(answer)


def _report_with(name: str, text: str, report_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the report plus one library document `name` holding `text`."""
    corpus = tmp_path_factory.mktemp("corpus-" + name)
    for path in report_corpus.iterdir():
        shutil.copy(path, corpus / path.name)
    (corpus / "library").mkdir()
    (corpus / "library" / f"{name}.txt").write_text(text, encoding="utf-8")
    return Assistant.open(Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("index-" + name)))


@pytest.fixture(scope="module")
def library_assistant(report_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The report plus one library document that gives another figure for the same thing."""
    return _report_with("sea-ecommerce-brief",
                        "2023年全球零售电商市场增速排名中,东南亚地区增速达到15.2%,仍居全球前列。\n\n"
                        "越南和菲律宾的电商用户增长最快。\n", report_corpus, tmp_path_factory)


def test_quotes_from_other_documents_name_them_and_conflicts_are_shown(library_assistant):
    answer = library_assistant.ask("2023年东南亚地区零售电商增速是多少?")
    assert not answer.refused
    assert "18.6%" in answer.text and "15.2%" in answer.text
    assert answer.conflicts and set(answer.conflicts[0].values) == {"18.6%", "15.2%"}
    data = answer_to_dict(answer)
    library = [c for c in data["citations"] if c["doc"] != "digital-silk-road-report"]
    assert library and library[0]["doc_title"]
    assert f"《{library[0]['doc_title']}》" in answer.text  # the quote names its document
    assert data["conflicts"][0]["values"]
    assert "不一致" in answer_to_text(answer)
    assert_extractive(answer)


def test_a_sentence_two_passages_share_is_quoted_once(report_corpus, tmp_path_factory):
    """Saved news pages repeat a paragraph word for word: the answer quotes it once, cited to the first."""
    shared = "2017年11月,国务院办公厅印发《关于推动国防科技工业军民融合深度发展的意见》,为民营航天企业铺平道路。"
    text = f"零壹空间是一家民营火箭公司。{shared}\n\n{shared}随后多家民营火箭公司获得融资。\n"
    assistant = _report_with("space-news", text, report_corpus, tmp_path_factory)
    answer = assistant.ask("国务院办公厅2017年印发了什么意见?", scope="library")
    assert not answer.refused
    assert answer.text.count("国务院办公厅印发") == 1
    assert len({s.text for s in answer.sentences}) == len(answer.sentences)


def test_a_name_the_table_lacks_but_the_question_gives_constrains_the_answer() -> None:
    """黑石集团 is in no name table; a sentence about the Fed that never names it does not answer
    "黑石集团预测2022年美联储将加息几次" (RGB-style same-topic news)."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import context_problem
    from assistant.lexicon import NameTable

    question = "黑石集团预测2022年美联储将加息几次"
    analysis = analyse(question, NameTable([]), "黑石集团认为美联储2022年将加息四次。美联储在2022年加息。",
                       ["黑石集团", "美联储", "2022"])
    assert {m.surface for m in analysis.names} == {"黑石集团", "美联储"}
    assert context_problem(analysis, "美联储在2022年加息。", "", "", NameTable([]))
    assert not context_problem(analysis, "黑石集团认为美联储2022年将加息四次。", "", "", NameTable([]))
    words = analyse("国产短剧App在海外下载榜上表现怎么样?", NameTable([]), "app 海外", ["App"])
    assert not words.names, "a capitalised common word is no name"


@pytest.mark.parametrize(("question", "wrong", "right"), [
    # another edition of the same event, in digits or Chinese numerals
    ("香港第七届立法会选举有多少个议席?", "2022年补选中建制派全取4个议席。", "第7届立法会共有90个议席。"),
    ("谁是神舟十四号的指令长", "神舟十六号的指令长是景海鹏。", "神舟14号乘组由指令长陈冬带领。"),
    ("首届中阿峰会的时间", "第二届中阿峰会于2024年举行。", "第一届中阿峰会于2022年12月9日举行。"),
    # another role's or placing's winner
    ("2023年奥斯卡最佳女主角", "关继威获得2023年奥斯卡最佳男配角。", "杨紫琼获得2023年奥斯卡最佳女主角。"),
    ("2023年德班世乒赛女子单打冠军", "2023年樊振东/王楚钦夺得男双冠军。", "孙颖莎夺得2023年女单冠军。"),
])
def test_an_answer_must_be_for_the_edition_and_role_asked_about(question, wrong, right) -> None:
    """RGB-style same-story news: the sentence names the event but another edition or another role."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import context_problem
    from assistant.lexicon import NameTable

    analysis = analyse(question, NameTable([]), wrong + right)
    assert context_problem(analysis, wrong, "", "", NameTable([])).startswith("not about")
    assert context_problem(analysis, right, "", "", NameTable([])) == ""


def test_a_source_question_about_an_unsourced_passage_says_so(real_assistant):
    """The Arab culture passage carries no footnote: quoting it would look like a sourced answer."""
    answer = real_assistant.ask("阿拉伯文化艺术网络那段的出处是啥")
    assert answer.refused
    assert answer.text.startswith("报告没有注明")
    assert "阿拉伯文化艺术网络" in answer.see_also[0].text


@pytest.mark.parametrize("question", ["Which EU regulations on data or digital sovereignty are cited?",
                                      "What EU and Saudi regulations on data and cloud does the report cite?",
                                      "EU digital sovereignty cloud regulation name cited"])
def test_which_regulations_are_cited_is_answered_from_the_text(real_assistant, question):
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert "通用数据保护条例" in answer.text or "云计算监管框架" in answer.text


def test_the_footnote_of_a_regulation_passage_is_still_a_source_question(real_assistant):
    """Naming the regulations is no answer to where the passage comes from: that passage has no footnote."""
    answer = real_assistant.ask("讲欧盟法规的那段,脚注引的是哪份文件?")
    assert answer.refused
    assert answer.text.startswith("报告没有注明")


@pytest.mark.parametrize("question", ["whats indonesia's digital economy size",
                                      "What is China Telecom's capex on Digital Silk Road projects?"])
def test_english_size_and_money_questions_want_their_figure(real_assistant, question):
    answer = real_assistant.ask(question)
    assert answer.refused, answer.text


@pytest.mark.parametrize("question", ["第四章那个表列了些啥", "What does the table compare?",
                                      "有张把四种模式放一起比的表吗", "对比表里有什么"])
def test_a_question_about_the_table_quotes_its_rows(real_assistant, question):
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert answer.citations[0].paragraph.kind == "table"
    assert "混合主权架构" in answer.text


@pytest.mark.parametrize("question", [
    "讲数字主权时举的是哪家美国云厂商的例子",  # 美国 describes the answer (微软), it is not what the answer is about
    "Which Chinese cloud provider launched a database in Thailand?",
])
def test_a_country_that_describes_the_company_asked_for_is_no_constraint(real_assistant, question):
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug


def test_where_in_an_argument_is_not_a_place() -> None:
    from assistant.answer.analysis import analyse
    from assistant.lexicon import NameTable

    assert analyse("本土化的老做法和新做法区别在哪里", NameTable([]), "").wants == ""
    assert analyse("世界互联网大会在哪里举办", NameTable([]), "").wants == "place"
    # where in the report, not a place: "在哪个章节", "在哪部分"
    assert analyse("请把美国企业列出来,并注明各自出现在哪个章节", NameTable([]), "").wants == ""
    assert analyse("报告有没有讲到Uber?在哪部分", NameTable([]), "").wants == ""


@pytest.mark.parametrize("question", [
    "东南亚电商以后还能涨吗?你预测下",  # one opinion question, not two parts
    "should I buy alibaba shares now",
    "Is this report biased toward Chinese firms?",
    "Draft an email to my manager about this report",
    "我们公司要不要去越南做电商,给点建议",  # advice for the user
    "金融科技出海哪个国家最容易做",  # a verdict
    "数字丝路以后会不会受地缘政治影响",  # a forecast
    "who built you?",
    "which ASEAN country is the best bet for a cloud expansion over the next five years?",
    "which is better for a gulf government, Alibaba Cloud or Huawei Cloud?",
    "should they partner with a Chinese platform or a local bank?",
    "帮我写一首关于丝绸之路的诗",  # what the poem is about stands between 一首 and 诗
    "依您之见,数字丝路能否在未来十年取代传统基建?",  # the polite 您 asks the assistant as 你 does
    "您认为中国平台企业在中东的前景是否优于东南亚?",
    "will the digital silk road succeed? just yes or no",  # a verdict on the future
    "数字丝路十年后能成功吗",
    "帮我写个朋友圈文案 关于一带一路的 整点好玩的",
    "BABA: buy or sell on this thesis?",  # investment advice, however the company is named
    "这份报告靠谱吗",
    "tiktok印尼 会不会再被封",  # whether something will happen: a forecast, with or without a time word
    "will platform companies end up replacing governments in digital governance?",
    "帮我写个培训通知,周五下午两点,主题数字丝路",  # a notice to write, whatever its topic
    "帮我把这段导语改得抓人一点:“中国电信研究院近日发布报告。”",  # the user's own text to rewrite
    "数字丝路这个主题,未来一年哪只港股最受益?",  # a stock to pick
    "你站哪边?平台企业出海利大于弊还是弊大于利,直接给个立场",  # a side to take
    "based on the report, is BABA a buy? PT?",
    "alibaba stock worth buying?",  # a buy, without "is it"
    "你个人判断,数字丝路能不能成?给个倾向性结论。",  # a leaning asked of us
])
def test_opinions_and_instructions_are_refused_however_phrased(real_assistant, question):
    answer = real_assistant.ask(question)
    reasons = [str(d.get("reason", "")) for d in answer.debug.get("parts", [answer.debug])]  # a question in parts
    assert answer.refused and all(r.startswith("off-topic") for r in reasons), answer.debug


@pytest.mark.parametrize(("question", "text", "problem"), [
    # a growth rate says how fast, not how big
    ("东南亚电商盘子多大", "东南亚地区增速达18.6%,位居第一。", "no figure of the kind asked for"),
    ("中国数字经济规模多大", "数字经济核心产业增加值占国内生产总值比重达10%左右。", ""),
    # a date is no count
    ("华为云泰国节点有多少个机柜", "2024年5月,华为云在泰国推出数据库。", "no figure of the kind asked for"),
    ("印尼数字经济规模能到多少亿美元", "印尼央行制定《2024—2045年支付系统蓝图》。", "no figure of the kind asked for"),
    # 17国 counts countries, not data centres
    ("中国电信一共建了多少个海外数据中心?", "中国已与17国签署合作备忘录,推动跨境数据中心建设。",
     "no figure of the kind asked for"),
    ("一共有多少个合作国家?", "中国已与17国签署合作备忘录。", ""),
    # a headcount: people, users, a population ("160万小微用户" counts users)
    ("How many people live in Saudi Arabia?", "沙特电信持股55%并主导运营。", "no figure of the kind asked for"),
    ("What's the current population of Indonesia?", "印尼开展电信网络升级建设,以实现2045年数字印尼愿景。",
     "no figure of the kind asked for"),
    ("How many users does FinVolution have in Indonesia?", "为约160万小微用户发放优惠券等权益福利。", ""),
    # a question about a plan is answered by the plan
    ("首架C919计划什么时候交付?", "该公司计划于2021年交付首架C919单通道客机。", ""),
    ("首架C919什么时候交付?", "该公司计划于2021年交付首架C919单通道客机。", "no figure of the kind asked for"),
    # whose headcount: people who did something else, or a clause saying the count is not known yet
    ("这次考试实际参考人数是多少", "共有3.2万人通过资格审查,创历史新高。", "no count of 参考"),
    ("这次考试实际参考人数是多少", "实际参考人数为2.9万人。", ""),
    ("山体滑坡造成多少人遇难", "官员表示暂时无法确定遇难人数,救援队转移了一名伤员。", "no count of 死亡"),
    ("山体滑坡造成多少人遇难", "截至目前,滑坡已造成12人遇难。", ""),
    ("海尔的工业平台有多少人在用?", "平台服务超过8万名企业用户。", ""),  # 在用 is no qualifier
    # a year run into a longer name holding the question's word names the thing; right before it, it dates it
    ("博览会举办时间", "2024年中国国际数字产品博览会正在海口举办。", "no figure of the kind asked for"),
    ("博览会举办时间", "2024年中国国际数字产品博览会于4月13日至18日在海口举办。", ""),
    ("博览会是哪一年举办的", "2024年中国国际数字产品博览会正在海口举办。", ""),
    ("数字丝路什么时候提出的", "2017年数字丝路被正式提出。", ""),
])
def test_a_figure_question_needs_a_figure_of_its_kind(question, text, problem) -> None:
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameTable

    assert sentence_problem(analyse(question, NameTable([]), text), text, NameTable([])) == problem


@pytest.mark.parametrize(("question", "wrong", "right"), [
    # a sentence dated to another year is about that year, whatever the passage said before it
    ("2021年中国城镇新增就业了多少人", "2020年全年城镇新增就业1186万人。", "2021年全年城镇新增就业1269万人。"),
    # the figure's own clause dates it, whatever other years the sentence names
    ("2021年中国城镇新增就业了多少人", "图表:2020年全年城镇新增就业1186万人新华社发2021年制图",
     "2021年,全年城镇新增就业1269万人,比2020年多增83万人。"),
    ("2022年我国CPI上涨了多少?", "预计2023年全年CPI同比上涨2.1%,略高于2022年的水平。",
     "2022年全年CPI同比上涨2%。"),
    # the date stands beside another edition of the series than the one asked about
    ("神舟十六号发射时间?", "神舟十五号乘组将与神舟十六号乘组完成轮换后返回地面去年11月29日,神舟十五号飞船发射入轨。",
     "神舟十六号载人飞船于5月30日发射。"),
    # a saved page's footer or related-questions list run into one "sentence" states nothing
    ("台积电美国新厂计划投资多少", "热门搜索:台积电新的建厂计划没有美国,投资额高达600亿美元,计划在德国设厂",
     "台积电宣布,在美国投资计划将由120亿美元扩大到400亿美元。"),
    # a plan or forecast is no record, unless the question asks for one
    ("首架C919的交付日时间?", "该公司计划于2021年交付首架C919单通道客机。", "首架C919于2022年12月9日交付东航。"),
    ("灌篮高手电影中国上映时间", "电影《灌篮高手》预计将于2023年1月12日在中国香港上映,1月13日在中国台湾上映。",
     "电影《灌篮高手》于2023年4月20日在中国内地上映。"),
    # where an event is held is said as "在…举办", "于…举行"
    ("2022年男排世锦赛在哪举办", "俄罗斯获得了2022年男排世锦赛的举办权。", "2022年男排世锦赛在波兰和斯洛文尼亚举行。"),
    # the same event under another verb
    ("伊丽莎白二世去世时间", "2012年2月6日是伊丽莎白二世登基60周年纪念日。", "伊丽莎白二世于2022年9月8日逝世。"),
    # a news dateline dates the report, not the visit
    ("马克龙访华时间", "新华社北京4月3日电 外交部发言人介绍了法国总统马克龙访华有关安排。",
     "法国总统马克龙将于4月5日至7日访华。"),
    # a run-on web text: the date stands beside another clause, not beside the event it is asked for
    ("艾尔登法环发售日期",
     "艾尔登法环相关问答艾尔登法环什么时候发售热门排行魂斗罗手游最新版手游类型飞行射击放开那女优近日"
     "母公司角川公开了截至2023年3月31日的财年",
     "《艾尔登法环》于2022年2月25日正式发售。"),
    # the counted noun, not one sharing its last character (推免生 are not 本科生)
    ("深圳大学2022年录取了多少名本科生", "2022年择优拟录取推免生884名。", "2022年共录取本科生7436名。"),
    # a per-person figure is not the total asked for
    ("上海2021年的GDP是多少", "上海2021年人均GDP为2.69万美元。", "2021年上海GDP为43214.85亿元。"),
    # a change is a percentage or a figure, not "中美两国"
    ("美国2021年GDP增长多少", "2021年中美两国GDP环比增长率比较接近。", "美国2021年GDP增长5.7%。"),
    # the event named (施行, 截止), not a light verb said beside another date (开始)
    ("新修订的妇女权益保障法何时开始施行?", "2011年开始,全国31个省已经建立评估机制。",
     "新修订的妇女权益保障法自2023年1月1日起施行。"),
    ("2022年下半年征兵报名截止时间是什么时候", "2022年下半年应征青年一般在7月底和8月初开始体检。",
     "2022年下半年征兵报名截止时间为8月10日18时。"),
    # another part of the year than the one asked about (or, for a bare year, than the whole year)
    ("一汽解放2022年上半年中重卡销量", "2022年1-11月,一汽解放重卡终端实销426332辆。",
     "2022年上半年,一汽解放中重卡销量8.5万辆。"),
    ("美国2021年GDP增长多少", "2021年三、四季度中国GDP环比增长率分别为0.7%和1.6%,美国分别为0.6%和1.7%。",
     "2021年全年,美国GDP增长5.7%。"),
    # the day a figure was read ("截至…") is not the day of the event asked about
    ("《阿凡达:水之道》国内上映日期", "截至11月23日,《阿凡达:水之道》国内发行方中国电影股价涨幅5.78%,影片确认上映。",
     "《阿凡达:水之道》于12月16日在中国内地上映。"),
    # another placing than the one asked for; a competition named 冠军赛 is no winner
    ("2023年全国跳水冠军赛女子双人10米跳台冠军", "2023年全国跳水冠军赛上,中国选手张蕊以337.95分拿下女子跳台亚军。",
     "在2023年全国跳水冠军赛上,王伟和李娜获得女子双人10米跳台冠军。"),
    # a keyword query ending in the kind of thing it wants: a country
    ("KF-21战斗机研发国家", "KF-21是一款令人印象深刻的战斗机。", "KF-21由韩国和印尼共同研发。"),
])
def test_same_story_news_that_does_not_answer_is_not_admissible(question, wrong, right) -> None:
    """RGB's negative passages: on the question's topic, about another year, event or part of the story."""
    from assistant.answer.analysis import analyse
    from assistant.answer.evidence import event_verbs
    from assistant.answer.judgement import context_problem, sentence_problem
    from assistant.lexicon import NameTable

    def problem(text: str) -> str:
        analysis = analyse(question, NameTable([]), wrong + right, events=event_verbs(question))
        return context_problem(analysis, text, "", "", NameTable([])) or sentence_problem(analysis, text, NameTable([]))

    assert problem(wrong)
    assert problem(right) == ""


@pytest.mark.parametrize(("question", "mention", "value"), [
    ("2022中关村论坛的主题是什么?", "请许强主任介绍2022中关村论坛的主要安排和主题。",
     "本届中关村论坛的主题是“开放合作·共享未来”。"),
    ("成都大运会吉祥物是什么", "大运会吉祥物是...", "成都大运会吉祥物为一只名叫“蓉宝”的大熊猫。"),
    ("这次大会的主题是啥", "大会主题鲜明。", "大会以“智联世界 元生无界”为主题。"),
    # what the slogan means is not the slogan
    ("北京2022年冬奥会口号是什么", "根据官方解释,口号的含义是“在奥林匹克精神的感召下,与世界人民携手”。",
     "北京2022年冬奥会口号为“一起向未来”。"),
    # a keyword question ends with the attribute it asks for
    ("中国误入美国飞艇的用途", "建议美国军方确认飞行物的真实用途。", "该飞艇用于气象等科研。"),
    # general knowledge about a country the documents name: a sentence on 数字货币 gives no currency
    ("印尼用的货币叫啥", "欧盟央行通过测试数字货币的支付功能,加速推进数字欧元建设。", "印尼的法定货币为印尼盾。"),
    ("What is the currency of Saudi Arabia?", "沙特阿拉伯金融管理局推出监管沙盒计划。", "沙特的货币是沙特里亚尔。"),
])
def test_an_attribute_question_needs_the_value_not_the_word(question, mention, value) -> None:
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameTable

    analysis = analyse(question, NameTable([]), mention + value)
    assert sentence_problem(analysis, mention, NameTable([])).startswith("does not give")
    assert sentence_problem(analysis, value, NameTable([])) == ""


@pytest.mark.parametrize(("question", "wrong", "right"), [
    ("10·29索马里首都汽车炸弹爆炸死亡人数", "10月29日,索马里首都发生两起汽车炸弹袭击。", "爆炸已造成119人死亡。"),
    ("一汽解放2022年上半年中重卡销量", "2022年一汽解放中重卡终端份额升至30.2%。",
     "2022年上半年一汽解放中重卡销售8.5万辆。"),
    ("艾尔登法环发售日期", "有爆料人猜测艾尔登法环DLC于2023年发售。", "艾尔登法环于2022年2月25日发售。"),
])
def test_a_measured_quantity_or_a_day_needs_its_unit(question, wrong, right) -> None:
    """人数 wants people, 销量 units sold, 日期 a day (not a year)."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameTable

    analysis = analyse(question, NameTable([]), wrong + right)
    # (a headcount of the dead is refused first for not counting the dead at all)
    assert sentence_problem(analysis, wrong, NameTable([])) in ("no figure of the kind asked for", "no count of 死亡")
    assert sentence_problem(analysis, right, NameTable([])) == ""


@pytest.mark.parametrize("question", ["金融科技那块提到的国有大行是哪家", "华为在非洲跟哪家运营商合作",
                                      "Which US ride-hailing company is mentioned?", "which cloud provider runs it"])
def test_which_company_questions_ask_for_an_organisation(question) -> None:
    """"哪家…" / "which <adjectives> company": the answer names an organisation, not only the topic."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameTable

    analysis = analyse(question, NameTable([]), "")
    assert analysis.wants == "who"
    assert sentence_problem(analysis, "金融科技水平稳步提升,促进跨境支付。", NameTable([])).startswith("names no")


@pytest.mark.parametrize(("typed", "simplified"), [
    ("數字絲綢之路合作國家有多少個?", "数字丝绸之路合作国家有多少个?"),
    ("報告講嘅雲計算平台有邊幾間?", "报告讲的云计算平台有哪几间?"),
    ("京東喺巴西有冇做嘢", "京东在巴西有没有做东西"),
    ("有邊幾間係中國公司,唔係外國嘅?", "有哪几间是中国公司,不是外国的?"),
    ("兩國關係點樣", "两国关系怎样"),  # 係 inside 關係 is no Cantonese 是
    ("第四章嗰個表,跨境電商嗰行係乜", "第四章那个表,跨境电商那行是什么"),  # 嗰 (𠮶 after t2s) and 乜
])
def test_traditional_and_cantonese_questions_are_read_in_simplified_mandarin(typed, simplified) -> None:
    from assistant.question_reading import reading_form

    assert reading_form(typed) == simplified
    assert reading_form(simplified) == simplified, "a simplified question is never changed"


def test_a_question_in_traditional_characters_gets_the_simplified_questions_answer(real_assistant):
    typed = real_assistant.ask("數字絲綢之路合作國家有多少個?")
    simplified = real_assistant.ask("数字丝绸之路合作国家有多少个?")
    assert not typed.refused and typed.text == simplified.text
    assert typed.question == "數字絲綢之路合作國家有多少個?", "the user sees the question as typed"


@pytest.fixture(scope="module")
def traditional_library(report_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The report plus a library document written in traditional characters (a Hong Kong brief)."""
    return _report_with("hk-brief", "數碼港位於香港島南區,由香港特區政府全資擁有。\n\n"
                        "截至2023年底,數碼港社群共有超過2,000家初創企業進駐,其中包括多家獨角獸企業。\n",
                        report_corpus, tmp_path_factory)


@pytest.mark.parametrize(("question", "quote"), [
    ("数码港由谁全资拥有?", "由香港特區政府全資擁有"),  # unfolded: "asks about what the documents never mention"
    ("数码港在哪里?", "數碼港位於香港島南區"),
    ("数码港的独角兽企业", "多家獨角獸企業"),  # unfolded: weak evidence
    ("數碼港有多少家初創企業進駐?", "2,000家初創企業進駐"),
])
def test_a_document_in_traditional_characters_answers_simplified_questions(traditional_library, question, quote):
    """Matching folds traditional characters to simplified ones; the quote stays as the document wrote it."""
    answer = traditional_library.ask(question, scope="library")
    assert not answer.refused, answer.debug
    assert quote in answer.text
    assert_extractive(answer)


def test_matching_keys_and_search_tokens_fold_traditional_characters() -> None:
    from assistant.text import match_key, tokenize

    assert match_key("數字絲綢之路 合作國家") == match_key("数字丝绸之路合作国家")
    assert tokenize("數字絲綢之路合作國家") == tokenize("数字丝绸之路合作国家")


@pytest.mark.parametrize(("polite", "plain"), [
    ("你好,请问数字丝绸之路合作国家有多少个?", "数字丝绸之路合作国家有多少个?"),
    ("Hi, who wrote this report? Thanks!", "who wrote this report?"),
    ("谢谢!另外想问下菜鸟在东南亚做了什么", "另外想问下菜鸟在东南亚做了什么"),
    # a greeting with an address ("Sir"), "Good day", and a request asked by 能不能
    ("Good morning Sir. Which African countries does the report present as cases?",
     "Which African countries does the report present as cases?"),
    ("Good day. Who wrote this report?", "Who wrote this report?"),
    ("您好,第四章那个对比表格能不能改成一段一段的文字", "第四章那个对比表格能不能改成一段一段的文字"),
])
def test_a_greeting_or_thanks_around_a_question_is_not_chit_chat(real_assistant, polite, plain):
    """Every blind question prefixed with "你好,请问" / "Hi, " was refused as chit-chat before this."""
    answer, reference = real_assistant.ask(polite), real_assistant.ask(plain)
    assert not answer.refused and answer.text == reference.text
    assert answer.question == polite


@pytest.mark.parametrize("question", ["你好", "谢谢!", "hi there", "thanks a lot", "你好吗", "Good morning Sir!"])
def test_a_greeting_alone_is_still_chit_chat(real_assistant, question):
    answer = real_assistant.ask(question)
    assert answer.refused and answer.debug["reason"].startswith("off-topic")


@pytest.mark.parametrize(("question", "fact"), [
    ("我下周要跟印尼的合作方开会,想先了解一下:报告里提到印尼的有哪些案例?", "印尼"),
    ("I'm preparing a briefing for tomorrow's meeting: how many countries signed Digital Silk Road MoUs with China?",
     "17国"),
    ("我们部门在做东南亚业务规划:菜鸟在东南亚做了啥", "菜鸟"),
])
def test_background_before_the_question_is_set_aside(real_assistant, question, fact):
    """The question is what follows the colon or "想了解一下"; "tomorrow" in the background asks about no date."""
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert fact in answer.text


def test_a_sentence_about_the_user_is_background_only_before_a_question_of_its_own() -> None:
    from assistant.question_reading import read_question

    assert read_question("I'm a journalist. Does the report compare Chinese and US cloud firms?") == (
        "Does the report compare Chinese and US cloud firms?")
    # the rest alone asks nothing
    assert read_question("我们公司想去印尼。报告怎么看?") == "我们公司想去印尼。报告怎么看?"
    assert read_question("我是新人。") == "我是新人。"
    # a dialect's 俺/额 for 我, and a phone typist's space for a full stop
    assert read_question("额在兰州弄跨境物流的 报告里说东南亚有啥机会") == "报告里说东南亚有啥机会"
    assert read_question("俺是县里商务局的。这报告里讲的跨境电商那块有啥用?") == "这报告里讲的跨境电商那块有啥用?"
    assert read_question("额度 报告里提了吗 金融科技那块") == "额度 报告里提了吗 金融科技那块"  # 额度 is no 我


def test_a_sentence_about_the_user_puts_no_constraint_on_the_answer(real_assistant) -> None:
    """"新员工培训" is the user's situation: 员工 is no headcount asked for, and the table answers."""
    answer = real_assistant.ask("我在做新员工培训,想用一张表讲清楚四类平台的模式区别。报告里不是有张对照表吗,"
                                "能帮我把每类的定位和特点整理成要点吗?")
    assert not answer.refused and any(c.paragraph.kind == "table" for c in answer.citations)
    # "每类": every row of the table, not the one whose words match best
    rows = ("云计算平台企业", "跨境电商平台企业", "金融科技平台企业", "数字文娱平台企业")
    assert all(row in answer.text for row in rows)


def test_a_colon_inside_a_title_is_not_background() -> None:
    from assistant.question_reading import asked_part

    assert asked_part("数字丝路:平台企业共建共享的全球数字经济新生态是谁写的") == (
        "数字丝路:平台企业共建共享的全球数字经济新生态是谁写的")
    assert asked_part("报告第四章:讲了啥") == "报告第四章:讲了啥"



@pytest.mark.parametrize(("typed", "read"), [
    # a label naming the subject stays: the question after it leaves its subject to the label
    ("COSMOPlat: whose platform, and what role does the report slot it into?",
     "COSMOPlat: whose platform, and what role does the report slot it into?"),
    ("菜鸟在东南亚的本土化:组织形式怎么搞、利益怎么分?", "菜鸟在东南亚的本土化:组织形式怎么搞、利益怎么分?"),
    # a label about the asker or the asking goes
    ("Quick one for a memo: which EU rules does the report cite?", "which EU rules does the report cite?"),
    ("我要把报告里那张表改成FAQ:金融科技那一行的定位是啥?", "金融科技那一行的定位是啥?"),
    ("Two things: who wrote it, and when?", "who wrote it, and when?"),
    # a label about the asking that says what it is on stays; one about the asker's own work goes
    ("Two quick ones on the digital entertainment section: how is its mode named?",
     "Two quick ones on the digital entertainment section: how is its mode named?"),
    ("For my thesis on soft power: does the report frame platforms as soft power?",
     "does the report frame platforms as soft power?"),
])
def test_a_label_before_a_colon_is_kept_when_it_names_the_subject(typed, read) -> None:
    from assistant.question_reading import asked_part

    assert asked_part(typed) == read


def test_a_subject_label_is_answered(real_assistant) -> None:
    answer = real_assistant.ask("COSMOPlat: whose platform, and what role does the report slot it into?")
    assert not answer.refused and "COSMOPlat" in answer.text, answer.text


def test_a_keyword_query_naming_a_metric_is_answered_where_the_report_names_it(real_assistant):
    """"菜鸟 东南亚 仓库" asks about the warehouses (海外仓), not for a count; a count question is still refused."""
    answer = real_assistant.ask("菜鸟 东南亚 仓库")
    assert not answer.refused and "海外仓" in answer.text
    assert real_assistant.ask("菜鸟在东南亚有多少个仓库").refused


@pytest.mark.parametrize(("asked", "plain"), [
    ("数字丝路的三大特点是什么,用英文说", "数字丝路的三大特点是什么"),
    ("Who wrote this report? Keep it short, thanks!", "Who wrote this report?"),
])
def test_a_request_about_the_replys_form_does_not_turn_a_question_into_an_instruction(real_assistant, asked, plain):
    answer = real_assistant.ask(asked)
    assert not answer.refused and answer.text == real_assistant.ask(plain).text
    assert real_assistant.ask("把这段翻译成英文").refused


def test_thanks_with_a_remark_is_still_chit_chat_and_a_plan_after_a_question_is_context(real_assistant):
    assert real_assistant.ask("thanks, that's really helpful!").debug["reason"].startswith("off-topic")
    answer = real_assistant.ask("今年斋月大概几号开始?要安排去沙特出差")  # one question, counted from today
    assert answer.refused and "counted from today" in answer.debug["reason"]


def test_a_question_pointing_at_a_part_is_answered_from_that_part_on_weaker_wording(real_assistant):
    """"第4章一共把平台企业分成了几类": §4's opening says 四类企业 in few of the question's words."""
    for question in ("第4章一共把平台企业分成了几类?", "第４章一共把平台企业分成了几类?"):
        answer = real_assistant.ask(question)
        assert not answer.refused and "四类企业" in answer.text
        assert all(c.paragraph.locator.startswith("§4") for c in answer.citations)


def test_a_question_writing_a_parts_title_is_answered_from_that_part(real_assistant):
    """"行动倡议中企业层面": the titles of §5.2 and §5.2.2; the deeper one is the part asked about."""
    from assistant.answer.sections import titled_part

    headings = {"五、未来展望与行动倡议": "§5", "(二)行动倡议": "§5.2", "2.企业层面": "§5.2.2", "1.政府层面": "§5.2.1"}
    assert titled_part("行动倡议中企业层面有哪些建议?", headings) == "§5.2.2"
    assert titled_part("政府层面和企业层面有啥不同", headings) == ""  # two parts apart
    assert titled_part("企业有哪些建议", headings) == ""
    answer = real_assistant.ask("行动倡议中企业层面有哪些建议?")
    assert not answer.refused and all(c.paragraph.locator.startswith("§5.2.2") for c in answer.citations)
    assert "开源开放策略" in answer.text and "绿色发展模式" in answer.text
    assert_extractive(answer)


def test_a_question_then_an_opinion_after_a_space_is_answered_for_its_question(real_assistant):
    """"这报告谁出的 靠谱不": typed without punctuation, the space ends the question as a comma would; the asides
    after it ask an opinion the assistant does not give, and do not turn the whole question into one."""
    answer = real_assistant.ask("这报告谁出的 靠谱不")
    assert not answer.refused and "中国电信研究院天翼智库" in answer.text


@pytest.mark.parametrize("question", ["报告给企业的建议有哪几条", "报告对未来有什么展望",
                                      "Will platforms shape digital governance, according to the report?"])
def test_the_reports_own_advice_and_outlook_are_not_opinions(real_assistant, question):
    assert not real_assistant.ask(question).refused


def test_a_part_named_in_english_before_the_part_word_is_searched(real_assistant):
    """"the digital governance part", "in the cloud bit": the words before part/section/bit name the part."""
    answer = real_assistant.ask("Which Chinese AI company shows up in the digital governance part?")
    assert not answer.refused and "商汤" in answer.text
    assert all(c.paragraph.locator.startswith("§3.3") for c in answer.citations)


@pytest.mark.parametrize(("question", "part", "fact"), [
    ("跨境电商为啥要做全链路数字化,报告怎么解释的", "§4.2", "打破传统环节割裂"),
    ("为什么说平台企业要从技术转移转向应用赋能?", "§3.1", "应用赋能"),
    # the opening's second paragraph says why (the first sets the scene): the one sharing the question's words
    ("金融科技平台为什么要本地化嵌入当地金融体系", "§4.3", "激活区域金融市场"),
])
def test_why_a_named_trend_or_mode_is_answered_from_its_parts_opening(real_assistant, question, part, fact):
    answer = real_assistant.ask(question)
    assert not answer.refused and fact in answer.text
    assert all(c.paragraph.locator.startswith(part) for c in answer.citations)
    assert_extractive(answer)


def test_a_structure_answer_lists_every_chapter_cited_to_it(real_assistant):
    """The foreword says what the report discusses; the chapter headings say how many chapters and which."""
    answer = real_assistant.ask("整个报告的框架是怎么安排的,分几章")
    lines = [line for line in answer.text.splitlines() if line.startswith("章节")]
    assert len(lines) == 5
    cited = {c.marker: c.paragraph for c in answer.citations}
    assert [cited[int(line.rsplit("[", 1)[1].rstrip("]"))].locator.split()[0] for line in lines] == [
        "§1.1", "§2.1", "§3", "§4", "§5"]
    assert_extractive(answer)


@pytest.mark.parametrize(("question", "kind"), [
    ("华为在非洲那个案例是跟哪家运营商合作的", "operator"),
    ("金融科技那块提到的国有大行是哪家", "bank"),
    ("Which US cloud provider is discussed?", "cloud"),
    ("哪家公司在印尼做跨境电商", ""),
])
def test_which_kind_of_organisation_a_question_asks_for(question, kind) -> None:
    from assistant.answer.org_kinds import asked_org_kind

    assert asked_org_kind(question) == kind


def test_a_which_bank_question_needs_a_bank_not_any_company(real_assistant) -> None:
    """"国有大行是哪家": the fintech part's other companies (信也科技, 支付宝) do not answer; 中国建设银行 does."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameTable

    question = "金融科技那块提到的国有大行是哪家"
    analysis = analyse(question, NameTable([]), "")
    other_company = "例如,信也科技在取得印尼金融借贷机构许可证后上线项目。"
    assert sentence_problem(analysis, other_company, NameTable([])) == "names no bank"
    assert sentence_problem(analysis, "中国建设银行推出跨境翼支付产品。", NameTable([])) == ""
    answer = real_assistant.ask(question)
    assert not answer.refused and "中国建设银行" in answer.text


def test_a_figure_in_a_clause_about_another_company_is_not_the_one_asked_for(real_assistant) -> None:
    """"…阿里云授权核心云技术,沙特电信持股55%": 55% is 沙特电信's share, not 阿里云's."""
    assert real_assistant.ask("沙特云计算公司中阿里云持股多少?").refused
    answer = real_assistant.ask("沙特电信在沙特云计算公司持股多少?")
    assert not answer.refused and "55%" in answer.text


@pytest.mark.parametrize("question", [
    "who invented the world wide web",
    "how tall is mount everest",
    "What is machine learning?",
])
def test_an_english_question_naming_nothing_the_documents_name_is_refused(real_assistant, question):
    """Cross-lingual similarity alone once answered these with a report sentence; no see-also either."""
    answer = real_assistant.ask(question)
    assert answer.refused and not answer.see_also, answer.debug


@pytest.mark.parametrize("question", [
    "Does the report give a figure for how many Indonesians lack access to banks?",  # a plural demonym names Indonesia
    "Which org released this report?",  # about the report: its cover answers, whatever the words
])
def test_english_questions_about_what_the_documents_name_still_answer(real_assistant, question):
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug


@pytest.mark.parametrize(("question", "far", "beside"), [
    ("漫长的季节的导演是谁",
     "不少观众是被中老年“铁三角”幽默风趣的斗嘴场面吸引,“好像一出生活剧”——这其实是导演故意为之。",
     "《漫长的季节》的导演辛爽此前执导过《隐秘的角落》。"),
    ("2022年金鹰奖最佳男主角是谁",
     "2022年“最佳男主角”、“最佳女主角”、“最佳电视剧”、“最佳电视纪录片”等奖项将揭晓,共享金鹰荣耀。",
     "2022年金鹰奖最佳男主角由张译获得。"),
    # a profession is held in apposition: an actress in the clause where "导演" is the one who thinks is no director
    ("漫长的季节的导演是谁",
     "用刘琳老师主要还是因为导演觉得她合适角色,而不是硬要去用《隐秘的角落》的演员。",
     "《漫长的季节》由辛爽执导,辛爽导演此前执导过《隐秘的角落》。"),
])
def test_a_person_answer_stands_beside_the_role_asked_about(question, far, beside) -> None:
    """A name thirty characters from the role, in another clause, holds no such role."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameTable

    def problem(text: str) -> str:
        return sentence_problem(analyse(question, NameTable([]), far + beside), text, NameTable([]))

    assert problem(far).startswith("names no")
    assert problem(beside) == ""


@pytest.mark.parametrize(("text", "problem"), [
    ("它的前身是邓小岚女士所创办的马兰小乐队,位于阜平县。", "about another's 创办"),  # 创办 qualifies another band
    ("果果合唱团由支教老师刘超创办。", ""),
    ("果果合唱团是刘超创办的公益合唱团。", ""),  # the clause before 创办 names the choir asked about
    ("刘超创办的果果合唱团登上了春晚。", ""),  # the noun after 的 is the choir asked about
])
def test_an_event_qualifying_another_thing_does_not_answer_who_did_it(text: str, problem: str) -> None:
    """"果果合唱团是谁创办的": a relative clause "…所创办的马兰小乐队" names who founded another thing."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameTable

    analysis = analyse("果果合唱团是谁创办的?", NameTable([]), text, events=("创办",))
    assert sentence_problem(analysis, text, NameTable([])) == problem


def test_a_clause_of_a_users_document_ends_at_a_full_width_comma() -> None:
    """"沙特云计算公司中阿里云持股多少": the 55% after "，" is 沙特电信's share, as after ","."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameGroup, NameTable

    names = NameTable([NameGroup("company", ("阿里云",)), NameGroup("company", ("沙特电信",))])
    question = "沙特云计算公司中阿里云持股多少"
    for comma in (",", "\uff0c"):
        text = f"阿里云与沙特电信成立合资公司{comma}沙特电信持股55%。"
        analysis = analyse(question, names, text)
        assert sentence_problem(analysis, text, names) == "no figure", comma


def test_a_statement_before_a_closing_question_can_answer() -> None:
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameTable

    question = "谁向岸田文雄扔炸弹"
    for text, problem in (("木村隆二是第一个向岸田文雄扔炸弹的日本人\uff0c但他会是最后一个吗\uff1f", ""),
                          ("那么\uff0c谁向岸田文雄扔炸弹\uff1f", "a question, not an answer")):
        assert sentence_problem(analyse(question, NameTable([]), text), text, NameTable([])) == problem


@pytest.mark.parametrize(("question", "wants"), [
    ("北京冬奥会男子500米速度滑冰金牌", "who"),  # a keyword question ending with a placing asks who holds it
    ("卡塔尔世界杯季军是哪支球队", "who"),
    ("CBA2021-2022赛季总冠军", "who"),
    ("冠军赛在哪举办", "place"),
    ("东南亚电商市场规模多大", ""),
])
def test_a_keyword_question_ending_with_a_placing_asks_who(question, wants) -> None:
    from assistant.answer.analysis import analyse
    from assistant.lexicon import NameTable

    assert analyse(question, NameTable([]), "").wants == wants


def test_a_name_the_documents_never_mention_in_the_question_itself_still_refuses(real_assistant):
    answer = real_assistant.ask("I work on payments. What does the report say about Jakarta's fintech startups?")
    assert answer.refused


@pytest.mark.parametrize(("question", "unknown", "known", "offered"), [
    ("Does the report mention the EU's GDPR or Data Act?", ["Data Act"], ["GDPR", "EU"], {"Data Act"}),
    ("Who's the source for those numbers - ITU, World Bank, someone else?", ["ITU", "World Bank"], [],
     {"ITU", "World Bank"}),
    ("报告有没有讲 5G 或者 submarine cable?", ["submarine", "cable"], ["5G"], {"submarine", "cable"}),
    # both unknown, no open guess: the question is about them
    ("Does the report mention Shopee or Lazada?", ["Shopee", "Lazada"], [], set()),
    ("What does the report say about Shopee and Cainiao?", ["Shopee"], ["Cainiao"], set()),
])
def test_names_offered_as_alternatives(question, unknown, known, offered) -> None:
    from assistant.answer.question_names import alternatives

    assert alternatives(question, unknown, known) == offered


def test_a_name_offered_beside_one_the_report_names_does_not_refuse(real_assistant):
    answer = real_assistant.ask("Does the report mention the EU's GDPR or Data Act?")
    assert not answer.refused, answer.debug
    assert "通用数据保护条例" in answer.text
    assert real_assistant.ask("Does the report mention Temu or Lazada?").refused


def test_an_institution_named_in_a_question_about_the_content_is_not_about_the_report() -> None:
    from assistant.answer.report_questions import about_report

    assert not about_report("报告里提到哪个部门负责监管")
    assert about_report("这份报告是哪个单位出的?")


@pytest.mark.parametrize("question", ["How does the fintech model differ from the cross-border e-commerce model in "
                                      "the table?", "表里金融科技和跨境电商两类模式有啥区别?"])
def test_a_table_question_comparing_two_rows_quotes_both(real_assistant, question):
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert "金融科技嵌入" in answer.text and "本地化供应链重构" in answer.text
    assert "混合主权架构" not in answer.text  # not every row: the two compared


def test_a_which_city_question_is_not_answered_by_a_country() -> None:
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameGroup, NameTable

    names = NameTable([NameGroup("country", ("美国",)), NameGroup("country", ("印度",)), NameGroup("city", ("孟买",))])
    question = "苹果在印度的第一家旗舰店在哪个城市?"
    analysis = analyse(question, names, "美国印度孟买")
    assert sentence_problem(analysis, "这家美国公司在印度开设了第一家门店。", names) == "names no place"
    assert sentence_problem(analysis, "苹果在印度的第一家旗舰店位于孟买。", names) == ""
    country = analyse("苹果的第一家海外旗舰店在哪个国家?", names, "美国印度孟买")
    assert sentence_problem(country, "苹果在印度开设了第一家门店。", names) == ""



@pytest.mark.parametrize(("question", "asked", "other"), [
    ("云计算平台和金融科技平台这两类模式,定位上有啥不一样?", ("技术赋能与数据安全协同", "嵌入本地化生态"), "共创规则"),
    ("跨竟电商模式跟金融科技模式比有什么不一样", ("全链路数字化与产业合作", "嵌入本地化生态"), "混合主权架构"),
    ("How does the cloud platform model differ from the fintech model?", ("混合主权架构", "金融科技嵌入"), "共创规则"),
])
def test_a_comparison_of_two_kinds_of_platform_quotes_their_table_columns(real_assistant, question, asked, other):
    """The table sets the four kinds side by side: comparing two of them, unasked, is answered by their columns."""
    answer = answer_carrying(real_assistant, question, *asked)
    assert other not in answer.text
    assert {c.paragraph.kind for c in answer.citations} == {"table"}


def test_columns_are_named_by_words_only_their_heading_holds() -> None:
    from assistant.answer.columns import compared_columns

    headings = ["云计算平台企业保障数字主权的云服务模式", "跨境电商平台企业全链路数字化的贸易生态模式",
                "金融科技平台企业数字普惠金融的本地化嵌入模式", "数字文娱平台企业规则驱动的文化与科技共生模式"]
    assert compared_columns("数字文娱和跨境电商有什么区别", headings) == [1, 3]
    assert compared_columns("数字主权和数据安全有什么区别", headings) == []  # no column's kind
    assert compared_columns("金融科技平台有哪些特点", headings) == []  # compares nothing
    assert compared_columns("Compare the cloud and fintech models", headings, ["云计算", "金融科技"]) == [0, 2]


@pytest.mark.parametrize("question", ["为啥要搞这么个报告,写作背景是啥?", "What background does the preface give?",
                                      "前言里说为啥要写这个报告"])
def test_a_background_question_quotes_the_background_not_the_pointer_to_it(real_assistant, question):
    """Preface ¶3 opens "在此背景下,…": the background is what ¶1-¶2 set out, not the word 背景 in the pointer."""
    answer_carrying(real_assistant, question, "革命性突破", "关键组织者")


def test_a_continuation_is_quoted_back_to_the_sentence_that_names_its_subject(real_assistant):
    """"在此基础上,双方联合开发…TeleBirr" follows "通过打造…" (no subject either), which follows the sentence naming
    埃塞俄比亚电信 and 华为: asked which company, the answer must carry the name."""
    answer_carrying(real_assistant, "跟埃塞俄比亚电信合作的中国企业是哪家", "华为", "TeleBirr")


def test_a_sentence_naming_another_placing_is_not_about_the_one_asked() -> None:
    """The placing was named before ("…冠军赛"): "拿下女子跳台亚军" still names the runner-up, not the winner."""
    from assistant.answer.analysis import analyse
    from assistant.answer.holders import holder_beside_role
    from assistant.lexicon import NameTable

    analysis = analyse("女子双人10米跳台冠军是谁", NameTable([]), "")
    assert not holder_beside_role(analysis, "中国选手张蕊以337.95分拿下女子跳台亚军。", NameTable([]))
    assert holder_beside_role(analysis, "她们以352.2分夺得金牌。", NameTable([]))  # 金牌 is the winner's
    assert holder_beside_role(analysis, "比赛在西安举行。", NameTable([]))  # names no placing: named before


@pytest.mark.parametrize(("question", "fact"), [("做AI的中国公司数量在全世界排第几?", "仅次于美国"),
                                                ("东南亚电商增速在全球排第几", "位居第一")])
def test_a_rank_question_is_answered_by_a_sentence_stating_a_rank(real_assistant, question, fact):
    """"排第几" wants a place in a ranking; the neighbour it names (美国) is part of the answer, not another subject."""
    answer_carrying(real_assistant, question, fact)


@pytest.mark.parametrize(("question", "fact"), [
    ("填空题:“数字基建从____向____跃迁”,两个空分别填什么?", "应用赋能"),  # a trainer's form is no topic
    ("u1s1平台企业到底咋定义的?立论第一句要先下定义", "连接供需双方或多方主体"),  # net slang and a debater's form
    ("TikTok入股印尼GoTo旗下Tokopedia那件事,报告里写了是哪一年吗?", "2023年12月"),  # 入股 is stated as 控股
    ("key takeaways, 5 bullets", "数字丝路"),  # a bare summary request is about the report
    ("行动倡议分成哪几个层面?出个多选题", "企业层面"),  # the quiz item asked for is the reply's form
    # how many items to list is the reply's form too, not a name ("列三至")
    ("报告认为平台公司拓展海外市场主要面临哪些挑战?简报“风险提示”部分要用,列三至五条即可。", "地缘政治张力上升"),
    # laughter typed in Latin letters is no name; "一份讲数字丝绸之路的报告" is the report, not a topic to search
    ("为啥Uber也会出现在一份讲数字丝绸之路的报告里?它跟这事有啥关系 hhh", "Uber在中东地区"),
    ("那做支付、借贷那类(fintech)那一行呢?同样给我定位+特点。", "嵌入本地化生态"),  # a row of the table
    # 平台型企业 is the report's 平台企业 (corpus/aliases.toml)
    ("备课用:报告给平台型企业下的定义是怎样表述的?我想和教材里“双边市场”的说法对照一下。", "连接供需双方或多方主体"),
    ("简报需要规范表述:报告对“平台型企业”是如何界定的?请尽量引用原文口径。", "连接供需双方或多方主体"),
    ("平台公司 定义", "连接供需双方或多方主体"),  # a keyword query for a meaning
    ("报告第四章一共归纳了几种平台企业的发展模式?", "四类企业"),  # the kinds a part sets out are counted by listing
    ("报告里提到的东南亚国家有哪些?全文扫一遍给我个名单", "印尼"),  # 全文, 名单: how to answer, not topics
    # "my Chinese" is the asker's language, not China
    ("Sorry my Chinese is not enough for this part — what are the basic functions of a platform company according "
     "to the report? Connecting many sides and... what else?", "具备交易、社交、娱乐、资讯、融资、计算等各种功能"),
])
def test_a_trainers_and_a_debaters_wording_is_answered(real_assistant, question, fact):
    answer = real_assistant.ask(question)
    assert not answer.refused and fact in answer.text, (answer.debug, answer.text)


def test_a_long_or_short_time_is_no_trade() -> None:
    from assistant.answer.off_topic import off_topic_kind

    assert off_topic_kind("long BABA or 0700.HK on the back of this thesis?") == "opinion"
    assert off_topic_kind("how long does the report say the shift took?") == ""
    assert off_topic_kind("short term outlook in the report?") == ""


def test_a_fragment_after_a_question_about_unknown_names_is_no_question(real_assistant) -> None:
    """"vietnam local platform" only says more of a question the documents cannot answer (Tiki and Sendo)."""
    answer = real_assistant.ask("does the report mention Tiki or Sendo? vietnam local platform")
    assert answer.refused, answer.text


@pytest.mark.parametrize("question", ["how many footnotes", "报告一共有多少个脚注?"])
def test_how_many_sources_is_answered_by_listing_them(real_assistant, question):
    """The reader counts them: every footnote line, each cited where its mark stands."""
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert answer.debug.get("answered") == "all sources"
    assert len(answer.notes) >= 15


@pytest.mark.parametrize("question, fact", [
    ("卡奥斯是阿里旗下的吧", "卡奥斯"),
    ("听说报告里TikTok在印尼是跟Shopee合资的?具体怎么回事", "Tokopedia"),
    ("I understand the fintech section only covers China and the EU. What regulatory points does it make?", "印尼"),
])
def test_a_wrong_premise_is_corrected_not_refused(real_assistant, question, fact):
    """The asker ties a wrong thing to the subject (阿里, Shopee, only the EU): the sentence about the subject
    is the correction, though it does not name that thing."""
    answer = real_assistant.ask(question)
    assert not answer.refused and fact in answer.text
    assert_extractive(answer)


def test_a_premise_needs_a_tag_or_a_recollection_not_a_request() -> None:
    from assistant.answer.premises import states_premise

    assert states_premise("卡奥斯是阿里旗下的吧")
    assert states_premise("I recall the report citing Huawei Cloud in Vietnam")
    assert states_premise("6 chapters, right?") and states_premise("听说TikTok跟Shopee合资了?")
    assert states_premise("I understood that report recommends to use only Chinese cloud providers")
    assert not states_premise("报告有没有提到阿里云在越南的数据中心?")  # asks whether it is there
    assert not states_premise("陪我聊会儿天吧") and not states_premise("请直接帮我列出来吧")


@pytest.mark.parametrize("question, fact", [
    ("第四章里云计算模式和金融科技模式在定位上有啥不同?", "嵌入本地化生态"),
    ("报告最后一章开头提到平台企业全球拓展会碰到哪些挑站?列个清单给我", "挑战"),
])
def test_a_word_cut_across_a_known_name_is_no_unknown_name(real_assistant, question, fact):
    """jieba tags "里云" (第四章里|云计算) and "拓展会" (拓展|会碰到) as names; both cut across a name the table
    knows, so neither is a name the answer must hold."""
    answer = real_assistant.ask(question)
    assert not answer.refused and fact in answer.text


def test_a_span_cut_across_a_mention() -> None:
    from assistant.lexicon import Mention, NameGroup

    cloud = Mention(4, 7, "云计算", NameGroup("term", ("云计算",)))
    assert cloud.cut_by(3, 5) and cloud.cut_by(6, 8)
    assert not cloud.cut_by(4, 7) and not cloud.cut_by(3, 8) and not cloud.cut_by(5, 6) and not cloud.cut_by(0, 4)


def test_which_types_of_companies_asks_for_kinds_not_a_company(real_assistant):
    """"which four types of platform companies": the answer lists the four kinds (the chapter's opening names them
    and no company), so it is not held to naming a company."""
    answer = real_assistant.ask("which four types of platform companies does the report use to organise the new "
                                "development models?")
    assert not answer.refused and all(kind in answer.text for kind in ("云计算", "金融科技", "数字文娱"))
    assert "本章节聚焦云计算平台" in answer.text


def test_would_you_recommend_is_an_opinion_not_the_world(real_assistant):
    """"Would" was read as a slip of the table's "World" (World Bank…), and the opinion went unseen."""
    answer = real_assistant.ask("Would you recommend we increase our allocation to Chinese platform companies over "
                                "the next 12 months?")
    assert answer.refused and answer.debug["reason"].startswith("off-topic")


@pytest.mark.parametrize(("question", "absent"), [
    ("报告统计的平台企业在共建国家累计带动就业岗位数是多少?", ("岗位数",)),  # 岗位 is the stem: never written
    ("有没有平台企业海外项目的违约率或不良率之类的数据?", ("不良率",)),  # (违约率 is cut 违约 + 率: no noun)
    ("报告里有没有出海平台在海外的品牌好感度或者舆情数据?", ("舆情", "好感度")),  # coordinated things measured
    ("在东南亚那些电商平台上开个店,要交多少保证金?", ("保证金",)),  # the thing after 多少
    ("报告里有没有外卖骑手数量的数据?", ("骑手",)),  # 数量 measures the word before it
    ("中国电信海外员工人数是多少", ()),  # the report writes 员工
    ("2023年东南亚地区零售电商增速是多少?", ()),  # the documents write 增速
    ("报告有没有讲非洲的数字经济水平咋样 跟东南亚比差多少", ()),  # a comparison asks for a difference
    ("为啥叫数字“丝绸之路”?", ()),  # 数字 does not end an ask here
])
def test_the_thing_a_figure_is_asked_of_must_be_named_by_the_documents(question: str, absent: tuple) -> None:
    """A missing figure is known before any sentence is weighed when the documents never write what it measures."""
    from pathlib import Path

    from assistant.answer.measures import unmeasured
    from assistant.text import match_key

    key = match_key((Path(__file__).parents[1] / "corpus" / "digital-silk-road-report.txt").read_text())
    assert unmeasured(question, key) == absent
    assert unmeasured(question, key + match_key("".join(absent))) == ()  # a user's document that writes them


def test_a_figure_of_what_the_report_never_names_is_refused(real_assistant) -> None:
    answer = real_assistant.ask("报告里有没有给出平台企业海外项目的违约率或不良率之类的数据?有的话请给出具体数值。")
    assert answer.refused and answer.see_also and "不良率" in answer.debug["reason"]


def test_a_date_question_s_event_must_be_named_in_the_dated_sentence() -> None:
    """"伊丽莎白二世去世时间": the sentence before naming 逝世 does not make 2007 (a channel's launch) its date."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import context_problem
    from assistant.lexicon import NameTable

    question = "伊丽莎白二世去世时间"
    before = "白金汉宫发言人则说伊丽莎白二世一直表示不会退位,此一决定直至她逝世都未曾改变。"
    launch = "2007年,伊丽莎白二世的专用YouTube频道启播,首次在网路上播放圣诞文告。"
    death = "伊丽莎白二世于2022年9月8日在巴尔莫勒尔城堡逝世。"
    analysis = analyse(question, NameTable([]), before + launch + death, events=("去世",))
    assert context_problem(analysis, launch, before, before, NameTable([])) == "not about 去世"
    assert context_problem(analysis, death, launch, launch, NameTable([])) == ""


@pytest.mark.parametrize(("question", "text", "problem"), [
    ("伊丽莎白二世去世时间", "1952年2月6日她的父亲英王乔治六世去世。", "about another's 去世"),
    ("伊丽莎白二世去世时间", "2002年其妹玛格丽特公主去世。", "about another's 去世"),
    ("伊丽莎白二世去世时间", "伊丽莎白二世于2022年9月8日去世。", ""),
    ("伊丽莎白二世的父亲是哪年去世的", "1952年2月6日她的父亲英王乔治六世去世。", ""),  # the relative asked about
])
def test_a_relative_s_death_does_not_date_the_person_asked_about(question: str, text: str, problem: str) -> None:
    """A clause naming a relative (父亲, 其妹) as the event's subject reports someone else's event."""
    from assistant.answer.analysis import analyse
    from assistant.answer.judgement import sentence_problem
    from assistant.lexicon import NameTable

    analysis = analyse(question, NameTable([]), text, events=("去世",))
    assert sentence_problem(analysis, text, NameTable([])) == problem


def test_english_chat_shorthand_is_read_in_full() -> None:
    from assistant.question_reading import read_question

    assert read_question("govt level recs? 3 pts max") == "government level recommendations? 3 points max"
    assert read_question("wat kind of pilots in the intl coop recs") == (
        "what kind of pilots in the international cooperation recommendations")
    assert read_question("Recovery of GOVTS") == "Recovery of governments"  # words, not parts of words


def test_a_question_in_chat_shorthand_is_answered(real_assistant) -> None:
    """"govt recs": every word a shorthand, the question matched nothing the documents name and was refused."""
    answer = real_assistant.ask("govt level recs? 3 pts max")
    assert not answer.refused
    assert "政府" in answer.text or any("政府" in c.paragraph.section for c in answer.citations)


@pytest.mark.parametrize(("question", "names"), [
    ("第四章那张表:表题、列名分别是什么?原文照录,行数也报一下。", []),  # 张 counts the table: no person 张表
    ("报告里那张图是什么", []),
    ("张勇在报告里出现了吗", ["张勇"]),  # a surname
])
def test_a_measure_word_is_no_surname(question: str, names: list[str]) -> None:
    from assistant.answer.evidence import proper_names

    assert proper_names(question) == names


def test_the_table_counted_with_a_measure_word_is_answered(real_assistant) -> None:
    """"那张表" was read as a person 张表 the documents never mention, and the question refused."""
    answer = real_assistant.ask("第四章那张表:表题、列名分别是什么?原文照录,行数也报一下。")
    assert not answer.refused
    assert any(c.paragraph.kind == "table" for c in answer.citations)


def test_where_and_in_what_order_to_quote_is_not_what_is_asked_about(real_assistant) -> None:
    """"小标题" and "按顺序" say how to quote; they were read as topics the documents never mention."""
    from assistant.question_reading import read_question

    assert read_question("金融科技一节涉及哪些国家?请按原文出现顺序列出。") == "金融科技一节涉及哪些国家?"
    answer = real_assistant.ask("报告归纳的三个趋势,请把每个趋势的小标题原文照录,按顺序。")
    assert not answer.refused
    assert all(trend in answer.text for trend in ("技术赋能", "市场共创", "制度创新"))


def test_the_venue_of_a_text_about_the_report_is_no_name_asked_about(real_assistant) -> None:
    """"把报告里的对比表改成小红书文案": 小红书 is where the asker posts; a post about anything else stays refused."""
    answer = real_assistant.ask("报告里那个对比表 帮我改成四行小红书图文文案 每行不超过20字")
    assert not answer.refused
    assert any(c.paragraph.kind == "table" for c in answer.citations)
    assert real_assistant.ask("Draft a 100-word LinkedIn post announcing our new digital infrastructure fund.").refused


def test_a_count_of_mentions_is_answered_with_what_is_mentioned(real_assistant) -> None:
    """The report never counts the countries its fintech part names; listing them lets the reader count."""
    from assistant.question_reading import read_question

    assert read_question("金融科技的部分提到了多少个国家?") == "金融科技的部分提到了哪些国家?"
    assert read_question("报告提到中国与多少个国家签署了备忘录") == "报告提到中国与多少个国家签署了备忘录"  # a figure
    answer = real_assistant.ask("金融科技的部分提到了多少个国家?")
    assert not answer.refused
    assert all(country in answer.text for country in ("印尼", "印度", "沙特"))
