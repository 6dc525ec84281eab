"""Build five more meetings of the fictional Northvale Children Missing Education Group.

Run from the project root::

    .venv/bin/python scripts/build_group_samples.py

Together with ``samples/northvale-cme-2024-03-14.*`` and ``-2024-06-13.docx``
(built by ``build_samples.py``) they make one group's minutes over two years,
which the cross-meeting views (actions tracker, attendance register, calendar,
search, SQLite index) are tested on. The renderers are those of
``build_samples.py``, so the new minutes follow the same conventions (an
``Item | Actions`` table with short owners on the right) and the output is
byte-for-byte the same on every run.

On purpose, people and organisations are written differently from meeting to
meeting, as real minutes do: ``Dr Alan Webb`` / ``Alan Webb``,
``Priya Castell-Moore`` / ``Priya Castell Moore``, ``Cllr Mary Dunn`` /
``Mary Dunn``, ``K Armitage`` / ``Keith Armitage``, ``W Hollin`` /
``West Hollin``, ``Northvale`` / ``Northvale Council``, ``Brackenford`` /
``Brackenford Borough Council``, ``Kingsbridge & Eastmarsh`` / ``Kingsbridge
and Eastmarsh`` and ``Thornbury`` / ``Thornbury Vale`` (the last only a user
alias file joins: ``samples/northvale-aliases.toml``). Josh Patel joins in
September 2024: a different person from Hannah Patel. Lucy Fern stops coming
after June 2024 (absent without apologies from November), and Hannah Patel
hands the chair to Ruth Okafor in March 2025.

Everything here is invented.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_samples import OUT, northvale_docx, northvale_pdf, northvale_txt  # noqa: E402

HEADER = "Northvale Sector-led Improvement Programme"
TITLE = "Northvale Children Missing Education Group"

NORTHVALE_2024_09_19 = {
    "header": HEADER,
    "title": TITLE,
    "dateline": "19th September 2024 Record of meeting",
    "written": dt.datetime(2024, 9, 23, 10, 15),
    "present": (
        "Present: Hannah Patel (Eastmarsh and Chair), Tom Bradshaw (West Hollin), "
        "Ruth Okafor & Sam Iqbal (Kingsbridge), Alan Webb (Brackenford), "
        "Priya Castell-Moore (Kingsbridge & Eastmarsh), Gareth Lyle (Northvale), "
        "Josh Patel (Northvale), Cllr Mary Dunn (Thornbury Vale), Owen Price (NCME)."
    ),
    "apologies": (
        "Apologies: Nadia Hussain (Northvale), K Armitage (Thornbury Vale), "
        "Beth Rowley (W Hollin), Lucy Fern."
    ),
    "rows": [
        ("item", "1. Welcome and notes of the last meeting", ""),
        ("bullet",
         "Hannah welcomed Josh Patel, who leads on in-year admissions for Northvale. "
         "Notes of the meeting on 13th June were agreed as an accurate record.", ""),
        ("bullet",
         "Lead officers: every authority has confirmed its lead officer for the protocol "
         "apart from Thornbury Vale. Mary to confirm the Thornbury Vale lead officer "
         "with Keith by 4th October.", "MD"),
        ("item", "2. In-year admissions for children missing education", ""),
        ("para",
         "Josh presented Northvale\u2019s in-year admissions figures. Children who had been "
         "missing education waited on average 31 school days for a school place, "
         "against 12 days for other in-year applicants.", ""),
        ("para", "Points raised in discussion:", ""),
        ("bullet",
         "Delays are longest where a school is full and the case goes to the fair access "
         "panel, which in some authorities meets only once a month.", ""),
        ("bullet",
         "Members would like a shared standard for how quickly a school place should be "
         "offered to a child who has been missing education.", ""),
        ("para",
         "Josh and Gareth to draft a shared standard for offering school places, for "
         "discussion at the November meeting.", "JP / GL"),
        ("item", "3. Annual report 2023-24", ""),
        ("para",
         "Owen reported that the annual report went to the Directors\u2019 meeting on 18th "
         "July and was well received. Directors asked for a short summary for elected "
         "members.", ""),
        ("para",
         "Owen to prepare a two-page summary for elected members by 31st October.", "Owen"),
        ("item", "4. Summer holiday cover \u2013 review", ""),
        ("para",
         "The duty rota worked well: eleven urgent enquiries were handled in August and "
         "none waited more than a day.", ""),
        ("para", "Agreed: the rota will be repeated for the Christmas holidays.", ""),
        ("para",
         "Priya to update the rota for the Christmas holidays and circulate it by 29th "
         "November.", "PCM"),
        ("item", "5. Tracing children who have left the country", ""),
        ("para",
         "Tom ran the session on tracing children who are believed to have left the "
         "country. Members found the checklist of enquiries particularly useful.", ""),
        ("para",
         "Tom to share the slides and the port authority contact details with the group.",
         "Tom"),
        ("item", "AOB", ""),
        ("para",
         "Mary asked for the termly figures for Thornbury Vale to go to the scrutiny panel "
         "in December. Members to send their autumn term census returns to Owen by 13th "
         "December.", "ALL"),
        ([("label", "Dates of future meetings:"),
          ("para",
           "14th Nov 10am at Kingsbridge Civic Centre; 23rd Jan 10am via Teams; "
           "20th March 10am.")], ""),
    ],
}

NORTHVALE_2024_11_14 = {
    "header": HEADER,
    "title": TITLE,
    "dateline": "14th November 2024 Record of meeting held at Kingsbridge Civic Centre",
    "written": dt.datetime(2024, 11, 18, 9, 40),
    "present": (
        "Present: Hannah Patel (Eastmarsh and Chair), Tom Bradshaw (W Hollin), "
        "Beth Rowley (W Hollin), Ruth Okafor (Kingsbridge), Dr Alan Webb (Brackenford), "
        "Priya Castell Moore (Kingsbridge and Eastmarsh), Nadia Hussain (Northvale), "
        "Josh Patel (Northvale), Keith Armitage (Thornbury), Owen Price (NCME)."
    ),
    "apologies": (
        "Apologies: Sam Iqbal (Kingsbridge), Gareth Lyle (Northvale), "
        "Cllr Mary Dunn (Thornbury Vale)."
    ),
    "rows": [
        ("item", "1. Welcome and matters arising", ""),
        ("bullet",
         "Notes of the meeting on 19th September were agreed as an accurate record.", ""),
        ("bullet",
         "Lead officers: Keith confirmed that he is the lead officer for Thornbury Vale, "
         "so every authority now has one.", ""),
        ("bullet",
         "Annual report summary: Owen circulated the two-page summary for elected members "
         "on 30th October.", ""),
        ("item", "2. School place standard", ""),
        ("para",
         "Josh presented the draft standard: a school place to be offered within 15 school "
         "days of a child who has been missing education being identified, and within 5 "
         "days where there are safeguarding concerns.", ""),
        ("para",
         "Members supported the standard in principle; Brackenford need to check it "
         "against their coordinated admissions scheme.", ""),
        ("para", "Alan to confirm Brackenford\u2019s position by 10th January.", "Alan"),
        ("para",
         "Josh to revise the standard in the light of the comments and circulate it with "
         "the papers for the January meeting.", "JP"),
        ("item", "3. Elective home education \u2013 annual returns", ""),
        ("para",
         "Beth reported that West Hollin\u2019s register of children in elective home "
         "education has grown by 12% since last year, mostly among primary-age children.", ""),
        ("para",
         "Beth and Nadia to compare how their authorities record the reasons parents give, "
         "and report to the group in March.", "BR / NH"),
        ("item", "4. Christmas holiday cover", ""),
        ("para",
         "Priya circulated the updated rota. Members to check their entries and send "
         "corrections to Priya by 6th December.", "ALL"),
        ("item", "5. Chair of the group", ""),
        ("para",
         "Hannah announced that she will step down as Chair after the January meeting. "
         "Ruth has offered to take on the role.", ""),
        ("para", "Agreed: Ruth Okafor will chair the group from the March 2025 meeting.", ""),
        ("item", "AOB", ""),
        ("para", "No other business was raised.", ""),
        ([("label", "Dates of future meetings:"),
          ("para",
           "23rd Jan 10am via Teams; 20th March 10am at Brackenford Library; "
           "15th May 10am.")], ""),
    ],
}

NORTHVALE_2025_01_23 = {
    "header": HEADER,
    "title": TITLE,
    "dateline": "23rd January 2025 Record of meeting via Teams",
    "written": dt.datetime(2025, 1, 27, 15, 5),
    "present": (
        "Present: Hannah Patel (Eastmarsh and Chair), Tom Bradshaw (West Hollin), "
        "Ruth Okafor & Sam Iqbal (Kingsbridge), Dr Alan Webb (Brackenford), "
        "Priya Castell-Moore (Kingsbridge & Eastmarsh), Gareth Lyle (Northvale), "
        "Josh Patel (Northvale), Cllr Mary Dunn (Thornbury Vale), "
        "Keith Armitage (Thornbury Vale), Owen Price (NCME)."
    ),
    "apologies": "Apologies: Nadia Hussain (Northvale), Beth Rowley (West Hollin).",
    "rows": [
        ("item", "1. Welcome and notes of the last meeting", ""),
        ("bullet",
         "Notes of the meeting on 14th November were agreed as an accurate record.", ""),
        ("bullet",
         "Hannah thanked members for their support during her time as Chair.", ""),
        ("item", "2. School place standard \u2013 final draft", ""),
        ("para",
         "Alan confirmed that Brackenford can work to the standard from September.", ""),
        ("para",
         "Agreed: the school place standard will be adopted across the group from 1st "
         "September 2025.", ""),
        ("para",
         "Owen to publish the standard on the NCME web page and send it to Directors by "
         "14th February.", "OP"),
        ("item", "3. Autumn term census", ""),
        ("bullet",
         "All returns were received. The number of children missing education fell by 4% "
         "on the autumn term last year.", ""),
        ("bullet",
         "Owen will update the dashboard with the autumn term figures by 28th February.",
         "Owen"),
        ("item", "4. Reduced timetables \u2013 one year on", ""),
        ("para",
         "Ruth reported that Kingsbridge\u2019s online form is now used by every secondary "
         "school, and end dates are recorded for 85% of reduced timetables.", ""),
        ("para",
         "Sam to share the anonymised review meeting template with the group by 7th March.",
         "Sam"),
        ("para",
         "Gareth and Keith to look at whether Northvale and Thornbury Vale could adopt the "
         "form.", "GL / KA"),
        ("item", "AOB", ""),
        ("para",
         "Mary asked that the group\u2019s thanks to Hannah be recorded. Members to send Owen "
         "any items for the March agenda by 28th February.", "ALL"),
        ([("label", "Dates of future meetings:"),
          ("para",
           "20th March 10am at Brackenford Library; 15th May 10am; "
           "10th July 1pm to 3.30pm at Brackenford Library.")], ""),
    ],
}

NORTHVALE_2025_03_20 = {
    "header": HEADER,
    "title": TITLE,
    "dateline": "20th March 2025 Record of meeting held at Brackenford Library",
    "written": dt.datetime(2025, 3, 24, 12, 30),
    "present": (
        "Present: Ruth Okafor (Kingsbridge and Chair), Hannah Patel (Eastmarsh), "
        "Tom Bradshaw (W Hollin), Beth Rowley (W Hollin), Sam Iqbal (Kingsbridge), "
        "Alan Webb (Brackenford Borough Council), Priya Castell-Moore "
        "(Kingsbridge & Eastmarsh), Nadia Hussain (Northvale Council), "
        "Josh Patel (Northvale Council), Owen Price (NCME)."
    ),
    "apologies": (
        "Apologies: Gareth Lyle (Northvale), Mary Dunn (Thornbury Vale), "
        "Keith Armitage (Thornbury Vale)."
    ),
    "rows": [
        ("item", "1. Welcome and matters arising", ""),
        ("bullet",
         "Ruth welcomed everyone to her first meeting as Chair. Notes of the meeting on "
         "23rd January were agreed as an accurate record.", ""),
        ("bullet",
         "School place standard: Owen published the standard on 12th February.", ""),
        ("bullet",
         "Dashboard: the autumn term figures have not yet been added. Owen to complete "
         "the dashboard by 4th April.", "Owen"),
        ("item", "2. Elective home education \u2013 recording reasons", ""),
        ("para",
         "Beth and Nadia compared how West Hollin and Northvale record the reasons parents "
         "give for choosing home education, and proposed a shared list of eleven reasons.", ""),
        ("para",
         "Agreed: all authorities will use the shared list of reasons from the summer term.",
         ""),
        ("para", "Beth to circulate the final list of reasons by 11th April.", "BR"),
        ("item", "3. Children missing education guidance", ""),
        ("para",
         "Owen summarised the consultation on revised statutory guidance, which proposes "
         "a duty on schools to share the reasons for a child\u2019s removal from roll.", ""),
        ("para",
         "Hannah and Priya to draft the group\u2019s response to the consultation by 2nd May.",
         "HP / PCM"),
        ("item", "4. Reduced timetables", ""),
        ("para",
         "Gareth had sent a note: Northvale will pilot the Kingsbridge form from the summer "
         "term. Thornbury Vale is still considering it.", ""),
        ("para",
         "Keith to confirm whether Thornbury Vale will adopt the form by 16th May.", "Keith"),
        ("item", "AOB", ""),
        ("para",
         "Tom will retire at the end of the summer term; Beth will lead for West Hollin "
         "from September.", ""),
        ([("label", "Dates of future meetings:"),
          ("para",
           "15th May 10am via Teams; 10th July 1pm to 3.30pm at Brackenford Library; "
           "18th Sept 10am.")], ""),
    ],
}

NORTHVALE_2025_07_10 = {
    "header": HEADER,
    "title": TITLE,
    "dateline": "10th July 2025 Record of meeting held at Brackenford Library",
    "written": dt.datetime(2025, 7, 14, 16, 0),
    "present": (
        "Present: Ruth Okafor (Kingsbridge and Chair), Tom Bradshaw (West Hollin), "
        "Beth Rowley (West Hollin), Sam Iqbal (Kingsbridge), Dr Alan Webb (Brackenford), "
        "Priya Castell Moore (Kingsbridge and Eastmarsh), Gareth Lyle (Northvale), "
        "Nadia Hussain (Northvale), Cllr Mary Dunn (Thornbury Vale), "
        "Keith Armitage (Thornbury Vale), Owen Price (NCME)."
    ),
    "apologies": "Apologies: Hannah Patel (Eastmarsh), Josh Patel (Northvale).",
    "rows": [
        ("item", "1. Welcome and notes of the last meeting", ""),
        ("bullet",
         "Notes of the meeting on 15th May were agreed as an accurate record.", ""),
        ("bullet",
         "Ruth thanked Tom, who retires at the end of term, for his work for the group "
         "since it began.", ""),
        ("item", "2. Consultation on children missing education guidance", ""),
        ("para",
         "Priya reported that the group\u2019s response was submitted on 30th April. "
         "The outcome is expected in the autumn.", ""),
        ("item", "3. Summer holiday cover", ""),
        ("para",
         "Priya and Beth to update the duty rota for August and circulate it by 25th July.",
         "PCM / BR"),
        ("item", "4. Annual report 2024-25", ""),
        ("para",
         "Owen will draft the annual report for the Directors\u2019 meeting in September and "
         "circulate it to members by 5th September.", "Owen"),
        ("para", "Members to send case studies to Owen by 22nd August.", "ALL"),
        ("item", "5. Reduced timetables", ""),
        ("para",
         "Keith confirmed that Thornbury Vale will adopt the notification form from "
         "September.", ""),
        ("para",
         "Agreed: the notification form will be used by every authority in the group from "
         "September 2025.", ""),
        ("para", "Sam to update the guidance note for schools by 12th September.", "Sam"),
        ("item", "AOB", ""),
        ("para", "No other business was raised.", ""),
        ([("label", "Dates of future meetings:"),
          ("para", "18th Sept 10am; 13th Nov 10am at Kingsbridge Civic Centre.")], ""),
    ],
}

# A user alias file for this group, as an officer would write one (see README: --aliases).
ALIASES_TOML = """\
# Organisation names this group writes in more than one way, beyond the
# built-in table of English local authorities' abbreviations.
# Give it to `cme-notes index`, `attendance`, `people` or `calendar` with --aliases FILE;
# an index remembers it. Names match whatever their case, dots, "&"/"and" and spacing.
[organisations]
"Thornbury" = "Thornbury Vale"

