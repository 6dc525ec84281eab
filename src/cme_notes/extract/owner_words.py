"""What can be written as an action's owner at all, before asking who it is.

An Actions cell or a "Name to …" lead names people ("JS", "Chris", "Cllr
Smith"), everyone ("ALL"), a role ("Clerk") or a body ("Tech Team",
"Highways Authority"). It does not hold a decision ("Approved", "No
objection"), a status ("Done"), an amount, a date, a payment method or a
fragment of a sentence; those cells belong to payment lists, planning
tables and signature lines that only look like an Actions column.
"""
from __future__ import annotations

import re

from .dates import MONTH_NAME

# Upper-case words that stand alone in minutes without being anybody's initials.
NOT_INITIALS = {"AOB", "TBC", "TBA", "NA", "N/A", "NB", "CME", "EHE", "LA", "LAS", "DFE", "DCS", "SEND", "ASAP", "FYI",
                "AGM", "ITEM", "NOTE", "NOTES", "ACTION", "ACTIONS", "OK", "PS", "NO", "YES", "VAT", "NET", "REF", "TOTAL",
                "DATE", "BACS", "CHQ", "DD", "SO", "PO", "INV", "AMT", "QTY", "GBP", "EUR", "USD", "PDF", "AM", "PM",
                "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}
# Words that fill the decision, status, payment or signature cells of tables shaped like an Actions column.
NOT_OWNER_WORDS = {
    "approved", "noted", "agreed", "adopted", "passed", "carried", "received", "deferred", "rejected", "refused",
    "granted", "withdrawn", "lost", "resolved", "accepted", "declined", "objection", "objections", "no objection",
    "no objections", "no comment", "no comments", "support", "supported", "object", "comment", "comments", "none",
    "nil", "n a", "tbc", "tba", "done", "complete", "completed", "ongoing", "open", "closed", "pending", "in progress",
    "status", "date", "dated", "signed", "signature", "amount", "total", "subtotal", "yes", "no", "ok", "bacs",
    "cheque", "chq", "cheque no", "chq no", "cq", "payee", "payroll", "pension", "expenses", "salary", "invoice",
    "net", "gross", "vat", "item", "items", "action", "actions", "page", "minutes", "note", "notes", "decision",
    "planning", "application", "reference", "ref", "address", "proposal", "power", "present", "apologies", "absent",
    "late", "motion", "result", "outcome", "vote", "votes", "for", "against", "abstain", "abstained",
    "first reading", "second reading", "third reading", "received first reading only", "information", "discussion",
    "update", "report", "reports", "noted and agreed", "passed unanimously", "carried unanimously",
}
# Pronouns and openers that stand where a name would ("She will…", "Further to this…"); they start some
# first names ("She" → Sheila), so they must never reach the name rules.
NOT_NAMES = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "their", "our", "this",
             "that", "these", "those", "there", "here", "the", "a", "an", "who", "which", "someone", "somebody",
             "anyone", "anybody", "nobody", "no one", "further", "also", "then", "agree", "it was", "could",
             "might", "would", "should", "must", "shall", "please", "thanks", "any", "each", "both"}
_MONTHS = re.compile(
    rf"^(?:{MONTH_NAME}|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
    re.IGNORECASE,
)
# Short words that may sit in lower case inside the name of a body ("Friends of the Library").
_CONNECTORS = {"of", "the", "and", "for", "&", "to", "de", "van", "von", "der", "la", "le", "du", "da", "di"}
_MAX_WORDS = 5
"""A body's name ("Planning and Highways Working Group") is short; a longer run is a sentence."""


def is_initials(token: str) -> bool:
    """"JS", "J.S.", "MSc"-free runs of 2-4 capitals that minutes use for a person."""
    compact = token.replace(".", "").replace(" ", "")
    return compact.isalpha() and compact.isupper() and 2 <= len(compact) <= 4 and compact not in NOT_INITIALS


def could_be_owner(token: str) -> bool:
    """Whether text written where an owner goes can be one (a person, initials, a role or a body), whoever it is."""
    token = token.strip(" .,;:()[]*_")
    if not token or len(token) > 50:
        return False
    if re.search(r"[\d£$€%@#=<>|\\]|_{2,}", token):
        return False  # amounts, dates, references, blanks to sign on
    key = " ".join(re.sub(r"[^\w\s]", " ", token.casefold()).split())
    if not key or key in NOT_OWNER_WORDS or key in NOT_NAMES or _MONTHS.match(key):
        return False
    compact = token.replace(".", "").replace(" ", "")
    if compact.isupper() and compact.isalpha() and len(compact) <= 4:
        return is_initials(token)
    if re.search(r"[:;!?]|\.\s+\S", token):
        return False  # a sentence or a label, not a name
    words = token.split()
    if len(words) > _MAX_WORDS or not words[0][:1].isupper():
        return False
    lower = [w for w in words[1:] if w[:1].islower() and w.casefold() not in _CONNECTORS]
    if len(lower) > 1:
        return False  # "Discuss at next meeting": a fragment of a sentence
    if len(words) > 1 and all(w.isupper() and len(w) > 1 for w in words if w.casefold() not in _CONNECTORS):
        return False  # "RECEIVED FIRST READING ONLY": a shouted outcome
    if len(words) == 1 and len(token) > 4 and token.isupper():
        return False  # "ADOPTED", "PASSED": a decision in capitals
    return True


# the whole body as owner: "Members to send comments", "All councillors to review", "Governors to arrange"
GROUP = (r"(?:(?:All|all)\s+(?:members|governors|trustees|councillors|directors)"
         r"|Members|Governors|Trustees|Councillors|Directors|Everyone|Everybody|All|ALL)")


def is_group(token: str) -> bool:
    return re.fullmatch(GROUP, token.strip()) is not None

