"""Screenshots of the web app for the README: the chat, the citation panel, the phone drawer, dark mode.

Usage: python docs/screenshots.py   (from the repository root; builds a throw-away index of the report,
serves the app on a free loopback port and drives Debian's chromium; writes docs/screenshots/*.png)
"""

from __future__ import annotations

import shutil
import socket
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.ui.app import launch

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
QUESTION = "东南亚地区零售电商增速是多少?"
CHROMIUM = {"executable_path": "/usr/bin/chromium", "args": ["--no-sandbox", "--disable-gpu",
                                                             "--disable-background-networking"]}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ask(page, question: str = QUESTION, nth: int = 0) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#ask-button").click()
    page.locator("#chat .answer").nth(nth).wait_for()


def shoot(url: str) -> list[Path]:
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**CHROMIUM)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(url)
        ask(page, "数字丝绸之路合作国家有多少个?")
        ask(page, QUESTION, 1)
        page.wait_for_timeout(500)
        written.append(OUT / "chat.png")
        page.screenshot(path=str(written[-1]))
        page.locator("#chat .answer").nth(1).locator("a.cite").first.click()
        page.locator("#reader mark").first.wait_for()
        page.wait_for_timeout(800)
        written.append(OUT / "citation-panel.png")
        page.screenshot(path=str(written[-1]))
        page.close()

        phone = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        phone.goto(url)
        ask(phone)
        phone.evaluate("window.scrollTo(0, 0)")  # the header and the wrapped tabs
        phone.wait_for_timeout(500)
        written.append(OUT / "phone.png")
        phone.screenshot(path=str(written[-1]))
        phone.locator("#chat a.cite").first.tap()
        phone.locator("#reader mark").first.wait_for()
        phone.wait_for_timeout(1200)
        written.append(OUT / "phone-citation.png")
        phone.screenshot(path=str(written[-1]))
        phone.close()

        dark = browser.new_page(viewport={"width": 1280, "height": 860}, color_scheme="dark")
        dark.goto(url)
        dark.get_by_role("tab", name="核查 Check").click()
        dark.locator("#check-input textarea").fill("东南亚地区零售电商增速达25%,位居第一[§1.2 ¶3]。"
                                                   "阿里云与全球运营商共同建设了1500多张网络[§2.2 ¶2]。")
        dark.locator("#check-button").click()
        dark.locator("#check-view mark.diff").first.wait_for()
        dark.wait_for_timeout(800)
        written.append(OUT / "check-dark.png")
        dark.screenshot(path=str(written[-1]))
        browser.close()
    return written


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="assistant-shots-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        shutil.copy(ROOT / "corpus" / "digital-silk-road-report.txt", corpus)
        assistant = Assistant.open(Settings(corpus_dir=corpus, index_dir=work / "index"))
        port = free_port()
        demo = launch(assistant, port=port, prevent_thread_lock=True, quiet=True)
        try:
            for path in shoot(f"http://127.0.0.1:{port}/"):
                print(path.relative_to(ROOT))
        finally:
            demo.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
