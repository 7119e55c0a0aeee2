"""Is a downloaded file complete? Asked of the formats that can tell, before importing.

A download that pauses under its final name looks settled to the watched
folder. JSON, XML and e-mail show when they are cut short, so such a file is
imported only once it is whole:

- JSON: it parses; one that does not parse is cut off while a string or a
  bracket is left open (otherwise it is malformed, and the importer says so);
- XML: the root element is closed (an error only at the very end of the input);
- mbox: the last message is finished: the file ends with a line break (a cut
  in the middle of a line is the common case), the message's headers are
  followed by the blank line, and a multipart message has its closing
  boundary. A cut exactly between two lines of a plain body cannot be told
  from the end; importing messages again adds what came after, so nothing
  is lost. A single .eml is judged the same way, except that it may end
  without a line break.

Tab-delimited and CSV reports cannot tell: their importer refuses a last row
cut short (`storage.imports.errors.FileCutOff`).
"""

from __future__ import annotations

import codecs
import json
import re
from email.parser import BytesHeaderParser
from pathlib import Path
from xml.parsers import expat

CHUNK = 1 << 20
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_MBOX_SEPARATOR = b"\nFrom "
_HEADERS_END = re.compile(rb"\r?\n\r?\n")


def looks_complete(path: Path) -> bool:
    """False only when the format shows the file is cut short (see the module)."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True  # Excel's "Unicode Text": a tab-delimited report
    head = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if head.startswith((b"{", b"[")):
        return _json_complete(path.read_bytes())
    if head.startswith(b"<"):
        return _xml_complete(path)
    if head.startswith(b"From "):
        return _mail_complete(_last_message(path), mbox=True)
    if path.suffix.lower() == ".eml":
        return _mail_complete(path.read_bytes(), mbox=False)
    return True


def _json_complete(data: bytes) -> bool:
    try:
        json.loads(data)
    except (ValueError, RecursionError):
        bare = _JSON_STRING.sub(b"", data)
        if b'"' in bare:
            return False  # a string cut short
        opened = bare.count(b"{") + bare.count(b"[")
        return opened <= bare.count(b"}") + bare.count(b"]")
    return True


def _xml_complete(path: Path) -> bool:
    parser = expat.ParserCreate()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                parser.Parse(chunk, False)
    except expat.ExpatError:
        return True  # malformed inside: the importer says where
    try:
        parser.Parse(b"", True)
    except expat.ExpatError:
        return False  # the input ended with the root element (or a tag) still open
    return True


def _last_message(path: Path) -> bytes:
    """The mbox's last message, read backwards from the end (archives can be big)."""
    with path.open("rb") as fh:
        start = fh.seek(0, 2)
        tail = b""
        while start > 0:
            step = min(CHUNK, start)
            start -= step
            fh.seek(start)
            tail = fh.read(step) + tail
            # a separator may straddle two chunks: search the new chunk and a little more
            at = tail.rfind(_MBOX_SEPARATOR, 0, step + len(_MBOX_SEPARATOR))
            if at >= 0:
                return tail[at + 1 :]
    return tail


def _mail_complete(message: bytes, *, mbox: bool) -> bool:
    if mbox and not message.endswith(b"\n"):
        return False
    end = _HEADERS_END.search(message)
    if end is None:
        return False
    headers = BytesHeaderParser().parsebytes(message[: end.end()])
    if headers.get_content_maintype() != "multipart":
        return True
    boundary = headers.get_boundary()
    if not boundary:
        return True
    return b"--" + boundary.encode("utf-8", "replace") + b"--" in message[end.end() :]
