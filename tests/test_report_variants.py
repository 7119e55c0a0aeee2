"""Real-world variants of the reports sellers download (issue 13, reports.md section 7).

Table-driven: each case is built from a header copied from the spec (the report
modules hold them) and rows shaped the way real downloads are.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.marketplaces import from_relay_address, is_relay_address
from core.model import OrderLine
from core.strike_through import struck_through_language
from storage.db import Store
from storage.imports.apply import apply_import
from storage.imports.errors import ImportRefused
from storage.reports.detect import detect_report
from storage.reports.orders import parse as orders
from storage.reports.orders import parse_xml as orders_xml
from storage.reports.returns_fbm import parse as returns
from storage.reports.returns_fbm import parse_xml as returns_xml
from tests.fixtures.report_files import (
    ORDERS_CURRENT,
    ORDERS_NEWER,
    ORDERS_OLDER,
    RETURNS_FBM,
    order_row,
    write_table,
)
from tests.fixtures.variant_files import real_rows, write_lines

NOW = datetime(2026, 11, 20, tzinfo=UTC)
A, B, C = "111-0000001-0000001", "111-0000002-0000002", "111-0000003-0000003"

# --- All Orders: statuses, Multi-Channel rows, split shipments -----------------------------

NEW_STATUSES = [
    "Pending - Waiting for Pick Up",
    "Shipped - Delivered to Buyer",
    "Shipped - Returned to Seller",
    "Shipped - Rejected by Buyer",
    "Shipped - Damaged",
    "Shipping",
]


@pytest.mark.parametrize("header", [ORDERS_CURRENT, ORDERS_OLDER, ORDERS_NEWER])
@pytest.mark.parametrize(
    ("encoding", "newline"), [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("cp1252", "\r\n")]
)
def test_unknown_statuses_never_refuse_and_are_counted(
    store: Store, tmp_path: Path, header: list[str], encoding: str, newline: str
) -> None:
    rows = [
        order_row(header, amazon_order_id=f"111-000000{i}-0000001", order_status=status,
                  purchase_date="2026-09-01T10:00:00+09:00")
        for i, status in enumerate([*NEW_STATUSES, "Cancelled", "Shipped", "Shipped"])
    ]  # fmt: skip
    rows.append(
        order_row(header, amazon_order_id="S01-1234567-1234567", sales_channel="Non-Amazon")
    )
    path = write_lines(tmp_path / "o.txt", real_rows(header, rows), encoding=encoding,
                       newline=newline)  # fmt: skip
    outcome = apply_import(store, path, now=NOW)
    assert outcome.ok, outcome.error
    assert (outcome.report, outcome.orders, outcome.lines) == ("All Orders", 9, 9)
    assert outcome.notes[0].startswith("5 rows had a status we did not recognise (")
    assert "Shipped - Rejected by Buyer (1)" in outcome.notes[0]
    assert outcome.notes[1].startswith("1 Multi-Channel row skipped")
    stored = dict(store.db.execute("SELECT order_id, status FROM orders").fetchall())
    assert stored["111-0000003-0000001"] == "Shipped - Rejected by Buyer"  # kept as written
    cancelled = store.db.execute("SELECT count(*) FROM orders WHERE status = 'Cancelled'")
    assert cancelled.fetchone()[0] == 1  # only Cancelled is cancelled
    purchase = store.db.execute("SELECT purchase_date FROM orders LIMIT 1").fetchone()[0]
    assert purchase == "2026-09-01T01:00:00+00:00"


def test_the_same_sku_twice_in_one_order_is_two_lines(store: Store, tmp_path: Path) -> None:
    rows = [
        order_row(ORDERS_CURRENT, amazon_order_id=A, quantity="2"),
        order_row(ORDERS_CURRENT, amazon_order_id=A, quantity="3"),
        order_row(ORDERS_CURRENT, amazon_order_id=B),
    ]
    path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, rows)
    lines = list(orders.parse(path))
    assert [(x.order_id, x.sku, x.line, x.quantity) for x in lines] == [
        (A, "KT-WHISK", 1, 2), (A, "KT-WHISK", 2, 3), (B, "KT-WHISK", 1, 1)
    ]  # fmt: skip
    assert (
        apply_import(store, path, now=NOW).added,
        apply_import(store, path, now=NOW).unchanged,
    ) == (3, 3)
    quantity = store.db.execute("SELECT sum(quantity) FROM order_items WHERE order_id = ?", [A])
    assert quantity.fetchone()[0] == 5


# --- XML variants: the same records as the flat files ---------------------------------------

XML_ORDERS = """<?xml version="1.0" encoding="{encoding}"?>
<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Header><DocumentVersion>1.01</DocumentVersion></Header>
  <MessageType>AllOrdersReport</MessageType>
  <Message><Order>
    <AmazonOrderID>{a}</AmazonOrderID>
    <PurchaseDate>2026-09-01T10:00:00+09:00</PurchaseDate>
    <LastUpdatedDate>2026-09-02T10:00:00+00:00</LastUpdatedDate>
    <OrderStatus>Shipped - Delivered to Buyer</OrderStatus>
    <SalesChannel>Amazon.com</SalesChannel>
    <FulfillmentData>
      <FulfillmentChannel>Amazon</FulfillmentChannel>
      <ShipServiceLevel>Standard</ShipServiceLevel>
      <Address><City>{city}</City><State>ID</State><PostalCode>83702</PostalCode>
        <Country>US</Country></Address>
    </FulfillmentData>
    <IsBusinessOrder>false</IsBusinessOrder>
    <OrderItem>
      <ASIN>B0WH1SK001</ASIN><SKU>KT-WHISK</SKU><ItemStatus>Shipped</ItemStatus>
      <ProductName>{name}</ProductName><Quantity>2</Quantity>
      <ItemPrice><Component><Type>Principal</Type><Amount currency="USD">9.49</Amount>
      </Component><Component><Type>Tax</Type><Amount currency="USD">0.50</Amount></Component>
      </ItemPrice>
    </OrderItem>
    <OrderItem>
      <ASIN>B0WH1SK001</ASIN><SKU>KT-WHISK</SKU><ItemStatus>Shipped</ItemStatus>
      <ProductName>{name}</ProductName><Quantity>1</Quantity>
      <ItemPrice><Component><Type>Principal</Type><Amount currency="USD">9.49</Amount>
      </Component></ItemPrice>
    </OrderItem>
  </Order></Message>
  <Message><Order>
    <AmazonOrderID>S01-7654321-7654321</AmazonOrderID>
    <PurchaseDate>2026-09-01T10:00:00Z</PurchaseDate><LastUpdatedDate>2026-09-02T10:00:00Z
    </LastUpdatedDate><OrderStatus>Shipped</OrderStatus><SalesChannel>Non-Amazon</SalesChannel>
    <FulfillmentData><FulfillmentChannel>Amazon</FulfillmentChannel></FulfillmentData>
    <OrderItem><ASIN>B0WH1SK001</ASIN><SKU>KT-WHISK</SKU><Quantity>1</Quantity></OrderItem>
  </Order></Message>
