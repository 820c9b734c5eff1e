"""Command line: `assistant ask | ingest | sources | serve | eval | quiz | check`, thin over the pipeline.

Exit codes: 0 success, 1 the corpus, index, model or machine cannot be used (missing, unreadable, read-only,
full), 2 bad input.
Errors are one line on stderr, never a traceback. Heavy modules are imported
inside the commands, so `assistant --help` and bad input answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.cli.answering import cmd_ask, cmd_ingest, cmd_serve, cmd_sources
from assistant.cli.common import EXIT_ENV, EXIT_INPUT, InputError
from assistant.cli.common import add_common as _common
from assistant.cli.tools import cmd_check, cmd_eval, cmd_quiz

__all__ = ["EXIT_ENV", "EXIT_INPUT", "InputError", "build_parser", "main"]


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
    ing.add_argument("--verify", action="store_true",
                     help="check every index file against its checksum (a large index checks only sizes at open)")
    _common(ing)
    ing.set_defaults(func=cmd_ingest)

    src = sub.add_parser("sources", help="the report's footnote sources (corpus/sources.toml) and their documents")
    src.add_argument("--json", action="store_true", help="print a JSON array")
    _common(src)
    src.set_defaults(func=cmd_sources)

    ev = sub.add_parser("eval", help="measure retrieval, answers, citations and refusals on a question set")
    ev.add_argument("--set", help="question set JSONL (default evals/questions.jsonl)")
    ev.add_argument("--split", choices=["dev", "test"], help="only this split of the set (the blind set has both)")
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
    serve.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                       help="a Host name the server answers besides 127.0.0.1, localhost and --host (repeatable)")
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
    from assistant.environment import EnvironmentFailure
    from assistant.index.embed import EmbedderError
    from assistant.index.store import IndexStoreError
    from assistant.ingest import CorpusError

    return (CorpusError, EmbedderError, IndexStoreError, EnvironmentFailure)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.func
    try:
        return handler(args)
    except BrokenPipeError:  # `assistant ask … | head`: the reader left; nothing is wrong, say nothing
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python would complain when it flushes stdout at exit
        return 0
    except InputError as exc:
        print(f"assistant: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except _known_errors() as exc:
        print(f"assistant: error: {exc}", file=sys.stderr)
        return EXIT_ENV
    except OSError as exc:  # the machine: a folder unreadable, read-only or full; one line, never a traceback
        from assistant.environment import describe

        print(f"assistant: error: {describe(exc)}", file=sys.stderr)
        return EXIT_ENV
    except MemoryError:
        print("assistant: error: out of memory", file=sys.stderr)
        return EXIT_ENV
    except KeyboardInterrupt:
        print("assistant: interrupted", file=sys.stderr)
        return 130
