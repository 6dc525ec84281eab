"""Action tables: | Action | Who | When |, "ACTIONS TO BE TAKEN", a table of one person's tasks; with a Status
column the table reviews earlier actions, which are kept apart from those set at this meeting.

A Ref / ID column gives the action's own reference ("EB-03", "Mar24.03"). A number column gives the item of
this meeting an action was set under; in a review of earlier actions it cites the minute that set it, which is
the action's reference, while its item is the item of this meeting the review sits under.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ...models import Action
from ..dates import first_date
from ..layout import ActionRow
from ..owners import OwnerResolver
from ..where import where_of
from .common import make_action
from .status import set_status

# "New", "New action": a Status cell that says the row was set at this meeting, not reviewed
_NEW = re.compile(r"^\s*new(?:\s+action)?\s*[.!]?\s*$", re.IGNORECASE)


def item_numbers(item_of: dict) -> dict[str, str]:
    """Each item number by its last word, so that a table's "51/2122" finds the minutes' item "LW 51/2122"."""
    return {number.split()[-1]: number for number in set(item_of.values()) if number and number.split()}


def reviews(row: ActionRow) -> bool:
    """Whether the row reports on an action set at an earlier meeting (it has a status or says where it was set)."""
    return bool(row.raised) or bool(row.status.strip()) and not _NEW.match(row.status)


class ItemAt:
    """The item of this meeting a table row sits under: that of the last paragraph before it."""

    def __init__(self, item_of: dict) -> None:
        self.indices = sorted(item_of)
        self.item_of = item_of

    def __call__(self, index: int) -> str | None:
        if index in self.item_of:
            return self.item_of[index]
        at = bisect_left(self.indices, index)
        return self.item_of[self.indices[at - 1]] if at else None


def row_action(row: ActionRow, item_at: ItemAt, numbers: dict[str, str], resolver: OwnerResolver, meeting_date,
               warnings, review: bool = False) -> Action:
    """The action of one row; ``review`` when the row reports on an earlier action."""
    cited = row.item.strip().rstrip(".") if row.item else None
    here = item_at(row.index)
    if review:
        item = here or (numbers.get(cited, cited) if cited else None)
    else:
        item = numbers.get(cited, cited) if cited else here
    action = make_action(item, row.description, row.owners, resolver, meeting_date, warnings)
    if row.due:
        due = first_date(row.due, meeting_date)
        if due is not None:
            action.due = due
    if not _NEW.match(row.status):
        set_status(action, row.status, row.completed_column)
    ref = row.ref.strip() or (cited if review and cited and cited not in numbers else None)
    action.ref = ref or None
    if row.raised:
        action.raised = row.raised.strip()
    action.where = where_of(row.source, "actions.person-table" if row.per_person else "actions.table")
    return action
