"""The web UI in a real headless Chromium: ask, click a citation marker, open a deep link, check an answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-output"
QUESTION = "东南亚地区零售电商增速是多少?"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium "
                       "(apt-get install -y chromium)"),
    pytest.mark.filterwarnings("ignore:'future.no_silent_downcasting'"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]
pytest.importorskip("gradio")
sync_api = pytest.importorskip("playwright.sync_api")

from ui_server import running_app  # noqa: E402


@pytest.fixture(scope="module")
def app_url(real_assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(real_assistant, tmp_path_factory.mktemp("gradio")) as (_app, url):
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            yield chromium
        finally:
            chromium.close()


def _page(browser, width: int = 1280, height: int = 900, **options):
    """A page (in its own context: a fresh localStorage) that may only talk to the local app."""
    page = browser.new_page(viewport={"width": width, "height": height}, **options)
    page.set_default_timeout(30_000)
    outside: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.outside = outside
    return page


def _ask(page, question: str = QUESTION, answers: int = 1) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#ask-button").click()
    page.locator("#chat .answer").nth(answers - 1).wait_for()


def test_ask_then_click_marker_opens_marked_paragraph_focus_and_esc(browser, app_url) -> None:
    page = _page(browser)
    page.goto(app_url)
    _ask(page)
    markers = page.locator("#chat .answer-text a.cite")
    assert "18.6%" in page.locator("#chat .answer-text").last.inner_text()
    assert "[1]" in markers.first.inner_text()

    markers.first.click()
    mark = page.locator("#reader mark")
    mark.first.wait_for()
    assert "18.6%" in mark.first.inner_text()
    reader = page.locator("#reader").inner_text()
    assert "2023年东南亚数字经济报告" in reader and "§" in reader
    page.wait_for_function("document.activeElement && document.activeElement.id === 'reader-column'")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "ui-answer.png"), full_page=True)
    page.keyboard.press("Escape")  # closes the panel and gives focus back to the marker
    page.locator("#reader .panel-hint").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('cite')")
    assert page.outside == []
    page.close()


def test_reload_keeps_the_chat_and_past_conversations_can_be_reopened_and_exported(browser, app_url) -> None:
    page = _page(browser)
    page.goto(app_url)
    _ask(page)
    page.reload()
    page.locator("#chat .answer").first.wait_for()  # restored from the browser's storage
    assert "18.6%" in page.locator("#chat .answer-text").first.inner_text()
    page.locator("#chat a.cite").first.click()  # a restored answer's citation still opens its paragraph
    page.locator("#reader mark").first.wait_for()

    page.locator("#new-conversation").click()
    page.wait_for_function("document.querySelectorAll('#chat .answer').length === 0")
    _ask(page, "平台企业的内涵是什么?")
    page.locator("#conversations input").click()
    options = page.locator("[role=option]")
    labels = [o.inner_text().replace("✓", "").strip() for o in options.all()]  # ✓ marks the current one
    assert labels == ["平台企业的内涵是什么? (1)", f"{QUESTION} (1)"]
    options.nth(1).click()
    page.wait_for_function("document.querySelector('#chat .answer-text') && "
                           "document.querySelector('#chat .answer-text').innerText.includes('18.6%')")

    page.locator("#export-conversation").click()
    with page.expect_download() as download:
        page.locator("#export-download").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith(f"# {QUESTION}") and "18.6%" in text and "[1] §1.2" in text and "贝恩" in text
    page.close()


def test_each_answer_has_a_copy_control_copying_answer_and_citations(browser, app_url) -> None:
    page = _page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(app_url)
    _ask(page)
    _ask(page, "数字丝绸之路合作国家有多少个?", answers=2)
    copies = page.locator("#chat a.answer-copy")
    assert copies.count() == 2
    copies.first.click()
    page.locator("#chat a.answer-copy.copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "18.6%" in copied and "[1] §1.2 ¶3" in copied and "2023年东南亚数字经济报告" in copied
    assert "<" not in copied  # text, not markup
    page.locator("#chat a.fb-helpful").first.click()  # feedback: a notice, and the link shows it was sent
    page.locator("#chat a.fb-helpful.sent").wait_for()
    page.get_by_text("已记录反馈 Feedback saved").first.wait_for()
    page.close()


def test_arrow_up_in_the_empty_question_box_recalls_the_last_question(browser, app_url) -> None:
    page = _page(browser)
    page.goto(app_url)
    _ask(page)
    box = page.locator("#question textarea")
    assert box.input_value() == ""
    box.focus()
    page.keyboard.press("ArrowUp")
    assert box.input_value() == QUESTION
    page.keyboard.press("Enter")  # and it can be asked again at once
    page.locator("#chat .answer").nth(1).wait_for()
    page.close()


CONTRAST_JS = (Path(__file__).with_name("contrast.js")).read_text(encoding="utf-8")
CONTRASTED = ("#chat a.cite", "#chat .answer-tools a", "#reader mark", "#report mark.hit", "#check-view .badge-issues",
              "#check-view .badge-contradicted", "#check-view mark.diff", "#check-view a.loc",
              "#report .report-focus .para-text")


def _measure(page, selectors: list[str]) -> list[dict]:
    """Contrast once the elements have faded in: gradio animates an updated output's opacity."""
    page.wait_for_function("""(selectors) => selectors.every((s) => {
      const e = document.querySelector(s); let o = 1;
      for (let x = e; x; x = x.parentElement) o *= Number(getComputedStyle(x).opacity);
      return e && o === 1; })""", arg=selectors)
    return page.evaluate(CONTRAST_JS, selectors)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_highlights_markers_and_verdicts_reach_4_5_to_1_contrast(browser, app_url, real_assistant,
                                                                 scheme: str) -> None:
    page = _page(browser, color_scheme=scheme)
    page.goto(app_url)
    _ask(page)
    page.locator("#chat a.cite").first.click()
    page.locator("#reader mark").first.wait_for()
    measured = _measure(page, list(CONTRASTED[:3]))
    page.get_by_role("tab", name="报告 Report").click()
    page.locator("#report-filter textarea").fill("东南亚")
    page.locator("#report mark.hit").first.wait_for()
    measured += _measure(page, [CONTRASTED[3]])
    page.get_by_role("tab", name="核查 Check").click()
    page.locator("#check-input textarea").fill("东南亚地区零售电商增速达25%,位居第一[§1.2 ¶3]。")
    page.locator("#check-button").click()
    page.locator("#check-view mark.diff").first.wait_for()
    measured += _measure(page, list(CONTRASTED[4:8]))
    assert page.evaluate("document.body.classList.contains('dark')") == (scheme == "dark")
    page.screenshot(path=str(SHOTS / f"ui-check-{scheme}.png"), full_page=True)
    para = next(p for p in real_assistant.corpus.paragraphs if "18.6%" in p.text)
    page.goto(f"{app_url}?p={para.id}")  # the deep link's highlighted paragraph
    page.locator("#report .report-focus").wait_for()
    measured += _measure(page, [CONTRASTED[8]])
    assert [m["selector"] for m in measured] == list(CONTRASTED)
    low = [m for m in measured if m["ratio"] < 4.5]
    assert not low, low
    page.close()


