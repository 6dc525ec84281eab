"""Build the fictional sample minutes in ``samples/`` from the sources below.

Run from the project root::

    .venv/bin/python scripts/build_samples.py

Everything here is invented: the councils, schools, people and places do not
exist. The sources are plain Python data; each is rendered into the formats
the tool reads (DOCX, PDF, TXT, Markdown). Output is deterministic: zip
timestamps in the .docx files and the PDF creation date/ID are fixed, so a
rebuild changes nothing unless a source changes.

The hand-labelled truth for each sample lives next to it in
``samples/<name>.expected.json``; this script does not write those.

Needs python-docx and reportlab (``pip install -e .[samples]``).
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

rl_config.invariant = 1  # fixed CreationDate and document ID in PDFs

# Text is set in the built-in Helvetica; bullet glyphs in Bitstream Vera (it
# ships with reportlab), as Word sets its bullets in a separate symbol font.
# The embedded TrueType subset carries a ToUnicode map, so the bullet extracts
# as "\u2022"; drawn in Helvetica, pdfminer reads it as "(cid:127)".
pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples"

ZIP_TIME = (2024, 1, 1, 9, 0, 0)


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------
#
# Table-style minutes (Northvale): one tuple per table row below the header
# row, (kind, text, actions-column text). Kinds:
#   "item"    item heading row, e.g. "1. Welcome and matters arising"
#   "para"    ordinary paragraph
#   "bullet"  bulleted paragraph ("List Bullet")
#   "bullet2" second-level bullet ("List Bullet 2")
#   "num"     a typed "1." point inside an item (not an item of its own)
#   "label"   a short bold lead-in such as "Dates of future meetings:"
# A row may instead hold a list of (kind, text) pairs: several paragraphs in
# one cell.

NORTHVALE_2024_03_14 = {
    "header": "Northvale Sector-led Improvement Programme",
    "title": "Northvale Children Missing Education Group",
    "dateline": "14th March 2024 Record of meeting",
    "written": dt.datetime(2024, 3, 18, 14, 5),
    "present": (
        "Present: Hannah Patel (Eastmarsh and Chair), Tom Bradshaw (W Hollin), "
        "Ruth Okafor & Sam Iqbal (Kingsbridge), Dr Alan Webb (Brackenford), "
        "Lucy Fern, Cllr Mary Dunn (Thornbury Vale), "
        "Priya Castell-Moore (Kingsbridge & Eastmarsh), Gareth Lyle (Northvale), "
        "Owen Price (NCME)."
    ),
    "apologies": (
        "Apologies: Nadia Hussain (Northvale), Keith Armitage (Thornbury Vale), "
        "Beth Rowley (W Hollin)."
    ),
    "rows": [
        ("item", "1. Welcome and matters arising", ""),
        ("bullet",
         "Hannah welcomed everyone, in particular Lucy Fern, who has joined the group as "
         "the designated nurse for children who are not in school. Notes were agreed as "
         "an accurate record.", ""),
        ("bullet",
         "EHE consultation response \u2013 Owen has drafted a response on behalf of the "
         "group, drawing on the comments made at the January meeting. Owen will circulate "
         "the draft for comment before it is submitted.", "Owen"),
        ("bullet",
         "Data sharing agreement: the final draft is with the information governance "
         "leads in each authority. Hannah and Owen to meet the leads to settle the "
         "outstanding points on retention periods.", "HP / OP"),
        ("bullet",
         "Termly census: the template has been simplified following feedback and the "
         "free school meals field is now optional. Owen shared the revised template "
         "during the meeting; members to respond by 28th March with their spring term "
         "figures.", "ALL"),
        ("item", "2. Reduced timetables \u2013 monitoring and reporting", ""),
        ("para",
         "Ruth and Sam presented Kingsbridge\u2019s revised process for schools to notify "
         "the local authority when a pupil is placed on a part-time timetable. "
         "Notifications are now made through a short online form, and any timetable "
         "lasting longer than six weeks triggers a review meeting with the school and "
         "the family.", ""),
        ("para", "Points raised in discussion:", ""),
        ("bullet",
         "Schools are more likely to notify when the form is short and its purpose is "
         "clear; Kingsbridge saw notifications rise from under 40% to around 70% of the "
         "cases later identified in the first term.", ""),
        ("bullet",
         "Several authorities have no reliable way of knowing when a reduced timetable "
         "has ended. Suggestions included:", ""),
        ("bullet2", "an end date being a required field on the form;", ""),
        ("bullet2", "an automatic reminder to the school a week before that date.", ""),
        ("bullet",
         "Thornbury Vale members want to understand how many children are affected; "
         "Cllr Dunn asked whether figures could be reported to the scrutiny panel each "
         "term.", ""),
        ("para",
         "Ruth and Sam to share the notification form and the guidance note for schools "
         "with the group for 5th April.", "Ruth & Sam"),
        ("item", "3. Regional protocol for children moving between authorities", ""),
        ("para",
         "Alan introduced the latest draft of the protocol, revised after comments from "
         "Eastmarsh and West Hollin. The draft rests on three principles:", ""),
        ("num",
         "1. The authority where the child was last on a school roll remains responsible "
         "for enquiries until a receiving authority confirms in writing that the child "
         "lives in its area.", ""),
        ("num",
         "2. Enquiries are shared through the secure regional mailbox rather than by "
         "individual email, so that there is a single record of each referral.", ""),
        ("num",
         "3. Where a child\u2019s whereabouts are still unknown after 20 school days, the "
         "two authorities agree one lead officer and record that decision.", ""),
        ("para",
         "Members welcomed the draft. There was discussion of whether 20 school days is "
         "too long where there are safeguarding concerns; the protocol already allows "
         "any authority to escalate sooner, and the wording will make this clearer.", ""),
        ("para",
         "Agreed: the protocol will be adopted across the group from 15th April 2024, "
         "subject to legal review in Brackenford.", ""),
        ("para",
         "Alan to take the protocol through Brackenford\u2019s legal team and report back "
         "to the group.", "Alan"),
        ("item", "4. NCME dashboard and annual report", ""),
        ("bullet",
         "Autumn term returns were received from every authority; Owen thanked "
         "colleagues for their prompt responses.", ""),
        ("bullet",
         "The number of children missing education rose by 8% on the same term last "
         "year. The largest increase was among secondary-age children who had moved into "
         "the region from overseas.", ""),
        ("bullet",
         "Priya noted that the joint Kingsbridge & Eastmarsh service now records how each "
         "child first came to its attention, and will share the categories it uses with "
         "Owen.", "Priya"),
        ("para",
         "Owen will update the dashboard with the spring term figures and draft the "
         "annual report for the Directors\u2019 meeting in the summer.", "Owen"),
        ("item", "5. Training and practice sharing", ""),
        ("para",
         "Tom offered to run a short session on tracing children who are believed to "
         "have left the country, drawing on West Hollin\u2019s recent work with the port "
         "authority.", ""),
        ("para",
         "Gareth suggested inviting the admissions leads to the September meeting to "
         "discuss in-year admissions for children who have been missing education.", ""),
        ("para",
         "Tom to prepare the session; Gareth to contact the admissions leads.",
         "Tom / GL"),
        ("item", "AOB", ""),
        ("para",
         "Hannah thanked Sam for covering the Kingsbridge CME inbox over the winter. No "
         "other business was raised.", ""),
        ([("label", "Dates of future meetings:"),
          ("para",
           "16th May 10am; 11th July 1pm to 3.30pm at Brackenford Library; 19th Sept "
           "10am.")], ""),
    ],
}

NORTHVALE_2024_06_13 = {
    "header": "Northvale Sector-led Improvement Programme",
    "title": "Northvale Children Missing Education Group",
    "dateline": "13th June 2024 Record of meeting \u2013 additional meeting via video conference",
    "written": dt.datetime(2024, 6, 17, 11, 20),
    "present": (
        "Present: Hannah Patel (Eastmarsh and Chair), Tom Bradshaw (West Hollin), "
        "Beth Rowley (West Hollin), Ruth Okafor (Kingsbridge), Dr Alan Webb "
        "(Brackenford), Priya Castell Moore (Kingsbridge and Eastmarsh), "
        "Nadia Hussain (Northvale), Owen Price (NCME)."
    ),
    "apologies": (
        "Apologies: Sam Iqbal (Kingsbridge), Cllr Mary Dunn (Thornbury Vale), "
        "Lucy Fern, Gareth Lyle (Northvale)."
    ),
    "rows": [
        ("item", "1. Welcome and notes of the last meeting", ""),
        ("bullet",
         "Hannah explained that this additional meeting had been called so that the "
         "protocol could be signed off before the summer break. Notes of the meeting on "
         "16th May were agreed as an accurate record.", ""),
        ("bullet",
         "Admissions leads: Nadia confirmed that three admissions leads will join the "
         "September meeting.", ""),
        ("item", "2. Regional protocol \u2013 final version", ""),
        ("para",
         "Alan reported that Brackenford\u2019s legal team had suggested two changes: a "
         "clearer definition of \u2018receiving authority\u2019 and a note on retaining "
         "records when a child cannot be traced. Both changes are in the final version.", ""),
        ("para",
         "Agreed: the final version of the protocol to be published on the NCME web "
         "page, with a review date of June 2025.", ""),
        ("bullet", "Owen to publish the protocol and send the link to Directors.", "OP"),
        ("bullet",
         "Each authority to confirm the name of its lead officer for the protocol by "
         "28th June.", "ALL"),
        ("item", "3. Summer holiday cover", ""),
        ("para",
         "Members would find it helpful to share duty contacts for August, when most "
         "CME officers take leave. Priya and Beth to draw up a rota and circulate "
         "it by 5th July.", "PCM / BR"),
        ("item", "4. Annual report", ""),
        ("bullet",
         "Owen circulated a first draft. Members felt the report should say more about "
         "the work with health colleagues.", ""),
        ("bullet",
         "Tom offered to add a case study from West Hollin on children leaving the "
         "country.", "Tom"),
        ("item", "AOB", ""),
        ("para",
         "Hannah will be on leave for most of August; urgent business should go to Owen "
         "in the first instance.", ""),
        ([("label", "Dates of future meetings:"),
          ("para",
           "11th July 1pm to 3.30pm at Brackenford Library; 19th Sept 10am; "
           "14th Nov 10am (venue tbc).")], ""),
    ],
}

# Parish-council minutes: (kind, text). Kinds:
#   "title", "subtitle", "label" (bold lead-in such as "Present:"),
#   "name" (one attendee per line), "para", "minute" (e.g. "25/041 Apologies"),
#   "subminute" (e.g. "25/044.1 Highways"), "bullet", "action", "blank".
OAKRIDGE_2025_06_03 = {
    "footer": "Oakridge Parish Council \u2013 minutes of 3 June 2025",
    "written": dt.datetime(2025, 6, 5, 16, 45),
    "txt_heading": (
        "Oakridge Parish Council \u2014 Minutes of the meeting held on Tuesday 3 June "
        "2025 at 7.30pm in the Village Hall"
    ),
    "lines": [
        ("title", "Oakridge Parish Council"),
        ("subtitle",
         "Minutes of the meeting held on Tuesday 3 June 2025 at 7.30pm in the Village Hall"),
        ("label", "Present:"),
        ("name", "Cllr Jane Sutton (Chair)"),
        ("name", "Cllr Peter Hale (Vice-Chair)"),
        ("name", "Cllr Martin Greaves"),
        ("name", "Cllr Mrs Ann Whitlock"),
        ("name", "Cllr Rajesh Menon"),
        ("name", "Cllr Colin Tapper"),
        ("para",
         "In attendance: David Crane (Clerk and RFO) and four members of the public."),
        ("minute", "25/041 Apologies for absence"),
        ("para",
         "Apologies for absence were received from Cllr Helen Ford, Cllr Tony Beale and "
         "Cllr Sarah Quinn. RESOLVED that the reasons for absence be accepted."),
        ("minute", "25/042 Declarations of interest"),
        ("para",
         "Cllr Menon declared a non-pecuniary interest in item 25/048 as a trustee of the "
         "Oakridge Playing Field Trust and took no part in the vote on that item."),
        ("minute", "25/043 Minutes of the previous meeting"),
        ("para",
         "RESOLVED that the minutes of the meeting held on 6 May 2025 be approved and "
         "signed."),
        ("minute", "25/044 Reports"),
        ("subminute", "25/044.1 Highways"),
        ("bullet", "The resurfacing of Mill Lane has been postponed until the autumn."),
        ("bullet",
         "Residents have reported standing water at the junction of Church Road and Well "
         "Street after heavy rain; the gully appears to be blocked."),
        ("action", "ACTION: Clerk to write to the highways team by 30 June"),
        ("subminute", "25/044.2 Footpaths"),
        ("para",
         "The stile on footpath OAK/12 near Brook Farm is broken. Cllr Sutton will report "
         "it through the county council\u2019s online reporting tool and send a photograph "
         "to the rights of way officer."),
        ("action", "Action: JS"),
        ("subminute", "25/044.3 Police report"),
        ("para", "No report had been received this month."),
        ("minute", "25/045 Public participation"),
        ("para",
         "Residents raised concerns about the speed of traffic on Church Road, "
         "particularly at school times. Cllr Hale agreed to contact the Community "
         "Speedwatch coordinator about setting up a group in the village."),
        ("action", "Action: PH"),
        ("minute", "25/046 Finance"),
        ("subminute", "25/046.1 Payments"),
        ("para",
         "RESOLVED that the payments listed in the schedule, totalling \u00a32,184.60, be "
         "approved."),
        ("subminute", "25/046.2 Annual Governance and Accountability Return 2024/25"),
        ("para",
         "RESOLVED that the Annual Governance Statement (Section 1) be approved and "
         "signed by the Chair and the Clerk."),
        ("para",
         "RESOLVED that the Accounting Statements (Section 2) be approved and signed by "
         "the Chair."),
        ("action",
         "ACTION: Clerk to publish the notice of public rights on the council website"),
        ("minute", "25/047 Planning"),
        ("bullet",
         "P/25/0318 \u2013 Land at Brook Farm, Mill Lane: erection of two dwellings. "
         "RESOLVED to object on the grounds of unsafe access onto Mill Lane."),
        ("bullet",
         "P/25/0342 \u2013 14 Well Street: single-storey rear extension. RESOLVED to "
         "raise no objection."),
        ("minute", "25/048 Playing field"),
        ("para",
         "Two quotes were considered for replacing the swing seats and the safety "
         "surfacing under the swings. RESOLVED to accept the quote from Meadowline Play "
         "Ltd for \u00a33,450 plus VAT. Cllr Greaves will agree a date for the work with "
         "the contractor."),
        ("action", "Action: MG"),
        ("minute", "25/049 Correspondence"),
        ("bullet",
         "Letter from the Village Hall Committee thanking the council for its annual "
         "grant. Noted."),
        ("bullet",
         "Notice from the district council of the consultation on its draft Local Plan. "
         "Cllr Whitlock offered to draft a response for the council to consider in July."),
        ("action", "Action: AW"),
        ("minute", "25/050 Date of next meeting"),
        ("para", "Date of next meeting: Tuesday 1 July 2025 at 7.30pm, Village Hall."),
        ("para", "The meeting closed at 9.12pm."),
        ("para", "Signed ........................................ (Chair)     "
                 "Date ....................."),
    ],
}

RIVERSIDE_2025_01_22_MD = """\
# Riverside Primary School — Full Governing Body

