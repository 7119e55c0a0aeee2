"""Reading Amazon's XML reports: streamed, element by element, without surprises.

Amazon's XML reports (All Orders, FBM returns, the old seller performance
report) are flat lists of records in an envelope. `records` streams the
elements of one record tag as plain dicts of their children's text, so a
large file never sits in memory. Element names are compared case-insensitively
and without namespaces, the way flat-file headers are.

Safety: a document type or entity declaration refuses the file (Amazon's
reports have none, and entities are how XML bombs work); the text is decoded
here (the declared encoding, else the flat files' rules), so any encoding a
flat file may have works for XML too. A file that ends inside an element was
cut off: it is refused whole, naming the line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from storage.imports.errors import ImportRefused
from storage.imports.reading import SNIFF_BYTES, detect_encoding

_TAG = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_CHUNK = 1 << 20


def element_names(head: str) -> frozenset[str]:
    """The element names (local, lower case) in the head of an XML file, for detection."""
    return frozenset(m.group(2).lower() for m in _TAG.finditer(head))


def local(tag: str) -> str:
    """`namespace}Name` or `ns:Name` -> `name`."""
    return tag.rpartition("}")[2].rpartition(":")[2].lower()


@dataclass(slots=True)
class Record:
    """One element: its tag and line, its attributes, its sub-elements, and `cells`:
    the text of every descendant by local name (the first one of each name wins)."""

    tag: str
    line: int
    attributes: dict[str, str] = field(default_factory=dict)
    children: list[Record] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    text: list[str] = field(default_factory=list)

    def get(self, *names: str) -> str:
        """The first non-empty cell among `names` (alternative spellings), trimmed."""
        for name in names:
            value = self.cells.get(name.lower(), "")
            if value:
                return value
        return ""

    def all(self, name: str) -> list[Record]:
        """The direct children of one name (e.g. every OrderItem of an Order)."""
        return [c for c in self.children if c.tag == name.lower()]

    def first(self, name: str) -> Record | None:
        """The first descendant of one name, depth first."""
        for child in self.children:
            if child.tag == name.lower():
                return child
            found = child.first(name)
            if found is not None:
                return found
        return None


def _encoding(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(256)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return detect_encoding(path)
    m = _DECLARED.search(head)
    if m:
        name = m.group(1).decode("ascii").lower().replace("_", "-")
        name = {"shift-jis": "cp932", "sjis": "cp932", "iso-8859-1": "cp1252"}.get(name, name)
        try:
            codecs.lookup(name)
        except LookupError:
            raise ImportRefused(
                path.name, "the XML declares an encoding that cannot be read", 1
            ) from None
        return name
    return detect_encoding(path)


class _Builder:
    """Expat handlers that build `Record`s below each `wanted` element."""

    def __init__(self, file: str, wanted: str) -> None:
        self.file = file
        self.wanted = wanted
        self.stack: list[Record] = []
        self.done: list[Record] = []
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.data
        self.parser.StartDoctypeDeclHandler = self.refuse_declaration
        self.parser.EntityDeclHandler = self.refuse_declaration

    def refuse_declaration(self, *_: object) -> None:
        raise ImportRefused(
            self.file,
            "the XML declares a document type or entities, which Amazon's reports never do",
            self.parser.CurrentLineNumber,
        )

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = local(tag)
        if self.stack or name == self.wanted:
            attrs = {local(k): v.strip() for k, v in attributes.items()}
            self.stack.append(Record(name, self.parser.CurrentLineNumber, attrs))

    def data(self, text: str) -> None:
        if self.stack:
            self.stack[-1].text.append(text)

    def end(self, tag: str) -> None:
        if not self.stack:
            return
        record = self.stack.pop()
        text = "".join(record.text).strip()
        record.text = []
        if not self.stack:
            self.done.append(record)
            return
        parent = self.stack[-1]
        parent.children.append(record)
        for key, value in ((record.tag, text), *record.cells.items()):
            if value and key not in parent.cells:
                parent.cells[key] = value


def records(path: Path, tag: str) -> Iterator[Record]:
    """Every `tag` element (at any depth, not nested in another) as a `Record`.

    Refuses DTDs and entities, XML that is not well-formed, and a file cut off
    before its end; each refusal names the line.
    """
    name = path.name
    encoding = _encoding(path)
    builder = _Builder(name, tag.lower())
    parser = builder.parser
    with path.open("r", encoding=encoding, errors="strict", newline="") as fh:
        first = True
        while True:
            try:
                chunk = fh.read(_CHUNK)
            except UnicodeDecodeError:
                raise ImportRefused(
                    name, f"the XML is not {encoding} text", parser.CurrentLineNumber
                ) from None
            if first:
                _check_head(name, chunk[:SNIFF_BYTES])
                first = False
            try:
                parser.Parse(chunk, not chunk)
            except expat.ExpatError as exc:
                raise _broken(name, exc) from None
            yield from builder.done
            builder.done.clear()
            if not chunk:
                return


def _check_head(name: str, head: str) -> None:
    if "<!DOCTYPE" in head or "<!ENTITY" in head:
        raise ImportRefused(
            name, "the XML declares a document type or entities, which Amazon's reports never do"
        )


def _broken(name: str, exc: expat.ExpatError) -> ImportRefused:
    if exc.code in (expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS],
                    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]):  # fmt: skip
        return ImportRefused(
            name,
            "the XML file ends before its last element is closed: it seems cut off "
            "(an interrupted download?); download it again",
            exc.lineno,
        )
    return ImportRefused(
        name, "the XML is not well-formed (a tag is broken or not closed)", exc.lineno
    )
