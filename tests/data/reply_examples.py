"""Labelled seller replies for the communication-guidelines checker (written for these tests).

GOOD replies must produce no finding; each BAD reply lists the finding codes it must produce
(extra codes are allowed only where listed).
"""

from __future__ import annotations

GOOD: tuple[str, ...] = (
    "Hello, thank you for your message. Please let us know if anything is wrong with the pan.",
    "Please contact us through Amazon messages if you have any other questions.",
    "We'd appreciate your honest feedback.",
    "We have shipped a replacement today; you do not need to return the broken one.",
    "Your refund of $24.99 has been issued and should appear within 3-5 business days.",
    "You can start the return from your orders page: https://www.amazon.com/gp/css/order-history",
    "Track it here: amazon.co.uk/your-orders (use the order number 111-1234567-1234567).",
    "If you would like a replacement instead of a refund, just reply to this message.",
    "If the lid does not fit, please send us a photo through Amazon messages.",
    "The sale of this item is final only after the 30-day return window.",
    "Sorry for the delay. The carrier confirms delivery on 11/21/2026 before 8 pm.",
    "We will send a free replacement right away.",
    "If you are happy with the solution, no further action is needed.",
    "Thank you for your order! If you have a minute, please leave a review of your experience.",
    "Our after-sales team will reply within 12 hours.",
    "The fit is true to size; the 10-inch pan weighs 1.2 kg.",
    "Bonjour, votre colis est en route. Merci de votre patience.",
    "Please review the attached instructions, e.g. step 3.",
)

BAD: tuple[tuple[str, frozenset[str]], ...] = (
    ("Visit https://example.com for the manual.", frozenset({"external_link"})),
    ("More recipes at www.mypans.shop", frozenset({"external_link"})),
    ("See mypans.com/manual for details.", frozenset({"external_link"})),
    ("Write to support@mypans.com and we will help.", frozenset({"email_address"})),
    ("Call 555-123-4567 any time.", frozenset({"phone_number"})),
    ("Or just call us, we are happy to help.", frozenset({"off_amazon_contact"})),
    ("Message us on WhatsApp for faster help.", frozenset({"off_amazon_contact"})),
    ("Use coupon SAVE10 on your next order!", frozenset({"marketing"})),
    ("Enjoy 20% off your next purchase.", frozenset({"marketing"})),
    ("Check out our other products on our store page.", frozenset({"marketing"})),
    ("Sign up for our newsletter and follow us on Instagram.", frozenset({"marketing"})),
    ("Our summer sale starts Monday.", frozenset({"marketing"})),
    ("Please leave us positive feedback.", frozenset({"positive_feedback_request"})),
    ("Leave us positive feedback", frozenset({"positive_feedback_request"})),
    ("A 5-star review would mean the world to us.", frozenset({"positive_feedback_request"})),
    (
        "If you are happy, please leave 5 stars.",
        frozenset({"conditional_review_request", "positive_feedback_request"}),
    ),
    ("If you're satisfied, leave a review.", frozenset({"conditional_review_request"})),
    (
        "Please leave a review if you enjoyed the product.",
        frozenset({"conditional_review_request"}),
    ),
    (
        "If you are not satisfied, contact us before leaving feedback.",
        frozenset({"conditional_review_request"}),
    ),
    ("We'll send you a free gift for your review.", frozenset({"incentive"})),
    ("We will refund you in full once you leave a review.", frozenset({"incentive"})),
    ("Get a $10 gift card in exchange for your honest review.", frozenset({"incentive"})),
    (
        "Thanks! Claim your free sample at https://bit.ly/xyz",
        frozenset({"incentive", "external_link"}),
    ),
    (
        "IF YOU LOVED IT, PLEASE RATE US 5 STARS!",
        frozenset({"conditional_review_request", "positive_feedback_request"}),
    ),
)