Minutes of the meeting held on Wednesday 22/01/2025 at 6pm in the school library.

## Attendees

| Present | Also in attendance | Apologies |
|---|---|---|
| J Marsh (JM - Chair) | A Griffin (AG - Clerk) | T Yeo (TY - Parent Governor) |
| R Bennett (RB - Vice Chair) | M Dale (MD - School Business Manager) | C Fairbairn (CF - Co-opted Governor) |
| K Osei (KO - Headteacher) | | |
| Dr L Harding (LH - Safeguarding Link Governor) | | |
| P Novak (PN - Parent Governor) | | |
| S Whitfield (SW - Co-opted Governor) | | |

The meeting was quorate throughout.

## 1. Welcome and apologies

JM welcomed governors to the meeting. Apologies from TY and CF were received and accepted.

## 2. Declarations of business interest

None were declared.

## 3. Minutes of the last meeting and matters arising

- The minutes of the meeting held on 27/11/2024 were approved as an accurate record and signed by the Chair.
- Matters arising: the website compliance check agreed in November has been completed.

## 4. Headteacher's report

KO presented her report, which had been circulated in advance.

- Attendance for the autumn term was 94.6%; persistent absence has fallen to 15.2%, down from 18.9% last year.
- RB asked how the school is supporting the pupils who remain persistently absent. KO explained that each family now has a named member of staff and that weekly check-ins have started.
- **Action:** KO to circulate the attendance figures by year group to governors by 07/02/2025.

