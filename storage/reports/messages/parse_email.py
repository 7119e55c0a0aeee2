"""Buyer messages from e-mail: one .eml message or a .mbox export (reports.md 5a).

Amazon relays buyer messages as e-mail from `alias@marketplace.amazon.<tld>`;
the seller's answers go back to that alias. Everything else in a mailbox
(newsletters, other mail) is skipped, and counted so the caller can say so.
Which of the two layouts a file has is read from its content, not its name.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Literal, cast

from core.clock import to_utc
from core.marketplaces import from_relay_address, is_relay_address
from core.model import Message, ReportKind
from storage.imports.errors import ImportRefused, shown
from storage.imports.notes import tally
from storage.imports.reading import Head

KIND: ReportKind = "email"

ORDER_ID = re.compile(r"(?<!\d)\d{3}-\d{7}-\d{7}(?!\d)")

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


def sniff(head: Head) -> bool:
    """An mbox ("From " line) or a message starting with RFC 822 header fields."""
    if head.text.startswith("From "):
        return True
    names: set[str] = set()
    for i, line in enumerate(head.text.splitlines()):
        if not line.strip() or i >= 200:
            break
        if line[0] in " \t":
            continue  # a folded header continues the previous field
        m = _MAIL_FIELD.match(line)
        if m is None:
            return False
        names.add(m.group()[:-1].lower())
    return bool(names & _MAIL_KNOWN)


@dataclass(slots=True)
class MailStats:
    """What one parse saw: Amazon messages yielded and other mail skipped."""

    messages: int = 0
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class _Position:
    """Where a message sits, for refusals: mbox message number and its From_ line."""

    number: int | None  # None for a single .eml
    line: int | None

    def label(self) -> str:
        return f"message {self.number}" if self.number is not None else "the e-mail"


def parse(path: Path, stats: MailStats | None = None) -> Iterator[Message]:
    """Yield the Amazon buyer messages and seller replies in an .eml or .mbox file.

    Pass a `MailStats` to learn how many other messages were skipped; it is
    complete once the generator is exhausted.
    """
    counts = stats if stats is not None else MailStats()
    for position, raw in _split(path):
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        record = _to_message(path.name, position, parsed)
        if record is None:
            counts.skipped += 1
            continue
        counts.messages += 1
        yield record
    tally().skipped_mail += counts.skipped
    if not counts.messages:
        mails = (
            "its e-mail is not"
            if counts.skipped == 1
            else f"none of its {counts.skipped} e-mails is"
        )
        raise ImportRefused(
            path.name,
            f"no buyer messages found in this file: {mails} from an Amazon buyer relay "
            "address (…@marketplace.amazon.…) nor a reply to one",
        )


def parse_with_stats(path: Path) -> tuple[list[Message], MailStats]:
    """All messages of a file at once, with the count of skipped non-Amazon mail."""
    stats = MailStats()
    messages = list(parse(path, stats))
    return messages, stats


# --- splitting a file into raw messages ---------------------------------------


def _split(path: Path) -> Iterator[tuple[_Position, bytes]]:
    """An mbox starts with a `From ` separator line; anything else is one message."""
    with path.open("rb") as fh:
        first = _first_nonblank(fh)
        if first is None:
            raise ImportRefused(path.name, "the file is empty")
        fh.seek(0)
        if first.startswith(b"From "):
            yield from _mbox_messages(fh)
        else:
            yield _Position(None, None), fh.read()


def _first_nonblank(fh: BinaryIO) -> bytes | None:
    for line in fh:
        if line.strip():
            return line
    return None


def _mbox_messages(fh: BinaryIO) -> Iterator[tuple[_Position, bytes]]:
    """Split like `mailbox.mbox` (every `From ` line starts a message), one at a time."""
    number = 0
    start = 0
    lines: list[bytes] = []
    for lineno, line in enumerate(fh, start=1):
        if line.startswith(b"From "):
            if number:
                yield _Position(number, start), b"".join(lines)
            number += 1
            start = lineno
            lines = []
        elif number:
            # mboxrd quoting: ">From " in a body was written for "From ".
            lines.append(line[1:] if re.match(rb">+From ", line) else line)
    if number:
        yield _Position(number, start), b"".join(lines)


# --- one message ---------------------------------------------------------------


def _to_message(file: str, pos: _Position, msg: EmailMessage) -> Message | None:
    if not list(msg.raw_items()):
        raise ImportRefused(
            file, f"{pos.label()} has no mail headers, so it is not an e-mail", pos.line
        )
    senders = _addresses(msg, "From")
    sender = senders[0] if senders else ""
    direction: Literal["in", "out"]
    if _is_relay(sender):
        direction, alias = "in", sender
    else:
        relays = [a for a in _addresses(msg, "To", "Cc") if _is_relay(a)]
        if not sender or not relays:
            return None  # not an Amazon buyer message nor a reply to one
        direction, alias = "out", relays[0]
    received = _received(file, pos, msg)
    subject = " ".join(str(msg.get("Subject", "")).split())
    body = body_text(msg)
    order = ORDER_ID.search(subject)
    order_id = order.group(0) if order else ""
    marketplace = ""
    if direction == "in":
        found = from_relay_address(sender)
        marketplace = found.name if found else ""
    return Message(
        message_id=_message_id(msg) or _fallback_id(msg, sender, subject, body),
        thread_id=order_id or alias,
        direction=direction,
        timestamp=received,
        order_id=order_id,
        subject=subject,
        body=body,
        sender=sender,
        no_response_needed=False,  # only the seller marks that, never the mail's link text
        automated=False,
        marketplace=marketplace,
    )


def _is_relay(address: str) -> bool:
    return is_relay_address(address)


def _addresses(msg: EmailMessage, *names: str) -> list[str]:
    """Lower-cased addr-specs of the named headers, tolerant of odd formatting."""
    values = [_raw_header(msg, name) for name in names]
    pairs = getaddresses([v for v in values if v])
    return [addr.strip().lower() for _, addr in pairs if "@" in addr]


def _raw_header(msg: EmailMessage, name: str) -> str:
    """The header as written (unfolded), without the policy's parsing, which may raise."""
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return " ".join(str(value).split())
    return ""


