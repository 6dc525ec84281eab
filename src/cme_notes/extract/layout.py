"""From blocks to what the rules read: paragraphs of text, Actions-column entries, action-log rows, people cells.

This is where a table's columns get their meaning (from its header row, or
from what the cells hold): a number column, text columns, an Actions column
whose short entries belong to the text on the same row, an action log, or an
attendance table. Body lines split by a tab or a wide gap are read the same
way: the first segment is text, short later segments are column entries.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..document import Block, Document
from .dates import first_date
from .grid import read_grid
from .ledger import is_ledger_head, payments_list
from .people import parse_people, section_label

Group = tuple


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    index: int
    group: Group | None = None
    """Blocks on the same table row or the same physical line share a group."""
    pos: float = 0.0
    """Vertical position within the group (page/top for PDF, paragraph number otherwise)."""
    style: str = ""
    number: str | None = None
    """Item number given in a table's number column, for the row's first paragraph."""
    first_in_row: bool = False
    source: Block | None = None
    """The block the text was read from (the first, where several were joined), for ``where``."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A short entry of an Actions column ("Chris", "MS / CO"), still to be attached to text."""

    text: str
    index: int
    group: Group | None = None
    pos: float = 0.0
    source: Block | None = None
    declared: bool = True
    """Whether a header named the column Actions; an undeclared one (short words at the end of a row or a
    line) is only an Actions column if its entries turn out to be people of the meeting."""


@dataclass(frozen=True, slots=True)
class ActionRow:
    """A row of an action log table: | Action | Owner | Due |."""

    description: str
    owners: str
    due: str
    item: str | None
    index: int
    source: Block | None = None
    status: str = ""
    """What a Status column says ("Done", "Ongoing"): the row reviews an action set at an earlier meeting."""
    raised: str = ""
    """Where a reviewed action was set ("Date raised", "Meeting" column), as written."""
    per_person: bool = False
    """From a table of one person's tasks ("Callum tasks:" | Hours), the owner taken from its header."""
    ref: str = ""
    """The action's own reference from a Ref / ID column ("A12", "EB-03", "Mar24.03"), as written."""
    completed_column: bool = False
    """Whether ``status`` is from a Completed / Done? column, where a tick or a date alone says done."""


@dataclass(frozen=True, slots=True)
class PeopleCell:
    """A cell of people from an attendance table: the column's header, the cell's text, and the convention."""

    head: str
    text: str
    index: int
    source: Block
    rule: str


@dataclass(slots=True)
class Layout:
    paras: list[Para] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    action_rows: list[ActionRow] = field(default_factory=list)
    people_cells: list[PeopleCell] = field(default_factory=list)
    """Cells of attendance tables and grids."""
    actions_column: bool = False
    """Whether the minutes have an Actions column at all (so lone owner lines are entries)."""
    actions_header: bool = False
    """Whether a header has named an Actions column so far (so later entries are declared)."""