## 5. Finance and premises

- MD presented the budget monitoring report to 31/12/2024; a small surplus is forecast for the year.
- Governors approved the revised budget for 2024/25.
- The roof over the Year 3 classrooms leaked again in December.
- **Action:** MD to obtain three quotes for the roof repairs and bring them to the next meeting.

## 6. Safeguarding

- LH reported on her termly safeguarding visit. Training records are up to date and the new reporting system is working well.
- **Action:** LH and SW to complete the single central record check by 28/02/2025.

## 7. Policies

- Governors approved the Charging and Remissions Policy and the Complaints Policy.
- **Action:** AG to upload the approved policies to the school website.

## 8. Governor training

- PN and SW attended the local authority's briefing on the new Ofsted framework and have shared their notes with governors.
- **Action:** All governors to complete the online Prevent refresher by 12/03/2025.

## 9. Any other business

There was no other business.

## 10. Date of next meeting

Date of next meeting: 12/03/2025 at 6pm

The meeting closed at 7.48pm.

## Summary of actions

| # | Action | Owner | Due |
|---|---|---|---|
| 4 | Circulate attendance figures by year group | KO | 07/02/2025 |
| 5 | Obtain three quotes for the roof repairs | MD | 12/03/2025 |
| 6 | Complete the single central record check | LH / SW | 28/02/2025 |
| 7 | Upload approved policies to the website | AG | — |
| 8 | Complete the online Prevent refresher | All governors | 12/03/2025 |
"""


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def _cell_paragraphs(row):
    """(kind, text) pairs for the left-hand cell of a table row."""
    first = row[0]
    if isinstance(first, list):
        return first
    return [(first, row[1])]


def _owner(row) -> str:
    return row[-1]


def _normalise_docx(path: Path) -> None:
    """Rewrite the .docx zip with fixed timestamps so rebuilds are byte-identical."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    path.write_bytes(buf.getvalue())


