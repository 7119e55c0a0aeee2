"""messages.csv importer: quoting, line endings, encodings, threading, refusals."""

from __future__ import annotations

import codecs
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.imports.errors import ImportRefused
from storage.reports.messages.parse_csv import KIND, parse

HEADER = (
    "message_id,order_id,thread_id,direction,timestamp,subject,body,sender,"
    "no_response_needed,automated"
)
US_RELAY = "abc123@marketplace.amazon.com"
UK_RELAY = "def456@marketplace.amazon.co.uk"
ORDER = "111-1234567-1234567"


def write(tmp_path: Path, *rows: str, newline: str = "\n", bom: bool = False) -> Path:
    path = tmp_path / "messages.csv"
    text = newline.join((HEADER, *rows)) + newline
    data = text.encode("utf-8")
    path.write_bytes(codecs.BOM_UTF8 + data if bom else data)
    return path


def row(
    message_id: str = "M1",
    order_id: str = ORDER,
    thread_id: str = "",
    direction: str = "in",
    timestamp: str = "2026-11-19T10:00:00+00:00",
    subject: str = "Inquiry",
    body: str = "Hello",
    sender: str = US_RELAY,
    nrn: str = "false",
    automated: str = "false",
) -> str:
    cells = (message_id, order_id, thread_id, direction, timestamp, subject, body, sender)
    return ",".join((*cells, nrn, automated))


def test_kind() -> None:
    assert KIND == "messages"


def test_sample_file(samples: Path) -> None:
    messages = list(parse(samples / "seller-a" / "messages.csv"))
    assert len(messages) == 344
    assert Counter(m.direction for m in messages) == {"in": 191, "out": 153}
    assert sum(m.no_response_needed for m in messages) == 20
    assert sum(m.automated for m in messages) == 4
    assert all(m.thread_id == m.order_id for m in messages)
    assert {m.marketplace for m in messages if m.direction == "in"} == {"Amazon.com"}
    assert {m.marketplace for m in messages if m.direction == "out"} == {""}
    first = messages[0]
    assert first.message_id == "M11-00001"
    assert first.timestamp == datetime(2026, 9, 13, 10, 49, 13, tzinfo=UTC)
    assert first.body.startswith("Hi, about my order 112-2153685-2968374, can you help?")


def test_quoted_body_with_commas_quotes_and_newlines(tmp_path: Path) -> None:
    body = '"Hi, the ""blue"" one\nnever came.\n\nThanks"'
    path = write(
        tmp_path, row(body=body), row(message_id="M2", direction="out", sender="me@x.example")
    )
    first, second = parse(path)
    assert first.body == 'Hi, the "blue" one\nnever came.\n\nThanks'
    assert second.message_id == "M2"


@pytest.mark.parametrize(
    ("newline", "bom"),
    [("\n", False), ("\r\n", False), ("\n", True), ("\r\n", True)],
    ids=["lf", "crlf", "bom-lf", "bom-crlf"],
)
def test_line_endings_and_bom(tmp_path: Path, newline: str, bom: bool) -> None:
    path = write(tmp_path, row(), row(message_id="M2"), newline=newline, bom=bom)
    messages = list(parse(path))
    assert [m.message_id for m in messages] == ["M1", "M2"]
    assert messages[0].sender == US_RELAY and messages[0].automated is False


def test_header_only_file_is_valid_and_empty(tmp_path: Path) -> None:
    assert list(parse(write(tmp_path))) == []


def test_columns_are_mapped_by_name_not_position(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "Direction,Message ID,Timestamp,Extra,Order-ID,Sender\n"
        f"in,M9,2026-11-19T10:00:00Z,ignored,{ORDER},{UK_RELAY}\n",
        encoding="utf-8",
    )
    [message] = parse(path)
    assert (message.message_id, message.direction, message.order_id) == ("M9", "in", ORDER)
    assert message.marketplace == "Amazon.co.uk"
    assert message.body == "" and message.no_response_needed is False


@pytest.mark.parametrize(
    ("thread_id", "order_id", "sender", "expected"),
    [
        ("T-1", ORDER, US_RELAY, "T-1"),
        ("", ORDER, US_RELAY, ORDER),
        ("", "", "AbC123@Marketplace.Amazon.com", "abc123@marketplace.amazon.com"),
    ],
    ids=["explicit", "order-id", "relay-alias"],
)
def test_thread_resolution(
    tmp_path: Path, thread_id: str, order_id: str, sender: str, expected: str
) -> None:
    [message] = parse(write(tmp_path, row(thread_id=thread_id, order_id=order_id, sender=sender)))
    assert message.thread_id == expected