def test_phone_citation_opens_a_drawer_with_the_quote_in_view(browser, app_url) -> None:
    page = _page(browser, 390, 844, has_touch=True, is_mobile=True)
    page.goto(app_url)
    tabs = page.locator("#tabs button[role=tab]")
    tabs.first.wait_for()
    assert [t.inner_text() for t in tabs.all() if t.is_visible()] == [
        "问答 Ask", "报告 Report", "来源 Sources", "出题 Quiz", "核查 Check"]  # no hidden "⋯" menu
    assert not page.get_by_role("button", name="More tabs").is_visible()
    assert not page.locator("#reader-column").is_visible()  # the drawer is closed until a citation is tapped
    _ask(page)
    page.locator("#chat a.cite").first.tap()
    mark = page.locator("#reader mark").first
    mark.wait_for()
    page.wait_for_function("""() => { const m = document.querySelector('#reader mark');
      if (!m) return false; const r = m.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 4, r.top + 4);
      return r.top >= 0 && r.bottom <= innerHeight && hit && hit.closest('#reader') !== null; }""")
    assert "18.6%" in mark.inner_text()
    page.screenshot(path=str(SHOTS / "ui-phone-citation.png"))
    page.locator("#reader-close a").click()
    page.wait_for_function("!document.getElementById('reader-column').getClientRects().length")
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    page.close()


