"""Generate the adversarial claim set from the report: `python evals/claims/generate.py`.

Writes evals/claims/generated.jsonl (deterministic: a fixed seed). Each row is one
answer sentence with its citation and what the checker must say about it:

- exact      a report sentence (or one clause of it) cited to its paragraph: supported
- number     one number changed (20% for 18.6%): contradicted
- swap       a name swapped for another of the same kind the report names elsewhere: contradicted
- negation   a true sentence negated (并未/并非/尚未): contradicted
- direction  高于↔低于, 第一↔第二, 加快↔放缓 …: contradicted
- wrong_cite a true sentence cited to a paragraph of another section: unsupported, suggest the right one
- uncited    a true sentence with no citation: uncited, suggest the right one
- fabricated an invented fact about a real name, or a true sentence with an invented clause: unsupported

Hand-written paraphrases are in evals/claims/hand.jsonl (not generated).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.ingest import load_corpus  # noqa: E402
from assistant.lexicon import ENTITY_KINDS, load_name_table  # noqa: E402
from assistant.lexicon.numerals import find_quantities  # noqa: E402
from assistant.text import strip_marks  # noqa: E402
from assistant.units import quotable_sentences  # noqa: E402

OUT = Path(__file__).with_name("generated.jsonl")
VERBS = ("推出", "建立", "建设", "发布", "签署", "达成", "覆盖", "提供", "成立", "实现", "开通", "汇聚", "参与",
         "发起", "拥有", "推动", "支持", "采用", "整合", "打造", "构建", "上线", "获得", "设立", "联合")
FLIPS = (("高于", "低于"), ("第一", "第二"), ("加快", "放缓"), ("提升", "降低"), ("领先", "落后"), ("扩大", "缩小"),
         ("最为领先", "最为落后"), ("增长", "下降"), ("上升", "下降"), ("偏弱", "领先"))
INVENTED_TAILS = ("并计划在2030年前覆盖全部非洲国家", "其中一半以上的收入来自欧洲市场", "该项目已于2019年全部停止运营",
                  "此举使当地失业率下降了12个百分点", "并获得联合国颁发的年度创新奖")
INVENTED_FACTS = ("{name}在南极建立了3个科研数据中心。", "{name}于2015年退出了全部海外市场。",
                  "{name}的全球用户数量已突破80亿。", "{name}与火星探测机构签署了太空通信合作协议。",
                  "{name}在冰岛设立了全球最大的区块链矿场。", "{name}计划在2026年前裁减一半海外员工。")


def row(kind: str, claim: str, truth: bool, expect: str, gold: str | None, source: str) -> dict:
    return {"kind": kind, "claim": claim, "truth": truth, "expect": expect, "gold": gold, "source": source}


def cite(text: str, locator: str) -> str:
    text = text.rstrip("。")
    return f"{text}[{locator}]。"


def change_number(sentence: str, rng: random.Random) -> str | None:
    for q in find_quantities(sentence):
        m = re.match(r"\d+(?:\.\d+)?", q.text)
        if not m or (q.kind == "year" and rng.random() < 0.5):
            continue
        digits = m.group(0)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        value = float(digits)
        if q.kind == "year":
            new = value + rng.choice((-3, 2))
        else:
            new = value + max(1, round(value * rng.choice((0.3, 0.5, 1.0))))
        if q.percent and new > 100:
            new = value - max(1, round(value * 0.3))
        text = f"{new:.{decimals}f}" if decimals else str(int(new))
        if text == digits or new <= 0:
            continue
        return sentence.replace(q.text, q.text.replace(digits, text, 1), 1)
    return None


def main() -> None:
    rng = random.Random(20261130)
    paragraphs = [p for doc in load_corpus(ROOT / "corpus") for p in doc.paragraphs if p.kind == "body"]
    table = load_name_table(ROOT / "corpus", [p.text for p in paragraphs])
    corpus_text = "\n".join(p.text for p in paragraphs)
    in_corpus = {}
    for m in table.find(corpus_text, ENTITY_KINDS):
        in_corpus.setdefault(m.group.kind, {})[m.group.preferred] = m.group
    units = []  # (sentence, paragraph)
    for para in paragraphs:
        for sentence in quotable_sentences(para):
            sentence = strip_marks(sentence).strip()
            if len(sentence) >= 14 and not sentence.endswith((":", ":")):
                units.append((sentence, para))
    rows: list[dict] = []
    section = {p.locator: p.locator.split()[0].split(".")[0] for p in paragraphs}
    for sentence, para in units:
        loc = para.locator
        rows.append(row("exact", cite(sentence, loc), True, "supported", None, loc))
        clauses = [c for c in re.split(r"[,,;;]", sentence.rstrip("。")) if len(c) >= 12]
        if len(clauses) >= 2 and rng.random() < 0.5:
            rows.append(row("exact", cite(rng.choice(clauses), loc), True, "supported", None, loc))
        changed = change_number(sentence, rng)
        if changed:
            rows.append(row("number", cite(changed, loc), False, "contradicted", None, loc))
        mentions = [m for m in table.find(sentence, ENTITY_KINDS) if m.group.kind in in_corpus]
        if mentions:
            m = rng.choice(mentions)
            others = [g for name, g in sorted(in_corpus[m.group.kind].items())
                      if not any(x.group is g for x in table.find(para.text)) and g is not m.group]
            if others:
                other = rng.choice(others)
                swapped = sentence[: m.start] + other.preferred + sentence[m.end :]
                rows.append(row("swap", cite(swapped, loc), False, "contradicted", None, loc))
        verbs = [v for v in VERBS if v in sentence]
        if verbs and rng.random() < 0.6:
            verb = rng.choice(verbs)
            negated = sentence.replace(verb, rng.choice(("并未", "没有", "尚未")) + verb, 1)
            rows.append(row("negation", cite(negated, loc), False, "contradicted", None, loc))
        elif "是" in sentence and "是指" not in sentence and rng.random() < 0.5:
            i = sentence.index("是")
            listed = sentence[i - 1 : i] in "一二三四五六七八九"
            if not listed and sentence[i - 1 : i + 1] not in ("而是", "更是", "正是"):
                rows.append(row("negation", cite(sentence[:i] + "并非" + sentence[i + 1 :], loc), False,
                                "contradicted", None, loc))
        for a, b in FLIPS:
            if a in sentence and b not in sentence:
                rows.append(row("direction", cite(sentence.replace(a, b, 1), loc), False, "contradicted", None, loc))
                break
        if rng.random() < 0.35:
            elsewhere = [p for p in paragraphs if section[p.locator] != section[loc]]
            wrong = rng.choice(elsewhere).locator
            rows.append(row("wrong_cite", cite(sentence, wrong), False, "unsupported", loc, loc))
        if rng.random() < 0.25:
            rows.append(row("uncited", sentence if sentence.endswith("。") else sentence + "。", False, "uncited",
                            loc, loc))
        if mentions and rng.random() < 0.3:
            name = rng.choice(mentions).group.preferred
            fact = rng.choice(INVENTED_FACTS).format(name=name)
            rows.append(row("fabricated", cite(fact, loc), False, "unsupported", None, loc))
        elif clauses and rng.random() < 0.2:
            invented = clauses[0] + "," + rng.choice(INVENTED_TAILS)
            rows.append(row("fabricated", cite(invented, loc), False, "unsupported", None, loc))
    for number, r in enumerate(rows, start=1):
        r["id"] = f"g{number:03d}"
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    kinds = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print(f"wrote {len(rows)} claims to {OUT}: {kinds}")


if __name__ == "__main__":
    main()