</AmazonEnvelope>
"""


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("UTF-8", "Crème brûlée torch"), ("Shift_JIS", "ステンレス泡立て器"), ("ISO-8859-1", "Crème")],
)
def test_xml_all_orders_gives_the_flat_files_records(
    store: Store, tmp_path: Path, encoding: str, name: str
) -> None:
    text = XML_ORDERS.format(encoding=encoding, a=A, city="Boise", name=name)
    codec = {"UTF-8": "utf-8", "Shift_JIS": "cp932", "ISO-8859-1": "latin-1"}[encoding]
    path = tmp_path / "orders.xml"
    path.write_bytes(text.replace("\n", "\r\n").encode(codec))
    assert detect_report(path).amazon_name == "All Orders (XML)"
    flat = write_table(tmp_path / "o.txt", ORDERS_CURRENT, [
        order_row(ORDERS_CURRENT, amazon_order_id=A, purchase_date="2026-09-01T10:00:00+09:00",
                  order_status="Shipped - Delivered to Buyer", product_name=name, quantity=q,
                  item_tax="0.50" if q == "2" else "", merchant_order_id="",
                  is_business_order="false")
        for q in ("2", "1")
    ], encoding="utf-8")  # fmt: skip
    assert list(orders_xml.parse(path)) == list(orders.parse(flat))
    outcome = apply_import(store, path, now=NOW)
    assert (outcome.kind, outcome.orders, outcome.lines, outcome.added) == ("orders", 1, 2, 2)
    assert outcome.notes[1].startswith("1 Multi-Channel row skipped")
    assert apply_import(store, flat, now=NOW).unchanged == 2  # the same order, the same items


def test_xml_cut_off_or_with_entities_is_refused(store: Store, tmp_path: Path) -> None:
    text = XML_ORDERS.format(encoding="UTF-8", a=A, city="Boise", name="Whisk")
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: text.index("<OrderItem>") + 40], encoding="utf-8")
    outcome = apply_import(store, cut, now=NOW)
    assert outcome.error is not None and "seems cut off" in outcome.error
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><AmazonEnvelope><Order>'
        "<AmazonOrderID>&a;</AmazonOrderID><OrderStatus/><LastUpdatedDate/></Order>"
        "</AmazonEnvelope>",
        encoding="utf-8",
    )
    outcome = apply_import(store, bomb, now=NOW)
    assert outcome.error == (
        "bomb.xml: the XML declares a document type or entities, which Amazon's reports never do."
    )
    assert store.db.execute("SELECT count(*) FROM orders").fetchone()[0] == 0


XML_RETURNS = (
    '<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Header><DocumentVersion>1.00'
    "</DocumentVersion></Header><MessageType>Returns-Report</MessageType><Message>"
    "<return_details><item_details><item_name>Camisa Casual</item_name><asin>B07Y3YBD8J</asin>"
    "<return_reason_code>AMZ-PG-APP-TOO-SMALL</return_reason_code><merchant_sku>1050s-XL"
    "</merchant_sku><in_policy>Y</in_policy><return_quantity>1</return_quantity><resolution>"
    "StandardRefund</resolution><category>Apparel</category><refund_amount>59.9</refund_amount>"
    "</item_details><order_id>408-9386448-4007569</order_id><order_date>2020-11-03T17:08:47Z"
    "</order_date><amazon_rma_id>DJ1XPkq5RRMA</amazon_rma_id><return_request_date>"
    "2020-11-12T12:44:17Z</return_request_date><return_request_status>Approved"
    "</return_request_status><a_to_z_claim>false</a_to_z_claim><is_prime>N</is_prime>"
    "<label_details><currency_code>EUR</currency_code><label_cost>0.0</label_cost><label_type>"
    "AmazonUnPaidLabel</label_type></label_details><label_to_be_paid_by>Customer"
    "</label_to_be_paid_by><return_type>C-Returns</return_type><order_amount>59.9</order_amount>"
    "<order_quantity>1</order_quantity></return_details></Message></AmazonEnvelope>"
)
"""A real download's shape (SP-API GET_XML_RETURNS_DATA_BY_RETURN_DATE)."""


