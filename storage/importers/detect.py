"""Which report is this file? Decided from its content, never its name.

Only the head of the file is read (a 1M-row orders file is not loaded): JSON
shape, e-mail headers, or the names in the header line. Parsers are imported
lazily by `parser_for`, so detection works while a parser module is absent.
"""

from __future__ import annotations

import codecs
import csv
import importlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

from core.model import Record, ReportKind
from storage.importers import feedback, orders, returns_fba, returns_fbm
from storage.importers.base import (
    SNIFF_BYTES,
    ImportRefused,
    header_keys,
    is_binary,
    norm_header,
    read_head,
)

SUPPORTED = (
    "All Orders (tab-delimited), Feedback, FBM Returns, FBA Customer Returns, "
    "the seller performance report (JSON), e-mail (.eml/.mbox), "
    "and the messages.csv and claims.csv templates"
)

_TAB_KINDS: tuple[tuple[ReportKind, Callable[[set[str]], bool]], ...] = tuple(
    (m.KIND, m.sniff) for m in (orders, returns_fbm, returns_fba, feedback)
)
_TAB_TITLES: dict[ReportKind, str] = {
    "orders": "an All Orders",
    "returns_fbm": "an FBM Returns",
    "returns_fba": "an FBA Customer Returns",
    "feedback": "a Feedback",
}
_MESSAGES_KEYS = frozenset({"message id", "direction", "timestamp"})
_CLAIMS_KEYS = frozenset({"claim id", "kind", "filed at"})
_PERFORMANCE_KEYS = ("performanceMetrics", "accountStatuses")
_PERFORMANCE_TEXT = re.compile(r'"(?:performanceMetrics|accountStatuses)"\s*:')

_MAIL_FIELD = re.compile(r"[!-9;-~]+:")  # RFC 5322 field name, then a colon
_MAIL_KNOWN = frozenset(
    {
        "from",
        "subject",
        "date",
        "message-id",
        "received",
        "return-path",
        "delivered-to",
        "mime-version",
    }
)

_PARSERS: dict[ReportKind, str] = {
    "orders": "storage.importers.orders",
    "feedback": "storage.importers.feedback",
    "returns_fbm": "storage.importers.returns_fbm",
    "returns_fba": "storage.importers.returns_fba",
    "performance": "storage.importers.performance",
    "messages": "storage.importers.messages_csv",
    "claims": "storage.importers.claims_csv",
    "email": "storage.importers.email_messages",
}


def parser_for(kind: ReportKind) -> Callable[[Path], Iterator[Record]]:
    """The `parse(path)` of the kind's module, imported on first use."""
    module = importlib.import_module(_PARSERS[kind])
    return cast(Callable[[Path], Iterator[Record]], module.parse)


def detect_kind(path: Path) -> ReportKind:
    """The report kind of `path`, or `ImportRefused` saying why it is none."""
    name = path.name
    text = _head_text(path)
    body = text.lstrip()
    if not body:
        raise ImportRefused(name, "the file is empty")
    if body[0] in "{[":
        return _json_kind(path, body)
    if _looks_like_email(body):
        return "email"
    header = next(line for line in body.splitlines() if line.strip())
    if "\t" in header:
        keys = header_keys(header, "\t")
        for kind, sniff in _TAB_KINDS:
            if sniff(keys):
                return kind
    elif "," in header:
        keys = _csv_keys(header)
        if keys >= _MESSAGES_KEYS:
            return "messages"
        if keys >= _CLAIMS_KEYS:
            return "claims"
        for kind, sniff in _TAB_KINDS:
            if sniff(keys):
                raise ImportRefused(
                    name,
                    f"this looks like {_TAB_TITLES[kind]} report saved as comma-separated CSV; "
                    "import the tab-delimited file as downloaded from Seller Central",
                    1,
                )
    raise ImportRefused(
        name, f"the header does not match any supported report (supported: {SUPPORTED})", 1
    )


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


def _json_kind(path: Path, body: str) -> ReportKind:
    """A performance report is a JSON object with performanceMetrics or accountStatuses."""
    refusal = ImportRefused(path.name, "the file is JSON but not a seller performance report")
    if path.stat().st_size > SNIFF_BYTES:  # only the head was read: look at the text
        if body[0] == "{" and _PERFORMANCE_TEXT.search(body):
            return "performance"
        raise refusal
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise ImportRefused(path.name, "the file looks like JSON but is not valid JSON") from None
    if isinstance(data, dict) and any(k in data for k in _PERFORMANCE_KEYS):
        return "performance"
    raise refusal


def _looks_like_email(body: str) -> bool:
    """An mbox ("From " line) or a message starting with RFC 822 header fields."""
    if body.startswith("From "):
        return True
    names: set[str] = set()
    for i, line in enumerate(body.splitlines()):
        if not line.strip() or i >= 200:
            break
        if line[0] in " \t":
            continue  # a folded header continues the previous field
        m = _MAIL_FIELD.match(line)
        if m is None:
            return False
        names.add(m.group()[:-1].lower())
    return bool(names & _MAIL_KNOWN)


def _csv_keys(header: str) -> set[str]:
    try:
        cells = next(csv.reader([header]))
    except (csv.Error, StopIteration):
        return set()
    return {norm_header(c) for c in cells if c.strip()}
