"""Reading report files: encodings, the head of a file, header mapping, cells.

Parsers never touch the database. They turn a file into a stream of
`core.model` records and raise `ImportRefused` at the first bad row;
`storage.imports.apply` consumes the stream inside one transaction, so a
refusal (or a crash) writes nothing.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from core.clock import parse_iso
from storage.imports.errors import ImportRefused, cut_off, not_a
from storage.imports.shapes import Shape

csv.field_size_limit(16 * 1024 * 1024)

SNIFF_BYTES = 64 * 1024


def norm_header(name: str) -> str:
    """Header names compare case-insensitively with `_`, `-` and spaces equal."""
    return re.sub(r"[\s_\-]+", " ", name.replace("\ufeff", "")).strip().lower()


# --- encodings -------------------------------------------------------------

_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
"""Hiragana and katakana: cp1252 text read as cp932 turns accented letters into kanji and
half-width katakana ("Crème" -> "Cr鑪e"), almost never into full-width kana."""


def detect_encoding(path: Path) -> str:
    """UTF-8 with BOM, UTF-8, cp932 (Japanese), then cp1252 (reports.md).

    Streams the whole file once through incremental decoders so a bad byte
    deep in a large file is found before anything is parsed. Raises
    `ImportRefused` when no candidate decodes it, rather than store mojibake.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        if _decodes(path, "utf-8-sig"):
            return "utf-8-sig"
        raise ImportRefused(path.name, "the file starts as UTF-8 but has bytes that are not UTF-8")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if _decodes(path, "utf-16"):
            return "utf-16"
        raise ImportRefused(
            path.name, "the file starts as UTF-16 but has bytes that are not UTF-16"
        )
    if _decodes(path, "utf-8"):
        return "utf-8"
    if _decodes(path, "cp932") and _looks_japanese(path):
        return "cp932"
    if _decodes(path, "cp1252"):
        return "cp1252"
    raise ImportRefused(
        path.name,
        "the text encoding is not UTF-8, Windows-1252 or Shift_JIS, so it cannot be read safely",
    )


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _looks_japanese(path: Path) -> bool:
    with path.open("rb") as fh:
        sample = fh.read(SNIFF_BYTES)
    text = sample.decode("cp932", errors="ignore")
    return _KANA.search(text) is not None


def read_head(path: Path, limit: int = SNIFF_BYTES) -> str:
    """The first bytes of a file as text, for kind detection (never raises on bytes)."""
    with path.open("rb") as fh:
        raw = fh.read(limit)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The limit can cut a multi-byte character in two: that is still UTF-8.
        if exc.start >= len(raw) - 3 and exc.reason == "unexpected end of data":
            return raw[: exc.start].decode("utf-8")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def is_binary(path: Path) -> bool:
    """A NUL byte in the head means this is not a text report."""
    with path.open("rb") as fh:
        return b"\x00" in fh.read(SNIFF_BYTES)


# --- tables ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A column the importer uses: canonical name plus accepted header spellings."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def keys(self) -> tuple[str, ...]:
        return tuple(norm_header(n) for n in (self.name, *self.aliases))


def columns(*names: str, required: bool = True) -> tuple[Column, ...]:
    """Several columns without other spellings, all required or all optional."""
    return tuple(Column(n, required=required) for n in names)