# [people]: names no rule can join (a nickname, a changed surname), as written = the person.
#   "Tommy Bradshaw" = "Tom Bradshaw"

# [groups]: meeting titles that are one group. Each line names the group (the name the
# register, the calendar and `people` show) and the titles that are it; a title not
# listed stays its own group, so a committee is kept apart from its council unless it
# is listed too. `--group` with a listed name or title means exactly that group.
# The Northvale minutes all carry one title, so this file needs none; for example:
#   [groups]
#   "Oakridge Parish Council" = ["Oakridge PC", "Oakridge Parish Council Meeting"]
"""


def main() -> None:
    built = [
        ("northvale-cme-2024-09-19.docx", northvale_docx, NORTHVALE_2024_09_19),
        ("northvale-cme-2024-11-14.txt", northvale_txt, NORTHVALE_2024_11_14),
        ("northvale-cme-2025-01-23.pdf", northvale_pdf, NORTHVALE_2025_01_23),
        ("northvale-cme-2025-03-20.docx", northvale_docx, NORTHVALE_2025_03_20),
        ("northvale-cme-2025-07-10.txt", northvale_txt, NORTHVALE_2025_07_10),
    ]
    OUT.mkdir(exist_ok=True)
    for name, render, source in built:
        render(source, OUT / name)
    (OUT / "northvale-aliases.toml").write_text(ALIASES_TOML, encoding="utf-8", newline="\n")
    for name in [b[0] for b in built] + ["northvale-aliases.toml"]:
        print(f"{(OUT / name).stat().st_size:>7}  samples/{name}")


if __name__ == "__main__":
    main()