def _new_docx(title: str, author: str, written: dt.datetime) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.3)
    section.top_margin = section.bottom_margin = Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    props = doc.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = written
    props.modified = written
    props.revision = 1
    return doc


def _save_docx(doc: Document, path: Path) -> None:
    doc.save(path)
    _normalise_docx(path)


# ---------------------------------------------------------------------------
# Table-style minutes (Northvale) -> DOCX, PDF, TXT
# ---------------------------------------------------------------------------

def northvale_docx(src: dict, path: Path) -> None:
    doc = _new_docx(src["title"], "Owen Price", src["written"])
    section = doc.sections[0]
    section.header.paragraphs[0].text = src["header"]

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(src["title"])
    r.bold = True
    r.font.size = Pt(14)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(src["dateline"]).bold = True
    doc.add_paragraph(src["present"])
    doc.add_paragraph(src["apologies"])

    text_width = section.page_width - section.left_margin - section.right_margin
    widths = (int(text_width * 0.8), text_width - int(text_width * 0.8))
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    hdr = table.rows[0].cells
    hdr[0].text, hdr[1].text = "Item", "Actions"
    for row in src["rows"]:
        cells = table.add_row().cells
        left = cells[0]
        for i, (kind, text) in enumerate(_cell_paragraphs(row)):
            para = left.paragraphs[0] if i == 0 else left.add_paragraph()
            if kind == "bullet":
                para.style = doc.styles["List Bullet"]
            elif kind == "bullet2":
                para.style = doc.styles["List Bullet 2"]
            elif kind == "num":
                para.paragraph_format.left_indent = Cm(0.6)
            run = para.add_run(text)
            if kind in ("item", "label"):
                run.bold = True
        cells[1].text = _owner(row)
    for r in table.rows:
        for c, w in zip(r.cells, widths):
            c.width = w
    _save_docx(doc, path)