@dataclass(slots=True)
class Row:
    """One data row: cells by canonical column name, trimmed; its 1-based line."""

    file: str
    line: int
    cells: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def refuse(self, column: str, reason: str) -> ImportRefused:
        return ImportRefused(self.file, reason, self.line, column)

    def required(self, column: str) -> str:
        value = self.get(column)
        if not value:
            raise self.refuse(column, "the value is empty but is needed")
        return value

    def iso(self, column: str, *, optional: bool = False) -> datetime | None:
        value = self.get(column)
        if not value:
            if optional:
                return None
            raise self.refuse(column, "the timestamp is empty but is needed")
        try:
            return parse_iso(value)
        except ValueError:
            raise self.refuse(column, not_a(value, "date", "an ISO 8601 timestamp")) from None

    def decimal(self, column: str, *, optional: bool = True) -> Decimal | None:
        value = self.get(column)
        if not value:
            if optional:
                return None
            raise self.refuse(column, "the amount is empty but is needed")
        try:
            return parse_amount(value)
        except ValueError:
            raise self.refuse(column, not_a(value, "number", "a number")) from None

    def integer(self, column: str, *, default: int | None = None) -> int:
        value = self.get(column)
        if not value:
            if default is not None:
                return default
            raise self.refuse(column, "the number is empty but is needed")
        digits = value[1:] if value[:1] in "+-" else value
        if not (digits.isascii() and digits.isdigit()):  # int() would take "1_000"
            raise self.refuse(column, not_a(value, "number", "a whole number"))
        return int(value)

    def flag(self, column: str, *, default: bool = False) -> bool:
        """Y/N, true/false, yes/no, 1/0."""
        value = self.get(column).lower()
        if not value:
            return default
        if value in ("y", "yes", "true", "1", "t"):
            return True
        if value in ("n", "no", "false", "0", "f"):
            return False
        raise self.refuse(column, not_a(self.get(column), "code", "one of Y/N or true/false"))

    def choice(self, column: str, allowed: Sequence[str], *, fold_case: bool = True) -> str:
        """An enum cell the metrics use: an unknown value refuses the file."""
        value = self.get(column)
        for option in allowed:
            if value == option or (fold_case and value.lower() == option.lower()):
                return option
        known = ", ".join(allowed)
        raise self.refuse(column, not_a(value, "code", f"one of the known values ({known})"))

    def key(self, column: str, shape: Shape, *, required: bool = True) -> str:
        """A key cell: empty only when not `required`, else of its shape (not cut short)."""
        value = self.required(column) if required else self.get(column)
        if value and not shape.fits(value):
            raise self.refuse(column, not_a(value, "code", shape.expected))
        return value


def read_table(
    path: Path,
    columns: Sequence[Column],
    *,
    delimiter: str,
    encoding: str | None = None,
) -> Iterator[Row]:
    """Stream a delimited file as `Row`s keyed by canonical column name.

    Columns are mapped by header name, unknown columns ignored, every cell
    trimmed. A missing required column or a short row refuses the file.
    Blank lines are skipped. Streams: memory does not grow with file size.
    """
    enc = encoding or detect_encoding(path)
    name = path.name
    complete = ends_with_line_break(path, enc)
    with path.open("r", encoding=enc, newline="") as fh:
        reader = csv.reader(
            fh,
            delimiter=delimiter,
            quoting=csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE,
            strict=False,
        )
        header, positions = read_header(reader, name, columns)
        width = len(header)
        used = [(col, pos) for col, pos in positions.items()]
        held: tuple[list[str], int] | None = None  # the last row read, checked for a cut
        try:
            for raw in reader:
                if not raw or (len(raw) == 1 and not raw[0].strip()):
                    continue
                if held is not None:
                    yield _row(name, columns, used, width, *held)
                held = (raw, reader.line_num)
        except csv.Error as exc:
            raise ImportRefused(name, f"the row cannot be read ({exc})", reader.line_num) from None
        if held is not None:
            if not complete and len(held[0]) < width:
                raise ImportRefused(name, cut_off(held[1]), held[1])
            yield _row(name, columns, used, width, *held)


def _row(
    name: str,
    columns: Sequence[Column],
    used: Sequence[tuple[str, int]],
    width: int,
    raw: list[str],
    line: int,
) -> Row:
    """One data row; refused when it lacks a column we need (trailing empties may be dropped)."""
    if len(raw) < width:
        missing = [c for c, p in used if p >= len(raw)]
        if any(_is_required(columns, c) for c in missing):
            raise ImportRefused(
                name, f"the row has {len(raw)} cells but the header has {width}", line, missing[0]
            )
    return Row(name, line, {c: (raw[p].strip() if p < len(raw) else "") for c, p in used})


