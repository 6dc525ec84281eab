"""The fictional corpus ``make bench`` measures: built once into ``bench-out/`` with the sample builders.

200 fictional minutes rendered with the sample builders of
``scripts/build_samples.py`` (table-style "Northvale" and running-text
"Oakridge" minutes with varied names, dates and item counts), mixed PDF / DOCX
/ TXT, the PDFs 1 to 20 pages long; one 50-page PDF; and one 20-page scan (the
pages of a PDF rendered to images and wrapped as an image-only PDF). Rebuilt
only when missing or when the recipe changes.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
RECIPE = "corpus-v5"
"""Change when the corpus recipe changes, so that the corpus is rebuilt."""
SCAN_DPI = 150
"""Resolution of the bench's scan: a fax-quality page, as many archived scans are."""


FIRST = ["Hannah", "Tom", "Ruth", "Sam", "Alan", "Lucy", "Mary", "Priya", "Gareth", "Owen", "Nadia", "Keith",
         "Beth", "Imran", "Claire", "David", "Fiona", "George", "Helen", "Ian", "Joanne", "Kwame", "Laura",
         "Martin", "Niamh", "Oliver", "Paula", "Rachel", "Simon", "Tariq", "Una", "Victor", "Wendy", "Yusuf"]
LAST = ["Patel", "Bradshaw", "Okafor", "Iqbal", "Webb", "Fern", "Dunn", "Castell", "Lyle", "Price", "Hussain",
        "Armitage", "Rowley", "Malik", "Doyle", "Evans", "Grant", "Hughes", "Jones", "Khan", "Lewis", "Morgan",
        "Nolan", "Owusu", "Quinn", "Reid", "Shaw", "Turner", "Vance", "Walsh", "Young"]
ORGS = ["Eastmarsh", "W Hollin", "Kingsbridge", "Brackenford", "Thornbury Vale", "Northvale", "NCME",
        "Ashcombe", "Lowfield", "Marshgate", "Redbrook"]
TOPICS = ["the data sharing agreement", "the termly census", "reduced timetables", "the regional protocol",
          "elective home education", "the dashboard", "admissions in year", "training for new officers",
          "children moving between authorities", "the annual report", "the secure mailbox",
          "attendance figures", "the referral form", "the consultation response", "the duty rota"]
