"""Actions: who is to do what, found by the conventions minutes use to say so.

Each convention is a module: an Actions column (``column``), action tables
(``tables``), lines labelled "Action:" (``labelled``), list entries naming
their owner (``lists``) and plain sentences giving a person a task
(``sentences``). A paragraph gives its actions to the first convention that
claims it. Plain sentences are read only when the minutes mark no actions
any other way: minutes that label their actions label all of them.
Actions reviewed from earlier meetings go to ``previous``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ...models import Action
from ..layout import Layout
from ..owners import OwnerResolver
from ..where import where_of
from .column import action_score, column_actions
from .common import due_date, make_action, same_action
from .labelled import labelled_actions
from .lists import ended_by_owner, led_by_owner, listed
from .markers import mark
from .sections import PREVIOUS, headed_lists, in_spans, review_spans, section_kinds
from .sentences import prose_runs, sentence_tasks
from .status import set_status
from .tables import ItemAt, item_numbers, reviews, row_action

# "Status: COMPLETE" under an action under review
_STATUS = re.compile(r"^status\s*:\s*(?P<status>.*)$", re.IGNORECASE)

__all__ = ["Found", "action_score", "due_date", "extract_actions", "same_action"]


@dataclass(slots=True)
class Found:
    actions: list[Action] = field(default_factory=list)
    previous: list[Action] = field(default_factory=list)


def extract_actions(
    layout: Layout,
    item_of: dict[int, str | None],
    title_indices: set[int],
    resolver: OwnerResolver,
    meeting_date: dt.date | None,
    warnings: list[str],
) -> Found:
    paras, columned = column_actions(layout, layout.paras, item_of, title_indices, resolver, meeting_date, warnings)
    found: list[tuple[float, Action, bool]] = [(order, action, False) for order, action in columned]
    kinds = section_kinds(paras, title_indices)
    headed = headed_lists(paras)
    under_review: Action | None = None  # the reviewed action whose "Status:" line may follow
    previous_text = ""
    for para in paras:
        item = item_of.get(para.index)
        section = kinds.get(para.index)
        status = _STATUS.match(para.text.strip())
        if status:
            if under_review is not None:
                set_status(under_review, status.group("status"))
            under_review = None
            continue
        if para.index in headed:
            got = [listed(para, item, resolver, meeting_date, warnings)]
        else:
            got = labelled_actions(para, previous_text, item, resolver, meeting_date, warnings)
            if not got:
                got = [led_by_owner(para, section, item, resolver, meeting_date, warnings)
                       or ended_by_owner(para, section, item, resolver, meeting_date, warnings)]
        previous_text = para.text
        if para.style:
            under_review = None  # a new bullet or heading; a plain line only continues the one before
        for action in got:
            if action is not None:
                mark(action, para.text, section == PREVIOUS)
                found.append((para.index, action, section == PREVIOUS))
                under_review = action if section == PREVIOUS else None
    if not columned:  # an Actions column, where the minutes have one that names owners, is the whole list
        _add_sentences(paras, found, kinds, item_of, title_indices, resolver, meeting_date, warnings,
                       strong_only=bool(found) or bool(layout.action_rows))
    _add_rows(layout, found, review_spans(paras, title_indices), item_of, resolver, meeting_date, warnings)
    found.sort(key=lambda entry: entry[0])
    result = Found()
    for _, action, earlier in found:
        (result.previous if earlier else result.actions).append(action)
    return result


# "(Minute 141.1) Cllr Reeve will speak to the owner…": a paragraph led by an earlier minute's number reports on
# that minute's action (matters arising), so its tasks were set before this meeting
# a reference heads its paragraph ("(EB-06) Hall roof: …"): looked for in the opening words and the task's
# own sentence, not in every sentence between, which a long paragraph would read once per task
_HEAD_CHARS = 120
_CITES_EARLIER = re.compile(r"^\s*\((?:minute|min\.?)\s*(?:no\.?\s*)?\d", re.IGNORECASE)


def _add_sentences(paras, found, kinds, item_of, titles, resolver, meeting_date, warnings, strong_only: bool) -> None:
    """Tasks in plain sentences. Where the minutes mark their actions (labels, lists, tables) only the firm
    "<person> to <verb>" is read besides, and never again a task already marked."""
    marked: dict[int, list[str]] = {}
    for index, action, _ in found:
        marked.setdefault(int(index), []).append(action.description.casefold().strip(" .;,"))
    for run in prose_runs(paras, titles, item_of):
        # a report under an earlier minute's number gives its task in any words ("Cllr Reeve will speak to…")
        firm_only = strong_only and not _CITES_EARLIER.match(run.text)
        for sentence, who, para in sentence_tasks(run, resolver, firm_only):
            key = sentence.casefold().strip(" .;,")
            if any(d in key or key in d for d in marked.get(para.index, ())):
                continue
            action = make_action(item_of.get(para.index), sentence, who, resolver, meeting_date, warnings)
            action.where = where_of(para.source, "actions.sentence")
            earlier = kinds.get(para.index) == PREVIOUS or bool(_CITES_EARLIER.match(sentence))
            at = run.text.find(sentence)
            # its status follows the sentence; its reference may head the paragraph ("(EB-06) Hall roof: …")
            if at < 0:
                mark(action, sentence, earlier)
            else:
                head = run.text[: min(at, _HEAD_CHARS)] + " " + sentence
                mark(action, run.text[at:], earlier, head)
            found.append((para.index, action, earlier))


def _add_rows(layout: Layout, found: list, spans: list, item_of, resolver, meeting_date, warnings) -> None:
    """Rows of action tables; a row repeating an action of the text gives it the date the text left out."""
    by_owners: dict[tuple, list[Action]] = {}
    for _, action, _ in found:
        by_owners.setdefault(tuple(sorted(action.owners)), []).append(action)
    numbers = item_numbers(item_of)
    item_at = ItemAt(item_of)
    for row in layout.action_rows:
        review = reviews(row) or in_spans(row.index, spans)
        action = row_action(row, item_at, numbers, resolver, meeting_date, warnings, review)
        if review:
            found.append((row.index, action, True))
            continue
        twins = by_owners.get(tuple(sorted(action.owners)), [])
        twin = next((a for a in twins if same_action(a, action)), None)
        if twin is None:
            found.append((row.index, action, False))
            continue
        twin.due = twin.due or action.due
        twin.ref = twin.ref or action.ref  # the table's Ref column names the action the text gave