def _pdf_styles():
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12.5,
                          bulletFontName="Vera", bulletFontSize=9)
    return {
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold",
                                fontSize=14, leading=18, alignment=TA_CENTER,
                                spaceAfter=4),
        "dateline": ParagraphStyle("dateline", parent=body, fontName="Helvetica-Bold",
                                   alignment=TA_CENTER, spaceAfter=10),
        "body": ParagraphStyle("bodysp", parent=body, spaceAfter=8),
        "cell": body,
        "bold": ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold"),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2),
        "bullet2": ParagraphStyle("bullet2", parent=body, leftIndent=26, bulletIndent=16),
        "num": ParagraphStyle("num", parent=body, leftIndent=14),
        "heading": ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold",
                                  fontSize=11, leading=14, spaceBefore=8, spaceAfter=3),
        "subheading": ParagraphStyle("subheading", parent=body,
                                     fontName="Helvetica-Bold", spaceBefore=4,
                                     spaceAfter=2),
        "plain": ParagraphStyle("plain", parent=body, spaceAfter=5),
        "list": ParagraphStyle("list", parent=body, leftIndent=14, bulletIndent=3,
                               spaceAfter=3),
    }


def _cell_flowable(kind: str, text: str, st: dict) -> Paragraph:
    t = escape(text)
    if kind in ("item", "label"):
        return Paragraph(t, st["bold"])
    if kind == "bullet":
        return Paragraph(t, st["bullet"], bulletText="\u2022")
    if kind == "bullet2":
        return Paragraph(t, st["bullet2"], bulletText="o")
    if kind == "num":
        return Paragraph(t, st["num"])
    return Paragraph(t, st["cell"])


def northvale_pdf(src: dict, path: Path) -> None:
    st = _pdf_styles()
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm,
        topMargin=2.4 * cm, bottomMargin=2.0 * cm, title=src["title"],
        author="Owen Price", creator="Microsoft Word", invariant=1,
    )

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.drawString(d.leftMargin, A4[1] - 1.3 * cm, src["header"])
        canvas.drawRightString(A4[0] - d.rightMargin, 1.1 * cm, str(d.page))
        canvas.restoreState()

    story = [
        Paragraph(escape(src["title"]), st["title"]),
        Paragraph(escape(src["dateline"]), st["dateline"]),
        Paragraph(escape(src["present"]), st["body"]),
        Paragraph(escape(src["apologies"]), st["body"]),
    ]
    data = [[Paragraph("Item", st["cell"]), Paragraph("Actions", st["cell"])]]
    for row in src["rows"]:
        left = [_cell_flowable(k, t, st) for k, t in _cell_paragraphs(row)]
        data.append([left if len(left) > 1 else left[0],
                     Paragraph(escape(_owner(row)), st["cell"])])
    width = A4[0] - doc.leftMargin - doc.rightMargin
    table = Table(data, colWidths=[width * 0.8, width * 0.2], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(table)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


def northvale_txt(src: dict, path: Path) -> None:
    """Like Word's File > Save As > Plain Text (Windows default encoding).

    Body paragraphs are lines; each table row is one line with its cells
    separated by a tab (so an empty Actions cell leaves a trailing tab);
    several paragraphs in one cell are separate lines. Word writes a bullet as
    its glyph followed by a tab: "\u00b7" for the first level, "o" for the second.
    Running headers are not exported. CRLF line endings, cp1252.
    """
    lines = [src["title"], src["dateline"], "", src["present"], "", src["apologies"], "",
             "Item\tActions"]
    prefix = {"bullet": "\u00b7\t", "bullet2": "o\t"}
    for row in src["rows"]:
        paras = [prefix.get(k, "") + t for k, t in _cell_paragraphs(row)]
        paras[-1] += "\t" + _owner(row)
        lines.extend(paras)
    lines.append("")
    path.write_bytes("\r\n".join(lines).encode("cp1252"))


# ---------------------------------------------------------------------------
# Running-text minutes (Oakridge) -> TXT, DOCX, PDF
# ---------------------------------------------------------------------------

def oakridge_txt(src: dict, path: Path) -> None:
    out: list[str] = []
    lines = src["lines"]
    for i, (kind, text) in enumerate(lines):
        prev = lines[i - 1][0] if i else None
        if kind == "title":
            out.append(src["txt_heading"])
            continue
        if kind == "subtitle":
            continue
        if kind in ("label", "minute", "subminute") or (
                kind == "para" and (prev == "name" or text.startswith(("The meeting", "Signed")))):
            out.append("")
        if kind == "bullet":
            out.append("- " + text)
        else:
            out.append(text)
    out.append("")
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def oakridge_docx(src: dict, path: Path) -> None:
    doc = _new_docx("Oakridge Parish Council minutes 3 June 2025", "David Crane",
                    src["written"])
    doc.sections[0].footer.paragraphs[0].text = src["footer"]
    for kind, text in src["lines"]:
        if kind == "title":
            doc.add_paragraph(text, style="Title")
        elif kind == "subtitle":
            p = doc.add_paragraph()
            p.add_run(text).bold = True
        elif kind == "label":
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            p.add_run(text).bold = True
        elif kind == "name":
            p = doc.add_paragraph(text)
            p.paragraph_format.space_after = Pt(0)
        elif kind == "minute":
            doc.add_paragraph(text, style="Heading 2")
        elif kind == "subminute":
            doc.add_paragraph(text, style="Heading 3")
        elif kind == "bullet":
            doc.add_paragraph(text, style="List Bullet")
        elif kind == "action":
            p = doc.add_paragraph()
            p.add_run(text).bold = True
        else:
            doc.add_paragraph(text)
    _save_docx(doc, path)


def oakridge_pdf(src: dict, path: Path) -> None:
    st = _pdf_styles()
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
        topMargin=2.2 * cm, bottomMargin=2.2 * cm,
        title="Oakridge Parish Council minutes 3 June 2025", author="David Crane",
        invariant=1,
    )

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(d.leftMargin, 1.2 * cm, src["footer"])
        canvas.drawRightString(A4[0] - d.rightMargin, 1.2 * cm, f"Page {d.page}")
        canvas.restoreState()

    names = ParagraphStyle("names", parent=st["cell"])
    story = []
    for kind, text in src["lines"]:
        t = escape(text)
        if kind == "title":
            story.append(Paragraph(t, st["title"]))
        elif kind == "subtitle":
            story.append(Paragraph(t, st["dateline"]))
        elif kind == "label":
            story.append(Paragraph(t, st["bold"]))
        elif kind == "name":
            story.append(Paragraph(t, names))
        elif kind == "minute":
            story.append(Paragraph(t, st["heading"]))
        elif kind == "subminute":
            story.append(Paragraph(t, st["subheading"]))
        elif kind == "bullet":
            story.append(Paragraph(t, st["list"], bulletText="\u2022"))
        else:
            if kind == "para" and story and story[-1].style is names:
                story.append(Spacer(0, 6))
            story.append(Paragraph(t, st["plain"]))
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


