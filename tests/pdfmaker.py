"""Test PDFs made on the fly: Chinese text with a Noto CJK font (fpdf2), and hostile files.

`.ci/run` installs Debian's fonts-noto-cjk; tests that need a CJK PDF skip with a
clear reason when no such font file exists.
"""

from __future__ import annotations

import os
import subprocess
import zlib
from pathlib import Path

import pytest

_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


def cjk_font() -> Path | None:
    """A Noto CJK font file, from the usual Debian paths or fontconfig."""
    for name in _FONT_FILES:
        if Path(name).is_file():
            return Path(name)
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True,
                               timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(found) if found and "CJK" in found and Path(found).is_file() else None


def require_cjk_font() -> Path:
    font = cjk_font()
    if font is None:
        pytest.skip("no Noto CJK font file (apt-get install fonts-noto-cjk) to make Chinese test PDFs")
    return font


def chinese_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with one page per list, each paragraph wrapped by fpdf2 (so lines break mid-sentence)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("noto", fname=str(require_cjk_font()))
    pdf.set_font("noto", size=12)
    for paragraphs in pages:
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 8, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages with a drawing and no text layer, as a scanner would make them (minus the image)."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 100, 60)
    pdf.output(str(path))
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def raw_pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF from numbered object bodies (1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def bomb_pdf(path: Path, inflated_mb: int = 400) -> Path:
    """One page whose text content stream is ~400 KB deflated and `inflated_mb` MB inflated."""
    line = b"BT /F1 12 Tf 10 10 Td (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj ET\n"
    compressor = zlib.compressobj(9)
    chunk = line * (1_000_000 // len(line))
    payload = b"".join(compressor.compress(chunk) for _ in range(inflated_mb)) + compressor.flush()
    path.write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(payload) + payload + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]))
    return path


def random_bytes(path: Path, size: int = 8192) -> Path:
    path.write_bytes(os.urandom(size))
    return path