VERBS = ["circulate", "draft", "review", "update", "share", "report back on", "confirm", "prepare", "collate"]
TITLES = ["Welcome and matters arising", "Reduced timetables", "Regional protocol", "Dashboard and annual report",
          "Training and practice sharing", "Data sharing", "Elective home education", "Admissions",
          "Finance", "Safeguarding update", "Policies", "Correspondence", "Performance report", "Risk register"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _people(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    names = set()
    people = []
    while len(people) < count:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if (first, last) in names or any(p[0] == first for p in people):
            continue
        names.add((first, last))
        people.append((first, last, rng.choice(ORGS)))
    return people


def _sentence(rng: random.Random, who: str) -> str:
    topic = rng.choice(TOPICS)
    return rng.choice([
        f"{who} reported on {topic}; members discussed the figures and the next steps in some detail, "
        f"noting the pressures on each service over the coming term.",
        f"Members discussed {topic}. {who} explained the changes made since the last meeting and the "
        f"feedback received from schools and partner agencies.",
        f"{who} gave an update on {topic}, which was welcomed. Several authorities want to compare their "
        f"processes before the next meeting.",
    ])


def northvale_source(rng: random.Random, date: dt.date, items: int) -> dict:
    present = _people(rng, rng.randint(6, 12))
    apologies = _people(rng, rng.randint(1, 4))
    apologies = [p for p in apologies if p[0] not in {q[0] for q in present}] or apologies[:1]
    rows = []
    for number in range(1, items + 1):
        rows.append(("item", f"{number}. {rng.choice(TITLES)}", ""))
        for _ in range(rng.randint(2, 5)):
            first, last, _org = rng.choice(present)
            kind = rng.choice(["bullet", "para", "bullet"])
            if rng.random() < 0.4:
                due = date + dt.timedelta(days=rng.randint(7, 60))
                text = (f"{first} to {rng.choice(VERBS)} {rng.choice(TOPICS)} with the group by "
                        f"{_ordinal(due.day)} {due.strftime('%B')}.")
                owner = rng.choice([first, f"{first[0]}{last[0]}", "ALL"])
                rows.append((kind, text, owner))
            else:
                rows.append((kind, _sentence(rng, first), ""))
    rows.append(("item", "AOB", ""))
    rows.append(("para", "No other business was raised.", ""))
    nxt = date + dt.timedelta(days=rng.choice([28, 56, 63]))
    rows.append(([("label", "Dates of future meetings:"),
                  ("para", f"{_ordinal(nxt.day)} {nxt.strftime('%b')} 10am.")], ""))
    return {
        "header": "Sector-led Improvement Programme",
        "title": f"{rng.choice(ORGS)} Children Missing Education Group",
        "dateline": f"{_ordinal(date.day)} {date.strftime('%B %Y')} Record of meeting",
        "written": dt.datetime.combine(date, dt.time(14, 0)),
        "present": "Present: " + ", ".join(f"{f} {l} ({o})" for f, l, o in present) + ".",
        "apologies": "Apologies: " + ", ".join(f"{f} {l} ({o})" for f, l, o in apologies) + ".",
        "rows": rows,
    }


def oakridge_source(rng: random.Random, date: dt.date, minutes: int) -> dict:
    councillors = _people(rng, rng.randint(5, 9))
    clerk = _people(rng, 1)[0]
    year = date.year % 100
    lines = [
        ("title", f"{rng.choice(ORGS)} Parish Council"),
        ("subtitle", f"Minutes of the meeting held on {date.strftime('%A')} {date.day} {date.strftime('%B %Y')} "
                     f"at 7.30pm in the Village Hall"),
        ("label", "Present:"),
    ]
    lines += [("name", f"Cllr {f} {l}" + (" (Chair)" if i == 0 else "")) for i, (f, l, _o) in enumerate(councillors)]
    lines.append(("para", f"In attendance: {clerk[0]} {clerk[1]} (Clerk and RFO) and two members of the public."))
    base = rng.randint(10, 80)
    for i in range(minutes):
        lines.append(("minute", f"{year}/{base + i:03d} {rng.choice(TITLES)}"))
        for _ in range(rng.randint(1, 3)):
            first, last, _o = rng.choice(councillors)
            lines.append((rng.choice(["para", "bullet"]), _sentence(rng, f"Cllr {last}")))
        if rng.random() < 0.5:
            first, last, _o = rng.choice(councillors)
            lines.append(("para", f"Cllr {last} will {rng.choice(VERBS)} {rng.choice(TOPICS)}."))
            lines.append(("action", f"Action: {first[0]}{last[0]}"))
        elif rng.random() < 0.5:
            lines.append(("action", f"ACTION: Clerk to {rng.choice(VERBS)} {rng.choice(TOPICS)} by "
                                    f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"))
    nxt = date + dt.timedelta(days=28)
    lines.append(("minute", f"{year}/{base + minutes:03d} Date of next meeting"))
    lines.append(("para", f"Date of next meeting: {nxt.strftime('%A')} {nxt.day} {nxt.strftime('%B %Y')} at 7.30pm, "
                          f"Village Hall."))
    lines.append(("para", "The meeting closed at 9.05pm."))
    return {
        "footer": f"Parish Council \u2013 minutes of {date.day} {date.strftime('%B %Y')}",
        "written": dt.datetime.combine(date, dt.time(16, 0)),
        "txt_heading": f"Parish Council \u2014 Minutes of the meeting held on {date.day} {date.strftime('%B %Y')}",
        "lines": lines,
    }


def _pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _render_pdf(bs, rng: random.Random, date: dt.date, style: str, pages: int, path: Path,
                per_page: dict[str, float], *, exact: bool = False) -> int:
    """Render a PDF of about ``pages`` pages (at least ``pages`` if ``exact``), correcting the item count."""
    units = max(1, round(pages * per_page[style]))
    for _ in range(6 if exact else 3):
        seed = rng.random()
        if style == "northvale":
            bs.northvale_pdf(northvale_source(random.Random(seed), date, units), path)
        else:
            bs.oakridge_pdf(oakridge_source(random.Random(seed), date, units), path)
        got = _pdf_pages(path)
        if (pages <= got <= pages + 2) if exact else abs(got - pages) <= max(1, pages // 5):
            break
        units = max(1, round(units * (pages + 0.5) / got)) + (1 if exact and got < pages else 0)
    per_page[style] = 0.7 * per_page[style] + 0.3 * (units / max(got, 1))
    return got


def build_corpus(count: int) -> tuple[Path, Path, Path]:
    """The corpus folder, the 50-page PDF and the 20-page scan."""
    corpus, big, scan = OUT / "corpus", OUT / "fifty-pages.pdf", OUT / "scan-twenty-pages.pdf"
    stamp = OUT / "corpus.stamp"
    recipe = f"{RECIPE} {count}"
    if stamp.exists() and stamp.read_text() == recipe and big.exists() and scan.exists():
        return corpus, big, scan
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_samples as bs  # reportlab + python-docx renderers of the samples

    shutil.rmtree(corpus, ignore_errors=True)
    for sub in ("pdf", "docx", "txt"):
        (corpus / sub).mkdir(parents=True)
    rng = random.Random(20240314)
    per_page = {"northvale": 2.2, "oakridge": 4.0}
    started = time.perf_counter()
    pages_total = 0
    for i in range(count):
        date = dt.date(2023, 1, 10) + dt.timedelta(days=rng.randint(0, 1000))
        style = "northvale" if i % 2 == 0 else "oakridge"
        kind = ("pdf", "docx", "txt")[i % 3]
        name = f"{style}-{date.isoformat()}-{i:03d}.{kind}"
        path = corpus / kind / name
        if kind == "pdf":
            pages_total += _render_pdf(bs, rng, date, style, rng.randint(1, 20), path, per_page)
            continue
        units = rng.randint(2, 12)
        src = northvale_source(rng, date, units) if style == "northvale" else oakridge_source(rng, date, units)
        getattr(bs, f"{style}_{kind}")(src, path)
    got = _render_pdf(bs, rng, dt.date(2024, 3, 14), "northvale", 50, big, per_page, exact=True)
    _scan_of(big, scan, pages=20)
    stamp.write_text(recipe)
    print(f"built corpus: {count} documents ({pages_total} PDF pages) and a {got}-page PDF "
          f"in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return corpus, big, scan


def _scan_of(pdf: Path, out: Path, pages: int) -> None:
    """An image-only copy of the first ``pages`` pages of ``pdf``, as a scanner would make it."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    images = [doc[i].render(scale=SCAN_DPI / 72, grayscale=True).to_pil() for i in range(min(pages, len(doc)))]
    doc.close()
    images[0].save(out, "PDF", resolution=SCAN_DPI, save_all=True, append_images=images[1:])