# a segment of a line set out in columns that is one or two names
_MAX_PEOPLE_SEGMENT = 60
# a segment that is surely a name: a title before it ("Cllr C Brown"), or a first name or initial and a surname
_PERSON_SEGMENT = re.compile(
    r"^(?:(?i:cllrs?|councillor|mrs?|ms|miss|dr|prof|rev)\.?\s+[A-Z][\w.' \-]*(?:\([^()]*\))?"
    r"|(?:[A-Z][a-z]+|[A-Z]\.?)\s+[A-Z][a-z][\w'\-]*(?:\s+\([^()]*\))?)$"
)
# how far down the document the meeting's date is looked for
_DAY_BLOCKS = 12
_NUMBER = re.compile(r"^(?:item\s+)?\d{1,3}(?:[./]\d{1,4})*[.):]?$", re.IGNORECASE)
_H_ACTIONS = re.compile(r"^(?:actions?|action\s*by|action\s*owner|owners?|who|by\s*whom|lead|responsible|person\s*responsible)\s*:?$", re.I)
_H_DESCRIPTION = re.compile(
    r"^(?:actions?|action\s*(?:required|points?|agreed|items?)|actions?\s*to\s*be\s*taken|tasks?|description|what)\s*:?$", re.I
)
_H_OWNER = re.compile(
    r"^(?:owners?|owner\(s\)|action\s*owners?|who\??|by\s*whom|lead|responsible|responsibility|person\s*responsible"
    r"|action\s*by|assigned\s*to)\s*:?$", re.I
)
_H_DUE = re.compile(
    r"^(?:due(?:\s*date)?|by\s*when|deadline|target(?:\s*date)?|when\??|date\s*due|by|time\s*-?scales?"
    r"|(?:target\s*)?completion(?:\s*date)?|date\s*for\s*completion)\s*:?$", re.I
)
# "Date raised", "Meeting": where a reviewed action was set
_H_RAISED = re.compile(r"^(?:date\s*raised|raised(?:\s*(?:on|at|in))?|(?:original\s*)?meeting(?:\s*date)?)\s*:?$", re.I)
_H_STATUS = re.compile(r"^(?:(?:current\s*|rag\s*)?status|progress(?:\s*update)?|update(?:\s*/\s*status)?|outcome)\s*:?$", re.I)
# "Completed", "Done?", "Date closed": a column whose tick or date alone says the action was done
_H_COMPLETED = re.compile(r"^(?:done|complete(?:d)?|closed|(?:date\s*)?(?:completed|closed)|(?:completed|closed)\s*(?:on|date))"
                          r"\s*\??\s*(?:\(?(?:y/n|date)\)?)?\s*:?$", re.I)
# "Ref", "Action no.", "ID": the action's own reference, which a later meeting's review cites
_H_REF = re.compile(r"^(?:ref(?:erence)?\.?(?:\s*no\.?)?|action\s*(?:ref\.?|no\.?|id|#|number)|id)\s*:?$", re.I)
# "Callum tasks:", "Tasks for Priya", "Sam's actions": a table holding one person's tasks
_PERSON_TASKS = re.compile(
    r"^(?:(?P<who>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*)?)(?:['\u2019]s)?\s+(?:tasks|actions|to[\s-]?dos?)"
    r"|(?:tasks|actions|to[\s-]?dos?)\s+for\s+(?P<for>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*)?))\s*:?$"
)
_H_NUMBER = re.compile(r"^(?:#|no\.?|item\s*no\.?|minute(?:\s*no\.?)?|min(?:\.|ute)?\s*(?:no\.?|ref\.?)|number)\s*:?$", re.I)
_H_ITEM = re.compile(r"^(?:items?|agenda\s*items?|minutes?|discussion|notes?|details?|subject|topic)\s*:?$", re.I)
_H_ACTION_WORD = re.compile(r"^actions?\s*:?$", re.I)
_H_PEOPLE = re.compile(
    r"^(?:present|attendees|attending|in\s*attendance|also\s*(?:present|in\s*attendance)|apologies(?:\s*for\s*absence)?"
    r"|absent|regrets|members(?:\s*present)?|governors|officers|invited|guests|participants|observers"
    r"|chaired\s*by|clerked\s*by|minutes?\s*taken\s*by|minute\s*taker)\s*:?$",
    re.I,
)


_H_NAME = re.compile(r"^(?:full\s*)?(?:names?|attendees?|members?|representatives?|who attended)\s*:?$", re.I)
_H_ATTENDED = re.compile(r"^(?:attendees?|members?\s*present|who attended|present|attending)\s*:?$", re.I)
_H_ORG = re.compile(r"^(?:organi[sz]ations?|org|authority|local authority|la|council|representing|service|school|agency)\s*:?$", re.I)
_H_ROLE = re.compile(r"^(?:role|title|position|job title|designation)\s*:?$", re.I)


