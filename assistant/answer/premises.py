"""Questions that state a premise for the assistant to confirm: "卡奥斯是阿里旗下的吧",
"听说TikTok在印尼是跟Shopee合资的", "I recall the report citing Huawei Cloud's region in Vietnam".

Such a premise may be wrong, and the answer is then the sentence that corrects it: the one about the premise's
subject, which does not name the thing the asker wrongly tied to it (卡奥斯 is 海尔's, not 阿里's). So the judgement
asks of such a question only that a sentence names one of its things, not all of them. A question that asks
whether something is there ("报告有没有提到…", "是不是…") states no premise: it gets the usual judgement.
"""

from __future__ import annotations

import re

# The asker says what they believe and asks to have it confirmed: a tag (吧, 对吧, right?, no?) or an opening that
# recalls (听说, 我记得, I recall, I understand).
_PREMISE = re.compile(
    r"吧\s*[?？。!！]*\s*$|吧\s*[?？,，]|对吧|是吧|没错吧|听说|我记得|记得报告|"
    r"\bI (?:recall|remember|understand|understood|heard|believe|thought|read)\b|,\s*(?:right|no|correct)\s*\?|"
    r"\bisn't it\b|\bdoesn't it\b",
    re.I,
)
# "陪我聊会儿天吧", "直接帮我判个输赢吧": a request ending in 吧 states no premise.
_REQUEST = re.compile(r"(?:请|帮|给|陪|让|麻烦)[^,，。?？]{0,12}吧\s*[?？。!！]*\s*$")


def states_premise(question: str) -> bool:
    """Whether the question states something for the assistant to confirm (which may be wrong)."""
    return _PREMISE.search(question) is not None and _REQUEST.search(question) is None