@pytest.mark.parametrize(
    ("direction", "sender", "marketplace"),
    [
        ("in", US_RELAY, "Amazon.com"),
        ("in", UK_RELAY, "Amazon.co.uk"),
        ("in", "buyer@gmail.example", ""),
        ("out", UK_RELAY, ""),
        ("OUT", "seller@example.com", ""),
    ],
)
def test_marketplace_from_inbound_relay_domain(
    tmp_path: Path, direction: str, sender: str, marketplace: str
) -> None:
    [message] = parse(write(tmp_path, row(direction=direction, sender=sender)))
    assert message.direction == direction.lower()
    assert message.marketplace == marketplace


@pytest.mark.parametrize(
    ("timestamp", "expected"),
    [
        ("2026-11-19T18:30:00+01:00", datetime(2026, 11, 19, 17, 30, tzinfo=UTC)),
        ("2026-11-14T23:05:00-08:00", datetime(2026, 11, 15, 7, 5, tzinfo=UTC)),
        ("2026-11-19T10:00:00Z", datetime(2026, 11, 19, 10, 0, tzinfo=UTC)),
        ("2026-11-19 10:00:00+00:00", datetime(2026, 11, 19, 10, 0, tzinfo=UTC)),
    ],
)
def test_timestamps_are_converted_to_utc(
    tmp_path: Path, timestamp: str, expected: datetime
) -> None:
    [message] = parse(write(tmp_path, row(timestamp=timestamp)))
    assert message.timestamp == expected
    assert message.timestamp.utcoffset() is not None


@pytest.mark.parametrize(
    ("nrn", "automated", "expected"),
    [("true", "false", (True, False)), ("FALSE", "TRUE", (False, True)), ("", "", (False, False))],
)
def test_flags(tmp_path: Path, nrn: str, automated: str, expected: tuple[bool, bool]) -> None:
    [message] = parse(write(tmp_path, row(nrn=nrn, automated=automated)))
    assert (message.no_response_needed, message.automated) == expected


MULTILINE = row(message_id="M1", body='"line one,\nline two\nline three"')


@pytest.mark.parametrize(
    ("rows", "line", "column", "fragment"),
    [
        (
            (row(direction="sideways"),),
            2,
            "direction",
            "'sideways' is not one of the known values (in, out)",
        ),
        ((MULTILINE, row(message_id="M2", direction="both")), 5, "direction", "'both'"),
        (
            (row(), MULTILINE, row(message_id="M3", timestamp="yesterday")),
            6,
            "timestamp",
            "'yes…' (9 characters) is not an ISO 8601",
        ),
        ((row(timestamp="2026-11-19"),), 2, "timestamp", "no time of day"),
        ((row(timestamp=""),), 2, "timestamp", "empty"),
        ((row(message_id=""),), 2, "message_id", "empty"),
        ((row(nrn="maybe"),), 2, "no_response_needed", "'maybe'"),
        ((row(automated="2"),), 2, "automated", "'2'"),
        ((row(thread_id="", order_id="", sender=""),), 2, "thread_id", "thread is unknown"),
    ],
    ids=[
        "unknown-direction",
        "line-of-record-start-after-multiline",
        "bad-timestamp-after-multiline",
        "bare-date",
        "empty-timestamp",
        "empty-message-id",
        "bad-flag",
        "bad-automated",
        "no-thread",
    ],
)
def test_bad_cells_refuse_with_file_line_and_column(
    tmp_path: Path, rows: tuple[str, ...], line: int, column: str, fragment: str
) -> None:
    path = write(tmp_path, *rows)
    with pytest.raises(ImportRefused) as info:
        list(parse(path))
    message = str(info.value)
    assert message.startswith(f"messages.csv, line {line}, column '{column}': ")
    assert fragment in message
    assert (info.value.line, info.value.column) == (line, column)


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        (
            "message_id,order_id,timestamp\nM1,x,2026-11-19T10:00:00Z\n",
            1,
            "direction",
            "required column 'direction' is missing",
        ),
        (f"{HEADER}\n{row()}\nM2,{ORDER},,in\n", 3, "timestamp", "cells but the header has 10"),
        (
            f"{HEADER}\n{row()}\n{row(message_id='M2', body='Hi, there')}\n",
            3,
            None,
            "double quotes",
        ),
        (
            f"{HEADER}\n{row()}\n{row(message_id='M2', body=chr(34) + 'never closed')}\nM3\n",
            3,
            None,
            "never closed",
        ),
        ("", None, None, "the file is empty"),
    ],
    ids=["missing-column", "short-row", "unquoted-comma", "unclosed-quote", "empty-file"],
)
def test_malformed_files_refuse(
    tmp_path: Path, text: str, line: int | None, column: str | None, fragment: str
) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRefused) as info:
        list(parse(path))
    assert (info.value.file, info.value.line, info.value.column) == ("messages.csv", line, column)
    assert fragment in str(info.value)
    if line is not None:
        assert f"line {line}" in str(info.value)