def build_layout(document: Document) -> Layout:
    layout = Layout()
    counter = _Counter()
    blocks = document.blocks
    pending: list[str] | None = None  # a header row written as a line of text just above its table
    day = _day_hint(blocks)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.table is not None:
            j = i
            while j < len(blocks) and blocks[j].table == block.table:
                j += 1
            _read_table(blocks[i:j], layout, counter, pending, day)
            pending = None
            i = j
            continue
        j = i + 1
        key = _line_key(block)
        while key is not None and j < len(blocks) and blocks[j].table is None and _line_key(blocks[j]) == key:
            j += 1
        pending = _read_line(blocks[i:j], layout, counter)
        i = j
    return layout


class _Counter:
    def __init__(self) -> None:
        self.n = 0
        self.in_people = False
        """Whether the lines just read are a people list set out in columns."""

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _line_key(block: Block) -> Group | None:
    """Blocks that sit on one physical line: same text line, or same page and top in a PDF."""
    if block.line is not None:
        return ("line", block.line)
    if block.top is not None and block.col is not None:
        return ("pdfline", block.page, round(block.top))
    return None


def _read_line(blocks: list[Block], layout: Layout, counter: _Counter) -> list[str] | None:
    """Read one physical line; a line of column labels ("ITEM  BY WHOM  BY WHEN") is returned for the table below."""
    texts = [b.text.strip() for b in blocks if b.text.strip()]
    if not texts:
        return
    lone_header = len(texts) == 1 and bool(blocks[0].col) and _H_ACTIONS.match(texts[0])
    if lone_header or any(_H_ACTIONS.match(t) for t in texts[1:]):
        layout.actions_column = layout.actions_header = True  # "Item <tab> Actions" header of a table exported as text
        return texts
    first = blocks[0]
    group = _line_key(first) or ("para", counter.n + 1)
    index = counter()
    main, side = texts[0], texts[1:]
    if side and _people_segments(texts, counter.in_people):
        main, side = ", ".join(texts), []  # "Present:  Cllr A Fowler  Cllr B Jones": a list set out in columns
        counter.in_people = True
    else:
        counter.in_people = counter.in_people and not side and bool(_PERSON_SEGMENT.match(main))
    # a long later segment is more text, not an Actions entry
    extra = [s for s in side if len(s) > 40]
    side = [s for s in side if len(s) <= 40]
    if extra:
        main = " ".join([main, *extra])
    layout.paras.append(Para(main, index, group, _pos(first), first.style, source=first))
    for text in side:
        block = next((b for b in blocks if b.text.strip() == text), first)
        layout.entries.append(Entry(text, index, group, _pos(first), block, layout.actions_header))


def _people_segments(texts: list[str], in_people: bool) -> bool:
    """A line of short segments that are a people label and names, or names only on the lines below such a label."""
    if any(len(t) > _MAX_PEOPLE_SEGMENT for t in texts[1:]):
        return False
    label = section_label(texts[0])
    if label is not None and not label[1]:
        return True
    return in_people and all(_PERSON_SEGMENT.match(t) and parse_people(t) for t in texts)


def _pos(block: Block) -> float:
    if block.top is not None:
        return (block.page or 0) * 10000 + block.top
    return float(block.para)


def _day_hint(blocks: list[Block]) -> dt.date | None:
    """The first full date near the top: an attendance grid's column for this meeting is headed with it."""
    for block in blocks[:_DAY_BLOCKS]:
        if block.table is None and (day := first_date(block.text)) is not None:
            return day
    return None