# ---------------------------------------------------------------------------
# A series (Elmbrook): four board meetings whose actions are raised, updated, carried forward, closed and
# dropped, each later meeting reviewing the earlier ones' actions by their refs ("EB-03") or minute numbers.
# One source per meeting: blocks of ("title" | "para" | "heading", text) or ("table", [header, *rows]),
# rendered into DOCX, PDF, Markdown or plain text.
# ---------------------------------------------------------------------------

ELMBROOK_TITLE = "Elmbrook Community Trust Board"
ELMBROOK_PRESENT = ("Present: Margaret Ashdown (Chair), Daniel Okoro (Treasurer), Fiona Blake (Secretary), "
                    "Ravi Menon, Helen Carver")
ELMBROOK_ATTENDANCE = "In attendance: Tom Weller (Centre Manager)"

ELMBROOK_2025_01_15 = {
    "written": dt.datetime(2025, 1, 17, 9, 30),
    "blocks": [
        ("title", ELMBROOK_TITLE),
        ("para", "Minutes of the Board meeting held on Wednesday 15 January 2025 at 7pm "
                 "at Elmbrook Community Hall, Mill Lane"),
        ("para", ELMBROOK_PRESENT + "."),
        ("para", ELMBROOK_ATTENDANCE + "."),
        ("para", "Apologies: none."),
        ("heading", "1. Welcome"),
        ("para", "Margaret welcomed trustees to the first meeting of the year."),
        ("heading", "2. Hall roof"),
        ("para", "Tom reported further leaks above the main hall after the December storms. "
                 "The board agreed that quotes should be sought for a full repair."),
        ("heading", "3. Insurance"),
        ("para", "The public liability policy expires at the end of March."),
        ("heading", "4. Volunteers"),
        ("para", "Fiona reported that two regular volunteers have moved away. A leaflet would help recruit more."),
        ("heading", "5. Finance"),
        ("para", "Daniel presented the payments made since the last meeting, which were approved:"),
        ("table", [("Date", "Payee", "Details", "Amount"),
                   ("02/12/2024", "Brookside Electrical", "Emergency lighting test", "£240.00"),
                   ("18/12/2024", "Tom Weller", "Cleaning materials (reimbursed)", "£36.50"),
                   ("06/01/2025", "Elmbrook Parish Council", "Hall rates", "£410.00")]),
        ("para", "Ravi reported that the Hollowmere Foundation is inviting bids for kitchen equipment."),
        ("heading", "6. Safeguarding"),
        ("para", "Helen reminded trustees that their safeguarding training is due for renewal this year."),
        ("heading", "7. Actions log"),
        ("table", [("Ref", "Item", "Action", "Owner", "Due"),
                   ("EB-01", "2", "Obtain three quotes for the hall roof repairs", "Tom", "28/02/2025"),
                   ("EB-02", "3", "Renew the public liability insurance", "Daniel", "31/03/2025"),
                   ("EB-03", "4", "Draft a volunteer recruitment leaflet", "Fiona", "28/02/2025"),
                   ("EB-04", "5", "Apply to the Hollowmere Foundation for a kitchen grant", "Ravi", "14/03/2025"),
                   ("EB-05", "6", "Arrange a safeguarding refresher for trustees", "Helen", "31/03/2025")]),
        ("heading", "8. Date of next meeting"),
        ("para", "Wednesday 12 March 2025 at 7pm, Elmbrook Community Hall."),
    ],
}