def test_xml_fbm_returns_give_the_flat_files_records(tmp_path: Path) -> None:
    path = tmp_path / "returns.xml"
    path.write_text(XML_RETURNS, encoding="utf-8")
    assert detect_report(path).amazon_name == "FBM Returns (XML)"
    values = {
        "Order ID": "408-9386448-4007569", "Order date": "03-Nov-2020",
        "Return request date": "12-Nov-2020", "Return request status": "Approved",
        "Amazon RMA ID": "DJ1XPkq5RRMA", "Currency code": "EUR", "A-to-Z Claim": "N",
        "Is prime": "N", "ASIN": "B07Y3YBD8J", "Merchant SKU": "1050s-XL",
        "Item Name": "Camisa Casual", "Return quantity": "1", "Return Reason":
        "AMZ-PG-APP-TOO-SMALL", "In policy": "Y", "Return type": "C-Returns",
        "Resolution": "StandardRefund", "Order Amount": "59.9", "Refunded Amount": "59.9",
    }  # fmt: skip
    flat = write_table(tmp_path / "r.txt", RETURNS_FBM, [[values.get(h, "") for h in RETURNS_FBM]])
    [from_xml] = returns_xml.parse(path)
    [from_flat] = returns.parse(flat)
    assert from_xml == from_flat.__class__(**{**_fields(from_flat), "category": "Apparel"})


