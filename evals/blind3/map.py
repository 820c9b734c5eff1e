"""Gold mapping for blind set 3 (written by the mapping helper; reads only the report text).

Produces questions.jsonl from questions_raw.jsonl + the table M below, checking that each
quote occurs exactly once in the raw report text (<= 60 chars) and each fact is a
space-free substring of it (2-15 chars).
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXT = Path("/work/main/corpus/digital-silk-road-report.txt").read_text(encoding="utf-8")

# id: (answerable, category, quotes, facts, note)
U = "unanswerable"
M = {
# ---------------- zh intended answerable ----------------
"d-001": (True, "front", ["中国电信研究院天翼智库创新性地研判了"], ["中国电信研究院天翼智库"],
          "封面署名中国电信研究院天翼智库;封面单行不唯一,引前言"),
"d-002": (True, "front", ["数字丝路:平台企业共建 共享的全球数字经济新生态"], ["数字丝路:平台企业共建", "共享的全球数字经济新生态"],
          "封面标题:数字丝路:平台企业共建共享的全球数字经济新生态"),
"d-003": (True, "front", ["饶少阳", "马程成"], ["饶少阳", "季鸿", "佘丛国", "马程成"],
          "工作组页:组长饶少阳,副组长季鸿、佘丛国,成员15人(孙洁至马程成)"),
"d-004": (True, "front", ["编辑组邮箱:zhiku@chinatelecom.cn"], ["zhiku", "chinatelecom.cn"],
          "只有编辑组邮箱zhiku@chinatelecom.cn,未给电话"),
"d-005": (True, "other", ["系统梳理了平台企业的内涵与核心角色", "中涌现的四种创新模式"],
          ["数字丝路的发展机遇", "平台企业的内涵与核心角色", "三大新趋势", "四种创新模式", "未来展望与行动倡议"],
          "目录共五章:发展机遇、内涵与核心角色、共建共享新趋势、新模式、未来展望与行动倡议;前言第三段概述;同blind2 c-091归other"),
"d-006": (True, "other", ["系统梳理了平台企业的内涵与核心角色", "中涌现的四种创新模式"],
          ["三大新趋势", "三位一体", "四种创新模式", "全景路线图"],
          "前言第三段:研判机遇、梳理内涵与核心角色、三大新趋势(技术赋能/市场共创/制度创新三位一体)、四类平台四种模式、全景路线图"),
"d-007": (False, U, [], [], "报告未给印尼数字经济规模;只提印尼电信网络升级与'2045年数字印尼愿景'、印尼央行支付系统蓝图"),
"d-008": (False, U, [], [], "报告未给越南电商增速;越南只出现在《至2050年国家信息通讯基础设施建设规划》和百世分拨中心;只有东南亚零售电商增速18.6%"),
"d-009": (False, U, [], [], "报告无东南亚数字经济GMV及预测;只有2023年东南亚零售电商增速18.6%(贝恩)"),
"d-010": (True, "number", ["核心产业增加值占国内生产总值比重达10%"], ["10%左右", "数字经济核心产业增加值"],
          "只有占比:2024年数字经济核心产业增加值占GDP约10%(脚注2国家数据局);报告无数字经济规模绝对值"),
"d-011": (True, "number", ["目前,中国已与17国签署"], ["17国", "合作备忘录"],
          "一(二)第一点:中国已与17国签署数字丝绸之路合作备忘录(一(一)另有合作国家18个、北京倡议18国)"),
"d-012": (False, U, [], [], "华为×埃塞俄比亚电信EM2.0、TeleBirr只有定性描述,无覆盖人口;华为'30亿人口'是全球1500多张网络的数字"),
"d-013": (False, U, [], [], "报告未给金额和股比;只说TikTok印尼电商并入Tokopedia,合并后由TikTok控股"),
"d-014": (False, U, [], [], "报告未给数量;只说菜鸟在东南亚建立多个海外仓及吉隆坡物流枢纽eWTPHub"),
"d-015": (False, U, [], [], "报告无TikTok Shop GMV;只描述其发现-种草-互动-购买-分享闭环"),
"d-016": (True, "number", ["约160万小微用户发放优惠券等权益福利"], ["160万", "信也科技"],
          "四(三)第二点:信也科技'亿元免息借款'为印尼约160万小微用户发放优惠券等"),
"d-017": (True, "list", ["一是数字基础设施建设需求旺盛", "二是跨境电商服务需求增长", "三是金融科技水平稳步提升"],
          ["数字基础设施", "跨境电商", "金融科技", "数字文化"],
          "一(二)四大发展机遇:数字基建、跨境电商、金融科技、数字文化;引前三段,第四段(数字文化)未引"),
"d-018": (True, "list", ["主导建设者、技术赋能的创新引领者、多边市场的生态整合"],
          ["主导建设者", "创新引领者", "生态整合", "桥梁构建者"],
          "二(二)首段:数字基建主导建设者、技术赋能创新引领者、多边市场生态整合者、数字治理桥梁构建者"),
"d-019": (True, "list", ["平台企业的共建共享发展呈现三大趋势"], ["应用赋能", "价值共生", "标准塑造"],
          "三章引言:技术转移→应用赋能、市场适配→价值共生、被动合规→标准塑造"),
"d-020": (True, "list", ["本章节聚焦云计算平台、电子商务平台"], ["云计算", "电子商务平台", "金融科技", "数字文娱"],
          "四章引言:云计算、电子商务(跨境电商)、金融科技、数字文娱四类"),
"d-021": (True, "list", ["推动跨境规则衔接与互认机制建设", "设立数字合作创新试验区", "大力加强数字治理能力建设"],
          ["跨境规则衔接", "数字合作创新试验区", "数字治理能力建设", "监管沙盒"],
          "五(二)1政府层面三条:规则衔接互认(DEPA、CBPR)、数字合作创新试验区(规则沙盒)、数字治理能力建设"),
"d-022": (True, "list", ["创新全球化服务拓展路径", "主动采用开源开放策略", "积极推行绿色发展模式"],
          ["全球化服务拓展路径", "开源开放策略", "绿色发展模式"],
          "五(二)2企业层面三条:共商共建共享/创新全球化服务路径、开源开放、绿色发展"),
"d-023": (True, "list", ["牵头构建统一的数字经济评估体系", "建立常态化能力建设机制", "推动机制性平台对接"],
          ["数字经济评估体系", "常态化能力建设机制", "机制性平台对接"],
          "五(二)3:评估体系、能力建设机制(联合国、国际电联)、机制性平台对接(G20、APEC)"),
"d-024": (True, "list", ["平台企业的全球拓展仍面临多重挑战"], ["全球数据治理体系高度分化", "全球数字发展失衡", "地缘政治张力上升"],
          "五章引言三点挑战:数据治理分化、数字发展失衡、地缘政治张力"),
"d-025": (True, "list", ["从数据安全向算法伦理、社会责任等更复杂的议题演进"],
          ["算法伦理", "社会责任", "算法可解释性", "社会影响评估"],
          "三(三)治理内容更多元:从数据安全扩展到算法可解释性、伦理框架、社会影响评估;例IEEE大模型标准工作组、WeChat/TikTok内容治理"),
"d-026": (True, "list", ["打通从工厂生产、仓储物流、跨境清关"], ["工厂生产", "仓储物流", "跨境清关", "本地配送", "售后服务"],
          "四(二)全链路智能协同:工厂生产、仓储物流、跨境清关、国际运输、本地配送、签收及售后;菜鸟例:头程-干线-清关-海外仓-最后一公里"),
"d-027": (True, "list", ["平台企业加速演化为全球数字服务体系的组织中枢", "平台企业将成为全球数字发展权重构的关键推动者",
                         "平台企业将成为全球智能化运营范式跃迁的核心驱动者"],
          ["组织中枢", "全球数字发展权", "智能化运营范式", "新规则体系"],
          "五(一)四点;引前三点,第四点(塑造全球数字治理新规则体系)未引"),
"d-028": (True, "entity", ["埃塞俄比亚电信与华为联合推出EM2.0"], ["埃塞俄比亚电信"], "三(一)数智底座:埃塞俄比亚电信×华为EM2.0"),
"d-029": (True, "entity", ["华为云在泰国推出AI原生"], ["华为云", "GaussDB"], "三(二)利益分配:2024年5月华为云在泰国推出GaussDB及先锋计划"),
"d-030": (True, "entity", ["TikTok与印尼GoTo集团达成电商战略合作"], ["GoTo集团", "Tokopedia"],
          "印尼GoTo集团(旗下电商平台Tokopedia)"),
"d-031": (True, "entity", ["海尔推出COSMOPlat工业互联网平台"], ["海尔", "COSMOPlat"],
          "判断:报告在二(二)只说'卡奥斯工业互联网模式',未写所属公司;三(一)写海尔推出COSMOPlat,但未说卡奥斯即COSMOPlat(同blind2 c-013)"),
"d-032": (True, "entity", ["中国建设银行推 出跨境翼支付产品"], ["中国建设银行"], "四(三)第二点:中国建设银行推出跨境翼支付,区块链供应链融资"),
"d-033": (True, "entity", ["Epic Games将制作《堡"], ["Epic", "虚幻引擎"], "四(四)第一点:Epic Games(《堡垒之夜》、虚幻引擎)"),
"d-034": (True, "entity", ["商汤科技持续积极推动人工智能全球治理", "百度、腾讯等11家单位发起成立IEEE大模型标准工作组"],
          ["商汤科技", "百度", "腾讯"], "三(三):商汤科技参与80余个标准组织;百度、腾讯等11家发起IEEE大模型标准工作组"),
"d-035": (True, "entity", ["强化《全球数字经济伙伴关系协定》(DEPA)"], ["DEPA", "CBPR", "亚太跨境隐私规则体系"],
          "有DEPA:政府层面提《全球数字经济伙伴关系协定》(DEPA)与《亚太跨境隐私规则体系》(CBPR)"),
"d-036": (True, "entity", ["出台《通用数据保护条例》《欧盟云服务网络安全认证计划草"],
          ["通用数据保护条例", "欧盟云服务网络安全认证计划草", "云计算监管框架", "个人数据保护法"],
          "四(一)引言:欧盟《通用数据保护条例》《欧盟云服务网络安全认证计划草案》;沙特《云计算监管框架》《个人数据保护法》"),
"d-037": (True, "reason", ["技术转移、单一市场扩张和单纯被动合规为主导的模式"],
          ["单一市场扩张", "难以适应", "可持续、国际化发展"],
          "三章引言:旧模式(单向技术转移、单一市场扩张、被动合规)难以适应;共建共享是可持续国际化发展的必然选择"),
"d-038": (True, "reason", ["一定程度上削弱了客 户对数字行为及环境的控制能力"], ["XaaS", "控制能力", "数字主权"],
          "四(一)引言:政府重视数字主权;XaaS削弱客户对数字行为及环境的控制;欧盟、沙特出台法规"),
"d-039": (True, "reason", ["加快与东道国构建互惠共生、互利共赢的伙伴关系", "其核心逻辑是从单向资源输出转向双向能力融合"],
          ["互惠共生", "深度融入当地市场", "双向能力融合"], "三(二)引言"),
"d-040": (True, "reason", ["区域紧密合作牵引", "经济与技术环境驱动", "国家内生需求支撑"],
          ["区域紧密合作", "经济与技术环境", "国家内生需求"], "一(一)三个驱动:区域合作牵引、经济技术环境驱动、国家内生需求支撑"),
"d-041": (True, "reason", ["WeChat与TikTok持续加强对儿童保护"], ["儿童保护", "伦理合规审查", "运营许可证"],
          "判断:报告未说申请原因;只说二者加强儿童保护、诈骗、种族宗教皇室内容治理,确保伦理合规审查,已获马来西亚通信监管机构运营许可证"),
"d-042": (True, "reason", ["惠金融的本土化嵌入既能激活区域金融市场", "定制适配的金融产品与服务"],
          ["激活区域金融市场", "政策差异", "需求错配", "监管困难"],
          "四(三)第二段:跨境支付互联互通+本地化产品服务生态;激活区域金融市场,解决政策差异、需求错配、监管困难"),
"d-043": (True, "reason", ["超越单纯的硬件铺设和技术方案输出", "这一演进路径本质是技术价值逻辑的升维"],
          ["技术价值逻辑的升维", "技术扩散效率", "数字生产力"], "三(一)引言(跨页分成两段)"),
"d-044": (True, "definition", ["平台企业是指基于新一代信息技术"], ["新一代信息技术", "供需双方或多方主体", "商业生态系统"], "二(一)定义"),
"d-045": (True, "definition", ["升级为以深度融入当地市场、共建繁荣开放生态", "其核心逻辑是从单向资源输出转向双向能力融合"],
          ["深度融入当地市场", "共建繁荣开放生态", "双向能力融合"], "三(二)引言"),
"d-046": (True, "definition", ["数字普惠金融的本地化嵌入模式以技术", "本 地化产品服务生态则基于不同区域"],
          ["嵌入当地金融生态", "定制适配的金融产品与服务", "监管嵌入"],
          "四(三):以技术、服务、监管嵌入当地金融生态;三特点技术平台嵌入、数字信贷与区块链嵌入、监管嵌入"),
"d-047": (True, "definition", ["区别于传统版权贸易的单一授权"], ["规则共建共治", "赋能内容生产", "技术标准输出", "数据治理", "生态联盟"],
          "四(四)第二段:区别于单一版权授权,以规则共建共治破解冲突、技术赋能内容全流程;三特点技术标准、数据治理、生态联盟"),
"d-048": (True, "source", ["引用贝恩《2023年东南亚数字经济报告》"], ["贝恩", "2023年东南亚数字经济报告"],
          "东南亚电商增速18.6%出自脚注3贝恩报告;报告无东南亚数字经济规模数"),
"d-049": (True, "source", ["核心产业增加值占国内生产总值比重达10%"], ["国家数据局", "数字中国发展报告"],
          "10%左右出自脚注2国家数据局《数字中国发展报告(2024年)》;脚注文本与脚注7重复,故引正文"),
"d-050": (True, "source", ["引用贝恩《2023年东南亚数字经济报告》"], ["贝恩"], "脚注中唯一的咨询公司是贝恩(脚注3)"),
"d-051": (False, U, [], [], "该段(阿拉伯文化艺术网络联合谷歌艺术与文化)无脚注;四章全无脚注标注"),
"d-052": (True, "source", ["引自新华网2023年12月"], ["新华网", "控股本地平台"],
          "脚注12:新华网2023年12月《控股本地平台,TikTok电商'双十二'重返印尼》"),
"d-053": (True, "table", ["技术赋能与数据安全协同 共建产业基础设施", "共创规则 打造内容生态"],
          ["云计算平台企业", "跨境电商平台企业", "金融科技平台企业", "数字文娱平台企业"],
          "四章表:四列对应四类平台及模式,行为模式名、定位、三个特点"),
"d-054": (True, "table", ["技术赋能与数据安全协同 共建产业基础设施"], ["技术赋能与数据安全协同", "共建产业基础设施"], "表第二行云计算列"),
"d-055": (True, "table", ["嵌入本地化生态 促进跨境支付互联互通"], ["金融科技嵌入", "数字信贷与区块链嵌入", "监管嵌入"],
          "表金融科技列:特点金融科技嵌入、数字信贷与区块链嵌入、监管嵌入"),
"d-056": (True, "table", ["全链路数字化与产业合作 形成价值共同体"],
          ["全链路数字化与产业合作", "形成价值共同体", "本地化供应链重构", "全链路智能协同", "社交化生态网络嵌套"], "表跨境电商列"),
"d-057": (True, "other", ["数字丝路建设纵深推进,平台企业作为核心参与主体"], ["应用赋能", "价值共生", "标准塑造", "三位一体"],
          "三章首段(引言)"),
"d-058": (True, "other", ["全球数字文化市场竞争趋于白热化"], ["内容本地化适配", "跨国版权保护滞后", "规则驱动的文化与科技共生"],
          "四(四)首段"),
"d-059": (True, "other", ["微软主权云作为面向全球政", "阿里云授权核心 云技术,沙特电信持股55%"],
          ["微软主权云", "Azure", "沙特云计算公司", "持股55%"],
          "四(一):微软主权云(混合主权架构,60+区域36国Azure,Azure Stack);阿里云×STC成立SCCC,授权核心技术,STC持股55%"),
"d-060": (True, "other", ["亚马逊拥有庞大且成熟的物流体系FBA"], ["FBA", "本地化供应链重构", "提前备货"],
          "四(二)本地化供应链重构的例子:FBA,AGL→AWD→FBA尾程派送;二(二)另有Amazon汇聚190余国供应商"),
# ---------------- en intended answerable ----------------
"d-061": (True, "front", ["中国电信研究院天翼智库创新性地研判了"], ["中国电信研究院天翼智库"], "cover: 中国电信研究院天翼智库; quote from preface (cover line not unique)"),
"d-062": (True, "other", ["系统梳理了平台企业的内涵与核心角色", "中涌现的四种创新模式"],
          ["数字丝路的发展机遇", "平台企业的内涵与核心角色", "三大新趋势", "四种创新模式", "未来展望与行动倡议"],
          "five chapters per TOC; preface para 3 outlines them; 'other' as blind2 c-091"),
"d-063": (False, U, [], [], "no price or stake; only that TikTok Indonesia e-commerce merged into Tokopedia, controlled by TikTok"),
"d-064": (True, "number", ["目前,中国已与17国签署"], ["17国", "合作备忘录"], "17 countries (一(二)); 18 DSR partner countries in 一(一)"),
"d-065": (False, U, [], [], "no Indonesian digital economy size; only 2045 Digital Indonesia vision and BI payment blueprint"),
"d-066": (True, "number", ["约160万小微用户发放优惠券等权益福利"], ["160万", "信也科技"],
          "信也科技 (FinVolution; report uses only the Chinese name): about 1.6 million small/micro users got coupons"),
"d-067": (True, "list", ["平台企业的共建共享发展呈现三大趋势"], ["应用赋能", "价值共生", "标准塑造"], "ch.3 intro"),
"d-068": (True, "list", ["本章节聚焦云计算平台、电子商务平台"], ["云计算", "电子商务平台", "金融科技", "数字文娱"], "ch.4 intro"),
"d-069": (True, "list", ["推动跨境规则衔接与互认机制建设", "设立数字合作创新试验区", "大力加强数字治理能力建设"],
          ["跨境规则衔接", "数字合作创新试验区", "数字治理能力建设", "监管沙盒"], "五(二)1"),
"d-070": (True, "list", ["平台企业的全球拓展仍面临多重挑战"], ["全球数据治理体系高度分化", "全球数字发展失衡", "地缘政治张力上升"],
          "ch.5 intro: three challenges (report says platform enterprises, not specifically Chinese)"),
"d-071": (True, "list", ["依托联合国、国际电联等平台", "与G20、APEC等多边数字议程协同发力"], ["联合国", "国际电联", "G20", "APEC"],
          "五(二)3: UN, ITU; G20, APEC"),
"d-072": (True, "entity", ["埃塞俄比亚电信与华为联合推出EM2.0"], ["埃塞俄比亚电信"], "Ethio Telecom (埃塞俄比亚电信), EM2.0"),
"d-073": (True, "entity", ["业设立IP交易及创新平台阿里鱼"], ["阿里影", "阿里鱼"], "阿里影业 (Alibaba Pictures), IP platform 阿里鱼"),
"d-074": (True, "entity", ["海尔推出COSMOPlat工业互联网平台"], ["海尔", "COSMOPlat"], "Haier, in 三(一) (not 二(二))"),
"d-075": (True, "reason", ["一定程度上削弱了客 户对数字行为及环境的控制能力", "云服务提供商的数据主权条件"],
          ["控制能力", "通用数据保护条例", "云计算监管框架", "数据主权条件"], "四(一) intro"),
"d-076": (True, "reason", ["区域紧密合作牵引", "经济与技术环境驱动", "国家内生需求支撑"],
          ["区域紧密合作", "经济与技术环境", "国家内生需求"], "一(一) three drivers"),
"d-077": (True, "reason", ["双方将潜在的政策风险转化为共同发展的机遇", "提升平台企业在当地社会的合法性与接受度"],
          ["政策风险", "共担风险", "合法性与接受度"], "三(二) organisation: joint ventures share resources/risks, gain legitimacy; turns policy risk into opportunity"),
"d-078": (True, "definition", ["平台企业是指基于新一代信息技术"], ["新一代信息技术", "供需双方或多方主体", "商业生态系统"], "二(一)"),
"d-079": (True, "definition", ["保障数字主权的云服务模式采用创新的混合主权架构", "一定程度上削弱了客 户对数字行为及环境的控制能力"],
          ["混合主权架构", "核心代码授权+本地控股", "产业知识图谱引擎"], "四(一)"),
"d-080": (True, "source", ["引用贝恩《2023年东南亚数字经济报告》"], ["贝恩", "2023年东南亚数字经济报告"], "footnote 3 (18.6% e-commerce growth)"),
"d-081": (True, "source", ["引自菜鸟官网《菜鸟在跨境", "引自新华网2023年12月"], ["菜鸟官网", "新华网"],
          "judgement: Indonesia items with footnotes: Cainiao 2-day cut (fn14 菜鸟官网), TikTok-GoTo (fn12 新华网); 2045 vision, BI blueprint, 信也160万 uncited"),
"d-082": (True, "table", ["技术赋能与数据安全协同 共建产业基础设施", "共创规则 打造内容生态"],
          ["云计算平台企业", "跨境电商平台企业", "金融科技平台企业", "数字文娱平台企业"], "ch.4 table: 4 columns, rows model/positioning/3 features"),
"d-083": (True, "other", ["数字普惠金融既是普惠金融发展的数字化阶段", "数字普惠金融的本地化嵌入模式以技术"],
          ["数字欧元", "印尼央行", "技术平台嵌入", "监管嵌入"], "四(三) opening paragraph + three-feature lead"),
"d-084": (True, "other", ["平台企业正从全球化的参与者走向规则共建的塑造者"],
          ["规则共建的塑造者", "战略支点", "多重挑战", "系统共建"], "ch.5 opening paragraph"),
"d-085": (True, "other", ["中国电信天通一号卫星系统已覆盖中国及东南亚17个", "中国电信推出国际车联网连接管理平台"],
          ["天通一号", "国际车联网连接管理平台", "200余个区域"],
          "二(二): 天通一号 satellite covering China + 17 SE Asian countries/regions; IoV connectivity platform covering 200+ regions"),
}

GEN = {  # id: note for unanswerable rows intended unanswerable
"d-086": "general knowledge; report only mentions 4G/5G as hardware stage",
"d-087": "general history; not in report",
"d-088": "telecom service how-to; not in report",
"d-089": "general knowledge; not in report",
"d-090": "general knowledge; report mentions Ethiopia only for EM2.0",
"d-091": "product how-to; not in report",
"d-092": "general knowledge; not in report",
"d-093": "报告只提欧盟《通用数据保护条例》名称,无罚则",
"d-094": "报告只说华为云在泰国推GaussDB及先锋计划,无营收",
"d-095": "报告无中国电信投资额",
"d-096": "报告只说印尼平均派送时效缩短2天,无成本",
"d-097": "报告无TikTok Shop马来西亚卖家数;马来西亚只涉微信/TikTok运营许可证",
"d-098": "报告只有约160万小微用户,无坏账率",
"d-099": "建行只出现于跨境翼支付;阿联酋只出现于金融情报局,无员工数",
"d-100": "阿里影业只出现于阿里鱼IP平台,无票房",
"d-101": "卡奥斯只有20多国、11座灯塔工厂,无利润",
"d-102": "蚂蚁集团只出现于Trusple和IEEE工作组,无毛利率",
"d-103": "百世只在越南、马来西亚建分拨中心,无泰国仓库面积",
"d-104": "只有2023年东南亚零售电商增速18.6%",
"d-105": "只有2024年核心产业增加值占GDP约10%",
"d-106": "无2035年预测;只有2045数字印尼愿景、越南至2050规划",
"d-107": "报告未提其他版本",
"d-108": "华为埃塞EM2.0无年份,无2008年项目",
"d-109": "无印尼网民数",
"d-110": "无TikTok用户数",
"d-111": "报告未提京东",
"d-112": "报告未提拼多多/Temu",
"d-113": "报告未提SHEIN;中东只有Uber、沙特云等",
"d-114": "报告未提中国移动、巴基斯坦",
"d-115": "报告未提中兴;非洲只有华为南非超算中心、埃塞EM2.0、谷歌Project Taara",
"d-116": "报告未提巴西",
"d-117": "报告未提飞书",
"d-118": "报告未提美团Keeta",
"d-119": "报告未提俄罗斯/Yandex",
"d-120": "opinion/prediction",
"d-121": "opinion/advice",
"d-122": "opinion; report doesn't discuss TikTok in the US",
"d-123": "opinion; report describes 华为云(泰国、iDME.X) and 阿里云(SCCC) without ranking them",
"d-124": "opinion/prediction",
"d-125": "opinion about the report",
"d-126": "opinion; not in report",
"d-127": "chitchat", "d-128": "chitchat", "d-129": "chitchat (about the assistant)", "d-130": "chitchat", "d-131": "chitchat",
"d-132": "instruction (write a poem)", "d-133": "instruction (weekly report template)",
"d-134": "instruction (translation)", "d-135": "instruction (code)",
"d-136": "general knowledge; Saudi only for SCCC in Riyadh, SAMA sandbox, laws",
"d-137": "general knowledge",
"d-138": "general knowledge",
"d-139": "general knowledge; report only names PaaS/SaaS layers of COSMOPlat, no definition",
"d-140": "no market share; only GaussDB launch in Thailand",
"d-141": "no Cainiao revenue",
"d-142": "no default rate; only ~1.6 million users",
"d-143": "no employee count; only SCCC with STC 55%",
"d-144": "no capex figure",
"d-145": "no Indonesia GMV; only SE Asia 2023 growth 18.6%",
"d-146": "no other editions mentioned",
"d-147": "only 2024 share ~10%",
"d-148": "Temu not mentioned",
"d-149": "Mercado Libre / Latin America not mentioned",
"d-150": "China Mobile not mentioned",
"d-151": "Tencent only in IEEE LLM standard group; no Brazil",
"d-152": "opinion/prediction; AWS not mentioned",
"d-153": "opinion/advice",
"d-154": "opinion",
"d-155": "opinion/prediction; 阿里影业 only for 阿里鱼",
"d-156": "chitchat", "d-157": "chitchat",
"d-158": "instruction (translation)", "d-159": "instruction (email)", "d-160": "instruction (haiku)",
}


def main() -> int:
    raw = [json.loads(l) for l in (HERE / "questions_raw.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    errs = []
    out = []
    for r in raw:
        i = r["id"]
        if i in M:
            ans, cat, quotes, facts, note = M[i]
        elif i in GEN:
            ans, cat, quotes, facts, note = False, U, [], [], GEN[i]
        else:
            errs.append(f"{i}: unmapped")
            continue
        if ans:
            if not 1 <= len(quotes) <= 3 or not 1 <= len(facts) <= 5:
                errs.append(f"{i}: counts")
        for q in quotes:
            if len(q) > 60 or TEXT.count(q) != 1:
                errs.append(f"{i}: quote {q!r} count={TEXT.count(q)} len={len(q)}")
        for f in facts:
            if " " in f or not 2 <= len(f) <= 15 or f not in TEXT:
                errs.append(f"{i}: fact {f!r} in_text={f in TEXT} len={len(f)}")
        row = dict(r)
        row.update(split="dev", answerable=ans, category=cat, gold_quotes=quotes, facts=facts, note=note, gold=[])
        out.append(row)
    if errs:
        print("\n".join(errs))
        return 1
    (HERE / "questions.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in out), encoding="utf-8")
    print(f"wrote {len(out)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
