"""Classify a buyer message by the seller's keyword rules and look up its pathway.

Transparent on purpose: every classification names the rule and the words that decided it,
so the seller can see why and correct it (a correction becomes a new rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.clock import iso
from core.model import Message
from core.triage.matrix import (
    CONTACT_TYPE_LABELS,
    CONTACT_TYPES,
    FALLBACK_CONTACT_TYPE,
    EscalationRow,
    Pathway,
    matrix_row,
    pathway_to_json,
    response_target,
    target_hours,
)
from core.triage.rules import P_CORRECTION, TriageRule, rule_to_json
from core.triage.text import compile_pattern, fold, fold_plain
from core.triage.vocabulary import is_vocabulary

ORDER_ID = re.compile(r"\b\d{3}-\d{7}-\d{7}\b")
PRE_PURCHASE = "pre_purchase_question"
_ORDER_SPEC = (
    "my order | my orders | my purchase | i ordered | we ordered | i bought | we bought"
    " | i purchased | we purchased | order number | order no | order id"
    " | meine bestellung | meiner bestellung | ich habe bestellt | ma commande"
    " | j'ai commande | mi pedido | he pedido | il mio ordine | ho ordinato"
)
_ORDER_WORDS = tuple(compile_pattern(p.strip()) for p in _ORDER_SPEC.split("|"))


def names_an_order(text: str) -> bool:
    """An order id or words like "my order": the buyer has bought, so it is no pre-purchase
    question, whatever else the message asks."""
    if ORDER_ID.search(text):
        return True
    folded = fold_plain(text)
    return any(p.search(folded) for p in _ORDER_WORDS)


@dataclass(frozen=True, slots=True)
class Classification:
    """The contact type, the rule that decided it (None = nothing matched) and its words."""

    contact_type: str
    rule: TriageRule | None
    matched_text: str = ""

    @property
    def label(self) -> str:
        return CONTACT_TYPE_LABELS.get(self.contact_type, self.contact_type)


@dataclass(frozen=True, slots=True)
class MessageTriage:
    """One inbound message with its classification, pathway and internal answer target."""

    message_id: str
    classification: Classification
    pathway: Pathway
    target_at: datetime
    overridden: bool = False  # the seller set the contact type by hand


def classify(subject: str, body: str, rules: Iterable[TriageRule]) -> Classification:
    """The highest-priority enabled rule that matches; ties go to the earliest match.

    The subject comes first in the searched text, so Amazon's topic line wins ties. A
    message that names an order is never a pre-purchase question (`names_an_order`).
    """
    text = f"{subject}\n{body}" if subject else body
    folded = fold(text)
    bought = names_an_order(text)
    best: tuple[int, int, int] | None = None  # (-priority, position, rule index)
    best_rule: TriageRule | None = None
    best_span = (0, 0)
    for index, rule in enumerate(rules):
        if not rule.enabled or rule.contact_type not in CONTACT_TYPES:
            continue
        if bought and rule.contact_type == PRE_PURCHASE:
            continue
        try:
            match = compile_pattern(rule.pattern).search(folded.text)
        except ValueError:
            continue
        if match is None:
            continue
        key = (-rule.priority, match.start(), index)
        if best is None or key < best:
            best, best_rule = key, rule
            best_span = folded.span(match.start(), match.end())
    if best_rule is None:
        return Classification(FALLBACK_CONTACT_TYPE, None, "")
    return Classification(best_rule.contact_type, best_rule, text[best_span[0] : best_span[1]])


_STOPWORDS = frozenset(
    fold_plain(w)
    for w in str.split(
        # English
        "the a an and or but if of to in on at for with from by is are was were be been "
        "it this that these those my your our his her their its i you we they me us them "
        "have has had do does did not no can could would should will shall may might "
        "please thank thanks hello hi dear regards best sir madam order ordered item items "
        "product amazon customer inquiry seller help about any some what when where which who "
        "why how just very still also there here so as than then get got know let want "
        "need would like yesterday today tomorrow since something anything everything "
        "nothing because really thing things after before again since week weeks days "
        "morning evening could should while other another every always never maybe "
        "question questions message messages received time wondering hope hoping "
        # German / French / Spanish / Italian basics
        "der die das und oder ich sie wir ist nicht ein eine mit fur bitte danke hallo "
        "bestellung le la les un une et ou je vous nous est pas avec pour merci bonjour "
        "commande el los las y o yo usted es con por gracias hola pedido il lo gli e io "
        "lei noi non con per grazie ciao ordine"
    )
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def rule_from_correction(
    message_text: str,
    contact_type: str,
    *,
    existing: Iterable[TriageRule] = (),
    language: str = "",
) -> TriageRule:
    """Propose a rule from a seller's correction: the message's longest known word.

    Known = in core.triage.vocabulary, a closed list of non-personal words about why
    buyers write: a rule is stored in plain text for ever, so it must never carry the
    buyer's name, street, city, e-mail, phone or order id, whatever the message holds.
    Also skipped: stop words and existing patterns. The rule outranks every shipped rule so the corrected message
    classifies as the seller said. Raises ValueError if the message has no known word or
    the contact type is unknown.
    """
    if contact_type not in CONTACT_TYPES:
        raise ValueError(f"unknown contact type {contact_type!r}")
    known = {fold_plain(r.pattern) for r in existing}
    text = ORDER_ID.sub(" ", fold_plain(message_text))
    best = ""
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word in _STOPWORDS or word in known or not is_vocabulary(word):
            continue
        if len(word) > len(best):
            best = word
    if not best:
        raise ValueError(
            "the message has no word from the list of contact-type words to build a rule "
            "from; add a rule by hand in the rules editor"
        )
    return TriageRule(contact_type, best, language, P_CORRECTION, True, "correction")


def pathway(classification: Classification, matrix: Iterable[EscalationRow]) -> Pathway:
    """The matrix row for the classified contact type (the shipped default if missing)."""
    row = matrix_row(classification.contact_type, matrix)
    return Pathway(
        row.contact_type,
        row.owner,
        target_hours(row),
        row.resolution,
        row.dollar_limit,
        row.notes,
    )


def triage_messages(
    messages: Iterable[Message],
    rules: Sequence[TriageRule],
    matrix: Sequence[EscalationRow],
) -> list[MessageTriage]:
    """Classify every inbound message; a contact type set by the seller overrides the rules."""
    out: list[MessageTriage] = []
    for msg in messages:
        if msg.direction != "in":
            continue
        overridden = msg.contact_type in CONTACT_TYPES
        if overridden:
            cls = Classification(msg.contact_type, None, "")
        else:
            cls = classify(msg.subject, msg.body, rules)
        row = matrix_row(cls.contact_type, matrix)
        out.append(
            MessageTriage(
                msg.message_id,
                cls,
                pathway(cls, matrix),
                response_target(msg.timestamp, row),
                overridden,
            )
        )
    return out


def targets_for(
    messages: Iterable[Message],
    rules: Sequence[TriageRule],
    matrix: Sequence[EscalationRow],
) -> dict[str, float]:
    """message_id -> internal answer target in hours (never above 24), inbound messages only.

    core.deadlines turns this into DeadlineItem.target_at = received + hours.
    """
    return {t.message_id: t.pathway.target_hours for t in triage_messages(messages, rules, matrix)}


def classification_to_json(c: Classification) -> dict[str, Any]:
    return {
        "contact_type": c.contact_type,
        "label": c.label,
        "rule": None if c.rule is None else rule_to_json(c.rule),
        "matched_text": c.matched_text,
    }


def message_triage_to_json(t: MessageTriage) -> dict[str, Any]:
    return {
        "message_id": t.message_id,
        "classification": classification_to_json(t.classification),
        "pathway": pathway_to_json(t.pathway),
        "target_at": iso(t.target_at),
        "overridden": t.overridden,
    }