def _fields(record: object) -> dict[str, object]:
    return {f: getattr(record, f) for f in record.__dataclass_fields__}  # type: ignore[attr-defined]


# --- localised strike-through, relay addresses -----------------------------------------------

STRIKE_THROUGH = [
    ("en", "This item was fulfilled by Amazon, and we take responsibility for this fulfillment experience."),
    ("en", "THIS ITEM WAS DELIVERED BY AMAZON,  and we take responsibility\nfor this delivery experience."),
    ("de", "Dieser Artikel wurde von Amazon versandt, und wir übernehmen die Verantwortung für dieses Versanderlebnis."),
    ("de", "dieser artikel wurde von amazon  versandt, und wir ubernehmen die verantwortung"),
    ("fr", "Cet article a été expédié par Amazon, nous assumons donc toute responsabilité concernant sa distribution."),
    ("it", "Questo articolo è stato spedito da Amazon e ci assumiamo la responsabilità di questa esperienza di spedizione."),
    ("es", "Este artículo ha sido enviado por Amazon y asumimos la responsabilidad de esta experiencia de envío."),
    ("ja", "この商品はＡｍａｚｏｎが発送しました。この配送に関する責任はAmazonが負います。"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "note"), STRIKE_THROUGH)
def test_strike_through_notes_in_every_language(language: str, note: str) -> None:
    assert struck_through_language("Arrived late, box crushed.", note) == language


@pytest.mark.parametrize(
    "comment",
    [
        "Shipped by Amazon but arrived broken. Nobody takes responsibility.",
        "Versand durch Amazon war schnell, aber der Artikel ist defekt.",
        "Expédié par Amazon, produit abîmé.",
        "",
    ],
)
def test_ordinary_comments_are_not_struck_through(comment: str) -> None:
    assert struck_through_language(comment) is None


@pytest.mark.parametrize(
    ("address", "market"),
    [
        ("abc123@marketplace.amazon.co.jp", "JP"),
        ("abc123@m.marketplace.amazon.co.jp", "JP"),
        ("abc123@M.Marketplace.Amazon.de", "DE"),
        ("abc123@m.marketplace.amazon.com", "US"),
    ],
)
def test_relay_addresses_on_m_subdomains(address: str, market: str) -> None:
    found = from_relay_address(address)
    assert found is not None and found.code == market and is_relay_address(address)


@pytest.mark.parametrize("address", ["a@amazon.co.jp", "a@evil.marketplace.example.com", "x"])
def test_other_addresses_are_not_relays(address: str) -> None:
    assert not is_relay_address(address) and from_relay_address(address) is None


def test_a_buyer_message_from_an_m_relay_is_inbound(tmp_path: Path) -> None:
    from storage.reports.messages.parse_email import parse

    path = tmp_path / "m.eml"
    path.write_text(
        'From: "Ken - Amazon Marketplace" <k1@m.marketplace.amazon.co.jp>\nTo: shop@example.com\n'
        "Subject: Inquiry from Amazon customer Ken (Order: 503-1234567-7654321)\n"
        "Date: Sat, 14 Nov 2026 23:05:00 +0900\nMessage-ID: <k1@x>\n\nHello\n",
        encoding="utf-8",
    )
    [message] = parse(path)
    assert (message.direction, message.marketplace) == ("in", "Amazon.co.jp")


def test_orderline_records_compare_by_value() -> None:
    """The XML and flat parsers are compared record by record above."""
    assert OrderLine.__eq__ is not object.__eq__


def test_a_refusal_of_the_xml_orders_names_the_element_line(tmp_path: Path) -> None:
    text = XML_ORDERS.format(encoding="UTF-8", a="111-0000001", city="Boise", name="Whisk")
    path = tmp_path / "o.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        list(orders_xml.parse(path))
    assert str(caught.value) == (
        "o.xml, line 5, column 'amazon-order-id': '111-0000001' is not an Amazon order id like "
        "123-1234567-1234567."
    )


