"""Which report is this file? Decided from its content, never its name.

Only the head of the file is read (a 1M-row orders file is not loaded). Its
layout is settled first (JSON, e-mail, a tab or a comma header line), then
each report kind of that layout in storage/reports/kinds.py is asked in turn.
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
from storage.reports.kinds import Layout, reports_in

SUPPORTED = (
    "All Orders (tab-delimited), Feedback, FBM Returns, FBA Customer Returns, "
    "the seller performance report (JSON), e-mail (.eml/.mbox), "
    "and the messages.csv and claims.csv templates"
)


def detect_kind(path: Path) -> ReportKind:
    """The report kind of `path`, or `ImportRefused` saying why it is none."""
    name = path.name
    body = _head_text(path).lstrip()
    if not body:
        raise ImportRefused(name, "the file is empty")
    if body[0] in "{[":
        kind = _first("json", _json_head(path, body))
        if kind is None:
            raise ImportRefused(name, "the file is JSON but not a seller performance report")
        return kind
    kind = _first("email", Head(body))
    if kind is not None:
        return kind
    header = next(line for line in body.splitlines() if line.strip())
    if "\t" in header:
        kind = _first("tab", Head(body, header_keys(header, "\t")))
        if kind is not None:
            return kind
    elif "," in header:
        head = Head(body, _csv_keys(header))
        kind = _first("csv", head)
        if kind is not None:
            return kind
        for report in reports_in("tab"):
            if report.sniff(head):
                raise ImportRefused(
                    name,
                    f"this looks like {report.label} saved as comma-separated CSV; "
                    "import the tab-delimited file as downloaded from Seller Central",
                    1,
                )
    raise ImportRefused(
        name, f"the header does not match any supported report (supported: {SUPPORTED})", 1
    )


def _first(layout: Layout, head: Head) -> ReportKind | None:
    return next((r.kind for r in reports_in(layout) if r.sniff(head)), None)


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
