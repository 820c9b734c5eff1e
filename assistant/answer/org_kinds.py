"""The kind of organisation a which-question asks for: "华为在非洲是跟哪家运营商合作的", "国有大行是哪家",
"which US cloud provider".

Such a question is not answered by a sentence that names some other company ("华为与全球运营商共同建设…, 谷歌…"):
the organisation it names must be of the kind asked, and a kind shows in the name itself (埃塞俄比亚电信,
中国建设银行, 微软主权云 / Azure). Pure functions over strings; the caller passes the names the text holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# kind -> (how a question asks for it in Chinese, in English, what a name of that kind contains)
_KINDS = {
    "bank": (r"银行|大行", r"banks?|lenders?", r"银行|Bank"),
    "operator": (r"运营商|电信公司|电信企业", r"(?:telecom |mobile )?operators?|carriers?|telcos?",
                 r"电信|移动|联通|通信|Telecom|Mobile|Telco|\bSTC\b"),
    "cloud": (r"云厂商|云服务商|云服务提供商|云计算公司|云计算企业", r"cloud (?:providers?|vendors?|compan(?:y|ies))",
              r"云|Cloud|Azure|AWS"),
}
_ASKED = {
    kind: re.compile(rf"哪(?:一)?[家个些][^,，。?？]{{0,4}}?(?:{zh})|(?:{zh})(?:是|为)?哪(?:一)?[家个些]|"
                     rf"\bwhich (?:[\w-]+ ){{0,3}}?(?:{en})\b", re.I)
    for kind, (zh, en, _) in _KINDS.items()
}
_NAMED = {kind: re.compile(named, re.I) for kind, (_, _, named) in _KINDS.items()}


def asked_org_kind(question: str) -> str:
    """"bank", "operator" or "cloud" when the question asks which organisation of that kind; "" else."""
    return next((kind for kind, pattern in _ASKED.items() if pattern.search(question)), "")


def names_org_of_kind(kind: str, names: Iterable[tuple[str, Iterable[str]]], question: str) -> bool:
    """Whether one of `names` ((surface, all its names) pairs found in a sentence), not already in the question,
    is of `kind` by any of its names."""
    pattern = _NAMED[kind]
    return any(surface not in question and any(pattern.search(n) for n in spellings) for surface, spellings in names)


# A place's own institutions ("越南政府", "越南媒体"): what the tagger reads as a new name is the place's.
_INSTITUTION = re.compile(r"(?:政府|官方|当局|媒体|央行|民众|用户|人民|消费者|网民|方面)")


def institution_of(name: str, found: str) -> bool:
    """Whether `name` is the tabled name `found` and one of its institutions ("越南政府" of 越南)."""
    return name.startswith(found) and _INSTITUTION.fullmatch(name[len(found):]) is not None