def _read_table(blocks: list[Block], layout: Layout, counter: _Counter, above: list[str] | None = None,
                day: dt.date | None = None) -> None:
    rows: dict[int, dict[int, list[Block]]] = defaultdict(lambda: defaultdict(list))
    for b in blocks:
        rows[b.row or 0][b.col or 0].append(b)
    order = sorted(rows)
    if _person_tasks(rows, order, layout, counter):
        return
    grid = read_grid(rows, order, day)
    if grid is not None:
        for head, b in grid:
            layout.people_cells.append(PeopleCell(head, b.text, counter(), b, "people.grid"))
        return
    pairs = {r: _people_pairs(rows[r]) for r in order}
    for r in order:
        for head, value in pairs[r] or []:
            for b in value:
                layout.people_cells.append(PeopleCell(head, b.text, counter(), b, "people.table-row"))
    order = [r for r in order if not pairs[r]]
    if not order:
        return
    header_row, roles = _header(rows, order)
    if not roles and above and any(_H_OWNER.match(t) for t in above):
        roles = _action_columns(rows, order)
    body_rows = [r for r in order if r != header_row]
    if roles.get("people"):
        for col, head in sorted(roles["people"].items()):  # column by column: Present before Apologies
            for r in body_rows:
                for b in rows[r].get(col, []):
                    layout.people_cells.append(PeopleCell(head, b.text, counter(), b, "people.table-column"))
        return
    if roles.get("names") is not None:
        # a Name | Organisation | Role table: one "Name (Organisation, Role)" line per row,
        # read like a one-name-per-line list under the label before it
        for r in body_rows:
            cell = {k: " ".join(b.text for b in rows[r].get(roles.get(k), [])).strip() for k in ("names", "org", "role")}
            if cell["names"]:
                extra = ", ".join(x for x in (cell["org"], cell["role"]) if x)
                text = f"{cell['names']} ({extra})" if extra else cell["names"]
                first = next((b for c in sorted(rows[r]) for b in rows[r][c]), blocks[0])
                if _H_ATTENDED.match(roles["names_head"]):  # "Attendees | Organisation": a list of those present
                    layout.people_cells.append(PeopleCell("Present", text, counter(), first, "people.table-names"))
                else:
                    layout.paras.append(Para(text, counter(), (blocks[0].table, r), source=first))
        return
    heads = rows[header_row] if header_row is not None else {}
    columns = [_column(rows, body_rows, c) for c in sorted({c for r in body_rows for c in rows[r]})]
    if payments_list(columns, " ".join(b.text for b in heads.get(roles.get("description"), []))):
        roles = {k: v for k, v in roles.items() if k not in ("description", "owner", "actions", "due", "completed")}
        roles["ledger"] = True  # a payments list, header or none: its payees owe no task, its dates are no due dates
    if "description" in roles and "owner" in roles:
        for r in body_rows:
            cell = lambda c: " ".join(b.text for b in rows[r].get(c, [])) if c is not None else ""  # noqa: E731
            description = cell(roles["description"])
            if description:
                source = (rows[r].get(roles["description"]) or [None])[0]
                layout.action_rows.append(
                    ActionRow(description, cell(roles["owner"]), cell(roles.get("due")),
                              cell(roles.get("item", roles.get("number"))) or None, counter(), source,
                              cell(roles.get("status")), raised=cell(roles.get("raised")), ref=cell(roles.get("ref")),
                              completed_column=bool(roles.get("completed")))
                )
        return
    declared = "actions" in roles
    if not declared and not roles.pop("ledger", False):
        roles.update(_guess_columns(rows, body_rows))
    if "actions" in roles:
        layout.actions_column = True
        layout.actions_header = layout.actions_header or declared
    text_cols = [c for c in sorted({c for r in body_rows for c in rows[r]}) if c not in roles.values()]
    for r in body_rows:
        number = None
        if roles.get("number") is not None:
            number = " ".join(b.text for b in rows[r].get(roles["number"], [])).strip() or None
        first = True
        for col in text_cols:
            for b in rows[r].get(col, []):
                layout.paras.append(
                    Para(b.text, counter(), (b.table, r), _pos(b), b.style, number if first else None, first, b)
                )
                first = False
        if first and number:  # a number with no text beside it
            source = next((b for c in sorted(rows[r]) for b in rows[r][c]), blocks[0])
            layout.paras.append(Para(number, counter(), (blocks[0].table, r), 0.0, "", None, True, source))
        for b in rows[r].get(roles.get("actions"), []) if roles.get("actions") is not None else []:
            layout.entries.append(Entry(b.text, counter.n, (b.table, r), _pos(b), b, declared))
        for b in rows[r].get(roles.get("due"), []) if roles.get("due") is not None else []:
            layout.paras.append(Para(f"Due: {b.text}", counter(), (b.table, r), _pos(b), "due", source=b))


