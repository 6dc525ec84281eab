"""Word (.docx) reader: body paragraphs and tables in document order.

Each table cell keeps its row and column so that an Actions column stays
attached to its row. Page headers and footers are reported apart from the body.

Before python-docx sees the file, the zip is checked (:func:`check_container`):
a .docx is a zip, and a zip can claim anything about itself.

- an OLE2 file (Word 97-2003 ``.doc``, or a password-protected .docx, which
  Word stores in the same container) is named for what it is;
- the archive must hold ``word/document.xml``, at most :data:`MAX_MEMBERS`
  members (counted from the end record, before :mod:`zipfile` builds its list),
  and declare at most :data:`MAX_UNCOMPRESSED` bytes in all, at a compression
  ratio a real document has (a zip bomb declares gigabytes);
- every member is then inflated once, in small chunks and never keeping the
  output, to check that it really holds what its header declares: a member
  whose data inflates past its declared size (a bomb that lies about its size)
  is refused. This matters because python-docx reads members with
  ``ZipFile.read``, which inflates a member's whole compressed data in one call,
  whatever size it declares; once every member is known to inflate to no more
  than it declares, that call is bounded by the limits above;
- an XML part holding a ``<!DOCTYPE`` (entity declarations: "billion laughs",
  external entities such as ``file:///etc/passwd``) is refused. Word never
  writes one; python-docx would not expand entities anyway
  (``resolve_entities=False``), but refusing is clearer than half a document.
"""
from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from ..document import Block, Document
from ..errors import EncryptedError, ReadError, RefusedError
from .text import MAX_LINE, split_long_line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNCOMPRESSED = 500 * 1024 * 1024
"""Most bytes all members of a .docx may declare together."""
MAX_RATIO = 200
"""Most a .docx over 10 MB (declared) may expand, as declared size over compressed size."""
MAX_MEMBERS = 10_000
"""Most members a .docx may have (Word writes a few dozen, plus one per image)."""
_CHUNK = 1 << 16
_DTD_MARKERS = tuple(
    marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_LOCAL_HEADER = struct.Struct("<4s22xHH")
PROTECTED = (  # a password-protected .docx is an OLE2 file, whatever its name
    "this Word file is password-protected: cme-notes cannot open it; "
    "remove the password in Word (File > Info > Protect Document) and save it again")


def check_container(path: Path) -> None:
    """Refuse what is not a .docx, or what would take unbounded time or memory, before any XML is parsed."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head == OLE2_MAGIC:
            if _is_encrypted_ooxml(fh):
                raise EncryptedError(PROTECTED)
            raise ReadError("this is an old Word 97-2003 (.doc) file: rename it to .doc")
        if not head.startswith(b"PK"):
            from . import sniff

            fh.seek(0)
            kind = sniff(fh.read(1024))
            raise ReadError(f"not a .docx file: it is {kind}" if kind else "not a .docx file (not a zip archive)")
        count = _declared_members(fh)
        if count is not None and count > MAX_MEMBERS:
            raise RefusedError(f"refused: the archive has {count} members, over the {MAX_MEMBERS} a Word document may have")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # zipfile's own words ("File is not a zip file") mislead for a file that is cut short
        raise ReadError("damaged or truncated .docx (bad zip archive): get a fresh copy of the file") from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise ReadError("not a Word document (no word/document.xml in the archive)")
    if len(infos) > MAX_MEMBERS:
        raise RefusedError(f"refused: the archive has {len(infos)} members, over the {MAX_MEMBERS} a Word document may have")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise RefusedError(f"refused: the archive would expand to {total // (1024 * 1024)} MB (zip bomb?)")
    with open(path, "rb") as fh:
        for info in infos:
            _check_member(fh, info)


def _inflated(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's data, inflated at most :data:`_CHUNK` bytes at a time (``fh`` at its start)."""
    name = info.filename
    inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left = info.compress_size
    try:
        while left > 0:
            data = fh.read(min(_CHUNK, left))
            if not data:
                raise ReadError(f"damaged or truncated .docx ({name} is cut short)")
            left -= len(data)
            if inflate is None:
                yield data
                continue
            while data:
                out = inflate.decompress(data, _CHUNK)
                yield out
                if inflate.eof:
                    return
                if not out and inflate.unconsumed_tail == data:
                    raise ReadError(f"damaged .docx ({name} does not decompress)")
                data = inflate.unconsumed_tail
        # Output zlib still holds once all input is in (never flush(): it is unbounded).
        while inflate is not None and not inflate.eof:
            out = inflate.decompress(b"", _CHUNK)
            if not out:
                return
            yield out
    except zlib.error:
        raise ReadError(f"damaged .docx ({name} does not decompress)") from None


def _is_encrypted_ooxml(fh: BinaryIO) -> bool:
    """Whether an OLE2 file is an encrypted .docx: its directory names an "EncryptedPackage" stream."""
    return ole_names_stream(fh, "EncryptedPackage")


def ole_names_stream(fh: BinaryIO, name: str) -> bool:
    """Whether an OLE2 file's directory names a stream ``name`` ("WordDocument" in any Word 6-2003 .doc)."""
    needle = name.encode("utf-16-le")
    fh.seek(0)
    tail = b""
    read = 0
    while read < 8 * 1024 * 1024:  # the directory of a real file sits well inside this
        chunk = fh.read(_CHUNK)
        if not chunk:
            return False
        if needle in tail + chunk:
            return True
        tail = chunk[-len(needle):]
        read += len(chunk)
    return False


def _declared_members(fh: BinaryIO) -> int | None:
    """The member count in the zip's end record (zip64 included), or None if there is none to read."""
    fh.seek(0, 2)
    size = fh.tell()
    fh.seek(max(0, size - 65557))
    tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    count = struct.unpack_from("<H", tail, at + 10)[0]
    if count == 0xFFFF and at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", tail, at - 12)[0]
        fh.seek(offset)
        record = fh.read(56)
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            count = struct.unpack_from("<Q", record, 32)[0]
    return count


def _check_member(fh: BinaryIO, info: zipfile.ZipInfo) -> None:
    """Inflate one member in bounded chunks: it must hold what its header declares, and no DTD if XML."""
    name = info.filename
    if info.flag_bits & 0x1:
        raise ReadError(f"damaged .docx ({name} is encrypted inside the zip, which Word never does)")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ReadError(f"damaged .docx ({name} uses a compression method Word does not write)")
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise ReadError(f"damaged .docx (bad zip archive: no local header for {name})")
    name_len, extra_len = _LOCAL_HEADER.unpack(header)[1:]
    fh.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    xml = name.lower().endswith(_XML_SUFFIXES)
    produced = 0
    crc = 0
    tail = b""
    for out in _inflated(fh, info):
        produced += len(out)
        if produced > info.file_size:
            raise RefusedError(f"refused: {name} inflates to more than the {info.file_size} bytes "
                               f"its header declares (zip bomb?)")
        crc = zlib.crc32(out, crc)
        if xml:
            window = tail + out
            if any(marker in window for marker in _DTD_MARKERS):
                raise RefusedError(f"refused: {name} declares XML entities (<!DOCTYPE>), "
                                   "which Word documents never hold")
            tail = window[-16:]
    if produced != info.file_size or crc != info.CRC:
        raise ReadError(f"damaged or truncated .docx ({name} does not match its checksum)")


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
                yield Block(text=text, para=para, style=_paragraph_style(child, document),
                            level=_heading_level(child, document))
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
    if any(len(line) > MAX_LINE for line in lines):  # no paragraph is read as one past MAX_LINE characters
        lines = [piece.strip() for line in lines for piece in split_long_line(line)]
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


def _heading_level(p, document) -> int | None:
    """Word's "Heading N" gives N, "Title" 0; other styles have no level."""
    ppr = p.find(_W + "pPr")
    style = ppr.find(_W + "pStyle") if ppr is not None else None
    if style is None:
        return None
    name = _style_name(document, style.get(_W + "val") or "").lower()
    if name == "title":
        return 0
    m = re.fullmatch(r"heading\s*([1-9])", name)
    return int(m.group(1)) if m else None


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
