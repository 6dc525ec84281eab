"""Word (.docx) reader: body paragraphs and tables in document order.

Each table cell keeps its row and column so that an Actions column stays
attached to its row. Page headers and footers are reported apart from the body.
Before python-docx sees the file, the zip is checked: a .docx is a zip, and a
zip can claim anything about itself.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Iterator

from ..document import Block, Document
from ..errors import ReadError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 200


def check_container(path: Path) -> None:
    """Refuse what is not a .docx before any XML is parsed."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == _OLE2_MAGIC:
        raise ReadError("this is an old Word 97-2003 (.doc) file: open it in Word and save it as .docx")
    if not head.startswith(b"PK"):
        raise ReadError("not a .docx file (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"damaged .docx (bad zip archive: {exc})") from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise ReadError("not a Word document (no word/document.xml in the archive)")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ReadError(f"refused: the archive would expand to {total // (1024 * 1024)} MB (zip bomb?)")


def read_docx(path: Path) -> Document:
    check_container(path)
    import docx  # heavy: imported only when a .docx is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except PackageNotFoundError:
        raise ReadError("not a Word document") from None
    except Exception as exc:  # python-docx/lxml raise many types for damaged files
        raise ReadError(f"damaged .docx ({type(exc).__name__}: {str(exc)[:120]})") from None
    body = document.element.body
    blocks = list(_body_blocks(body, document))
    headers = _headers_and_footers(document)
    return Document(blocks=blocks, format="docx", headers=headers)


def _body_blocks(body, document) -> Iterator[Block]:
    para = 0
    table_no = 0
    for child in _content_children(body):
        if child.tag == _W + "p":
            for text in _paragraph_lines(child):
                yield Block(text=text, para=para, style=_paragraph_style(child, document))
                para += 1
        elif child.tag == _W + "tbl":
            yield from _table_blocks(child, table_no, document)
            table_no += 1


def _content_children(element) -> Iterator:
    """Paragraphs and tables, looking through content controls (w:sdt) that wrap them."""
    for child in element.iterchildren():
        if child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _content_children(content)
        elif child.tag in (_W + "p", _W + "tbl"):
            yield child


def _table_blocks(tbl, table_no: int, document) -> Iterator[Block]:
    for row_no, tr in enumerate(tbl.iterchildren(_W + "tr")):
        col = 0
        for tc in _row_cells(tr):
            para = 0
            for text, style in _cell_lines(tc, document):
                if text:
                    yield Block(text=text, table=table_no, row=row_no, col=col, para=para, style=style)
                para += 1
            col += _grid_span(tc)


def _row_cells(tr) -> Iterator:
    for child in tr.iterchildren():
        if child.tag == _W + "tc":
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from content.iterchildren(_W + "tc")


def _cell_lines(tc, document) -> Iterator[tuple[str, str]]:
    """Lines of a cell; a table nested in the cell is read row by row into it.

    Empty lines yield "" so that they count in the paragraph number: Word users
    push an Actions entry down to the text it belongs to with blank lines.
    """
    for child in _content_children(tc):
        if child.tag == _W + "p":
            style = _paragraph_style(child, document)
            for text in _paragraph_lines(child, keep_empty=True):
                yield text, style
        else:
            for tr in child.iterchildren(_W + "tr"):
                cells = [" ".join(t for t, _ in _cell_lines(c, document) if t) for c in _row_cells(tr)]
                yield " | ".join(c for c in cells if c), ""


def _paragraph_lines(p, keep_empty: bool = False) -> list[str]:
    """Text of a paragraph, split at manual line breaks; tabs become spaces."""
    parts: list[str] = []
    for node in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen"):
        tag = node.tag[len(_W):]
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append(" ")
        elif tag == "noBreakHyphen":
            parts.append("-")
        elif tag == "br" and node.get(_W + "type") in (None, "textWrapping"):
            parts.append("\n")
        elif tag == "cr":
            parts.append("\n")
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in "".join(parts).split("\n")]
    if keep_empty:
        return lines if any(lines) else [""]
    return [line for line in lines if line]


def _paragraph_style(p, document) -> str:
    ppr = p.find(_W + "pPr")
    name = ""
    if ppr is not None:
        style = ppr.find(_W + "pStyle")
        if style is not None:
            name = _style_name(document, style.get(_W + "val") or "")
        if ppr.find(_W + "numPr") is not None and not name.lower().startswith("heading"):
            return "bullet"
    lowered = name.lower()
    if lowered.startswith("heading") or lowered == "title":
        return "heading"
    if "list" in lowered:
        return "bullet" if "bullet" in lowered else "numbered"
    if _all_bold(p):
        return "bold"
    return ""


def _style_name(document, style_id: str) -> str:
    try:
        return document.styles.get_by_id(style_id, 1).name or style_id  # 1 = paragraph style
    except (KeyError, ValueError, AttributeError):
        return style_id


def _all_bold(p) -> bool:
    runs = [r for r in p.iter(_W + "r") if "".join(t.text or "" for t in r.iter(_W + "t")).strip()]
    if not runs:
        return False
    for r in runs:
        rpr = r.find(_W + "rPr")
        b = rpr.find(_W + "b") if rpr is not None else None
        if b is None or b.get(_W + "val") in ("0", "false"):
            return False
    return True


def _grid_span(tc) -> int:
    tcpr = tc.find(_W + "tcPr")
    span = tcpr.find(_W + "gridSpan") if tcpr is not None else None
    try:
        return max(1, int(span.get(_W + "val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _headers_and_footers(document) -> list[str]:
    seen: list[str] = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            try:
                if part.is_linked_to_previous and section is not document.sections[0]:
                    continue
                texts = [p.text.strip() for p in part.paragraphs]
            except Exception:  # a missing header part is not worth failing the document for
                continue
            for text in texts:
                if text and text not in seen:
                    seen.append(text)
    return seen