@pytest.mark.parametrize("feed", ["LocalFeed", "ChildFeed"])
def test_the_bulk_path_numbers_lines_and_notes_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, feed: str
) -> None:
    """A large file (the bulk path, its reader in another process) says what a small one says."""
    from storage.reports.orders import bulk
    from storage.reports.orders import feed as feeds

    rows = [
        order_row(ORDERS_CURRENT, amazon_order_id=A, quantity="2"),
        order_row(ORDERS_CURRENT, amazon_order_id=A, quantity="3"),
        order_row(ORDERS_CURRENT, amazon_order_id=B, order_status="Shipped - Damaged"),
        order_row(
            ORDERS_CURRENT, amazon_order_id="S01-0000003-0000003", sales_channel="Non-Amazon"
        ),
    ]
    path = write_table(tmp_path / "o.txt", ORDERS_CURRENT, rows)
    results = []
    for big in (False, True):
        monkeypatch.setattr(bulk, "BULK_MIN_BYTES", 0 if big else 1 << 62)
        monkeypatch.setattr(bulk, "ORDER_FEED", getattr(feeds, feed))
        store = Store(tmp_path / f"{big}.sqlite3")
        outcome = apply_import(store, path, now=NOW)
        again = apply_import(store, path, now=NOW)
        stored = store.db.execute(
            "SELECT order_id, sku, line, quantity FROM order_items ORDER BY 1, 2, 3"
        ).fetchall()
        store.close()
        results.append((outcome.added, again.unchanged, outcome.orders, outcome.lines,
                        outcome.notes, [tuple(r) for r in stored]))  # fmt: skip
    assert results[0] == results[1]
    assert results[0][:4] == (3, 3, 2, 3)
    assert results[0][5] == [(A, "KT-WHISK", 1, 2), (A, "KT-WHISK", 2, 3), (B, "KT-WHISK", 1, 1)]
    assert [n.split(" (")[0] for n in results[0][4]] == [
        "1 row had a status we did not recognise",
        "1 Multi-Channel row skipped",
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_xml_with_a_byte_order_mark(store: Store, tmp_path: Path, encoding: str) -> None:
    text = XML_ORDERS.format(encoding="UTF-8" if encoding == "utf-8-sig" else "UTF-16", a=A,
                             city="München", name="Schneebesen")  # fmt: skip
    path = tmp_path / "o.xml"
    path.write_bytes(text.encode(encoding))
    outcome = apply_import(store, path, now=NOW)
    assert (outcome.report, outcome.added) == ("All Orders (XML)", 2), outcome.error


def test_the_schema_step_numbers_the_items_already_stored(tmp_path: Path) -> None:
    """Items stored before line numbers: one SKU under two ASINs becomes lines 1 and 2."""
    import sqlite3

    from storage.migrations import MIGRATIONS
    from storage.migrations.reports import report_variants

    conn = sqlite3.connect(tmp_path / "old.sqlite3")
    step = MIGRATIONS.index(report_variants)
    for earlier in MIGRATIONS[:step]:
        earlier(conn)
    conn.execute(
        "INSERT INTO orders (order_id, purchase_date, last_updated, status, channel, marketplace)"
        " VALUES (?, '2026-09-01', '2026-09-01', 'Shipped', 'afn', 'Amazon.com')",
        [A],
    )
    conn.executemany(
        "INSERT INTO order_items (order_id, sku, asin, quantity) VALUES (?, ?, ?, ?)",
        [
            (A, "KT-WHISK", "B0WH1SK002", 2),
            (A, "KT-WHISK", "B0WH1SK001", 1),
            (A, "KT-KNIFE", "", 1),
        ],
    )
    report_variants(conn)
    rows = conn.execute(
        "SELECT sku, line, asin, quantity, order_item_id FROM order_items ORDER BY 1, 2"
    )
    assert rows.fetchall() == [
        ("KT-KNIFE", 1, "", 1, ""),
        ("KT-WHISK", 1, "B0WH1SK001", 1, ""),
        ("KT-WHISK", 2, "B0WH1SK002", 2, ""),
    ]
    columns = {r[1] for r in conn.execute("PRAGMA table_info(orders)")}
    assert {
        "is_prime",
        "promise_date",
        "delivery_start_date",
        "delivery_end_date",
        "buyer_enc",
    } <= columns
    conn.close()
