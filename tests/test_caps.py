"""The caps (pure parts), the PDF child's limits, and question hygiene: bidi controls and Markdown."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfmaker import chinese_pdf, raw_pdf

from assistant.ingest import pdf as pdf_module
from assistant.ingest.caps import CAPS, Caps, TooLarge, clip_units, read_capped, unit_count, windows
from assistant.ingest.loader import DocumentError, load_document, parse_text
from assistant.ingest.pdf import PdfError, PdfLimits, extract_pages
from assistant.question import validate_question
from assistant.ui.handlers import plain_text
from assistant.units import make_units

# --- windows and caps ----------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("数字丝路。 a.!?,\n"), max_size=3000), st.integers(20, 400))
def test_windows_cover_the_text_and_respect_the_cap(text: str, cap: int) -> None:
    pieces = windows(text, cap)
    assert all(0 < len(piece) <= cap for piece in pieces)
    assert re.sub(r"\s", "", "".join(pieces)) == re.sub(r"\s", "", text)  # nothing lost, nothing added


def test_windows_prefer_sentence_ends_and_spaces() -> None:
    text = "第一句话很长。" * 5 + "第二句。"
    assert all(piece.endswith("。") for piece in windows(text, 20))
    assert windows("word " * 10, 12) == ["word word", "word word", "word word", "word word", "word word"]


def test_a_long_paragraph_becomes_numbered_windows_with_their_own_ids() -> None:
    doc = parse_text("短段落。\n\n" + "数字丝绸之路" * 1000, "long")  # 6,000 characters in one paragraph
    long = [p for p in doc.paragraphs if "/" in p.locator]
    assert len(doc.paragraphs) == 4 and len(long) == 3 and all(len(p.text) <= CAPS.paragraph_chars for p in long)
    assert [p.locator.split()[-1] for p in long] == ["(1/3)", "(2/3)", "(3/3)"]
    assert len({p.id for p in doc.paragraphs}) == len(doc.paragraphs)
    assert all(len(u.text) <= CAPS.paragraph_chars + 100 for u in make_units(doc.paragraphs))


def test_unit_count_matches_make_units() -> None:
    doc = parse_text(Path(__file__).resolve().parent.parent.joinpath("corpus", "digital-silk-road-report.txt")
                     .read_text(encoding="utf-8"), "report")
    assert unit_count(doc.paragraphs) == len(make_units(doc.paragraphs))


def test_the_embedder_input_is_clipped() -> None:
    assert clip_units(["a" * 5000, "短"], 2000) == ["a" * 2000, "短"]


def test_read_capped_reads_at_most_one_byte_over(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 10)
    assert read_capped(path, 10) == b"x" * 10
    with pytest.raises(TooLarge):
        read_capped(path, 9)
    with pytest.raises(TooLarge):
        read_capped(Path("/dev/zero"), 1000)


def test_units_per_document_cap(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    path.write_text("短句。" * 300, encoding="utf-8")
    with pytest.raises(DocumentError, match=r"too much to index \(301 paragraphs and sentences, the limit is 100\)"):
        load_document(path, tmp_path, caps=Caps(units=100))
    assert load_document(path, tmp_path).paragraphs


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty file (0 bytes)"),
    (b" \n\t\r\n", "no text (only white space)"),
    ("\u3000\n".encode(), "no text (only white space)"),
    (b"text\x00more", "binary, not text (it contains NUL bytes)"),
])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_empty_and_binary_text_files_are_refused_alike(tmp_path: Path, content: bytes, reason: str,
                                                      suffix: str) -> None:
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        load_document(path, tmp_path, role="library")
    assert caught.value.reason == reason


# --- the PDF child ---------------------------------------------------------------------------------------


def test_the_pdf_child_is_stopped_by_cpu_time_not_wall_clock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    spin = ("import sys; sys.path.insert(0, sys.argv[1]); import assistant.ingest.pdf as m; "
            "m._limit_resources(512, 1)\nwhile True: pass")
    monkeypatch.setattr(pdf_module, "_worker_command",
                        lambda _path, _limits: [sys.executable, "-c", spin, pdf_module._PACKAGE_ROOT])
    good = chinese_pdf(tmp_path / "good.pdf", [["东南亚数字经济。"]])
    with pytest.raises(PdfError, match=r"too slow to read: it used up its 1 s of CPU time"):
        extract_pages(good, PdfLimits(cpu_s=1, timeout_s=60))


def deep_page_tree(path: Path, depth: int = 300) -> Path:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        parent = b"" if level == 0 else b" /Parent %d 0 R" % (number - 1)
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent))
    page = 2 + depth
    content = b"BT /F1 12 Tf 10 10 Td (deep) Tj ET"
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                   b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page - 1, page + 1, page + 2))
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    path.write_bytes(raw_pdf(objects))
    return path


def test_a_deep_page_tree_is_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(PdfError) as caught:
        extract_pages(deep_page_tree(tmp_path / "deep.pdf"))
    assert "too deep" in str(caught.value) and "compression" not in str(caught.value)


def test_aes_with_an_empty_password_opens_and_a_real_password_is_named(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    good = chinese_pdf(tmp_path / "good.pdf", [["东南亚数字经济增长。"]])
    for name, password in (("open.pdf", ""), ("locked.pdf", "secret")):
        writer = PdfWriter(clone_from=str(good))
        writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-256")
        writer.write(tmp_path / name)
    assert "东南亚数字经济增长" in pdf_module.pages_to_text(extract_pages(tmp_path / "open.pdf"))
    with pytest.raises(PdfError, match=r"^password-protected"):
        extract_pages(tmp_path / "locked.pdf")


# --- questions: bidi controls and Markdown ---------------------------------------------------------------


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                     "\u2069", "\u200e", "\u200f"])
def test_bidi_controls_are_stripped_from_questions(control: str) -> None:
    assert validate_question(f"{control}数字丝路{control}有多少个?", 100) == "数字丝路有多少个?"


def test_a_question_is_shown_as_typed_not_as_markdown() -> None:
    shown = plain_text("![x](javascript:alert(1)) **粗体** <img src=x onerror=alert(1)> # 标题")
    assert "<img" not in shown and "![" not in shown and "**" not in shown
    assert "&lt;img" in shown and "\\!\\[x\\]" in shown and "\\#" in shown


def test_a_large_library_gets_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.index.corpus_state
    from assistant.config import Settings
    from assistant.pipeline import ingest

    corpus = tmp_path / "corpus"
    (corpus / "library").mkdir(parents=True)
    (corpus / "report.txt").write_text("报告正文。", encoding="utf-8")
    (corpus / "library" / "doc.txt").write_text("图书馆文件。" * 10, encoding="utf-8")
    monkeypatch.setattr(assistant.index.corpus_state, "CAPS", Caps(library_warn_bytes=100))
    report = ingest(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="hash-256"))
    assert any("indexing them will be slow" in w for w in report.warnings), report.warnings
