"""PDF documents in Chinese with a verification QR code (ReportLab, a CJK TrueType font).

Apps describe a document as data (``PdfDocument``); this module lays it out the same way for
every kind: title, facts, sections with paragraphs and tables, and on every page a footer with
the verification code and a QR code that opens the public verification page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "OhsCJK"
MARGIN = 18 * mm
QR_SIZE = 24 * mm


class FontMissing(RuntimeError):
    """The CJK font is not installed; bin/run and bin/test install fonts-wqy-microhei."""


@lru_cache(maxsize=1)
def _register_font() -> str:
    path = Path(settings.OHS_PDF_FONT)
    if not path.exists():
        raise FontMissing(f"CJK font not found at {path}; install Debian's fonts-wqy-microhei or set OHS_PDF_FONT")
    pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    return FONT


@dataclass(frozen=True)
class PdfSection:
    heading: str
    paragraphs: Sequence[str] = ()
    table: Sequence[Sequence[str]] = ()
    column_widths_mm: Sequence[float] = ()


@dataclass(frozen=True)
class PdfDocument:
    title: str
    issuer: str
    facts: Sequence[tuple[str, str]] = ()
    sections: Sequence[PdfSection] = ()
    notes: Sequence[str] = field(default_factory=tuple)
    # A second QR under the title, e.g. the administrative action code's public page: (caption, url).
    extra_qr: tuple[str, str] | None = None


class QrCode(Flowable):
    """A QR code drawn as vector squares from segno's matrix (no raster image, no Pillow)."""

    def __init__(self, data: str, size: float = QR_SIZE) -> None:
        super().__init__()
        self.matrix = segno.make(data, error="m").matrix
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        cells = len(self.matrix)
        unit = self.size / cells
        canvas = self.canv
        canvas.setFillColor(colors.black)
        for row_index, row in enumerate(self.matrix):
            y = self.size - (row_index + 1) * unit
            for column_index, dark in enumerate(row):
                if dark:
                    canvas.rect(column_index * unit, y, unit, unit, stroke=0, fill=1)


def _styles() -> dict[str, ParagraphStyle]:
    font = _register_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=17, leading=24, alignment=1, spaceAfter=6),
        "issuer": ParagraphStyle("issuer", fontName=font, fontSize=10, leading=14, alignment=1, spaceAfter=10),
        "h": ParagraphStyle("h", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4),
        "p": ParagraphStyle("p", fontName=font, fontSize=10, leading=15, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK"),
    }


def _table(rows: Sequence[Sequence[str]], widths: Sequence[float], style: ParagraphStyle) -> Table:
    data = [[Paragraph(_escape(str(cell)), style) for cell in row] for row in rows]
    table = Table(data, colWidths=[w * mm for w in widths] or None, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9eef5")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _story(doc: PdfDocument, styles: dict[str, ParagraphStyle], verify_url: str) -> list[Any]:
    story: list[Any] = [
        Paragraph(_escape(doc.title), styles["title"]),
        Paragraph(_escape(doc.issuer), styles["issuer"]),
    ]
    if doc.extra_qr is not None:
        caption, url = doc.extra_qr
        story.append(
            Table(
                [[QrCode(url), Paragraph(_escape(f"{caption}  {url}"), styles["p"])]],
                colWidths=[QR_SIZE + 4 * mm, 120 * mm],
                hAlign="LEFT",
            )
        )
    if doc.facts:
        story.append(_table([["项目", "内容"], *doc.facts], (45, 125), styles["cell"]))
    for section in doc.sections:
        story.append(Paragraph(_escape(section.heading), styles["h"]))
        story += [Paragraph(_escape(text), styles["p"]) for text in section.paragraphs]
        if section.table:
            story.append(_table(section.table, section.column_widths_mm, styles["cell"]))
    story.append(Spacer(1, 6 * mm))
    story += [Paragraph(_escape(note), styles["p"]) for note in doc.notes]
    story.append(Spacer(1, 4 * mm))
    story.append(
        Table(
            [[QrCode(verify_url), Paragraph(_escape(f"扫码或访问 {verify_url} 核验本文件真伪"), styles["p"])]],
            colWidths=[QR_SIZE + 4 * mm, 120 * mm],
            hAlign="LEFT",
        )
    )
    return story


def render_pdf(doc: PdfDocument, *, verification_code: str, verify_url: str) -> bytes:
    """Lay out ``doc`` as an A4 PDF with the verification code on every page."""
    styles = _styles()
    buffer = io.BytesIO()

    def footer(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(MARGIN, 10 * mm, f"核验码 {verification_code}    {verify_url}")
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"第 {canvas.getPageNumber()} 页")
        canvas.restoreState()

    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=doc.title,
        author=doc.issuer,
        subject=verification_code,
    )
    template.build(_story(doc, styles, verify_url), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
