"""Command line: `assistant ask | ingest | ...` — thin over the pipeline facade.

Exit codes: 0 success, 1 the corpus, index or model cannot be used, 2 bad input.
Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.config import ENV_CORPUS, ENV_EMBEDDER, ENV_INDEX, Settings
from assistant.question import QuestionError, validate_question

EXIT_ENV = 1
EXIT_INPUT = 2


class InputError(Exception):
    """Bad user input: reported in one line with exit code 2."""


def _progress(message: str) -> None:
    print(f"[assistant] {message}", file=sys.stderr, flush=True)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, help=f"corpus folder (default ./corpus, env {ENV_CORPUS})")
    parser.add_argument("--index", type=Path, help=f"index folder (default ./index, env {ENV_INDEX})")
    parser.add_argument(
        "--embedder", help=f"embedder name or local sentence-transformers folder (env {ENV_EMBEDDER})"
    )


def _settings(args: argparse.Namespace, **extra: object) -> Settings:
    return Settings.from_env(corpus_dir=args.corpus, index_dir=args.index, embedder=args.embedder, **extra)


def _read_questions(args: argparse.Namespace, max_chars: int) -> list[str]:
    questions = list(args.question)
    if args.file is not None:
        try:
            raw = Path(args.file).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read --file {args.file}: {exc.strerror or exc}") from exc
        if b"\x00" in raw:
            raise InputError(f"--file {args.file} is binary, not a text file of questions")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"--file {args.file} is not UTF-8 text") from exc
        questions.extend(line for line in text.splitlines() if line.strip())
    if not questions:
        raise InputError("no question given: pass a question or --file PATH")
    checked = []
    for number, question in enumerate(questions, start=1):
        try:
            checked.append(validate_question(question, max_chars))
        except QuestionError as exc:
            where = f"question {number}" if len(questions) > 1 else "question"
            raise InputError(f"{where}: {exc}") from exc
    return checked


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.pipeline import Assistant
    from assistant.render import answer_to_dict, answer_to_text

    if args.k is not None and args.k < 1:
        raise InputError("-k must be at least 1")
    settings = _settings(args)
    questions = _read_questions(args, settings.max_question_chars)
    assistant = Assistant.open(settings, progress=_progress)
    for question in questions:
        answer = assistant.ask(question, k=args.k, scope=args.scope)
        if args.json:
            print(json.dumps(answer_to_dict(answer), ensure_ascii=False), flush=True)
        else:
            if len(questions) > 1:
                print(f"Q: {question}")
            print(answer_to_text(answer), end="\n\n" if len(questions) > 1 else "\n", flush=True)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.library import AddError, add_documents
    from assistant.pipeline import ingest

    settings = _settings(args)
    if args.paths:
        try:
            added, refused = add_documents(settings, args.paths)
        except AddError as exc:
            raise InputError(str(exc)) from exc
        for rel in added:
            print(f"added {rel}")
        for skipped in refused:
            print(f"not added {skipped.path}: {skipped.reason}")
    report = ingest(settings, progress=_progress, force=args.force)
    state = "rebuilt" if report.rebuilt else "unchanged"
    reuse = f", {report.parsed} read, {report.reused} reused" if report.rebuilt else ""
    print(f"index {state} ({report.reason}): {report.paragraphs} paragraphs, {report.sources} sources, "
          f"{report.seconds:.2f} s{reuse}")
    for skipped in report.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from assistant.index_load import load_index
    from assistant.library import rows_to_text, source_rows
    from assistant.pipeline import ingest

    settings = _settings(args)
    ingest(settings, progress=_progress)  # creates sources.toml on first use; no model unless it must rebuild
    index = load_index(settings.index_dir)
    rows = source_rows(settings, index.corpus, index.manifest)
    print(json.dumps(rows, ensure_ascii=False) if args.json else rows_to_text(rows))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.pipeline import Assistant

    if not 0 < args.port < 65536:
        raise InputError("--port must be between 1 and 65535")
    try:
        from assistant.ui import app
    except ImportError as exc:
        print(f"assistant: error: the web UI needs gradio (pip install -e '.[ui]'): {exc}", file=sys.stderr)
        return EXIT_ENV
    settings = _settings(args)
    _progress(f"loading the embedder ({settings.embedder}) and the index once ...")
    assistant = Assistant.open(settings, progress=_progress)
    _progress(f"ready: {len(assistant.corpus.paragraphs)} paragraphs; serving on http://{args.host}:{args.port}/")
    try:
        app.launch(assistant, host=args.host, port=args.port)
    except OSError as exc:
        print(f"assistant: error: cannot serve on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_ENV
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluation.dataset import DEFAULT_SET, load_questions
    from assistant.evaluation.harness import run_eval
    from assistant.evaluation.report import bar_chart, markdown_report, run_table

    path = Path(args.set) if args.set else DEFAULT_SET
    if not path.is_file():
        raise InputError(f"question set not found: {path}")
    try:
        questions = load_questions(path)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    settings = _settings(args)
    modes = ["bm25", "dense", "rrf", "hybrid"] if args.compare else [args.retriever]
    runs = [run_eval(settings, questions, mode, progress=_progress) for mode in modes]
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
        _progress(f"wrote {out / 'report.md'}, {out / 'report.png'} and {out / 'results.json'}")
    return 0


def cmd_quiz(args: argparse.Namespace) -> int:
    from assistant.index_load import load_index
    from assistant.pipeline import ingest
    from assistant.quiz import QuizError, build_quiz, collect_facts
    from assistant.quiz.export import render

    types = [t.strip() for t in args.types.split(",") if t.strip()]
    settings = _settings(args)
    ingest(settings, progress=_progress)  # the quiz reads the indexed paragraphs; no model unless it must rebuild
    pool = collect_facts(load_index(settings.index_dir).corpus.paragraphs)
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
    _progress(f"wrote {len(items)} items to {args.out}")
    return 0


def _read_answer(args: argparse.Namespace) -> str:
    """The answer to check: --answer, else --file, else standard input; never empty or binary."""
    if args.answer is not None:
        raw, where = args.answer.encode("utf-8"), "--answer"
    elif args.file is not None:
        try:
            raw, where = Path(args.file).read_bytes(), f"--file {args.file}"
        except OSError as exc:
            raise InputError(f"cannot read --file {args.file}: {exc.strerror or exc}") from exc
    elif not sys.stdin.isatty():
        raw, where = sys.stdin.buffer.read(), "standard input"
    else:
        raise InputError("no answer given: pass --answer TEXT, --file PATH or pipe it on standard input")
    if b"\x00" in raw:
        raise InputError(f"{where} is binary, not an answer text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where} is not UTF-8 text") from exc
    if not text.strip():
        raise InputError(f"{where} is empty: nothing to check")
    return text


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.pipeline import Assistant
    from assistant.review.check import CheckError, check_answer, report_to_text

    text = _read_answer(args)
    assistant = Assistant.open(_settings(args), progress=_progress)
    try:
        report = check_answer(text, assistant)
    except CheckError as exc:
        raise InputError(str(exc)) from exc
    print(json.dumps(report.to_dict(), ensure_ascii=False) if args.json else report_to_text(report))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Cited answers from the 数字丝路 report.")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer questions with paragraph citations")
    ask.add_argument("question", nargs="*", help="one or more questions")
    ask.add_argument("--file", type=Path, help="a UTF-8 file with one question per line")
    ask.add_argument("--json", action="store_true", help="one JSON object per question, one per line")
    ask.add_argument("-k", type=int, help="paragraphs to retrieve per question (default 5)")
    ask.add_argument("--scope", choices=["all", "report", "sources", "library"], default="all",
                     help="search the report, the source documents, the added library, or all (default)")
    _common(ask)
    ask.set_defaults(func=cmd_ask)

    ing = sub.add_parser("ingest", help="parse, embed and index the corpus (only what changed)")
    ing.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                     help="documents (.pdf, .txt, .md) to copy into corpus/library/ and index")
    ing.add_argument("--force", action="store_true", help="rebuild from scratch even when the index is up to date")
    _common(ing)
    ing.set_defaults(func=cmd_ingest)

    src = sub.add_parser("sources", help="the report's footnote sources (corpus/sources.toml) and their documents")
    src.add_argument("--json", action="store_true", help="print a JSON array")
    _common(src)
    src.set_defaults(func=cmd_sources)

    ev = sub.add_parser("eval", help="measure retrieval, answers, citations and refusals on a question set")
    ev.add_argument("--set", help="question set JSONL (default evals/questions.jsonl)")
    ev.add_argument("--retriever", choices=["hybrid", "bm25", "dense", "rrf"], default="hybrid")
    ev.add_argument("--compare", action="store_true", help="run bm25, dense, rrf and hybrid side by side")
    ev.add_argument("--json", action="store_true", help="print the summary as JSON")
    ev.add_argument("--details", action="store_true", help="with --json: include per-question results")
    ev.add_argument("--out", help="write report.md, report.png and results.json to this folder")
    _common(ev)
    ev.set_defaults(func=cmd_eval)

    serve = sub.add_parser("serve", help="the web UI (Gradio): chat with citations, the report, its sources")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    _common(serve)
    serve.set_defaults(func=cmd_serve)

    quiz = sub.add_parser("quiz", help="a quiz (cloze, multiple choice, true/false) built from the report's facts")
    quiz.add_argument("--section", help="a locator prefix (§4, §4.1) or part of a heading")
    quiz.add_argument("--n", type=int, default=10, help="number of items (default 10)")
    quiz.add_argument("--types", default="mc,cloze,tf", help="item types, comma separated (default mc,cloze,tf)")
    quiz.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same quiz")
    quiz.add_argument("--format", choices=["json", "md", "csv", "gift"], default="json", help="output format")
    quiz.add_argument("--out", type=Path, help="write to this file instead of standard output")
    _common(quiz)
    quiz.set_defaults(func=cmd_quiz)

    check = sub.add_parser("check", help="check an answer's claims against the paragraphs it cites")
    check.add_argument("--answer", help="the answer text (else --file, else standard input)")
    check.add_argument("--file", type=Path, help="a UTF-8 file holding the answer")
    check.add_argument("--json", action="store_true", help='print {"verdict", "claims": [...]} as JSON')
    _common(check)
    check.set_defaults(func=cmd_check)
    return parser


def _known_errors() -> tuple[type[BaseException], ...]:
    from assistant.embed import EmbedderError
    from assistant.ingest import CorpusError
    from assistant.store import IndexStoreError

    return (CorpusError, EmbedderError, IndexStoreError)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.func
    try:
        return handler(args)
    except InputError as exc:
        print(f"assistant: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except _known_errors() as exc:
        print(f"assistant: error: {exc}", file=sys.stderr)
        return EXIT_ENV
    except KeyboardInterrupt:
        print("assistant: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
