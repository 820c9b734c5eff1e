"""The staff commands: ask, ingest, sources, serve."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.cli.common import EXIT_ENV, EXIT_INPUT, InputError, progress, read_file, settings_from
from assistant.question import QuestionError, validate_question


def read_questions(args: argparse.Namespace, max_chars: int) -> list[str]:
    """The questions on the command line, then the non-empty lines of --file; all validated first."""
    questions = list(args.question)
    if args.file is not None:
        text = read_file(args.file, "a text file of questions")
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
    settings = settings_from(args)
    questions = read_questions(args, settings.max_question_chars)
    assistant = Assistant.open(settings, progress=progress)
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

    settings = settings_from(args)
    refused = []
    if args.paths:
        try:
            added, refused = add_documents(settings, args.paths)
        except AddError as exc:
            raise InputError(str(exc)) from exc
        for rel in added:
            print(f"added {rel}")
        for skipped in refused:
            print(f"not added {skipped.path}: {skipped.reason}", file=sys.stderr)
    report = ingest(settings, progress=progress, force=args.force, verify=args.verify, compact=args.compact)
    state = "rebuilt" if report.rebuilt else "unchanged"
    reuse = f", {report.parsed} read, {report.reused} reused" if report.rebuilt else ""
    print(f"index {state} ({report.reason}): {report.paragraphs} paragraphs, {report.sources} sources, "
          f"{report.seconds:.2f} s{reuse}")
    for skipped in report.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    return EXIT_INPUT if args.paths and refused else 0


def cmd_sources(args: argparse.Namespace) -> int:
    from assistant.index.load import load_index
    from assistant.library import rows_to_text, source_rows
    from assistant.pipeline import ingest

    settings = settings_from(args)
    ingest(settings, progress=progress)  # creates sources.toml on first use; no model unless it must rebuild
    index = load_index(settings.index_dir)
    rows = source_rows(settings, index.corpus, index.manifest)
    print(json.dumps(rows, ensure_ascii=False) if args.json else rows_to_text(rows))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.pipeline import Assistant

    if not 0 < args.port < 65536:
        raise InputError("--port must be between 1 and 65535")
    try:
        from assistant.ui import serve
    except ImportError as exc:
        print(f"assistant: error: the web UI needs gradio (pip install 'gradio>=6.20'): {exc}", file=sys.stderr)
        return EXIT_ENV
    settings = settings_from(args)
    progress(f"loading the embedder ({settings.embedder}) and the index once ...")
    assistant = Assistant.open(settings, progress=progress)
    assistant.embedder.embed(["预热"])  # a server pays for the model's weights at start-up, not on a user's question
    progress(f"ready: {len(assistant.corpus.paragraphs)} paragraphs; serving on http://{args.host}:{args.port}/")
    try:
        serve.launch(assistant, host=args.host, port=args.port, allowed_hosts=args.allowed_host)
    except OSError as exc:
        print(f"assistant: error: cannot serve on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_ENV
    return 0
