"""Payments lists and planning tables: shaped like action logs, holding none.

A parish council's accounts for payment set a date, a payee and a sum on each
row; the payee looks like an owner and the date like a due date. Their column
heads ("Payee", "Cheque no.", "Amount") or a column of sums say what they are,
unless the header names its tasks ("Action", "Task"), when a Cost column is
what each task costs.
"""
from __future__ import annotations

import re

# Column heads of payment lists and planning tables, whose short cells (payees, amounts, decisions) are no owners.
_H_LEDGER = re.compile(
    r"^(?:payee|paid to|amount|net|vat|gross|total|cheque(?:\s*no\.?)?|chq\.?(?:\s*(?:no\.?|#))?|cq|power|invoice(?:\s*no\.?)?"
    r"|supplier|application(?:\s*no\.?)?|planning\s*ref(?:erence)?\.?|app(?:lication)?\.?\s*ref\.?|applicant|address|proposal"
    r"|(?:payment\s*)?method|paid\s*(?:by|on|via)|date\s*paid|payment\s*date|bacs(?:\s*ref\.?)?|£|amount\s*\(?£\)?)\s*:?$",
    re.I,
)
# "£1,250.00", "120.00": a cell of a payments list
_AMOUNT = re.compile(r"^(?:£\s?\d[\d,]*(?:\.\d{2})?|\d[\d,]*\.\d{2})$")
# a column is one of sums when most of its cells are (a total row or a note may be words)
_AMOUNT_SHARE = 0.6
# "Action", "Task": a header that names the column of tasks, so a Cost column beside it is the task's cost
_H_TASK = re.compile(r"^(?:actions?|action\s*(?:required|points?|agreed|items?)|actions?\s*to\s*be\s*taken|tasks?)\s*:?$", re.I)


def is_ledger_head(label: str) -> bool:
    """Whether a column head is one of a payments list or a planning table ("Payee", "Cheque no.", "Proposal")."""
    return _H_LEDGER.match(label) is not None


def payments_list(columns: list[list[str]], description_head: str = "") -> bool:
    """Whether a table whose columns hold these cells is a list of payments: a column of sums, and no header
    naming its tasks (``description_head``, the head of its longest text column, where it has a header)."""
    if _H_TASK.match(description_head.strip()):
        return False
    return any(cells and sum(bool(_AMOUNT.match(t)) for t in cells) >= _AMOUNT_SHARE * len(cells) for cells in columns)
