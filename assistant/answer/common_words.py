"""Words jieba's tags get wrong in users' questions: common words it tags as names, and nouns that say how a question
asks rather than what about. Data only; answer/evidence.py reads them."""

from __future__ import annotations

import re

# "阿拉伯国家有关的": the tagger joins a noun and 有关 into one "organisation"
WITH_RELATION = re.compile(r"(?:有关|相关|无关)$")
# Words a POS tagger takes for names in colloquial questions ("东西" as a place, "啥" as anything).
NOT_NAMES = frozenset({"东西", "时候", "地方", "那边", "这边", "哪儿", "那个", "这个", "大概", "到底", "城市", "国家",
                       "地区", "省份", "海外", "国内", "当地", "全球", "世界", "沾边",
                       "东道国", "第三国", "外国", "异国",  # a country by its relation to someone, not by name
                       # common words jieba's dictionary tags as names, among its most frequent "nr"/"ns"/"nt" words
                       # ("能用三五句话给学生讲明白吗", "体现在哪几个维度", "扎根当地", "跟供应链沾边的")
                       "明白", "大都", "文明", "明星", "阳光", "道德", "权威", "古老", "光荣", "荣誉", "言语", "冷笑",
                       "武功", "武林", "王朝", "宫殿", "丘陵", "卫星", "雷达", "陆军", "二人", "令人", "小姐", "和尚",
                       "太后", "老太太", "爱国", "英雄", "太阳", "海洋", "湖泊", "建国", "美丽", "江湖", "大街",
                       "王国", "开国", "城镇", "平原", "高原", "山区", "交易所", "联合会", "国际化", "维度", "扎根",
                       # words for a name, polite and plain address, the screen ("请给我中文全称和英文名", "劳驾您…",
                       # "学员多是老同志", "能直接上屏的数据")
                       "英文名", "中文名", "译名", "全名", "劳驾", "老同志", "上屏", "原文中", "原文里", "书稿",
                       "拉齐", "拉通", "对齐", "复盘",  # office jargon jieba tags as names ("底层逻辑帮我拉齐一下")
                       "加粗", "粗体"})  # the reply's form ("不要加粗")

# Nouns that say how a question asks, not what about: a question is not off the documents' topic for them.
GENERIC_NOUNS = frozenset({
    "办法", "方法", "方式", "情况", "问题", "区别", "不同", "意思", "东西", "内容", "全称", "名字", "时候", "地方",
    "原因", "作用", "影响", "意义", "关系", "特点", "方面", "部分", "报告", "全书", "数据", "数字", "例子", "案例",
    "目的", "目标", "重点", "核心", "整体", "总体", "大体", "具体", "消息", "事情", "现状", "前景", "趋势", "细节",
    "啥意思",
    # who the user asks for and what for ("我要给领导写两三句", "新员工培训用"): their situation, not the topic
    "领导", "老板", "同事", "上司", "汇报", "培训", "新员工", "会议", "简报", "要点", "材料", "稿子", "邮件", "文章",
    "学生", "课堂", "课件", "讲义", "稿件", "报道", "读者", "全文", "名单", "清单", "列表", "表述", "学员", "听众",
    "观众",
    # how they want it told or placed ("通俗点解释", "是在啥语境下提的", "原话怎么说")
    "语境", "上下文", "来龙去脉", "通俗", "白话", "大白话", "原话", "原文", "措辞", "说法", "口径",
    "书稿", "书稿中", "手稿", "引述", "著录",  # a copy editor's manuscript and citations ("书稿写作COSMOPlat")
    # a trainer's or a debater's form ("填空题:…两个空分别填什么", "出道简答题", "立论第一句要先下定义")
    "填空题", "简答题", "单选题", "多选题", "选择题", "判断题", "题目", "题库", "考题", "试题",
    "论据", "论点", "立论", "辩题",
    # the parts of a reply or a text asked for ("附标准答案", "X 定义", "有哪些建议", "正题名"): what the answer is, not
    # what it is about
    "答案", "标准答案", "参考答案", "解析", "定义", "建议", "题名", "正题", "摘要", "结论", "观点",
    # how the reply should look or sound ("不要加粗", "用顿号隔开", "别用符号", "读屏读起来很乱"), what the asker's
    # place is ("报告后头好像讲了")
    "加粗", "粗体", "斜体", "字体", "字号", "格式", "排版", "符号", "顿号", "逗号", "分号", "换行", "段落", "编号",
    "读屏", "朗读", "后头", "前头", "后面", "前面",
    # where in the text ("每个趋势的小标题原文照录", "给出页码")
    "标题", "小标题", "副标题", "页码", "条数", "字数",
})
# A "noun" starting with one of these is a segmentation slip ("对云", "做云", "那节"), not a topic.
FUNCTION_CHARS = frozenset("对做那这在给把被让向从跟和与及或是有")
