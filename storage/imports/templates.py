"""Our own CSV templates (messages.csv, claims.csv): the blank files and their reader.

Amazon has no export for buyer messages or claims, so the seller fills these
in by hand or from a spreadsheet. Hand-edited CSV carries quoted bodies with
commas and newlines, so the reader reports the line on which a record *starts*.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from core.model import CLAIM_KINDS, CLAIM_REASONS, CLAIM_STATUSES
from storage.imports.errors import ImportRefused, cut_off
from storage.imports.reading import (
    Column,
    Row,
    detect_encoding,
    ends_with_line_break,
    read_header,
)

MESSAGES_HEADER = (
    "message_id,order_id,thread_id,direction,timestamp,subject,body,sender,"
    "no_response_needed,automated"
)
CLAIMS_HEADER = (
    "claim_id,order_id,kind,filed_at,amount,currency,reason,status,"
    "info_requested_at,decided_at,buy_shipping_protected,notes"
)

TEMPLATES: dict[str, str] = {"messages": MESSAGES_HEADER, "claims": CLAIMS_HEADER}
"""Template name -> its header line (no newline)."""

COMMENT = "#"
"""A line whose first cell starts with this is a note for the seller; the reader skips it."""
_NOTES: dict[str, tuple[str, ...]] = {
    "messages": (
        "# Lines starting with # are notes and are not imported. One buyer or seller message a"
        " row; an example:",
        "# M-1001,111-2345678-1234567,T-1001,in,2026-11-20 14:00,Where is my order?,"
        "It has not arrived.,buyer@marketplace.amazon.com,no,no",
        "# direction: in (from the buyer) | out (your reply)",
        "# timestamp: 2026-11-20 14:00 or 2026-11-20T14:00:00Z (UTC)",
        "# no_response_needed and automated: yes | no (empty = no)",
    ),
    "claims": (
        "# Lines starting with # are notes and are not imported. One A-to-z claim or chargeback"
        " a row; an example:",
        "# AZ-1001,111-2345678-1234567,a-to-z,2026-11-20 14:00,24.99,USD,not_received,open,,,"
        "no,Buyer says the parcel never came",
        "# kind: " + " | ".join(CLAIM_KINDS),
        "# reason: " + " | ".join(CLAIM_REASONS),
        "# status: " + " | ".join(CLAIM_STATUSES),
        "# filed_at / info_requested_at / decided_at: 2026-11-20 14:00 (UTC); the last two may"
        " stay empty",
        "# buy_shipping_protected: yes | no (empty = no)",
    ),
}

RESOURCE_DIR = Path(__file__).resolve().parents[2] / "resources" / "templates"
"""Where the shipped copies of the blank templates live (kept identical to TEMPLATES)."""


def template_text(name: str) -> str:
    """The exact content of a blank template: the header line, then commented notes (an
    example row and the allowed values) that the importer skips."""
    try:
        return "\n".join((TEMPLATES[name], *_NOTES[name])) + "\n"
    except KeyError:
        choices = ", ".join(sorted(TEMPLATES))
        raise ValueError(f"unknown template '{name}'; choose one of: {choices}") from None


def write_template(name: str, dest: Path, *, overwrite: bool = False) -> Path:
    """Write the blank template `name` to `dest` (a file, or a folder to put `<name>.csv` in).

    Refuses to replace an existing file unless `overwrite`, so a filled-in
    template is never lost to a click. Returns the path written.
    """
    text = template_text(name)
    target = dest / f"{name}.csv" if dest.is_dir() else dest
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists; not overwriting it")
    with target.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return target


def read_template_rows(path: Path, columns: Sequence[Column]) -> Iterator[Row]:
    """Stream a comma-separated template as `Row`s whose `line` is the record's first line.

    Like `base.read_table`, but a quoted cell may span lines, and an error must
    point where the seller sees the record begin. A row with more filled cells
    than the header is refused: it is almost always an unquoted comma.
    """
    name = path.name
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=",", quoting=csv.QUOTE_MINIMAL, strict=True)
        header, positions = read_header(reader, name, columns)
        required = {c.name for c in columns if c.required}
        width = len(header)
        complete = ends_with_line_break(path, encoding)
        held: tuple[int, list[str]] | None = None  # the last row, checked for a cut-off
        while True:
            start = reader.line_num + 1
            try:
                raw = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise ImportRefused(name, _csv_reason(exc), start) from None
            if not raw or all(not cell.strip() for cell in raw) or _is_note(raw):
                continue
            if held is not None:
                yield _row(name, *held, width, positions, required)
            held = (start, raw)
        if held is not None:
            if not complete and len(held[1]) < width:
                raise ImportRefused(name, cut_off(held[0]), held[0])
            yield _row(name, *held, width, positions, required)


def _is_note(raw: list[str]) -> bool:
    return raw[0].lstrip().startswith(COMMENT)


def missing_column(keys: frozenset[str]) -> tuple[str, str] | None:
    """(template, first missing column) for a header that is clearly one of our templates
    (most of its columns) but lacks a required one; None otherwise."""
    for name, header in TEMPLATES.items():
        wanted = [c.replace("_", " ") for c in header.split(",")]
        present = [c for c in wanted if c in keys]
        if len(present) >= len(wanted) // 2 and len(present) < len(wanted):
            missing = next(c for c in header.split(",") if c.replace("_", " ") not in keys)
            return name, missing
    return None


def _row(
    name: str,
    start: int,
    raw: list[str],
    width: int,
    positions: dict[str, int],
    required: set[str],
) -> Row:
    _check_width(name, start, raw, width, positions, required)
    cells = {c: (raw[p].strip() if p < len(raw) else "") for c, p in positions.items()}
    return Row(name, start, cells)


def _csv_reason(exc: csv.Error) -> str:
    if "unexpected end of data" in str(exc):
        return "a double quote opened in this row is never closed"
    return f"the row cannot be read ({exc})"


def _check_width(
    file: str,
    line: int,
    raw: list[str],
    width: int,
    positions: dict[str, int],
    required: set[str],
) -> None:
    """Short rows may drop trailing empty cells; extra filled cells mean a stray comma."""
    if len(raw) > width and any(cell.strip() for cell in raw[width:]):
        raise ImportRefused(
            file,
            f"the row has {len(raw)} cells but the header has {width} "
            "(put text containing commas in double quotes)",
            line,
        )
    missing = [c for c, p in positions.items() if p >= len(raw) and c in required]
    if missing:
        raise ImportRefused(
            file,
            f"the row has {len(raw)} cells but the header has {width}",
            line,
            missing[0],
        )
