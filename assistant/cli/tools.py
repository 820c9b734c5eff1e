"""The measuring, training and reviewing commands: eval, quiz, check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.cli.common import InputError, decode_text, progress, read_file, read_stdin, settings_from


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluation.dataset import DEFAULT_SET, load_questions
    from assistant.evaluation.harness import run_eval
    from assistant.evaluation.report import bar_chart, markdown_report, run_table

    path = Path(args.set) if args.set else DEFAULT_SET
    if not path.is_file():
        raise InputError(f"question set not found: {path}")
    try:
        questions = load_questions(path, args.split)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    settings = settings_from(args)
    modes = ["bm25", "dense", "rrf", "hybrid"] if args.compare else [args.retriever]
    runs = [run_eval(settings, questions, mode, progress=progress) for mode in modes]
    command = "assistant eval " + " ".join(sys.argv[2:]) if sys.argv[1:2] == ["eval"] else "assistant eval"
    if args.json:
        for run in runs:
            data = run.to_dict()
            if not args.details:
                data.pop("results")
            print(json.dumps(data, ensure_ascii=False))
    else:
        for run in runs:
            o = run.overall
            print(f"retriever {run.retriever} · embedder {run.embedder} · load {run.load_seconds:.2f} s · "
                  f"latency p50 {o['latency_p50_ms']:.1f} ms p95 {o['latency_p95_ms']:.1f} ms")
            print(run_table(run) + "\n")
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.md").write_text(markdown_report(runs, command), encoding="utf-8")
        bar_chart(runs, out / "report.png")
        (out / "results.json").write_text(json.dumps([r.to_dict() for r in runs], ensure_ascii=False, indent=1),
                                          encoding="utf-8")
        progress(f"wrote {out / 'report.md'}, {out / 'report.png'} and {out / 'results.json'}")
    return 0


def cmd_quiz(args: argparse.Namespace) -> int:
    from assistant.index.load import load_index
    from assistant.pipeline import ingest
    from assistant.quiz import QuizError, build_quiz, collect_facts
    from assistant.quiz.export import render

    types = [t.strip() for t in args.types.split(",") if t.strip()]
    settings = settings_from(args)
    ingest(settings, progress=progress)  # the quiz reads the indexed paragraphs; no model unless it must rebuild
    from assistant.lexicon import AliasFileError, load_name_table

    corpus = load_index(settings.index_dir).corpus
    try:  # the same table the checker and the web app read
        names = load_name_table(settings.corpus_dir, (p.text for p in corpus.paragraphs))
    except AliasFileError as exc:
        raise InputError(str(exc)) from exc
    pool = collect_facts(corpus.report_paragraphs(), names)
    try:
        items = build_quiz(pool, args.n, types, args.seed, args.section)
    except QuizError as exc:
        raise InputError(str(exc)) from exc
    text = render(items, args.format)
    if args.out is None:
        print(text, end="" if text.endswith("\n") else "\n")
        return 0
    try:
        Path(args.out).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write --out {args.out}: {exc.strerror or exc}") from exc
    progress(f"wrote {len(items)} items to {args.out}")
    return 0


def read_answer(args: argparse.Namespace, max_chars: int) -> str:
    """The answer to check: --answer, else --file, else standard input; never empty or binary."""
    if args.answer is not None:
        text, where = args.answer, "--answer"
        text = decode_text(text.encode("utf-8", "surrogatepass"), where, "an answer text")
    elif args.file is not None:
        text, where = read_file(args.file, "an answer text"), f"--file {args.file}"
    elif not sys.stdin.isatty():
        text, where = read_stdin("an answer text"), "standard input"
    else:
        raise InputError("no answer given: pass --answer TEXT, --file PATH or pipe it on standard input")
    if not text.strip():
        raise InputError(f"{where} is empty: nothing to check")
    if len(text) > max_chars:  # the same cap as the web app's checker
        raise InputError(f"{where} is too long ({len(text):,} characters; the limit is {max_chars:,})")
    return text


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.pipeline import Assistant
    from assistant.review.check import CheckError, check_answer, report_to_text

    settings = settings_from(args)
    text = read_answer(args, settings.max_answer_chars)
    assistant = Assistant.open(settings, progress=progress)
    try:
        report = check_answer(text, assistant)
    except CheckError as exc:
        raise InputError(str(exc)) from exc
    print(json.dumps(report.to_dict(), ensure_ascii=False) if args.json else report_to_text(report))
    return 0
