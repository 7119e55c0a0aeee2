"""E-mail importer: relay notifications, seller replies, threading, decoding, skipping."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.imports.errors import ImportRefused
from storage.reports.messages.parse_email import KIND, MailStats, parse, parse_with_stats

FIXTURES = Path(__file__).parent / "fixtures" / "email"
RELAY = "3kq9x2m7v1c8z5b@marketplace.amazon.com"
SELLER = "orders@shop.example"


def mail(
    *,
    sender: str = f'"Dana - Amazon Marketplace" <{RELAY}>',
    to: str = SELLER,
    subject: str = "Inquiry from Amazon customer Dana (Order: 112-9034417-5521930)",
    date: str | None = "Sat, 14 Nov 2026 23:05:00 -0800",
    message_id: str | None = "<m1@example.invalid>",
    body: str = "Where is my parcel?",
) -> str:
    headers = [f"From: {sender}", f"To: {to}", f"Subject: {subject}"]
    if date is not None:
        headers.append(f"Date: {date}")
    if message_id is not None:
        headers.append(f"Message-ID: {message_id}")
    headers.append('Content-Type: text/plain; charset="utf-8"')
    return "\n".join(headers) + "\n\n" + body + "\n"


def write(tmp_path: Path, text: str, name: str = "message.eml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def test_kind() -> None:
    assert KIND == "email"


def test_sample_inbox(samples: Path) -> None:
    messages, stats = parse_with_stats(samples / "email" / "inbox.mbox")
    assert (stats.messages, stats.skipped) == (5, 1)
    assert [m.direction for m in messages] == ["in", "out", "in", "in", "in"]
    dana, reply, torch, luca, thanks = messages
    assert dana.timestamp == datetime(2026, 11, 15, 7, 5, tzinfo=UTC)  # 23:05 -0800 the day before
    assert luca.timestamp == datetime(2026, 11, 19, 17, 30, tzinfo=UTC)  # 18:30 +0100
    assert luca.marketplace == "Amazon.co.uk" and dana.marketplace == "Amazon.com"
    assert torch.order_id == "113-5518842-0093317"  # no space before "(Order:"
    assert reply.thread_id == dana.thread_id == thanks.thread_id == "112-9034417-5521930"
    assert reply.sender == "orders@northwind-kitchen.example" and reply.marketplace == ""
    assert reply.timestamp == datetime(2026, 11, 15, 15, 40, tzinfo=UTC)
    assert dana.message_id == "179565932974.8974.14099641368031767497@example.invalid"
    # The "mark as no response needed" link in the body is not the seller's mark.
    assert "no response needed" in dana.body and dana.no_response_needed is False
    assert "the scale is missing." in dana.body  # quoted-printable soft break joined
    assert "msg=A1B2C3" in dana.body
    assert not any(m.automated for m in messages)


@pytest.mark.parametrize(
    ("subject", "order_id"),
    [
        ("Inquiry from Amazon customer Dana (Order: 111-1234567-1234567)", "111-1234567-1234567"),
        (
            "Order delivery inquiry from Amazon customer (Order: 111-1234567-1234567)",
            "111-1234567-1234567",
        ),
        (
            "Product details inquiry from Amazon customer Dana(Order: 111-1234567-1234567)",
            "111-1234567-1234567",
        ),
        (
            "RE: Return policy inquiry from Amazon customer Dana (Order: 111-1234567-1234567)",
            "111-1234567-1234567",
        ),
        (
            "Re: Ship faster inquiry from Amazon customer Dana (Order: 111-1234567-1234567)",
            "111-1234567-1234567",
        ),
        (
            "=?UTF-8?Q?Inquiry_from_Amazon_customer_Zo=C3=AB?= (Order: 111-1234567-1234567)",
            "111-1234567-1234567",
        ),
        ("Inquiry from Amazon customer Dana", ""),
        ("Inquiry (Order: 1111-1234567-1234567)", ""),
    ],
    ids=["name", "no-name", "no-space", "RE", "Re", "encoded-word", "no-order", "too-many-digits"],
)
def test_subject_variants(tmp_path: Path, subject: str, order_id: str) -> None:
    [message] = parse(write(tmp_path, mail(subject=subject)))
    assert message.direction == "in"
    assert message.order_id == order_id
    assert message.thread_id == (order_id or RELAY)
    assert "=?" not in message.subject


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("Thu, 19 Nov 2026 18:30:00 +0100", datetime(2026, 11, 19, 17, 30, tzinfo=UTC)),
        ("Sat, 14 Nov 2026 23:05:00 -0800", datetime(2026, 11, 15, 7, 5, tzinfo=UTC)),
        ("Mon, 02 Nov 2026 09:00:00 +0900", datetime(2026, 11, 2, 0, 0, tzinfo=UTC)),
        ("2 Nov 2026 09:00:00 GMT", datetime(2026, 11, 2, 9, 0, tzinfo=UTC)),
        ("Mon, 02 Nov 2026 09:00:00 -0000", datetime(2026, 11, 2, 9, 0, tzinfo=UTC)),
    ],
)
def test_date_header_converted_to_utc(tmp_path: Path, date: str, expected: datetime) -> None:
    [message] = parse(write(tmp_path, mail(date=date)))
    assert message.timestamp == expected


def test_quoted_printable_body_is_decoded() -> None:
    [message] = parse(FIXTURES / "buyer-qp.eml")
    assert message.body.startswith("Grüße, wo ist mein Paket? It’s late and the total was €25.")
    assert "msg=X1" in message.body and "=3D" not in message.body
    assert message.marketplace == "Amazon.de"
    assert message.timestamp == datetime(2026, 11, 3, 7, 15, tzinfo=UTC)
    assert message.order_id == "302-1234567-7654321"
    assert message.message_id == "qp-1@example.invalid"
    assert message.no_response_needed is False


def test_html_only_base64_latin1_body_becomes_text() -> None:
    [message] = parse(FIXTURES / "html-only.eml")
    assert message.body == "Bonjour,\n\nOù est ma commande ? Café & crème."
    assert message.subject.startswith("Ship faster inquiry from Amazon customer Amélie")
    assert message.marketplace == "Amazon.fr"


def test_reply_threads_by_alias_when_subject_has_no_order_id() -> None:
    stats = MailStats()
    buyer, reply = parse(FIXTURES / "thread-alias.mbox", stats)
    alias = "a1b2c3d4e5f6g7h@marketplace.amazon.com"
    assert (buyer.direction, reply.direction) == ("in", "out")
    assert buyer.thread_id == reply.thread_id == alias  # the reply's To alias, case-folded
    assert buyer.order_id == reply.order_id == ""
    assert (
        buyer.body == "Does it fit a 28 cm pan?\nFrom the photos I cannot tell."
    )  # >From unquoted
    assert reply.sender == "shop@example.invalid"
    assert (stats.messages, stats.skipped) == (2, 1)


@pytest.mark.parametrize(
    ("sender", "to"),
    [
        ("newsletter@cookware.example", SELLER),
        ("seller-notification@amazon.com", SELLER),
        ('"Amazon" <no-reply@amazon.com>', SELLER),
        (SELLER, "friend@example.org"),
    ],
    ids=["newsletter", "amazon-notification", "amazon-no-reply", "other-outgoing"],
)
def test_mail_that_is_not_a_buyer_message_or_reply_is_skipped(
    tmp_path: Path, sender: str, to: str
) -> None:
    """Alone in a file it is refused: a file with no buyer message says so (issue 20)."""
    path = write(tmp_path, mail(sender=sender, to=to))
    with pytest.raises(ImportRefused) as caught:
        parse_with_stats(path)
    assert str(caught.value) == (
        f"{path.name}: no buyer messages found in this file: its e-mail is not from an Amazon "
        "buyer relay address (…@marketplace.amazon.…) nor a reply to one."
    )
    with_one = path.with_name("two.eml")
    with_one.write_text(
        "From a@b\n" + mail(sender=sender, to=to) + "\nFrom x@y\n" + mail(), encoding="utf-8"
    )
    messages, stats = parse_with_stats(with_one)
    assert (stats.messages, stats.skipped) == (1, 1)


def test_reply_to_relay_is_outbound(tmp_path: Path) -> None:
    text = mail(
        sender=f"Shop <{SELLER}>",
        to=f'"Dana - Amazon Marketplace" <{RELAY}>',
        subject="RE: Inquiry from Amazon customer Dana (Order: 112-9034417-5521930)",
    )
    [message] = parse(write(tmp_path, text))
    assert (message.direction, message.sender, message.marketplace) == ("out", SELLER, "")
    assert message.thread_id == "112-9034417-5521930"


def test_single_eml_with_mbox_envelope_line(tmp_path: Path) -> None:
    text = "From MAILER-DAEMON Thu Nov 26 02:15:29 2026\n" + mail()
    [message] = parse(write(tmp_path, text, "one.eml"))
    assert message.message_id == "m1@example.invalid"


def test_missing_message_id_gets_a_stable_content_hash(tmp_path: Path) -> None:
    first = list(parse(write(tmp_path, mail(message_id=None), "a.eml")))
    again = list(parse(write(tmp_path, mail(message_id=None), "b.eml")))
    other = list(parse(write(tmp_path, mail(message_id=None, body="Other text"), "c.eml")))
    assert first[0].message_id.startswith("sha256:")
    assert first[0].message_id == again[0].message_id != other[0].message_id


@pytest.mark.parametrize(
    ("path_or_text", "name", "expected"),
    [
        (FIXTURES / "no-date.eml", "no-date.eml", "no-date.eml: the e-mail has no Date header"),
        (
            FIXTURES / "malformed.mbox",
            "malformed.mbox",
            "malformed.mbox, line 9: message 2 has no mail headers",
        ),
        (
            mail(date="the day before yesterday"),
            "bad-date.eml",
            "bad-date.eml: the e-mail has a Date header 'the…' (24 characters), which is not",
        ),
        (
            "From MAILER-DAEMON x\n" + mail() + "\nFrom MAILER-DAEMON y\n" + mail(date=None),
            "two.mbox",
            "two.mbox, line 11: message 2 has no Date header",
        ),
        ("\n\n", "blank.eml", "blank.eml: the file is empty"),
        ("just some text, no headers\n", "text.eml", "text.eml: the e-mail has no mail headers"),
    ],
    ids=["eml-no-date", "mbox-no-headers", "bad-date", "mbox-no-date", "blank", "not-mail"],
)
def test_refusals_name_file_and_position(
    tmp_path: Path, path_or_text: Path | str, name: str, expected: str
) -> None:
    path = path_or_text if isinstance(path_or_text, Path) else write(tmp_path, path_or_text, name)
    with pytest.raises(ImportRefused) as info:
        list(parse(path))
    assert str(info.value).startswith(expected)
    assert info.value.file == name