def test_long_question_shows_a_notice_not_a_traceback(browser, app_url) -> None:
    page = _page(browser)
    page.goto(app_url)
    page.locator("#question textarea").fill("问" * 2001)
    page.locator("#ask-button").click()
    notice = page.locator("#ask-notice .notice")
    notice.wait_for()
    assert "2000" in notice.inner_text()
    assert "Traceback" not in page.content()
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_deep_link_shows_the_paragraph_in_its_section_scrolled_to_and_highlighted(browser, app_url, real_assistant,
                                                                                  width: int) -> None:
    paragraphs = real_assistant.corpus.paragraphs
    para = next(p for p in paragraphs if "18.6%" in p.text)
    page = _page(browser, width, 844)
    page.goto(f"{app_url}?p={para.id}")
    focus = page.locator(f"#report #r-{para.id}.report-focus")
    focus.wait_for()
    assert "报告 Report" in page.locator("button[role=tab][aria-selected=true]").inner_text()
    shown = page.locator("#report .report-para")
    same_section = [p.id for p in paragraphs if p.heading_path == para.heading_path]
    assert 2 <= shown.count() < len(paragraphs)  # its section and neighbours, not one paragraph, not all
    assert {e.get_attribute("id") for e in shown.all()} >= {f"r-{pid}" for pid in same_section}
    assert para.section in page.locator("#report .report-heading").first.inner_text()
    page.wait_for_function(f"""() => {{ const r = document.getElementById('r-{para.id}').getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight; }}""")  # scrolled to
    page.locator(f'#reader .paragraph-view[data-view-pid="{para.id}"]').wait_for(state="attached")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2  # no sideways scrolling
    page.close()


def test_sources_tab_links_open_citing_paragraph(browser, app_url) -> None:
    page = _page(browser)
    page.goto(app_url)
    page.get_by_role("tab", name="来源 Sources").click()
    row = page.locator("#sources-list .source-row", has_text="2023年东南亚数字经济报告")
    row.locator(".cited-by a").first.click()
    page.locator("#reader .paragraph-view").wait_for()
    assert "18.6%" in page.locator("#reader").inner_text()
    page.close()


def test_check_tab_flags_a_perturbed_number_at_phone_width(browser, app_url, real_assistant) -> None:
    para = next(p for p in real_assistant.corpus.paragraphs if "东南亚地区增速达18.6%" in p.text)
    page = _page(browser, 390, 844)
    page.goto(app_url)
    page.get_by_role("tab", name="核查 Check").click()  # visible at phone width: the tabs wrap
    elsewhere = next(p for p in real_assistant.corpus.paragraphs if p.locator.startswith("§4"))
    answer = (f"<script>x</script>东南亚地区零售电商增速达25%,位居第一[{para.locator}]。"
              f"2023年东南亚地区零售电商增速达18.6%,位居第一[{elsewhere.locator}]。")  # true, but cited wrongly
    page.locator("#check-input textarea").fill(answer)
    page.locator("#check-button").click()
    badge = page.locator("#check-view .claim .badge-contradicted")
    badge.wait_for()
    assert "contradicted" in badge.inner_text()
    assert page.locator("#check-view .evidence mark.diff").first.inner_text() == "18.6%"
    assert page.locator("#check-view .claim-text mark.diff").first.inner_text() == "25%"
    assert "<script>x</script>" in page.locator("#check-view .claim-text").first.inner_text()  # shown as text
    assert page.locator("#check-view .suggested").count() == 1  # only for the true claim cited wrongly
    page.locator("#check-view .suggested a.loc").first.click()  # the suggested locator opens in the drawer
    page.locator(f'#reader .paragraph-view[data-view-pid="{para.id}"]').wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "ui-check.png"), full_page=True)
    assert page.outside == []
    page.close()
