"""storage.imports.completeness: JSON, XML and e-mail files cut short are told apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.imports.completeness import CHUNK, looks_complete

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
PERF = (SAMPLES / "performance" / "seller-performance-2026-11-20.json").read_bytes()
MBOX = (SAMPLES / "email" / "inbox.mbox").read_bytes()

MULTIPART = (
    b"From MAILER-DAEMON Thu Nov 26 02:15:29 2026\n"
    b"From: buyer@marketplace.amazon.com\n"
    b"Subject: Inquiry (Order: 112-9034417-5521930)\n"
    b'Content-Type: multipart/alternative; boundary="b1"\n'
    b"MIME-Version: 1.0\n"
    b"\n"
    b"--b1\nContent-Type: text/plain\n\nHello\n"
    b"--b1\nContent-Type: text/html\n\n<p>Hello</p>\n"
    b"--b1--\n\n"
)


def check(tmp_path: Path, name: str, data: bytes) -> bool:
    path = tmp_path / name
    path.write_bytes(data)
    return looks_complete(path)


def test_json_is_complete_when_it_parses(tmp_path: Path) -> None:
    assert check(tmp_path, "perf.json", PERF)
    for cut in (1, len(PERF) // 3, len(PERF) // 2, len(PERF) - 3):
        assert not check(tmp_path, "perf.json", PERF[:cut]), cut


def test_malformed_but_whole_json_goes_on_to_be_refused(tmp_path: Path) -> None:
    """Closed brackets and strings: the importer, not the wait, says what is wrong."""
    assert check(tmp_path, "perf.json", b'{"rate": lots}')
    assert check(tmp_path, "perf.json", b"\xef\xbb\xbf" + PERF)  # a BOM is fine


def test_xml_is_complete_when_the_root_element_closes(tmp_path: Path) -> None:
    xml = b'<?xml version="1.0"?>\n<report><row id="1">a</row><row id="2">b</row></report>\n'
    assert check(tmp_path, "r.xml", xml)
    for cut in (10, 30, len(xml) - 5, len(xml) - 2):
        assert not check(tmp_path, "r.xml", xml[:cut]), cut
    assert check(tmp_path, "r.xml", b"<report><row></report>")  # malformed inside: refused later


def test_mbox_is_complete_when_its_last_message_is(tmp_path: Path) -> None:
    assert check(tmp_path, "inbox.mbox", MBOX)
    assert not check(tmp_path, "inbox.mbox", MBOX[:-20])  # cut in the middle of a line
    last = MBOX.rindex(b"\nFrom ")
    headers_only = MBOX[: MBOX.index(b"Subject:", last)] + b"Subject: Inquiry\n"
    assert not check(tmp_path, "inbox.mbox", headers_only)  # headers not finished
    assert check(tmp_path, "inbox.mbox", MBOX + MULTIPART)
    assert not check(tmp_path, "inbox.mbox", MBOX + MULTIPART[: MULTIPART.index(b"--b1--")])


def test_a_big_last_message_is_found_across_chunks(tmp_path: Path) -> None:
    body = b"line of a long message\n" * (2 * CHUNK // 23)
    message = MULTIPART.replace(b"Hello\n--b1\nContent", b"Hello\n" + body + b"--b1\nContent")
    assert check(tmp_path, "big.mbox", MBOX + message)
    assert not check(tmp_path, "big.mbox", MBOX + message[: -len(b"--b1--\n\n")])


def test_a_single_eml_may_end_without_a_line_break(tmp_path: Path) -> None:
    eml = MBOX[MBOX.index(b"\n") + 1 : MBOX.index(b"\nFrom ")].rstrip(b"\n")
    assert check(tmp_path, "one.eml", eml)
    assert not check(tmp_path, "one.eml", eml[: eml.index(b"\n\n")])


@pytest.mark.parametrize(
    "data",
    [
        b"Date\tRating\tComments\n8/27/26\t5\tAs describ",  # the importer refuses a cut row
        b"\xff\xfeD\x00a\x00t\x00e\x00",  # Excel's Unicode Text
        b"claim_id,order_id\nAZ-1,111",
    ],
)
def test_formats_that_cannot_tell_are_left_to_the_importer(tmp_path: Path, data: bytes) -> None:
    assert check(tmp_path, "report.txt", data)
