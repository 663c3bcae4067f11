"""Read files, streams, lines and CSV records without ever holding more than a limit.

    data = read_file(path, limit=settings.max_bytes)          # a regular file, or TooLargeError
    for number, line in bounded_lines(stream, limit):         # line is None when it was too long
        ...

Only regular files are opened: a FIFO would block forever and a device (/dev/zero) never ends,
so both are refused before a byte is read. Every read asks for at most ``limit + 1`` bytes; a
line or a CSV record longer than the limit is skipped to its end without being kept, so one
runaway record costs one failure row and no memory, and the records after it are still read.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from dateline.errors import InputError, TooLargeError

CHUNK = 1 << 16
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


def file_kind(mode: int) -> str:
    """Name what a stat mode says a path is: 'a named pipe (FIFO)', 'a character device'..."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(path: str | Path) -> InputError:
    """The error for a path that exists but is no regular file (a pipe, a device, a socket)."""
    return _refusal(path, os.stat(path).st_mode)


def _refusal(path: str | Path, mode: int) -> InputError:
    return InputError(f"{path} is {file_kind(mode)}, not a regular file, so it is not read (a "
                      "pipe or a device can block or never end). Give a file, or pipe the data "
                      "to - (standard input).")


def open_regular(path: str | Path) -> IO[bytes]:
    """Open a regular file for reading; refuse pipes and devices without blocking on them."""
    # O_NONBLOCK keeps open() itself from waiting for a FIFO's writer; it changes nothing for a
    # regular file, and anything else is closed again before a read.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _refusal(path, mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(stream: IO[bytes], limit: int, name: str, setting: str = "max_bytes") -> bytes:
    """Read a whole stream of at most ``limit`` bytes; refuse a longer one after limit + 1."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(name, limit, setting)
    return data


def read_file(path: str | Path, limit: int, setting: str = "max_bytes") -> bytes:
    """Read a regular file of at most ``limit`` bytes (checked by size first, then by reading)."""
    with open_regular(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise TooLargeError(f"{path} is {size:,} bytes; the limit is {limit:,} (setting "
                                f"{setting}). Split the file, or store many articles in one "
                                "JSON Lines file.")
        return read_capped(stream, limit, str(path), setting)


def too_large(name: str, limit: int, setting: str = "max_bytes", what: str = "") -> TooLargeError:
    """The error for input found to be longer than ``limit`` bytes while reading it."""
    return TooLargeError(f"{name}{what} is larger than the limit of {limit:,} bytes (setting "
                         f"{setting}); it was not read. Split it or raise the limit.")


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line number, line)``; a line over ``limit`` bytes is skipped and yields None."""
    read = _reader(stream)
    buffer = bytearray()
    start = searched = number = 0
    skipping = False  # the current line is over the limit: its bytes are thrown away
    while True:
        end = buffer.find(b"\n", searched)
        if end < 0:
            del buffer[:start]
            start = 0
            if len(buffer) > limit:
                skipping = True
                buffer.clear()
            searched = len(buffer)
            chunk = read(CHUNK)
            if not chunk:
                break
            buffer += chunk
            continue
        number += 1
        too_long = skipping or end - start > limit
        yield number, None if too_long else bytes(buffer[start:end + 1])
        start = searched = end + 1
        skipping = False
    if skipping or buffer:
        yield number + 1, None if skipping or len(buffer) > limit else bytes(buffer)


class _Record:
    """The bytes of the CSV record being scanned: ``data[:scan]`` is read, the rest is not.

    Once the record is over the limit its scanned bytes are thrown away (all but the last,
    which the next scan looks behind at), so memory stays near ``limit`` whatever its size.
    """

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self.read = _reader(stream)
        self.limit = limit
        self.data = bytearray()
        self.scan = 0
        self.dropped = 0  # bytes of this record thrown away
        self.breaks = 0  # line breaks in them
        self.eof = False

    def more(self) -> bool:
        """Append the next chunk of the stream; False at its end."""
        if self.eof:
            return False
        if self.scan - 1 > self.limit:
            gone = self.data[:self.scan - 1]
            self.dropped += len(gone)
            self.breaks += _breaks(gone)
            del self.data[:self.scan - 1]
            self.scan = 1
        chunk = self.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.data += chunk
        return True

    def take(self, end: int) -> tuple[bytes | None, int]:
        """End the record at ``end``: return its bytes (None when over the limit) and breaks."""
        record = bytes(self.data[:end])
        size, breaks = self.dropped + len(record), self.breaks + _breaks(record)
        del self.data[:end]
        self.scan, self.dropped, self.breaks = 0, 0, 0
        return (None if size > self.limit else record), breaks


def csv_records(stream: IO[bytes], limit: int, delimiter: bytes = b","
                ) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(first line number, record bytes)`` for each CSV record; None when over ``limit``.

    A record ends at a line break outside quotes. As in Python's csv module, a field is quoted
    only when it starts with a quote, two quotes inside it stand for one, and a quote anywhere
    else is an ordinary character. Only the record boundaries are found here; the csv module
    then parses each record, which is then at most ``limit`` bytes. Blank lines are skipped.
    """
    # Outside quotes only a line break or a quote opening a field matters.
    plain = re.compile(rb"[\r\n]|(?<=" + re.escape(delimiter) + rb')"')
    # Up to a quote that is not one of a pair; possessive, so matching keeps no backtrack state.
    doubled = re.compile(rb'[^"]*+(?:""[^"]*+)*+')
    record = _Record(stream, limit)
    line = 1
    while len(record.data) < 3 and record.more():
        pass
    if record.data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark
        del record.data[:3]
    while record.data or record.more():
        quoted = record.data.startswith(b'"')
        record.scan = 1 if quoted else 0
        end = -1
        while end < 0:
            data = record.data
            if quoted:
                pairs = doubled.match(data, record.scan)  # always matches, if only ""
                at = pairs.end() if pairs else record.scan
                if at + 1 >= len(data) and not record.eof:  # the data may go on with a quote
                    record.scan = at
                    record.more()
                    continue
                quoted, record.scan = False, min(at + 1, len(data))
                if record.scan >= len(data) and record.eof:
                    end = len(data)
                continue
            found = plain.search(data, record.scan)
            if found is None:
                record.scan = len(data)
                if not record.more():
                    end = len(data)
                continue
            if found.group() == b'"':
                quoted, record.scan = True, found.end()
                continue
            end = found.end()
            if found.group() == b"\r":  # \r\n is one line break
                if end == len(data):
                    record.scan = end
                    record.more()
                    end = record.scan
                if record.data.startswith(b"\n", end):
                    end += 1
        found_record, breaks = record.take(end)
        if found_record is None or found_record.strip(b"\r\n"):
            yield line, found_record
        line += breaks


def _reader(stream: IO[bytes]) -> Callable[[int], bytes]:
    """Return the stream's read1 where it has one: it hands over what has arrived (a line typed
    or piped in) instead of waiting for a whole chunk."""
    return getattr(stream, "read1", stream.read)


def _breaks(data: bytes | bytearray) -> int:
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
