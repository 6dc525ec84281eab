"""Action tables: | Action | Who | When |, "ACTIONS TO BE TAKEN", a table of one person's tasks; with a Status
column the table reviews earlier actions, which are kept apart from those set at this meeting."""
from __future__ import annotations

from ...models import Action
from ..dates import first_date
from ..layout import ActionRow
from ..owners import OwnerResolver
from ..where import where_of
from .common import make_action
from .status import set_status


def item_numbers(item_of: dict) -> dict[str, str]:
    """Each item number by its last word, so that a table's "51/2122" finds the minutes' item "LW 51/2122"."""
    return {number.split()[-1]: number for number in set(item_of.values()) if number and number.split()}


def row_action(row: ActionRow, item_of: dict, numbers: dict[str, str], resolver: OwnerResolver, meeting_date,
               warnings) -> Action:
    item = row.item.strip().rstrip(".") if row.item else item_of.get(row.index)
    item = numbers.get(item, item) if item else item
    action = make_action(item, row.description, row.owners, resolver, meeting_date, warnings)
    if row.due:
        due = first_date(row.due, meeting_date)
        if due is not None:
            action.due = due
    set_status(action, row.status)
    if row.raised:
        action.raised = row.raised.strip()
    action.where = where_of(row.source, "actions.person-table" if row.per_person else "actions.table")
    return action