def _person_tasks(rows, order, layout: Layout, counter: _Counter) -> bool:
    """A table headed "Callum tasks:": each later row's first cell is one of Callum's tasks (other columns are
    estimates, not dates)."""
    first = rows[order[0]]
    cols = sorted(first)
    head = " ".join(b.text for b in first.get(cols[0], [])).strip() if cols else ""
    m = _PERSON_TASKS.match(head)
    if m is None:
        return False
    who = m.group("who") or m.group("for")
    for r in order[1:]:
        cells = rows[r].get(min(rows[r]), []) if rows[r] else []
        text = " ".join(b.text for b in cells).strip()
        if text:
            layout.action_rows.append(ActionRow(text, who, "", None, counter(), cells[0], per_person=True))
    return True


def _action_columns(rows, order) -> dict:
    """An action table whose header was written above it ("ITEM  BY WHOM  BY WHEN"), its cells not lined up
    with the labels: a number column, the longest text is the task, the short cells after it owner then date."""
    cols = sorted({c for r in order for c in rows[r]})
    texts = {c: [" ".join(b.text for b in rows[r].get(c, [])).strip() for r in order] for c in cols}
    roles: dict = {}
    for c in cols:
        filled = [t for t in texts[c] if t]
        if filled and sum(bool(_NUMBER.match(t)) for t in filled) >= 0.6 * len(filled):
            roles["number"] = c
            break
    rest = [c for c in cols if c != roles.get("number")]
    if len(rest) < 2:
        return {}
    mean = {c: sum(map(len, texts[c])) / len(order) for c in rest}
    description = max(rest, key=lambda c: mean[c])
    after = [c for c in rest if c > description]
    if not after:
        return {}
    roles.update(description=description, owner=after[0])
    if len(after) > 1:
        roles["due"] = after[1]
    return roles


def _people_pairs(row: dict[int, list[Block]]) -> list[tuple[str, list[Block]]]:
    """A row of "Attendees | names" or "Chaired by | name | Clerked by | name" cells, else nothing."""
    cells = [(" ".join(b.text for b in row[c]).strip(), row[c]) for c in sorted(row)]
    cells = [(t, bs) for t, bs in cells if t]
    if len(cells) < 2 or len(cells) % 2:
        return []
    out = []
    for (head, _), (text, blocks) in zip(cells[::2], cells[1::2]):
        if not _H_PEOPLE.match(head) or _H_PEOPLE.match(text) or not parse_people(text):
            return []  # "Members Present | Public Service" heads a people table
        out.append((head, blocks))
    return out


def _header(rows, order) -> tuple[int | None, dict]:
    """The header row (first row whose cells are all short labels) and what each column is for."""
    for r in order[:2]:
        cells = {c: " ".join(b.text for b in bs).strip() for c, bs in rows[r].items()}
        labels = [t for t in cells.values() if t]
        if not labels or any(len(t) > 40 for t in labels):
            continue
        roles: dict = {}
        people = {c: t for c, t in cells.items() if _H_PEOPLE.match(t)}
        if people and len(people) >= len(labels) / 2:
            # the other columns of a people table are groups of those present ("Members Present | Officers")
            return r, {"people": {c: t for c, t in cells.items() if t}}
        names = [c for c, t in cells.items() if _H_NAME.match(t)]
        if names and any(_H_ORG.match(t) or _H_ROLE.match(t) for t in cells.values()):
            found = {"names": names[0], "names_head": cells[names[0]]}
            for c, t in cells.items():
                if _H_ORG.match(t):
                    found.setdefault("org", c)
                elif _H_ROLE.match(t):
                    found.setdefault("role", c)
            return r, found
        for c, t in cells.items():
            if _H_NUMBER.match(t):
                roles.setdefault("number", c)
            elif _H_REF.match(t):
                roles.setdefault("ref", c)
            elif _H_DUE.match(t):
                roles.setdefault("due", c)
            elif _H_STATUS.match(t):
                roles.setdefault("status", c)
            elif _H_COMPLETED.match(t):
                roles.setdefault("status", c)
                roles["completed"] = True
            elif _H_RAISED.match(t):
                roles.setdefault("raised", c)
            elif _H_OWNER.match(t):
                roles.setdefault("owner", c)
            elif _H_DESCRIPTION.match(t):
                roles.setdefault("description", c)
            elif _H_ITEM.match(t):
                roles.setdefault("item", c)
        if any(is_ledger_head(t) for t in labels):
            roles.pop("owner", None)  # a payments or planning table: its short cells are payees and decisions
            roles.pop("description", None)
            roles.pop("completed", None)
            if "ref" in roles:
                roles.setdefault("number", roles.pop("ref"))
            return r, {**roles, "ledger": True}
        if "owner" in roles and "description" not in roles:
            roles["actions"] = roles.pop("owner")
        elif "description" in roles and "owner" not in roles:
            if _H_ACTION_WORD.match(cells[roles["description"]]):
                roles["actions"] = roles.pop("description")  # Item | Action: the owners' column
            else:
                roles.pop("description")  # "Description" or "Task" alone is text
        if roles:
            if "actions" in roles or not ("description" in roles and "owner" in roles):
                for kept_as_text in ("item", "status", "raised", "completed"):  # outside an action log these are text
                    roles.pop(kept_as_text, None)
                if "ref" in roles:
                    roles.setdefault("number", roles.pop("ref"))  # "Ref | Item | Actions": the item's number
            return r, roles
    return None, {}