ELMBROOK_2025_03_12 = {
    "blocks": [
        ("title", ELMBROOK_TITLE),
        ("para", "Minutes of the Board meeting held on Wednesday 12 March 2025 at 7pm at Elmbrook Community Hall"),
        ("para", ELMBROOK_PRESENT + "."),
        ("para", ELMBROOK_ATTENDANCE + "."),
        ("heading", "1. Apologies"),
        ("para", "None."),
        ("heading", "2. Minutes of the last meeting"),
        ("para", "The minutes of 15 January 2025 were agreed as a true record."),
        ("heading", "3. Review of previous actions"),
        ("table", [("Ref", "Action", "Owner", "Due", "Update"),
                   ("EB-01", "Obtain three quotes for the hall roof repairs", "Tom", "28/02/2025",
                    "Completed 3 March – three quotes received"),
                   ("EB-02", "Renew the public liability insurance", "Daniel", "31/03/2025",
                    "Ongoing – broker to confirm the premium"),
                   ("EB-03", "Draft a volunteer recruitment leaflet", "Fiona", "28/02/2025", "c/f"),
                   ("EB-04", "Apply to the Hollowmere Foundation for a kitchen grant", "Ravi", "14/03/2025",
                    "Completed – bid submitted 10 March"),
                   ("EB-05", "Arrange a safeguarding refresher for trustees", "Helen", "31/03/2025", "In progress")]),
        ("heading", "4. Hall roof"),
        ("para", "The board compared the three quotes. Kestrel Roofing offered the best value."),
        ("heading", "5. Finance"),
        ("para", "The accounts for the year to 31 March 2025 will go to the independent examiner in May."),
        ("heading", "6. Volunteers"),
        ("para", "A page on the Trust website would reach more people than a leaflet alone."),
        ("heading", "7. Actions agreed"),
        ("table", [("Ref", "Item", "Action", "Who", "By when"),
                   ("EB-06", "4", "Appoint Kestrel Roofing and agree a start date", "Tom", "30/04/2025"),
                   ("EB-07", "6", "Set up a volunteers' page on the Trust website", "Fiona", "30/04/2025"),
                   ("EB-08", "5", "Prepare the draft annual accounts for the examiner", "Daniel", "09/05/2025")]),
        ("heading", "8. Date of next meeting"),
        ("para", "Wednesday 14 May 2025 at 7pm, Elmbrook Community Hall."),
    ],
}

ELMBROOK_2025_05_14 = {
    "written": dt.datetime(2025, 5, 16, 11, 0),
    "blocks": [
        ("title", ELMBROOK_TITLE),
        ("para", "Minutes of the Board meeting held on Wednesday 14 May 2025 at 7pm at Elmbrook Community Hall."),
        ("para", "Present: Margaret Ashdown (Chair), Daniel Okoro (Treasurer), Fiona Blake (Secretary), "
                 "Ravi Menon."),
        ("para", ELMBROOK_ATTENDANCE + "."),
        ("para", "Apologies: Helen Carver."),
        ("heading", "1. Minutes of the last meeting"),
        ("para", "The minutes of 12 March 2025 were agreed."),
        ("heading", "2. Actions log"),
        ("table", [("Ref", "Action", "Owner", "Status"),
                   ("EB-02", "Renew the public liability insurance", "Daniel", "Completed 12 May"),
                   ("EB-03", "Draft a volunteer recruitment leaflet", "Fiona",
                    "No longer required – the web page replaces it"),
                   ("EB-05", "Arrange a safeguarding refresher for trustees", "Helen", "Done"),
                   ("EB-06", "Appoint Kestrel Roofing and agree a start date", "Tom", "Ongoing – work starts in June"),
                   ("EB-07", "Set up a volunteers' page on the Trust website", "Fiona", "Carried forward"),
                   ("EB-08", "Prepare the draft annual accounts for the examiner", "Daniel", "Completed 6 May")]),
        ("heading", "3. Hollowmere Foundation grant"),
        ("para", "Ravi reported that the bid was successful: £4,800 towards a new kitchen."),
        ("heading", "4. Volunteers"),
        ("para", "Trustees agreed to hold an open evening for new volunteers in June."),
        ("heading", "5. Hall hire"),
        ("para", "The hire charges have not changed since 2022."),
        ("heading", "6. New actions"),
        ("table", [("Ref", "Item", "Action", "Owner", "Due"),
                   ("EB-09", "4", "Hold an open evening for new volunteers", "Fiona / Ravi", "30/06/2025"),
                   ("EB-10", "5", "Review the hall hire charges", "Daniel", "09/07/2025"),
                   ("EB-11", "3", "Order the new kitchen equipment", "Tom", "31/07/2025")]),
        ("heading", "7. Date of next meeting"),
        ("para", "Wednesday 9 July 2025 at 7pm, Elmbrook Community Hall."),
    ],
}

ELMBROOK_2025_07_09 = {
    "blocks": [
        ("title", ELMBROOK_TITLE.upper()),
        ("para", "Minutes of the Board meeting held on Wednesday 9 July 2025 at 7pm at Elmbrook Community Hall"),
        ("para", ELMBROOK_PRESENT + "."),
        ("para", "Apologies: Tom Weller (Centre Manager)."),
        ("heading", "1. Minutes of the last meeting"),
        ("para", "The minutes of 14 May 2025 were agreed."),
        ("heading", "2. Review of previous actions"),
        ("para", "(Minute 2) Hall roof (EB-06): the contractor began work on 16 June. Tom to report to the "
                 "September meeting when the work is finished. Ongoing."),
        ("para", "(Minute 6) Open evening (EB-09): twelve people came and eight have signed up. "
                 "Fiona to send the new volunteers their welcome packs. COMPLETED"),
        ("para", "(Minute 2) Volunteers' page (EB-07): Fiona to add the volunteers' page to the Trust website. "
                 "Completed 20 June."),
        ("para", "Daniel to complete the review of the hall hire charges for the September meeting "
                 "(carried forward)."),
        ("para", "(Minute 6) Kitchen equipment (EB-11): Tom to order the kitchen equipment once the grant is paid. "
                 "No longer required – the Foundation bought it directly."),
        ("heading", "3. Summer fete"),
        ("para", "The fete will be held on Saturday 6 September 2025."),
        ("para", "Action: Ravi to book the bouncy castle and the first aid cover by 1 August 2025."),
        ("para", "Action: Helen to complete the fete risk assessment by 22 August 2025."),
        ("heading", "4. Date of next meeting"),
        ("para", "Wednesday 10 September 2025 at 7pm, Elmbrook Community Hall."),
    ],
}


