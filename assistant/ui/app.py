"""The Gradio app: a cited chat, the report with its outline, the footnote sources, a quiz builder for
trainers, an answer checker for reviewers, and a reader panel.

Citation markers are links `?p=<paragraph id>&m=<marker>&a=<answer index>` (plus `data-*` copies,
which the chat's HTML sanitiser strips). One capturing document-level click listener, installed by
the reader panel's `js_on_load`, turns a click on any such link into the panel's `click` event with
those values, and Python renders the paragraph, supporting sentences <mark>ed, into the panel.
Without script the same link is a deep link (`?p=`), which `demo.load` opens.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.pipeline import Assistant
from assistant.question import QuestionError
from assistant.quiz import QuizError, collect_facts
from assistant.render import answer_to_dict, answer_to_text
from assistant.review.check import Checker, CheckError
from assistant.types import Answer
from assistant.ui import handlers as h
from assistant.ui import tools as t
from assistant.ui.guard import HostAndUploadGuard
from assistant.ui.guard import allowed_hosts as guard_hosts

EXAMPLES = (
    "数字丝绸之路合作国家有多少个?",
    "2023年东南亚零售电商增速排名如何?",
    "平台企业的内涵是什么?",
    "保障数字主权的云服务模式有哪些特点?",
    "What is a platform enterprise?",
)
HEADER = ('<h1 class="app-title">数字丝路报告问答 <span>Digital Silk Road report assistant</span></h1>'
          '<p class="app-sub">答案均摘自报告原文并标注出处 · Answers are quoted from the report, with citations.</p>')
CSS_PATH = Path(__file__).with_name("style.css")
LOG = logging.getLogger("assistant.ui")

# Runs once when the reader panel mounts: `element` is the panel, `trigger` fires its events.
BRIDGE_JS = """
const onCite = (event) => {
  const link = event.target.closest ? event.target.closest('a[data-pid], a[href^="?p="]') : null;
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const params = new URLSearchParams(link.getAttribute('href') || '');
  const data = {pid: link.dataset.pid || params.get('p') || '', marker: link.dataset.marker || params.get('m') || '',
                answer: link.dataset.answer || params.get('a') || ''};
  trigger('click', data);
  if (window.innerWidth < 900) element.scrollIntoView({behavior: 'smooth', block: 'start'});
};
if (window.__assistantCite) document.removeEventListener('click', window.__assistantCite, true);
window.__assistantCite = onCite;
document.addEventListener('click', onCite, true);
"""


def api_error(endpoint: str, message: str) -> gr.Error:
    """Bad input to an API endpoint: one line in the server log (no traceback), the message to the caller."""
    LOG.warning("/%s refused: %s", endpoint, " ".join(message.split())[:300])
    return gr.Error(message, print_exception=False)


def build_app(assistant: Assistant) -> gr.Blocks:
    """The Blocks app over an opened assistant (the model and index are already loaded)."""
    corpus = assistant.corpus
    paragraphs = corpus.paragraphs
    all_sources = corpus.all_sources()
    checker = Checker.from_assistant(assistant)  # quiz facts and the checker are built once, like the index
    pool = collect_facts(corpus.report_paragraphs(), checker.names)

    def paragraph_view(paragraph_id: str) -> str:
        paragraph = assistant.paragraph(paragraph_id.strip())
        if paragraph is None:
            return h.unknown_paragraph_html(paragraph_id)
        return h.paragraph_html(paragraph, corpus.sources_of(paragraph), title=f"段落 Paragraph {paragraph.locator}")

    def respond(question: str, answers: list[Answer]) -> tuple[Any, ...]:
        answer, problem = h.try_ask(assistant.ask, question)
        if answer is None:
            gr.Warning(problem)
            return gr.skip(), answers, gr.skip(), h.notice_html(problem), gr.skip(), gr.skip()
        answers = [*answers, answer]
        return h.chat_messages(answers), answers, "", "", answer_to_text(answer), h.PANEL_HINT

    def show(answers: list[Answer], evt: gr.EventData) -> str:
        data = evt._data if isinstance(evt._data, dict) else {}
        marker, index = str(data.get("marker", "")), str(data.get("answer", ""))
        if marker.isdigit() and index.isdigit() and int(index) < len(answers):
            return h.citation_panel_html(answers[int(index)], int(marker))
        return paragraph_view(str(data.get("pid", "")))

    def on_load(request: gr.Request) -> tuple[Any, ...]:
        paragraph_id = (request.query_params.get("p") or "").strip() if request else ""
        if not paragraph_id:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        shown = h.report_html(paragraphs, paragraph_id) if assistant.paragraph(paragraph_id) else gr.skip()
        return paragraph_view(paragraph_id), gr.Tabs(selected="report"), paragraph_id, shown

    def ask_api(question: str) -> dict[str, Any]:
        """Answer one question; the same JSON object as `assistant ask --json`."""
        try:
            return answer_to_dict(assistant.ask(question))
        except QuestionError as exc:
            raise api_error("ask", f"invalid question: {exc}") from exc

    def paragraph_api(paragraph_id: str) -> dict[str, Any]:
        """One paragraph by id, with its footnote sources."""
        paragraph = assistant.paragraph(paragraph_id.strip())
        if paragraph is None:
            raise api_error("paragraph", f"unknown paragraph id: {paragraph_id[:80]}")
        return h.paragraph_to_dict(paragraph, corpus.sources_of(paragraph))

    def sources_api() -> list[dict[str, Any]]:
        """All footnote sources with the paragraphs that cite them."""
        return h.sources_to_list(all_sources, paragraphs)

    # One folder per app: an export is named by its parameters, so asking again overwrites it.
    export_dir = Path(tempfile.mkdtemp(prefix="assistant-quiz-"))

    def generate_quiz(section: str, n: float, types: list[str], seed: float, fmt: str) -> tuple[str, Any]:
        markup, path = t.quiz_view(pool, section, n, types, seed, fmt, export_dir)
        if path is None:
            return markup, gr.DownloadButton(value=None, visible=False)
        return markup, gr.DownloadButton(f"下载 Download {path.suffix}", value=str(path), visible=True)

    def quiz_api(section: str = "", n: int = 10, types: str = "mc,cloze,tf", seed: int = 0) -> list[dict[str, Any]]:
        """A quiz from the report's facts; the same JSON items as `assistant quiz --format json`."""
        try:
            return t.quiz_json(pool, section, n, types, seed)
        except QuizError as exc:
            raise api_error("quiz", str(exc)) from exc

    def check_api(answer: str) -> dict[str, Any]:
        """Check an answer's cited claims; the same JSON object as `assistant check --json`."""
        try:
            return t.check_json(checker, answer)
        except CheckError as exc:
            raise api_error("check", str(exc)) from exc

    private: dict[str, Any] = {"api_visibility": "private"}
    with gr.Blocks(title="数字丝路报告问答 Report assistant", analytics_enabled=False) as demo:
        answers_state = gr.State([])
        gr.HTML(HEADER, js_on_load=None, elem_id="app-header")
        with gr.Row(equal_height=False, elem_id="layout"):
            with gr.Column(scale=3, min_width=320), gr.Tabs(selected="ask", elem_id="tabs") as tabs:
                with gr.Tab("问答 Ask", id="ask", elem_id="tab-ask"):
                    chatbot = gr.Chatbot(elem_id="chat", label="对话 Chat", height=440, buttons=[],
                                         placeholder="请提问 Ask a question about the report")
                    notice = gr.HTML("", elem_id="ask-notice", js_on_load=None)
                    with gr.Row(elem_id="ask-row"):
                        question = gr.Textbox(elem_id="question", show_label=False, scale=5, min_width=200,
                                              placeholder="输入问题 Type a question…", lines=1, max_lines=4)
                        ask_button = gr.Button("提问 Ask", variant="primary", elem_id="ask-button", scale=1,
                                               min_width=90)
                    gr.HTML('<div class="label">示例问题 Example questions</div>', js_on_load=None)
                    with gr.Row(elem_id="examples"):
                        example_buttons = [gr.Button(q, size="sm", elem_classes="example-q", min_width=120)
                                           for q in EXAMPLES]
                    plain = gr.Textbox(label="答案纯文本 Answer with citations (plain text)", lines=4,
                                       interactive=False, buttons=["copy"], elem_id="answer-plain")
                with gr.Tab("报告 Report", id="report", elem_id="tab-report", render_children=True):
                    report_filter = gr.Textbox(label="筛选段落 Filter paragraphs", elem_id="report-filter",
                                               placeholder="关键词或定位 keyword or locator, e.g. 云计算 / §4.1")
                    with gr.Row(equal_height=False, elem_id="report-row"):
                        with gr.Column(scale=1, min_width=220, elem_id="outline-column"):
                            gr.HTML(h.outline_html(paragraphs), js_on_load=None, elem_id="outline")
                        with gr.Column(scale=3, min_width=300, elem_id="report-column"):
                            report = gr.HTML(h.report_html(paragraphs), js_on_load=None, elem_id="report")
                with gr.Tab("来源 Sources", id="sources", elem_id="tab-sources"):
                    gr.HTML(h.sources_html(all_sources, paragraphs), js_on_load=None, elem_id="sources-list")
                with gr.Tab("出题 Quiz", id="quiz", elem_id="tab-quiz"):
                    with gr.Row(elem_id="quiz-controls"):
                        quiz_section = gr.Dropdown(t.section_choices(paragraphs), value=t.ALL, label="章节 Section",
                                                   elem_id="quiz-section", scale=3, min_width=220)
                        quiz_n = gr.Number(5, label="题数 Items", precision=0, elem_id="quiz-n", min_width=100)
                        quiz_seed = gr.Number(0, label="随机种子 Seed", precision=0, elem_id="quiz-seed", min_width=100)
                    with gr.Row(elem_id="quiz-options"):
                        quiz_types = gr.CheckboxGroup(list(t.TYPE_CHOICES), value=["mc", "cloze", "tf"],
                                                      label="题型 Item types", elem_id="quiz-types", min_width=220)
                        quiz_format = gr.Radio(list(t.FORMAT_CHOICES), value="md", label="导出格式 Format",
                                               elem_id="quiz-format", min_width=220)
                    with gr.Row(elem_id="quiz-actions"):
                        quiz_button = gr.Button("生成 Generate", variant="primary", elem_id="quiz-button",
                                                min_width=120)
                        quiz_download = gr.DownloadButton("下载 Download", visible=False, elem_id="quiz-download",
                                                          min_width=120)
                    quiz_out = gr.HTML("", js_on_load=None, elem_id="quiz-view")
                with gr.Tab("核查 Check", id="check", elem_id="tab-check"):
                    check_input = gr.Textbox(label="待核查的答案 Answer to check", lines=6, max_lines=20,
                                             elem_id="check-input",
                                             placeholder="粘贴带出处的答案 Paste an answer citing [§4.1 ¶3] …")
                    check_button = gr.Button("核查 Check", variant="primary", elem_id="check-button")
                    check_out = gr.HTML("", js_on_load=None, elem_id="check-view")
            with gr.Column(scale=2, min_width=300, elem_id="reader-column"):
                reader = gr.HTML(h.PANEL_HINT, js_on_load=BRIDGE_JS, elem_id="reader", container=True,
                                 label="原文 Source paragraph", show_label=True, padding=True)

        outputs = [chatbot, answers_state, question, notice, plain, reader]
        question.submit(respond, [question, answers_state], outputs, **private)
        ask_button.click(respond, [question, answers_state], outputs, **private)
        for button in example_buttons:
            button.click(lambda q: q, button, question, **private).then(
                respond, [question, answers_state], outputs, **private)
        reader.click(show, answers_state, reader, show_progress="hidden", **private)
        report_filter.change(lambda q: h.report_html(paragraphs, q), report_filter, report, **private)
        chatbot.clear(lambda: ([], "", "", h.PANEL_HINT), None, [answers_state, plain, notice, reader], **private)
        quiz_button.click(generate_quiz, [quiz_section, quiz_n, quiz_types, quiz_seed, quiz_format],
                          [quiz_out, quiz_download], **private)
        check_button.click(lambda text: t.check_view(checker, text), check_input, check_out, **private)
        demo.load(on_load, None, [reader, tabs, report_filter, report], **private)

        gr.api(ask_api, api_name="ask")
        gr.api(paragraph_api, api_name="paragraph")
        gr.api(sources_api, api_name="sources")
        gr.api(quiz_api, api_name="quiz")
        gr.api(check_api, api_name="check")
    return demo


def launch(assistant: Assistant, host: str = "127.0.0.1", port: int = 7860, allowed_hosts: Sequence[str] = (),
           **kwargs: Any) -> gr.Blocks:
    """Build, queue and serve the app (blocks unless `prevent_thread_lock=True`); returns the Blocks.

    Requests whose Host is not 127.0.0.1, localhost, `host` or one of `allowed_hosts` get 400; upload
    routes get 403 (the app takes no files).
    """
    demo = build_app(assistant)
    demo.queue(default_concurrency_limit=2)
    guard = Middleware(HostAndUploadGuard, allowed=guard_hosts(host, allowed_hosts))
    options: dict[str, Any] = {"server_name": host, "server_port": port, "share": False,
                               "css_paths": [CSS_PATH], "footer_links": ["api"], "max_file_size": "1kb",
                               "app_kwargs": {"middleware": [guard]}}
    options.update(kwargs)
    demo.launch(**options)
    return demo
