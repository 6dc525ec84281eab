"""Tasks given in plain sentences: "Nick to create a ticket.", "Cllrs Cole and Marsh to interview.",
"Ali would send copies of the plans", "The clerk agreed to put a notice up", "Victor will enquire".

Precision comes from the owners: every one must be someone of the meeting (a
name, surname, first name or initials of a person listed), "all", a post ("the
Clerk") or titled ("Cllr Blake"), and they must open a clause, so that "an
agreement with Ken to share" gives Ken nothing. Lines wrapped by the file
(a PDF's or a text file's line ends) are joined back into their sentences first.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..layout import Para
from ..owners import OwnerResolver
from ..dates import find_dates
from ..text import ends_sentence, sentences
from .common import OWNER_RUN, is_group, known_tail, task_leads

_BODY = ("line", "para", "pdfline")
# "Liaison meeting set for 4th February. Cllrs O'Neill and Marsh to attend.": the task is the meeting before it
_ATTEND = re.compile(r"\b(?:to|will|would)\s+attend\s*(?:it|this|the meeting)?\W*$", re.IGNORECASE)
# "2. Garden: " opening a numbered paragraph is its heading, not part of the task
_HEAD = re.compile(r"^\(?\d{1,3}(?:\.\d{1,2})*[.)]?\s+(?:[^:.]{1,40}:\s+)?")
# "Nick to create", "Bram is to order": a task set, where "will" and "would" may only report an intention
_FIRM = frozenset({"to", "is", "are", "was", "were", "has", "have"})
# a council's resolution directing a body: "That the Public Service be directed to report back…"
_DIRECTED = re.compile(r"^That\s+(?:the\s+)?" + OWNER_RUN + r"\s+be\s+(?:directed|requested|instructed|asked|authori[sz]ed)\s+to\s+[a-z]")
# a bullet this long is a paragraph: its sentence, not the whole of it, is the task
_BULLET_MAX = 250


@dataclass(frozen=True, slots=True)
class Run:
    """One paragraph of prose rebuilt from the lines it was wrapped over."""

    text: str
    paras: tuple[Para, ...]
    starts: tuple[int, ...]
    """Offset in ``text`` at which each of ``paras`` begins."""

    def para_at(self, offset: int) -> Para:
        return self.paras[max(0, bisect_right(self.starts, offset) - 1)]


def prose_runs(paras: list[Para], titles: set[int], item_of: dict) -> list[Run]:
    runs: list[Run] = []
    current: list[Para] = []
    for para in paras:
        if current and _continues(current[-1], para, titles, item_of):
            current.append(para)
            continue
        if current:
            runs.append(_run(current))
        current = [para]
    if current:
        runs.append(_run(current))
    return runs


def _continues(prev: Para, para: Para, titles: set[int], item_of: dict) -> bool:
    """Whether ``para`` is the next line of the paragraph ``prev`` was wrapped from."""
    if prev.index in titles or para.index in titles or para.style not in ("",):
        return False
    if prev.group is None or para.group is None or prev.group[0] not in _BODY or para.group[0] not in _BODY:
        return False
    if item_of.get(prev.index) != item_of.get(para.index) or prev.style in ("heading", "bold"):
        return False
    a, b = prev.source, para.source
    if a is not None and b is not None and a.line is not None and b.line is not None:
        return b.line == a.line + 1  # a text file: wrapped lines follow one another, a blank line ends the paragraph
    return not ends_sentence(prev.text)


def _run(paras: list[Para]) -> Run:
    starts, parts, offset = [], [], 0
    for para in paras:
        starts.append(offset)
        parts.append(para.text.strip())
        offset += len(parts[-1]) + 1
    return Run(" ".join(parts), tuple(paras), tuple(starts))


def sentence_tasks(run: Run, resolver: OwnerResolver, strong_only: bool = False):
    """(sentence, owners as written, paragraph it starts in) for each sentence of a run that gives a named owner a task."""
    offset = 0
    whole = len(run.paras) == 1 and run.paras[0].style in ("bullet", "numbered") and len(run.text) <= _BULLET_MAX
    before = ""
    for sentence in sentences(run.text):
        start = run.text.find(sentence, offset)
        offset = start + len(sentence) if start >= 0 else offset
        tasks = _tasks_in(_HEAD.sub("", sentence), resolver, strong_only)
        if len(tasks) == 1 and _ATTEND.search(sentence) and find_dates(before) and not find_dates(sentence):
            tasks = [(f"{_HEAD.sub('', before)} {tasks[0][0]}", tasks[0][1])]  # the meeting they are to attend
        before = sentence
        if whole and tasks:
            yield (run.text if len(tasks) == 1 else tasks[0][0]), tasks[0][1], run.paras[0]
            for task, who in tasks[1:]:
                yield task, who, run.paras[0]
            return
        for task, who in tasks:
            yield task, who, run.para_at(max(start, 0))


def _tasks_in(sentence: str, resolver: OwnerResolver, strong_only: bool = False) -> list[tuple[str, str]]:
    """The tasks of one sentence: usually one; "Ali would send the plans and AH would collate comments" is two."""
    leads: list[tuple[int, int]] = []
    for who, verb, governed in task_leads(sentence, governed=True):
        firm = verb.group(0).split()[0] in _FIRM
        if not firm and (strong_only or is_group(who.group("who"))):
            continue  # "Members will recall…" reports, "Members to send…" sets a task
        start = known_tail(who, governed, resolver)
        if start is not None:
            leads.append((start, who.end()))
    directed = _DIRECTED.search(sentence)
    if not leads and directed:
        return [(sentence, directed.group("who"))]
    tasks = []
    for n, (who_start, who_end) in enumerate(leads):
        start = 0 if n == 0 else who_start
        clause = sentence.rfind(";", start, who_start)
        start = clause + 1 if clause >= 0 else start  # "the path was cleared; the clerk to chase": the clause with the task
        end = leads[n + 1][0] if n + 1 < len(leads) else len(sentence)
        task = re.sub(r"[\s,;]*(?:\band|\bwhile|\bwhilst)?\s*$", "", sentence[start:end]).strip()
        tasks.append((task, sentence[who_start:who_end]))
    return tasks
