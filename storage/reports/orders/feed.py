"""The bulk order import's reader: a child process that parses while the parent writes.

Parsing a million-row file is ~5 s of pure Python and writing it is as much
again, in SQLite and in the encryption. In one process they run one after
the other: a parser thread gains nothing, because every `executemany` row
hands the GIL back and forth. So `ChildFeed` runs the parser in a child
process (`python -m storage.reports.orders.feed FILE ENCODING BATCH_LINES`,
never a fork) that sends batches (batches.py) to its stdout, marshalled,
while the parent writes the batch before: two cores, one for each half.
(marshal: the fastest for lists of text and numbers, and safe here, between
two processes of one interpreter.)

The child starts before the parent has chosen the file's encoding: it
guesses UTF-8 (or what a byte-order mark says), and starts over in the rare
case that `detect_encoding`, run by the parent meanwhile, says otherwise.

`LocalFeed` reads in this process (tests, and a frozen app, which has no
interpreter to start).
"""

from __future__ import annotations

import codecs
import gc
import marshal
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from storage.imports.errors import ImportRefused
from storage.imports.notes import Tally, tally
from storage.imports.reading import detect_encoding
from storage.reports.orders import batches as order_batches
from storage.reports.orders.batches import Batch, batches
from storage.reports.orders.parse import stored_blocks

_BATCH, _REFUSED, _END = b"B", b"R", b"E"
_HEAD = 5  # tag byte + 4-byte little-endian length
_AHEAD = 8  # batches read ahead of the writer (~5 MB)


class FeedFailed(RuntimeError):
    """The reader stopped without finishing its stream."""


class Feed:
    """A large orders file being read, batch by batch; a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def batches(self) -> Iterator[Batch]:
        raise NotImplementedError

    def close(self) -> None:
        """Stop reading (a no-op once all batches were taken)."""

    def __enter__(self) -> Feed:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class LocalFeed(Feed):
    """The batches, parsed in this process."""

    def batches(self) -> Iterator[Batch]:
        return batches(stored_blocks(self.path), order_batches.BATCH_LINES)


class ChildFeed(Feed):
    """The batches, parsed by a child process; it is killed if the import stops early.

    The child's refusal is raised here as the same `ImportRefused`, so a bad
    row reads the same whichever path imported the file.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._proc: subprocess.Popen[bytes] | None = None
        self._reader: _Frames | None = None
        self._errors: IO[bytes] | None = None
        try:
            guess = _encoding_guess(path)
            self._start(guess)
            # The whole file is decoded once to choose its encoding; the child,
            # started on a guess, parses meanwhile, and starts over if it was wrong.
            encoding = detect_encoding(path)
            if encoding != guess:
                self.close()
                self._start(encoding)
        except BaseException:
            self.close()
            raise

    def _start(self, encoding: str) -> None:
        root = str(Path(__file__).resolve().parents[3])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        command = [
            sys.executable,
            "-m",
            "storage.reports.orders.feed",
            str(self.path),
            encoding,
            str(order_batches.BATCH_LINES),
        ]
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close)
        self._proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._errors, env=env
        )
        assert self._proc.stdout is not None
        self._reader = _Frames(self._proc.stdout)
        self._reader.start()

    def batches(self) -> Iterator[Batch]:
        assert self._reader is not None
        while True:
            tag, data = self._reader.frames.get()
            if tag == _BATCH:
                runs, items = marshal.loads(data)
                yield runs, items
            elif tag == _REFUSED:
                file, reason, line, column = marshal.loads(data)
                raise ImportRefused(file, reason, line, column)
            elif tag == _END:
                tally().add(Tally.from_dict(marshal.loads(data)))  # the child's notes
                return
            else:
                raise FeedFailed(self._failure())

    def _failure(self) -> str:
        assert self._proc is not None and self._errors is not None
        code = self._proc.wait()
        self._errors.seek(0)
        lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        detail = f": {lines[-1]}" if lines else ""
        return f"the orders reader stopped (exit code {code}){detail}"

    def close(self) -> None:
        proc, reader = self._proc, self._reader
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            while reader is not None and reader.is_alive():  # unblock a full queue
                with suppress(queue.Empty):
                    reader.frames.get(timeout=0.05)
            if proc.stdout is not None:
                proc.stdout.close()
            proc.wait()
        if self._errors is not None:
            self._errors.close()
        self._proc = self._reader = self._errors = None


def _encoding_guess(path: Path) -> str:
    """What `detect_encoding` says of almost every file, from its first bytes only."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def feed_for(path: Path) -> Feed:
    """A child process where one can be started, else this process."""
    if getattr(sys, "frozen", False) or not sys.executable:
        return LocalFeed(path)
    return ChildFeed(path)


class _Frames(threading.Thread):
    """Reads the child's frames as they come, so it never waits on a full pipe.

    Without it the child blocks once a pipe's worth (64 KiB) of its next
    batch is written, until we have written the current one: the two
    processes would take turns instead of running side by side. The thread
    spends its time in `read`, without the GIL.
    """

    def __init__(self, pipe: IO[bytes]) -> None:
        super().__init__(name="order-feed-reader", daemon=True)
        self.pipe = pipe
        self.frames: queue.Queue[tuple[bytes, bytes]] = queue.Queue(maxsize=_AHEAD)

    def run(self) -> None:
        tag = b""
        try:
            while tag not in (_END, _REFUSED):
                head = self.pipe.read(_HEAD)
                if len(head) < _HEAD:
                    break
                size = int.from_bytes(head[1:], "little")
                data = self.pipe.read(size)
                if len(data) < size:
                    break
                tag = head[:1]
                self.frames.put((tag, data))
        except (OSError, ValueError):  # the pipe closed under us: the child was stopped
            pass
        if tag not in (_END, _REFUSED):
            self.frames.put((b"", b""))


# --- the child ----------------------------------------------------------------


def child_main(path: Path, encoding: str, size: int, out: IO[bytes]) -> None:
    """Send `path`'s batches to `out`, then an end frame with the file's notes.

    A refusal is sent as a frame too; anything else is a traceback on stderr
    and a non-zero exit.
    """
    gc.disable()  # a short-lived process that makes no reference cycles
    noted = Tally()
    try:
        for batch in batches(stored_blocks(path, encoding, noted), size):
            _write(out, _BATCH, batch)
    except ImportRefused as exc:
        _write(out, _REFUSED, (exc.file, exc.reason, exc.line, exc.column))
    else:
        _write(out, _END, noted.as_dict())
    out.flush()


def _write(out: IO[bytes], tag: bytes, value: Any) -> None:
    data = marshal.dumps(value)
    out.write(tag + len(data).to_bytes(4, "little"))
    out.write(data)


if __name__ == "__main__":
    stream = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the stream
    child_main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), stream)
