"""The FBA reimbursement finder (spec/reimbursements.md): pure rules over report rows.

Build a FinderInputs from the report records, call find_cases(inputs, as_of, settings),
and turn the cases into the CLI's JSON with reimbursements_to_json.
"""

from core.model import FbaReturn
from core.reimbursements.case import (
    CASE_KINDS,
    CASE_STATES,
    Case,
    CaseKind,
    CaseMark,
    CaseState,
    Figures,
    MarkStatus,
)
from core.reimbursements.claim_text import claim_text
from core.reimbursements.evidence import EvidenceRow, evidence_day, evidence_row
from core.reimbursements.finder import case_order, find_cases
from core.reimbursements.inputs import FinderInputs, visible_at
from core.reimbursements.keys import case_subject
from core.reimbursements.records import (
    DateRangeRefund,
    Evidence,
    InventoryEvent,
    OrderItem,
    Reimbursement,
    RemovalOrder,
    SettlementRefundRow,
)
from core.reimbursements.refunds import damaged_by_amazon
from core.reimbursements.serialize import case_to_json, reimbursements_to_json
from core.reimbursements.settings import ReimbursementSettings

__all__ = [
    "CASE_KINDS",
    "CASE_STATES",
    "Case",
    "CaseKind",
    "CaseMark",
    "CaseState",
    "DateRangeRefund",
    "Evidence",
    "EvidenceRow",
    "FbaReturn",
    "Figures",
    "FinderInputs",
    "InventoryEvent",
    "MarkStatus",
    "OrderItem",
    "Reimbursement",
    "ReimbursementSettings",
    "RemovalOrder",
    "SettlementRefundRow",
    "case_order",
    "case_subject",
    "case_to_json",
    "claim_text",
    "damaged_by_amazon",
    "evidence_day",
    "evidence_row",
    "find_cases",
    "reimbursements_to_json",
    "visible_at",
]