def ends_with_line_break(path: Path, encoding: str) -> bool:
    """Whether the file's last line ends with a line break (a cut-off download does not)."""
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 2))
        tail = fh.read()
    if encoding == "utf-16":
        return tail in (b"\n\x00", b"\r\x00", b"\x00\n", b"\x00\r")
    return tail[-1:] in (b"\n", b"\r")


def _is_required(columns: Sequence[Column], name: str) -> bool:
    return any(c.name == name and c.required for c in columns)


def read_header(
    reader: Iterator[list[str]], file: str, columns: Sequence[Column]
) -> tuple[list[str], dict[str, int]]:
    """The header row and its column positions; an empty file or an unreadable header
    refuses the file."""
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused(file, "the file is empty") from None
    except csv.Error as exc:
        raise ImportRefused(file, f"the header cannot be read ({exc})", 1) from None
    return header, map_header(file, header, columns)


def map_header(file: str, header: Sequence[str], columns: Sequence[Column]) -> dict[str, int]:
    """Canonical column name -> position; refuses when a required one is missing."""
    normalised = [norm_header(h) for h in header]
    positions: dict[str, int] = {}
    for col in columns:
        for key in col.keys():  # noqa: SIM118 (Column.keys, not a dict)
            if key in normalised:
                positions[col.name] = normalised.index(key)
                break
        else:
            if col.required:
                raise ImportRefused(
                    file, f"the required column '{col.name}' is missing", 1, col.name
                )
    return positions


def header_keys(first_line: str, delimiter: str) -> frozenset[str]:
    """Normalised header names of a head line, for kind detection."""
    return frozenset(norm_header(h) for h in first_line.split(delimiter) if h.strip())


@dataclass(frozen=True, slots=True)
class Head:
    """What kind detection sees of a file; each report kind's `sniff` reads one part of it.

    `text` is the head with leading blank space stripped; `keys` the normalised
    names of its header line (tab or comma layouts); `data` the parsed JSON when
    `complete` (the whole file fit in the head).
    """

    text: str
    keys: frozenset[str] = frozenset()
    data: object = None
    complete: bool = True


_MONTH_ABBR = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


_THOUSANDS_COMMAS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+")
_THOUSANDS_DOTS = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3}){2,}")


def parse_amount(text: str) -> Decimal:
    """A money amount as written in any marketplace; ValueError when it is none.

    "1,234.50" and "1.234,50": the last separator is the decimal one; "12,50"
    is an EU decimal comma but "1,280" (JPY) and "1,234,567" are thousands.
    """
    value = text.strip()
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        value = value.replace(",", "" if _THOUSANDS_COMMAS.fullmatch(value) else ".")
    elif _THOUSANDS_DOTS.fullmatch(value):
        value = value.replace(".", "")
    if "_" in value:
        raise ValueError(f"'{text}' is not a number")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number") from None
    if not result.is_finite():
        raise ValueError(f"'{text}' is not a number")
    return result


def parse_date_dmy_mon(text: str) -> date:
    """`10-Jul-2025` (the FBM returns report).

    English month names whatever the process locale (Qt sets LC_ALL, which
    would make `strptime("%b")` expect e.g. German names). Raises ValueError.
    """
    parts = text.strip().split("-")
    if len(parts) == 3:
        day, mon, year = parts
        month = _MONTH_ABBR.get(mon.lower())
        if (
            month
            and day.isascii()
            and day.isdigit()
            and len(day) <= 2
            and year.isascii()
            and year.isdigit()
            and len(year) == 4
        ):
            return date(int(year), month, int(day))
    raise ValueError(f"'{text.strip()}' is not a DD-Mon-YYYY date")
