"""Editable keyword rules that sort buyer messages into contact types, and the shipped set.

Rules are plain data the seller can read and change: a keyword or stem ("refund*"), its
language, and a priority that decides between several matches (the most urgent wins).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

RuleOrigin = Literal["default", "seller", "correction"]
RULE_ORIGINS: tuple[RuleOrigin, ...] = ("default", "seller", "correction")

# Priorities, most urgent first. A buyer who threatens feedback or wants to cancel needs
# the fastest pathway even if the message also mentions delivery.
P_CORRECTION = 110
P_NEGATIVE_FEEDBACK = 100
P_CANCELLATION = 90
P_DEFECT = 80
P_RETURN_TOPIC = 75
P_RETURN = 70
P_DELIVERY_TOPIC = 55
P_DELIVERY = 50
P_PRE_PURCHASE_TOPIC = 35
P_PRE_PURCHASE = 30


@dataclass(frozen=True, slots=True)
class TriageRule:
    """One keyword rule. `id` is the database row id (None until saved)."""

    contact_type: str
    pattern: str
    language: str = ""
    priority: int = 0
    enabled: bool = True
    origin: RuleOrigin = "default"
    id: int | None = None


def rule_to_json(rule: TriageRule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "contact_type": rule.contact_type,
        "pattern": rule.pattern,
        "language": rule.language,
        "priority": rule.priority,
        "enabled": rule.enabled,
        "origin": rule.origin,
    }


def _rules(contact_type: str, priority: int, by_language: dict[str, str]) -> list[TriageRule]:
    """Expand {"en": "a | b*"} into one rule per pattern."""
    out: list[TriageRule] = []
    for language, patterns in by_language.items():
        for pattern in patterns.split("|"):
            if pattern.strip():
                out.append(TriageRule(contact_type, pattern.strip(), language, priority))
    return out


# Amazon's own subject topics: the buyer picked them in Amazon's contact form, so they are a
# strong hint, ranked just above the keywords of the same contact type.
_TOPIC_RULES = [
    TriageRule("return_request", "return policy inquiry", "en", P_RETURN_TOPIC),
    TriageRule("delivery_issue", "order delivery inquiry", "en", P_DELIVERY_TOPIC),
    TriageRule("delivery_issue", "ship faster inquiry", "en", P_DELIVERY_TOPIC),
    TriageRule("pre_purchase_question", "product details inquiry", "en", P_PRE_PURCHASE_TOPIC),
]

DEFAULT_RULES: tuple[TriageRule, ...] = tuple(
    _TOPIC_RULES
    + _rules(
        "negative_feedback_alert",
        P_NEGATIVE_FEEDBACK,
        {
            "en": "negative feedback | neutral feedback | bad feedback | 1 star | one star"
            " | feedback notification",
            "de": "negative bewertung | schlechte bewertung",
            "fr": "evaluation negative | commentaire negatif | avis negatif",
            "es": "valoracion negativa | comentario negativo | opinion negativa",
            "it": "feedback negativo | recensione negativa",
        },
    )
    + _rules(
        "cancellation_request",
        P_CANCELLATION,
        {
            "en": "cancel* | do not ship | don't ship | dont ship",
            "de": "stornier* | storno | nicht versenden",
            "fr": "annul*",
            "es": "anula*",
            "it": "annull*",
        },
    )
    + _rules(
        "product_defect",
        P_DEFECT,
        {
            "en": "broke | broken | defect* | faulty | damaged | cracked | doesn't work"
            " | does not work | doesnt work | not working | stopped working"
            " | malfunction* | missing part* | missing piece*",
            "de": "kaputt | defekt* | beschadigt | funktioniert nicht | zerbrochen",
            "fr": "casse | cassee | ne fonctionne pas | ne marche pas | endommag* | abime",
            "es": "roto | rota | no funciona | danad* | estropead*",
            "it": "rotto | rotta | non funziona | difettos* | danneggiat*",
        },
    )
    + _rules(
        "return_request",
        P_RETURN,
        {
            "en": "return* | refund* | money back | send it back",
            "de": "ruckgabe | zurucksend* | zuruckschick* | rucksend* | erstattung"
            " | geld zuruck | umtausch*",
            "fr": "retour* | rembours* | renvoyer",
            "es": "devolu* | devolver | reembols*",
            "it": "reso | rimbors* | restitu*",
        },
    )
    + _rules(
        "delivery_issue",
        P_DELIVERY,
        {
            "en": "where is | not arrived | never arrived | hasn't arrived | didn't arrive"
            " | not received | never received | didn't receive | haven't received"
            " | tracking | delivery | delivered | shipping | late | lost | package | parcel",
            "de": "wo ist | nicht angekommen | nicht erhalten | lieferung | paket"
            " | sendung | zustellung | sendungsverfolgung",
            "fr": "ou est | pas recu | jamais recu | livraison | colis | suivi",
            "es": "donde esta | no ha llegado | no llego | no recibi | envio | paquete | entrega",
            "it": "dov'e | dove | non e arrivato | mai arrivato | consegna | pacco | spedizione",
        },
    )
    + _rules(
        "pre_purchase_question",
        P_PRE_PURCHASE,
        {
            "en": "compatible | compatibility | will it fit | will this fit | does it"
            " | does this | dimension* | before i buy | before ordering | in stock",
            "de": "kompatibel | passt | grosse | verfugbar",
            "fr": "taille | disponible",
            "es": "tamano | medidas | disponible",
            "it": "compatibile | taglia | misure | disponibile",
        },
    )
)
"""The shipped rules (English, German, French, Spanish, Italian)."""
