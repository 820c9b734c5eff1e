"""The Gradio app launched in-process and driven through gradio_client, as a script would."""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Iterator

import pytest

pytest.importorskip("gradio")
gradio_client = pytest.importorskip("gradio_client")

from ui_server import running_app  # noqa: E402

from assistant.cli import build_parser, main  # noqa: E402
from assistant.render import answer_to_dict  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:'future.no_silent_downcasting'"),  # inside gradio's queue
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]
ENDPOINTS = {"/ask", "/paragraph", "/sources", "/quiz", "/check"}


@pytest.fixture(scope="module")
def ui_server(real_assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, str]]:
    """The full app on a free loopback port; closed after the module."""
    with running_app(real_assistant, tmp_path_factory.mktemp("gradio")) as served:
        yield served


@pytest.fixture(scope="module")
def client(ui_server) -> gradio_client.Client:
    return gradio_client.Client(ui_server[1], verbose=False)


def test_ask_endpoint_returns_the_cli_json(client, real_assistant) -> None:
    question = "数字丝绸之路合作国家有多少个?"
    result = client.predict(question, api_name="/ask")
    assert "18" in result["answer"] and not result["refused"]
    assert result["citations"] and all(c["id"] and c["locator"] for c in result["citations"])
    expected = answer_to_dict(real_assistant.ask(question))
    assert set(result) == set(expected)
    assert {k: v for k, v in result.items() if k != "latency_ms"} == {
        k: v for k, v in expected.items() if k != "latency_ms"}


def test_view_api_names_only_the_public_endpoints(client) -> None:
    info = client.view_api(print_info=False, return_format="dict")
    assert set(info["named_endpoints"]) == ENDPOINTS  # the UI's own events stay private
    assert not info.get("unnamed_endpoints")


def test_paragraph_and_sources_endpoints(client, real_assistant) -> None:
    answer = real_assistant.ask("东南亚地区零售电商增速是多少?")
    para = next(c.paragraph for c in answer.citations if "18.6%" in c.paragraph.text)
    got = client.predict(para.id, api_name="/paragraph")
    assert got["id"] == para.id and got["text"] == para.text and got["locator"] == para.locator
    assert any(s["title"] == "2023年东南亚数字经济报告" for s in got["sources"])
    sources = client.predict(api_name="/sources")
    report_doc = real_assistant.corpus.report_paragraphs()[0].doc  # the report's footnotes, not a library's
    assert {s["doc"] for s in sources} == {report_doc}
    assert len(sources) == len(real_assistant.corpus.doc_sources(report_doc)) == 19
    assert any(para.id in [p["id"] for p in s["cited_by"]] for s in sources)
    with pytest.raises(gradio_client.exceptions.AppError, match="unknown paragraph"):
        client.predict("no-such-id", api_name="/paragraph")


def test_quiz_endpoint_returns_the_cli_json_items(client, real_assistant) -> None:
    from assistant.lexicon import load_name_table
    from assistant.quiz import collect_facts
    from assistant.ui.tools import quiz_json

    items = client.predict("§4", 5, "mc", 0, api_name="/quiz")
    assert len(items) == 5 and all(i["type"] == "mc" and i["citation"]["locator"].startswith("§4") for i in items)
    corpus = real_assistant.corpus
    names = load_name_table(real_assistant.settings.corpus_dir, (p.text for p in corpus.paragraphs))
    assert items == quiz_json(collect_facts(corpus.report_paragraphs(), names), "§4", 5, "mc", 0)
    with pytest.raises(gradio_client.exceptions.AppError, match=r"only \d+ quiz facts"):
        client.predict("§4", 500, "mc", 0, api_name="/quiz")


def test_check_endpoint_returns_the_cli_json(client, real_assistant) -> None:
    from assistant.review.check import check_answer

    para = next(p for p in real_assistant.corpus.paragraphs if "东南亚地区增速达18.6%" in p.text)
    answer = f"东南亚地区零售电商增速达25%,位居第一[{para.locator}]。"
    result = client.predict(answer, api_name="/check")
    assert result["verdict"] == "issues" and [c["verdict"] for c in result["claims"]] == ["contradicted"]
    assert result == check_answer(answer, real_assistant).to_dict()
    with pytest.raises(gradio_client.exceptions.AppError, match="empty"):
        client.predict("  ", api_name="/check")


def test_long_question_is_refused_with_a_message(client) -> None:
    with pytest.raises(gradio_client.exceptions.AppError, match="2000"):
        client.predict("问" * 2001, api_name="/ask")


def test_safe_defaults(ui_server) -> None:
    demo, _url = ui_server
    assert demo.server_name == "127.0.0.1"
    assert demo.analytics_enabled is False
    assert demo._queue.default_concurrency_limit == 2
    assert os.environ.get("GRADIO_ANALYTICS_ENABLED") == "False"
    assert not any(type(block).__name__ in {"File", "UploadButton", "Image", "Audio", "Video"}
                   for block in demo.blocks.values())


def test_serve_command_defaults_and_bad_port() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.func.__name__) == ("127.0.0.1", 7860, "cmd_serve")
    assert main(["serve", "--port", "70000"]) == 2


def test_api_parameters_have_readable_names(ui_server) -> None:
    with urllib.request.urlopen(ui_server[1] + "config", timeout=30) as response:
        config = json.load(response)
    labels = {c["id"]: c.get("props", {}).get("label") for c in config["components"]}
    inputs = {d["api_name"]: [labels[i] for i in d["inputs"]] for d in config["dependencies"]
              if d.get("api_name") in {e.lstrip("/") for e in ENDPOINTS}}
    assert inputs == {"ask": ["question"], "paragraph": ["paragraph_id"], "sources": [],
                      "quiz": ["section", "n", "types", "seed"], "check": ["answer"]}
    assert not {"1st", "2nd"} & set(labels.values())
    words = config.get("i18n_translations") or {}
    assert words.get("en", {}).get("common.complete") == "完成 Complete"  # screen readers heard the raw key
