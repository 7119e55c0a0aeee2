"""The numeric Account Health Rating: typed-in scores, bands and Assurance in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from core.ahr import (
    ASSURANCE_MAX_DAYS_BELOW,
    ASSURANCE_MIN_SCORE,
    ASSURANCE_MONTHS,
    AT_RISK_FROM,
    HEALTHY_FROM,
    AhrBand,
    AssuranceStatus,
    ahr_band,
    assurance_status,
)
from core.clock import to_utc
from core.reconciliation.text import plural, short_day

# --- the numeric Account Health Rating ---------------------------------------------------


def parse_ahr_score(text: str) -> int:
    """A typed AHR, or ValueError with the sentence to show."""
    s = text.strip()
    if not s:
        raise ValueError("Type the Account Health Rating: a whole number from 0 to 1000.")
    try:
        score = int(s)
    except ValueError:
        raise ValueError(
            f"'{s}' is not a whole number: type the Account Health Rating as Seller Central "
            "shows it, from 0 to 1000."
        ) from None
    return check_ahr_score(score)


def check_ahr_score(score: int) -> int:
    if not 0 <= score <= 1000:
        raise ValueError(f"{score} is not an Account Health Rating: it is always from 0 to 1000.")
    return score


@dataclass(frozen=True, slots=True)
class AhrSummary:
    score: int | None
    at: datetime | None
    band: AhrBand | None
    band_text: str
    assurance: AssuranceStatus
    assurance_text: str


def band_sentence(score: int | None) -> str:
    if score is None:
        return (
            "No Account Health Rating entered yet: type the number Seller Central's Account "
            "Health page shows."
        )
    band = ahr_band(score)
    if band == "healthy":
        return f"AHR {score}: healthy ({HEALTHY_FROM} or more)."
    if band == "at_risk":
        return (
            f"AHR {score}: at risk ({AT_RISK_FROM}-{HEALTHY_FROM - 1}): resolve the policy issues "
            f"Account Health lists before it falls under {AT_RISK_FROM}."
        )
    return (
        f"AHR {score}: under {AT_RISK_FROM}, the account may be deactivated: act on every item "
        "on the Account Health page now."
    )


def assurance_sentence(a: AssuranceStatus) -> str:
    rule = (
        f"AHR {ASSURANCE_MIN_SCORE} or more for {ASSURANCE_MONTHS} months with at most "
        f"{ASSURANCE_MAX_DAYS_BELOW} days below"
    )
    if a.current_score is None:
        return f"Account Health Assurance needs {rule}; no readings are entered yet."
    if not a.covered:
        return (
            f"Account Health Assurance needs {rule}. The readings here do not reach back to "
            f"{short_day(a.window_start)} {a.window_start.year}, so eligibility cannot be judged "
            "yet: add older readings if you have them."
        )
    days = plural(a.days_below, "day")
    if a.eligible:
        return (
            f"Eligible for Account Health Assurance: AHR stayed at {ASSURANCE_MIN_SCORE} or more "
            f"since {short_day(a.window_start)} {a.window_start.year} except on {days} "
            f"(at most {ASSURANCE_MAX_DAYS_BELOW} allowed)."
        )
    return (
        f"Not eligible for Account Health Assurance: AHR was under {ASSURANCE_MIN_SCORE} on "
        f"{days} since {short_day(a.window_start)} {a.window_start.year} (at most "
        f"{ASSURANCE_MAX_DAYS_BELOW} allowed)."
    )


def ahr_summary(history: Iterable[tuple[datetime, int]], now: datetime) -> AhrSummary:
    """The latest reading's band and the Assurance verdict, both in words."""
    known = sorted((to_utc(t), s) for t, s in history if to_utc(t) <= to_utc(now))
    at, score = known[-1] if known else (None, None)
    assurance = assurance_status(known, now)
    return AhrSummary(
        score=score,
        at=at,
        band=None if score is None else ahr_band(score),
        band_text=band_sentence(score),
        assurance=assurance,
        assurance_text=assurance_sentence(assurance),
    )
