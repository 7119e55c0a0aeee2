"""Labelled seller-feedback comments for the removal checker (written for these tests).

Each row: comment, rating, channel, the removal reasons that should be found, and whether
the comment is "mixed" (criticises the product AND the seller's service: never eligible).
Reasons: obscene, personal_info, product_review, fba_fulfilment.

A comment that says the item did not match its listing ("not as described", "nothing like
the photos", counterfeit, used sold as new, expired) is about what the seller listed and
sent, not entirely a product review: Amazon refuses to remove it.
"""

from __future__ import annotations

from typing import NamedTuple


class Example(NamedTuple):
    comment: str
    rating: int
    channel: str | None
    reasons: frozenset[str]
    mixed: bool = False


def _r(*codes: str) -> frozenset[str]:
    return frozenset(codes)


NONE = _r()
PRODUCT = _r("product_review")
FBA = _r("fba_fulfilment")

EXAMPLES: tuple[Example, ...] = (
    # --- entirely a product review ----------------------------------------------------
    Example("The pan broke after two weeks.", 1, "mfn", PRODUCT),
    Example("Cheap plastic, fell apart in a week", 1, "mfn", PRODUCT),
    Example("Shipping box was fine but the product broke", 2, "mfn", PRODUCT),
    Example("Poor quality. Would not buy again.", 2, "afn", PRODUCT),
    Example("Stopped working after 3 days", 1, "mfn", PRODUCT),
    Example("TOO SMALL!!! Runs small, order a size up.", 3, "mfn", PRODUCT),
    Example("Doesn’t fit my phone at all.", 2, "mfn", PRODUCT),
    Example("Great seller, but the product is junk", 2, "mfn", PRODUCT),
    Example(
        "Arrived on time, but the handle fell off the first time I used it.", 2, "afn", PRODUCT
    ),
    Example("the box was not damaged but the lid is cracked and it leaks", 2, "mfn", PRODUCT),
    Example("Fast shipping. Unfortunately the battery doesn't hold a charge.", 3, "mfn", PRODUCT),
    Example("Flimsy and overpriced.", 1, "mfn", PRODUCT),
    Example("Smells awful, the material is itchy", 2, "afn", PRODUCT),
    Example("waste of money, it's useless", 1, "mfn", PRODUCT),
    Example("Defective unit. Didn't work out of the box.", 1, "mfn", PRODUCT),
    Example("Seller was helpful; sadly the zipper ripped on day one.", 3, "mfn", PRODUCT),
    Example("It wasn't what I expected.", 3, "mfn", PRODUCT),
    Example("Instructions are useless and the design is bad", 2, "mfn", PRODUCT),
    Example(
        "No problems with delivery, product stopped working within a month.", 1, "mfn", PRODUCT
    ),
    Example("Rusted after one wash", 1, "mfn", PRODUCT),
    # --- FBA delivery / packaging ------------------------------------------------------
    Example("Package arrived 5 days late.", 1, "afn", FBA),
    Example("Never arrived!", 1, "afn", FBA),
    Example("Box was crushed and dented when it came", 2, "afn", FBA),
    Example("Took forever to ship", 2, "afn", FBA),
    Example("Item arrived damaged", 1, "afn", FBA),
    Example("The courier left it outside in the rain", 2, "afn", FBA),
    Example("Didn't receive my order, tracking says delivered", 1, "afn", FBA),
    Example("Poorly packed, the envelope was torn open", 2, "afn", FBA),
    Example("Delivery was two weeks late", 1, "afn", FBA),
    Example("Lost in transit.", 1, "afn", FBA),
    # same complaints on FBM orders: the delivery is the seller's job, not removable
    Example("Package arrived 5 days late.", 1, "mfn", NONE),
    Example("Never arrived!", 1, "mfn", NONE),
    Example("Box was crushed and dented when it came", 2, "mfn", NONE),
    Example("Delivery was two weeks late", 1, None, NONE),
    # --- seller service only: Amazon keeps it ------------------------------------------
    Example("Seller never answered my messages.", 1, "mfn", NONE),
    Example("Rude customer service", 1, "afn", NONE),
    Example("Still waiting for my refund.", 1, "mfn", NONE),
    Example("They sent the wrong item and ignored me", 1, "mfn", NONE),
    Example("Terrible communication.", 2, "mfn", NONE),
    Example("Great seller, fast shipping!", 3, "mfn", NONE),
    Example("Very disappointed.", 2, "mfn", NONE),
    Example("Avoid.", 1, "mfn", NONE),
    # --- mixed: product AND seller service, never eligible -----------------------------
    Example("Item broke and seller never answered", 1, "mfn", NONE, True),
    Example("The product is junk and the seller refused a refund.", 1, "afn", NONE, True),
    Example("Poor quality, and customer service was rude.", 1, "mfn", NONE, True),
    Example("Stopped working. Contacted the seller twice, no reply.", 1, "afn", NONE, True),
    Example("Defective! Seller ignored my emails", 1, "mfn", NONE, True),
    Example("Cheap junk, and the vendor would not respond.", 2, "mfn", NONE, True),
    Example("Broken on arrival; the seller's support was unhelpful", 1, "afn", NONE, True),
    Example("Doesn't work, seller is a scam", 1, "mfn", NONE, True),
    # --- the listing, not the product: the seller's responsibility, never removable -------
    Example("Item not as described, very disappointed", 1, "mfn", NONE),
    Example("Item not as described, very disappointed.", 2, "afn", NONE),
    Example("Not as described. The colour is completely different.", 2, "mfn", NONE),
    Example("Quality is poor compared to the picture", 2, "mfn", NONE),
    Example("Not as pictured.", 2, "mfn", NONE),
    Example("Looks nothing like the photos", 1, "afn", NONE),
    Example("Misleading listing, much smaller than advertised", 1, "mfn", NONE),
    Example("Colour is different from the picture", 2, "mfn", NONE),
    Example("Not as advertised, the battery lasts an hour", 2, "afn", NONE),
    Example("Smaller than described.", 3, "mfn", NONE),
    Example("The description was wrong, it is not stainless steel", 2, "mfn", NONE),
    Example("Counterfeit, not the real brand", 1, "afn", NONE),
    Example("Cheap knock-off, I want my money back", 1, "mfn", NONE),
    Example("Received a used item sold as new, scratches everywhere", 1, "mfn", NONE),
    Example("Expired when it arrived", 1, "afn", NONE),
    Example("Arrived late and not as described", 1, "afn", NONE),
    Example("Broke after a day and nothing like the picture", 1, "mfn", NONE),
    Example("Photos are misleading, it is tiny in person", 2, "mfn", NONE),
    # near misses: the listing praised or merely named, the complaint is the product
    Example("Works as described but broke after a month", 2, "mfn", PRODUCT),
    Example("Exactly as pictured, but the stitching came apart", 2, "afn", PRODUCT),
    Example("Just as described. Too small for my kitchen though.", 3, "mfn", PRODUCT),
    Example("Looks like the picture but feels cheap", 3, "mfn", PRODUCT),
    Example("The description is accurate; the shelf is flimsy", 2, "mfn", PRODUCT),
    Example("Very disappointed, the blade broke", 1, "mfn", PRODUCT),
    Example("Not what I expected, very disappointed", 2, "mfn", PRODUCT),
    Example("Genuine brand but poor quality", 2, "afn", PRODUCT),
    Example("Fake leather started peeling after a week", 2, "mfn", PRODUCT),
    Example("New in box, but the motor is faulty", 1, "afn", PRODUCT),
    Example("I used it only twice before it broke", 1, "mfn", PRODUCT),
    Example("Picture frame cracked after a week", 2, "mfn", PRODUCT),
    # --- obscene language -----------------------------------------------------------------
    Example("This is sh1t", 1, "mfn", _r("obscene", "product_review")),
    Example("F*ck this seller, never again", 1, "mfn", _r("obscene")),
    Example("what a load of BULLSHIT", 1, "mfn", _r("obscene")),
    Example("The seller is an a$$hole", 1, "mfn", _r("obscene")),
    Example("Seller is a total a$$, never replied", 1, "mfn", _r("obscene")),
    Example("Fuuuck, it broke the first day", 1, "mfn", _r("obscene", "product_review")),
    Example("Quelle merde !", 1, "mfn", _r("obscene")),
    Example("Total Scheiße, der Verkäufer antwortet nicht", 1, "mfn", _r("obscene")),
    Example("shitty product", 1, "mfn", _r("obscene", "product_review")),
    # near misses: not profane
    Example("Class act, but the glass bottle cracked", 2, "mfn", PRODUCT),
    Example("Hard to assemble and the shelf is flimsy", 2, "mfn", PRODUCT),
    Example("Gave it 5* at first, now it stopped working", 3, "mfn", PRODUCT),
    Example("Shiitake mushroom kit never sprouted, poor quality", 2, "mfn", PRODUCT),
    # --- personal information -------------------------------------------------------------
    Example(
        "Email me at jane.doe@example.com, seller never replied", 1, "mfn", _r("personal_info")
    ),
    Example("Call me on 555-123-4567, nobody answers", 1, "mfn", _r("personal_info")),
    Example("Seller John Smith was rude on the phone", 1, "mfn", _r("personal_info")),
    Example("My name is Maria Lopez and I still have no refund", 1, "mfn", _r("personal_info")),
    Example("Sent to 42 Elm Street instead of my house", 1, "mfn", _r("personal_info")),
    Example("Ring +44 20 7946 0958 if you care", 1, "mfn", _r("personal_info")),
    # near misses: order ids, dates, counts are not personal information
    Example("Order 111-1234567-1234567 never arrived", 1, "afn", FBA),
    Example("Ordered 11/02/2026, stopped working 11/20/2026", 2, "mfn", PRODUCT),
    Example("I am Very Disappointed With The Seller", 1, "mfn", NONE),
    Example("The seller Kitchen Pro never answered", 1, "mfn", NONE),
    Example("2 stars because the seller took 3 days to reply", 2, "mfn", NONE),
)