def _received(file: str, pos: _Position, msg: EmailMessage) -> datetime:
    """The Date header is when Amazon relayed it: the 24-hour clock starts there."""
    value = _raw_header(msg, "Date")
    if not value:
        raise ImportRefused(
            file, f"{pos.label()} has no Date header, so its received time is unknown", pos.line
        )
    try:
        stamp = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        raise ImportRefused(
            file,
            f"{pos.label()} has a Date header {shown(value, 'date')}, which is not a date",
            pos.line,
        ) from None
    return to_utc(stamp)


def _message_id(msg: EmailMessage) -> str:
    return _raw_header(msg, "Message-ID").strip().strip("<>").strip()


def _fallback_id(msg: EmailMessage, sender: str, subject: str, body: str) -> str:
    """Stable across re-imports of the same mail, so a second import changes nothing."""
    basis = "\n".join((_raw_header(msg, "Date"), sender, subject, body))
    return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()


# --- body text -----------------------------------------------------------------


def body_text(msg: EmailMessage) -> str:
    """The text/plain body (transfer encoding and charset decoded), else the HTML as text."""
    part = msg.get_body(preferencelist=("plain",))
    if part is not None:
        return _tidy(_decoded(cast(EmailMessage, part)))
    part = msg.get_body(preferencelist=("html",))
    if part is not None:
        return _tidy(html_to_text(_decoded(cast(EmailMessage, part))))
    return ""


def _decoded(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError):
        content = None  # unknown or wrong charset label: decode the bytes ourselves
    if isinstance(content, str):
        return content
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _TextExtractor(HTMLParser):
    """Collects visible text, breaking lines where the HTML breaks blocks."""

    BLOCKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "table"})
    HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(" ".join(data.split()) if data.strip() else "")


def html_to_text(html: str) -> str:
    """Plain text of an HTML-only mail body."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts)
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))