def _guess_columns(rows, body_rows) -> dict:
    """Without a header: a column of numbers is the item number; a last column of short entries is Actions."""
    roles: dict = {}
    cols = sorted({c for r in body_rows for c in rows[r]})
    if len(cols) < 2:
        return roles
    for c in cols:
        cells = [" ".join(b.text for b in rows[r].get(c, [])).strip() for r in body_rows]
        filled = [t for t in cells if t]
        if filled and sum(bool(_NUMBER.match(t)) for t in filled) >= 0.6 * len(filled):
            roles["number"] = c
            break
    last = cols[-1]
    if len(cols) >= 3 and _all_due(_column(rows, body_rows, last)):
        # an action log without its header row: ... | Owner | Due, the owners just before the dates
        if _owner_column(_column(rows, body_rows, cols[-2]), len(body_rows)) and cols[-2] != roles.get("number"):
            roles["actions"], roles["due"] = cols[-2], last
        return roles
    if last != roles.get("number") and _owner_column(_column(rows, body_rows, last), len(body_rows)):
        roles["actions"] = last
    return roles


_OWNERISH = re.compile(r"[A-Z][\w.'\-]*(?:\s*[/,&+]\s*[A-Z][\w.'\-]*|\s+(?:and|&)\s+[A-Z][\w.'\-]*|\s[A-Z][\w.'\-]*)*")
_DUE_WORD = re.compile(r"(?:asap|a\.s\.a\.p\.?|ongoing|on-going|tbc|tba|immediately|urgent|next meeting|done|complete[d]?"
                       r"|end of \w+|by \w+|(?:\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)|\d{1,2}(?:st|nd|rd|th)? \w+(?: \d{4})?"
                       r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*(?: \d{4})?)\.?", re.IGNORECASE)


def _column(rows, body_rows, col) -> list[str]:
    return [b.text.strip() for r in body_rows for b in rows[r].get(col, []) if b.text.strip()]


def _all_due(cells: list[str]) -> bool:
    """A column of "asap", "ongoing" and dates: when each action is due."""
    return bool(cells) and sum(bool(_DUE_WORD.fullmatch(t)) for t in cells) >= 0.8 * len(cells)


def _owner_column(cells: list[str], n_rows: int) -> bool:
    """Short capitalised entries, mostly one or two a row: shaped like owners (whether they are is judged later)."""
    if not cells or any(len(t) > 30 for t in cells) or len(cells) >= n_rows * 3:
        return False
    return sum(bool(_OWNERISH.fullmatch(t)) for t in cells) >= 0.6 * len(cells)
