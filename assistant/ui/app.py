"""The Gradio app: a cited chat, the report with its outline, the footnote sources, a quiz builder for
trainers, an answer checker for reviewers, and a reader panel.

Citation markers are links `?p=<paragraph id>&m=<marker>&a=<answer index>` (plus `data-*` copies,
which the chat's HTML sanitiser strips). One capturing document-level click listener, installed by
the reader panel's `js_on_load`, turns a click on any such link into the panel's `click` event with
those values, and Python renders the paragraph, supporting sentences <mark>ed, into the panel.
Without script the same link is a deep link (`?p=`), which `demo.load` opens.

Conversations live in the browser (a BrowserState store, see `history`), so a reload restores them;
the page script (`page.js`) also copies answers, sends feedback, and handles ArrowUp, Esc and focus.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.pipeline import Assistant
from assistant.quiz import collect_facts
from assistant.review.check import Checker
from assistant.types import Answer, Paragraph
from assistant.ui import handlers as h
from assistant.ui import history as hist
from assistant.ui import tools as t
from assistant.ui.api import register_api
from assistant.ui.feedback import RATINGS, FeedbackError, append_feedback, feedback_record

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

PAGE_JS = Path(__file__).with_name("page.js").read_text(encoding="utf-8")  # the reader panel's js_on_load
CLOSE_HTML = ('<a class="panel-close" href="#reader" role="button" '
              'aria-label="关闭原文面板 Close the panel (Esc)">关闭 Close ✕</a>')
SCROLL_TO_FOCUS_JS = """() => {
  const focus = document.querySelector('#report .report-focus');
  if (focus) setTimeout(() => focus.scrollIntoView({block: 'center'}), 50);
}"""
STORAGE_KEY = "assistant-conversations"
EXPORT_MAX_AGE_S = 3600.0  # quiz and conversation exports are deleted an hour after they were written


def build_app(assistant: Assistant) -> gr.Blocks:
    """The Blocks app over an opened assistant (the model and index are already loaded)."""
    corpus = assistant.corpus
    # The report tab and the sources tab show the report: a library of thousands of documents would make a page
    # of millions of paragraphs (and corpus.paragraphs also holds replaced rows until the next compaction).
    paragraphs = corpus.report_paragraphs()
    report_doc = paragraphs[0].doc if paragraphs else ""
    all_sources = [(report_doc, s) for _, s in sorted(corpus.doc_sources(report_doc).items())]
    checker = Checker.from_assistant(assistant)  # quiz facts and the checker are built once, like the index
    pool = collect_facts(paragraphs, checker.names)

    def focus_paragraphs(paragraph_id: str) -> Sequence[Paragraph]:
        """The report around a report paragraph; a library or source paragraph on its own."""
        paragraph = assistant.paragraph(paragraph_id)
        return paragraphs if paragraph is None or paragraph.doc == report_doc else [paragraph]

    def paragraph_view(paragraph_id: str) -> str:
        paragraph = assistant.paragraph(paragraph_id.strip())
        if paragraph is None:
            return h.unknown_paragraph_html(paragraph_id)
        return h.paragraph_html(paragraph, corpus.sources_of(paragraph), title=f"段落 Paragraph {paragraph.locator}")

    feedback_file = assistant.settings.feedback_file
    # One folder per app, pruned of files older than an hour whenever an export is written.
    export_dir = Path(tempfile.mkdtemp(prefix="export-", dir=t.scratch_root()))

    def conversation_outputs(store: dict[str, Any]) -> tuple[Any, ...]:
        """Chat, answers, the conversation list and the panel for the store's current conversation."""
        answers = hist.answers_of(hist.current_conversation(store))
        choices = hist.conversation_choices(store)
        return (h.chat_messages(answers), answers, store, gr.Dropdown(choices=choices, value=store["current"]),
                h.PANEL_HINT, gr.DownloadButton(visible=False))

    def respond(question: str, answers: list[Answer], store: Any) -> tuple[Any, ...]:
        answer, problem = h.try_ask(assistant.ask, question)
        if answer is None:
            gr.Warning(problem)
            return gr.skip(), answers, gr.skip(), h.notice_html(problem), gr.skip(), gr.skip(), gr.skip()
        store = hist.with_answer(store, answer)
        answers = [*answers, answer]
        choices = hist.conversation_choices(store)
        return (h.chat_messages(answers), answers, "", "", h.PANEL_HINT, store,
                gr.Dropdown(choices=choices, value=store["current"]))

    def show(answers: list[Answer], evt: gr.EventData) -> str:
        data = evt._data if isinstance(evt._data, dict) else {}
        if data.get("close"):
            return h.PANEL_HINT
        if data.get("feedback"):
            gr.Info(give_feedback(answers, str(data.get("feedback")), str(data.get("answer", ""))))
            return gr.skip()
        marker, index = str(data.get("marker", "")), str(data.get("answer", ""))
        if marker.isdigit() and index.isdigit() and int(index) < len(answers):
            return h.citation_panel_html(answers[int(index)], int(marker))
        return paragraph_view(str(data.get("pid", "")))

    def give_feedback(answers: list[Answer], rating: str, index: str) -> str:
        if not index.isdigit() or int(index) >= len(answers):
            return "没有这个答案 No such answer."
        try:
            append_feedback(feedback_file, feedback_record(answers[int(index)], rating))
        except (FeedbackError, OSError) as exc:
            return f"无法记录反馈 Feedback not saved: {exc}"
        return f"已记录反馈 Feedback saved: {RATINGS[rating]}"

    def on_load(store: Any, request: gr.Request) -> tuple[Any, ...]:
        store = hist.normalize(store)
        restored = conversation_outputs(store)
        paragraph_id = (request.query_params.get("p") or "").strip() if request else ""
        if not paragraph_id:
            return (*restored, gr.skip(), gr.skip())
        if assistant.paragraph(paragraph_id) is None:
            return (*restored[:4], h.unknown_paragraph_html(paragraph_id), restored[5], gr.skip(), gr.skip())
        return (*restored[:4], paragraph_view(paragraph_id), restored[5], gr.Tabs(selected="report"),
                h.report_html(focus_paragraphs(paragraph_id), focus=paragraph_id))

    def start_conversation(store: Any) -> tuple[Any, ...]:
        return conversation_outputs(hist.with_new_conversation(store))

    def switch_conversation(conversation_id: str, store: Any) -> tuple[Any, ...]:
        return conversation_outputs(hist.with_current(store, conversation_id))

    def export_conversation(answers: list[Answer], store: Any) -> Any:
        if not answers:
            gr.Warning("对话为空 The conversation is empty: nothing to export.")
            return gr.DownloadButton(visible=False)
        title = hist.title_of(hist.current_conversation(hist.normalize(store)))
        path = t.write_text_export(hist.conversation_markdown(answers, title), export_dir, "conversation.md",
                                   EXPORT_MAX_AGE_S)
        return gr.DownloadButton("下载 Download conversation.md", value=str(path), visible=True)

    def generate_quiz(section: str, n: float, types: list[str], seed: float, fmt: str) -> tuple[str, Any]:
        t.prune_exports(export_dir, EXPORT_MAX_AGE_S)
        markup, path = t.quiz_view(pool, section, n, types, seed, fmt, export_dir)
        if path is None:
            return markup, gr.DownloadButton(value=None, visible=False)
        return markup, gr.DownloadButton(f"下载 Download {path.suffix}", value=str(path), visible=True)

    private: dict[str, Any] = {"api_visibility": "private"}
    # Stable across restarts, so a browser's stored conversations stay readable after `assistant serve` restarts.
    secret = hashlib.sha256(f"assistant-ui:{assistant.settings.index_dir.resolve()}".encode()).hexdigest()[:32]
    # gradio deletes the copies of served files (exports) an hour after they were made.
    with gr.Blocks(title="数字丝路报告问答 Report assistant", analytics_enabled=False,
                   delete_cache=(1800, int(EXPORT_MAX_AGE_S))) as demo:
        answers_state = gr.State([])
        store = gr.BrowserState(hist.empty_store(), storage_key=STORAGE_KEY, secret=secret)
        gr.HTML(HEADER, js_on_load=None, elem_id="app-header")
        with gr.Row(equal_height=False, elem_id="layout"):
            with gr.Column(scale=3, min_width=320), gr.Tabs(selected="ask", elem_id="tabs",
                                                            overflow_behavior="wrap") as tabs:
                with gr.Tab("问答 Ask", id="ask", elem_id="tab-ask"):
                    with gr.Row(elem_id="conversation-row", equal_height=True):
                        conversations = gr.Dropdown(hist.conversation_choices(hist.empty_store()), scale=4,
                                                    label="对话 Conversations", elem_id="conversations",
                                                    min_width=180)
                        new_button = gr.Button("＋ 新对话 New", elem_id="new-conversation", size="sm", scale=1,
                                               min_width=90)
                        export_button = gr.Button("导出 Export .md", elem_id="export-conversation", size="sm",
                                                  scale=1, min_width=90)
                        export_file = gr.DownloadButton("下载 Download", visible=False, elem_id="export-download",
                                                        size="sm", scale=1, min_width=90)
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
                gr.HTML(CLOSE_HTML, js_on_load=None, elem_id="reader-close")
                reader = gr.HTML(h.PANEL_HINT, js_on_load=PAGE_JS, elem_id="reader", container=True,
                                 label="原文 Source paragraph", show_label=True, padding=True)

        outputs = [chatbot, answers_state, question, notice, reader, store, conversations]
        inputs = [question, answers_state, store]
        question.submit(respond, inputs, outputs, **private)
        ask_button.click(respond, inputs, outputs, **private)
        for button in example_buttons:
            button.click(lambda q: q, button, question, **private).then(respond, inputs, outputs, **private)
        reader.click(show, answers_state, reader, show_progress="hidden", **private)
        report_filter.change(lambda q: h.report_html(paragraphs, q), report_filter, report, **private)
        switched = [chatbot, answers_state, store, conversations, reader, export_file]
        chatbot.clear(start_conversation, store, switched, **private)
        new_button.click(start_conversation, store, switched, **private)
        conversations.input(switch_conversation, [conversations, store], switched, **private)
        export_button.click(export_conversation, [answers_state, store], export_file, **private)
        quiz_button.click(generate_quiz, [quiz_section, quiz_n, quiz_types, quiz_seed, quiz_format],
                          [quiz_out, quiz_download], **private)
        check_button.click(lambda text: t.check_view(checker, text), check_input, check_out, **private)
        demo.load(on_load, store, [*switched, tabs, report], **private).then(
            None, None, None, js=SCROLL_TO_FOCUS_JS, **private)
        register_api(demo, assistant, checker, pool, all_sources, paragraphs)
    return demo
