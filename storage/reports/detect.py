"""Which report is this file? Decided from its content, never its name.

Only the head of the file is read (a 1M-row orders file is not loaded). Its
layout is settled first (JSON, XML, e-mail, a tab or a comma header line),
then each report kind of that layout in storage/reports/kinds.py is asked in
turn; kinds recognise a header by the set of its columns, in any order. A file
no kind takes may still be a report Amazon makes that we do not read: it is
refused with that report's name (storage/reports/known.py).
"""

from __future__ import annotations

import codecs
import csv
import json
from pathlib import Path

from core.model import ReportKind
from storage.imports.errors import ImportRefused
from storage.imports.reading import (
    SNIFF_BYTES,
    Head,
    header_keys,
    is_binary,
    norm_header,
    read_head,
)
from storage.imports.templates import TEMPLATES, missing_column
from storage.imports.xml_reading import element_names
from storage.reports.kinds import REPORTS, Layout, Report, reports_in
from storage.reports.known import known_report, refusal

_PREAMBLE_LINES = 12  # the Date Range report has a few lines before its header


def supported() -> str:
    """Every report we read, by name, for the sentence that refuses an unknown file."""
    return ", ".join(dict.fromkeys(r.amazon_name for r in REPORTS))


def detect_kind(path: Path) -> ReportKind:
    """The report kind of `path`, or `ImportRefused` saying why it is none."""
    return detect_report(path).kind


def detect_report(path: Path) -> Report:
    """The report (kind and variant) of `path`, or `ImportRefused` saying why it is none."""
    name = path.name
    body = _head_text(path).lstrip()
    if not body:
        raise ImportRefused(name, "the file is empty")
    if body[0] in "{[":
        found = _first("json", _json_head(path, body))
        if found is None:
            raise ImportRefused(name, "the file is JSON but not a seller performance report")
        return found
    if body[0] == "<":
        return _xml(name, body)
    found = _first("email", Head(body))
    if found is not None:
        return found
    header = next(line for line in body.splitlines() if line.strip())
    if "\t" in header:
        found = _first("tab", Head(body, header_keys(header, "\t")))
        if found is not None:
            return found
    elif "," in header:
        head = Head(body, _csv_keys(header))
        found = _first("csv", head)
        if found is not None:
            return found
        near = missing_column(head.keys)
        if near is not None:
            raise ImportRefused(
                name,
                f"this looks like the {near[0]}.csv template, but its column {near[1]} is "
                f"missing: the first line must be the template's header ({TEMPLATES[near[0]]})",
                1,
            )
        for report in reports_in("tab"):
            if report.sniff(head):
                raise ImportRefused(
                    name,
                    f"this looks like {report.label} saved as comma-separated CSV; "
                    "import the tab-delimited file as downloaded from Seller Central",
                    1,
                )
    _refuse_known(name, body)
    raise ImportRefused(
        name, f"the header does not match any supported report (supported: {supported()})", 1
    )


def _xml(name: str, body: str) -> Report:
    keys = element_names(body)
    found = _first("xml", Head(body, keys))
    if found is not None:
        return found
    known = known_report(keys)
    if known is not None:
        raise ImportRefused(name, refusal(known))
    raise ImportRefused(
        name, f"the file is XML but not a report we read (supported: {supported()})"
    )


def _refuse_known(name: str, body: str) -> None:
    """Refuse a known report we do not read, naming it; its header may follow a preamble."""
    for number, line in enumerate(body.splitlines()[:_PREAMBLE_LINES], 1):
        if not line.strip():
            continue
        for keys in (header_keys(line, "\t"), _csv_keys(line)):
            known = known_report(keys)
            if known is not None:
                raise ImportRefused(name, refusal(known), number)


def _first(layout: Layout, head: Head) -> Report | None:
    return next((r for r in reports_in(layout) if r.sniff(head)), None)


def _head_text(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            raw = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise ImportRefused(path.name, f"the file cannot be read ({exc.strerror})") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode Text": NUL bytes here are text, not binary.
        return raw.decode("utf-16", errors="replace").lstrip("\ufeff")
    if not raw.removeprefix(codecs.BOM_UTF8).strip():
        raise ImportRefused(path.name, "the file is empty")
    if is_binary(path):
        raise ImportRefused(path.name, "the file is not a text report")
    return read_head(path)


def _json_head(path: Path, body: str) -> Head:
    """The parsed JSON when the whole file is in the head, else only its text."""
    if path.stat().st_size > SNIFF_BYTES:
        return Head(body, complete=False)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise ImportRefused(path.name, "the file looks like JSON but is not valid JSON") from None
    return Head(body, data=data)


def _csv_keys(header: str) -> frozenset[str]:
    try:
        cells = next(csv.reader([header]))
    except (csv.Error, StopIteration):
        return frozenset()
    return frozenset(norm_header(c) for c in cells if c.strip())