def elmbrook_docx(src: dict, path: Path) -> None:
    doc = _new_docx(f"{ELMBROOK_TITLE} minutes", "Fiona Blake", src["written"])
    for kind, body in src["blocks"]:
        if kind == "title":
            doc.add_paragraph(body, style="Title")
        elif kind == "heading":
            doc.add_paragraph(body, style="Heading 2")
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(body[0]))
            table.style = "Table Grid"
            for n, row in enumerate(body):
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
                    if n == 0:
                        cell.paragraphs[0].runs[0].bold = True
        else:
            doc.add_paragraph(body)
    _save_docx(doc, path)


def elmbrook_pdf(src: dict, path: Path) -> None:
    st = _pdf_styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.3 * cm, rightMargin=2.3 * cm,
                            topMargin=2.2 * cm, bottomMargin=2.2 * cm, title=f"{ELMBROOK_TITLE} minutes",
                            author="Fiona Blake", creator="Microsoft Word", invariant=1)
    width = A4[0] - doc.leftMargin - doc.rightMargin
    story = []
    for kind, body in src["blocks"]:
        if kind == "title":
            story.append(Paragraph(escape(body), st["title"]))
        elif kind == "heading":
            story.append(Paragraph(escape(body), st["heading"]))
        elif kind == "table":
            # the action (the longest column) takes what the short columns leave
            longest = max(range(len(body[0])), key=lambda c: max(len(row[c]) for row in body))
            short = 0.13 * width if len(body[0]) > 4 else 0.16 * width
            widths = [short] * len(body[0])
            widths[longest] = width - short * (len(body[0]) - 1)
            data = [[Paragraph(escape(text), st["bold"] if n == 0 else st["cell"]) for text in row]
                    for n, row in enumerate(body)]
            table = Table(data, colWidths=widths, repeatRows=1)
            table.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]))
            story.extend([KeepTogether(table), Spacer(0, 8)])
        else:  # a paragraph's space after it, as Word leaves, so that paragraphs read apart
            story.extend([Paragraph(escape(body), st["body"]), Spacer(0, 6)])
    doc.build(story)


def elmbrook_md(src: dict) -> str:
    out: list[str] = []
    for kind, body in src["blocks"]:
        if kind == "title":
            out += [f"# {body}", ""]
        elif kind == "heading":
            out += [f"## {body}", ""]
        elif kind == "table":
            out.append("| " + " | ".join(body[0]) + " |")
            out.append("|" + "---|" * len(body[0]))
            out += ["| " + " | ".join(row) + " |" for row in body[1:]]
            out.append("")
        elif body.startswith(("Present:", "In attendance:", "Apologies:")):
            label, rest = body.split(":", 1)
            out += [f"**{label}:**{rest}", ""]
        else:
            out += [body, ""]
    return "\n".join(out)


def elmbrook_txt(src: dict) -> str:
    """Plain text as typed: a blank line between paragraphs, headings on lines of their own."""
    out: list[str] = []
    for kind, body in src["blocks"]:
        if kind == "table":
            raise ValueError("the plain-text minutes of the series hold no tables")
        out += [body, ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------

def main() -> None:
    OUT.mkdir(exist_ok=True)
    built = []

    def out(name: str) -> Path:
        built.append(name)
        return OUT / name

    nv = NORTHVALE_2024_03_14
    northvale_docx(nv, out("northvale-cme-2024-03-14.docx"))
    northvale_pdf(nv, out("northvale-cme-2024-03-14.pdf"))
    northvale_txt(nv, out("northvale-cme-2024-03-14.txt"))
    northvale_docx(NORTHVALE_2024_06_13, out("northvale-cme-2024-06-13.docx"))

    oak = OAKRIDGE_2025_06_03
    oakridge_txt(oak, out("oakridge-parish-2025-06-03.txt"))
    oakridge_docx(oak, out("oakridge-parish-2025-06-03.docx"))
    oakridge_pdf(oak, out("oakridge-parish-2025-06-03.pdf"))

    out("riverside-governors-2025-01-22.md").write_text(
        RIVERSIDE_2025_01_22_MD, encoding="utf-8", newline="\n")

    elmbrook_docx(ELMBROOK_2025_01_15, out("elmbrook-trust-2025-01-15.docx"))
    out("elmbrook-trust-2025-03-12.md").write_text(elmbrook_md(ELMBROOK_2025_03_12), encoding="utf-8", newline="\n")
    elmbrook_docx(ELMBROOK_2025_05_14, out("elmbrook-trust-2025-05-14.docx"))
    elmbrook_pdf(ELMBROOK_2025_05_14, out("elmbrook-trust-2025-05-14.pdf"))
    out("elmbrook-trust-2025-07-09.txt").write_text(elmbrook_txt(ELMBROOK_2025_07_09), encoding="utf-8", newline="\n")

    for name in built:
        print(f"{(OUT / name).stat().st_size:>7}  samples/{name}")


if __name__ == "__main__":
    main()
