"""What a user types is shown as typed: Markdown and HTML in a question stay text, bidi controls are gone."""

from __future__ import annotations

from test_ui_browser import SHOTS, _page, app_url, browser, pytestmark  # noqa: F401  (fixtures and marks shared)

QUESTION = "\u202e数字丝绸之路合作国家有多少个? **粗体** ![图](/gradio_api/x.png) <b>b</b>"


def test_a_question_with_markdown_and_bidi_is_shown_as_plain_text(browser, app_url) -> None:  # noqa: F811
    page = _page(browser)
    page.goto(app_url)
    page.locator("#question textarea").fill(QUESTION)
    page.locator("#ask-button").click()
    page.locator("#chat .answer").first.wait_for()
    chat = page.locator("#chat")
    assert chat.locator("img").count() == 0 and chat.locator("strong, b").count() == 0
    shown = chat.inner_text()
    assert "数字丝绸之路合作国家有多少个? **粗体** ![图](/gradio_api/x.png) <b>b</b>" in shown
    assert "\u202e" not in shown and "\\" not in shown
    page.screenshot(path=str(SHOTS / "ui-plain-question.png"))
    page.close()
