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


def _page(browser, width: int = 1280, height: int = 900):
    """A page that may only talk to the local app: any other request fails the test."""
    page = browser.new_page(viewport={"width": width, "height": height})
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


def test_ask_then_click_marker_opens_marked_paragraph_and_source(browser, app_url) -> None:
    page = _page(browser)
    page.goto(app_url)
    page.locator("#question textarea").fill(QUESTION)
    page.locator("#ask-button").click()
    markers = page.locator("#chat .answer-text a.cite")
    markers.first.wait_for()
    assert "18.6%" in page.locator("#chat .answer-text").last.inner_text()
    assert "[1]" in markers.first.inner_text()
    assert "[1]" in page.locator("#answer-plain textarea").input_value()  # the copyable plain-text answer

    markers.first.click()
    mark = page.locator("#reader mark")
    mark.first.wait_for()
    assert "18.6%" in mark.first.inner_text()
    reader = page.locator("#reader").inner_text()
    assert "2023年东南亚数字经济报告" in reader and "§" in reader
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "ui-answer.png"), full_page=True)
    assert page.outside == []
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


def test_deep_link_shows_the_paragraph_at_phone_width(browser, app_url, real_assistant) -> None:
    para = next(p for p in real_assistant.corpus.paragraphs if "18.6%" in p.text)
    page = _page(browser, 390, 844)
    page.goto(f"{app_url}?p={para.id}")
    view = page.locator(f'#reader .paragraph-view[data-view-pid="{para.id}"]')
    view.wait_for()
    assert para.text[:30] in view.inner_text()
    assert "报告 Report" in page.locator("button[role=tab][aria-selected=true]").inner_text()
    page.locator(f"#report #r-{para.id}").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 392  # no sideways scrolling on a phone
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
    page.get_by_role("button", name="More tabs").click()  # at phone width gradio folds the last tabs into a menu
    page.locator(".overflow-dropdown button", has_text="核查 Check").click()
    elsewhere = next(p for p in real_assistant.corpus.paragraphs if p.locator.startswith("§4"))
    answer = (f"<script>x</script>东南亚地区零售电商增速达25%,位居第一[{para.locator}]。"
              f"2023年东南亚地区零售电商增速达18.6%,位居第一[{elsewhere.locator}]。")  # true, but cited wrongly
    page.locator("#check-input textarea").fill(answer)
    page.locator("#check-button").click()
    badge = page.locator("#check-view .claim .badge-contradicted")
    badge.wait_for()
    assert "contradicted" in badge.inner_text()
    assert "18.6%" in page.locator("#check-view .evidence").first.inner_text()
    assert "<script>x</script>" in page.locator("#check-view .claim-text").first.inner_text()  # shown as text
    page.locator("#check-view .suggested a.loc").first.click()  # the suggested locator opens in the side panel
    page.locator(f'#reader .paragraph-view[data-view-pid="{para.id}"]').wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "ui-check.png"), full_page=True)
    assert page.outside == []
    page.close()
