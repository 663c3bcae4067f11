"""Bounded reading: only regular files, never more than limit + 1 bytes, and no line or CSV
record over the limit held in memory (it is skipped to its end and the next one is read)."""

from __future__ import annotations

import csv
import io
import os
import tracemalloc

import pytest

from dateline.errors import InputError, TooLargeError
from dateline.ingest import bounded
from dateline.ingest.bounded import bounded_lines, csv_records, open_regular, read_capped, read_file


class Endless(io.RawIOBase):
    """A stream of ``size`` bytes made on demand (never held), counting what was asked for."""

    def __init__(self, size: int, head: bytes = b"", fill: bytes = b"x", tail: bytes = b"") -> None:
        self.head, self.fill, self.tail, self.size = head, fill, tail, size
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
        elif self.size:
            n = min(len(buffer), self.size)
            skip = self.served % len(self.fill)  # the pattern goes on where the last read ended
            buffer[:n] = (self.fill * (n // len(self.fill) + 2))[skip:skip + n]
            self.size -= n
        else:
            n = min(len(buffer), len(self.tail))
            buffer[:n], self.tail = self.tail[:n], self.tail[n:]
        self.served += n
        return n


def test_bounded_open_regular_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading the usual way would block
    with pytest.raises(InputError, match=r"pipe is a named pipe \(FIFO\), not a regular file"):
        open_regular(fifo)
    with pytest.raises(InputError, match="is a folder"):
        open_regular(tmp_path)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_bounded_read_file_refuses_a_device_that_never_ends():
    with pytest.raises(InputError, match="/dev/zero is a character device"):
        read_file("/dev/zero", 1000)


def test_bounded_read_capped_asks_for_no_more_than_the_limit_plus_one():
    stream = Endless(10**9)
    with pytest.raises(TooLargeError, match="larger than the limit of 1,000 bytes "
                                            r"\(setting max_bytes\)"):
        read_capped(io.BufferedReader(stream, buffer_size=8), 1000, "standard input")
    assert stream.served <= 1001 + 8
    assert read_capped(io.BytesIO(b"abc"), 3, "x") == b"abc"


def test_bounded_read_file_checks_the_size_and_reads_a_small_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(TooLargeError, match="is 2,000 bytes; the limit is 1,000 "
                                            r"\(setting max_bytes\)"):
        read_file(path, 1000)
    assert read_file(path, 2000) == b"x" * 2000


@pytest.mark.parametrize("chunk", [1, 3, 1 << 16])
def test_bounded_lines_skip_a_long_line_and_read_on(monkeypatch, chunk):
    monkeypatch.setattr(bounded, "CHUNK", chunk)
    data = b"one\n" + b"y" * 50 + b"\n\nlast line"
    assert list(bounded_lines(io.BytesIO(data), 8)) == [
        (1, b"one\n"), (2, None), (3, b"\n"), (4, None)]
    assert list(bounded_lines(io.BytesIO(data), 9))[-1] == (4, b"last line")
    assert list(bounded_lines(io.BytesIO(b""), 10)) == []


def test_bounded_lines_hold_no_long_line_in_memory():
    stream = io.BufferedReader(Endless(20_000_000, head=b'{"text": "a"}\n', tail=b"\nnext\n"))
    tracemalloc.start()
    try:
        found = list(bounded_lines(stream, 100_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == [(1, b'{"text": "a"}\n'), (2, None), (3, b"next\n")]
    assert peak < 2_000_000  # a 20 MB line, never held


CSV_SAMPLES = [
    'text,title\n"a, b",t\n',
    'text,title\r\n"two\r\nlines",t\r\nplain,u\r\n',
    'a,b\n"quote "" inside",x\n"""starts with quotes""",y\n',
    'a,b\nhalf"quoted,field\nx,"after ""close""" tail\n',
    'a,b\n\n\n"blank lines above",z\n',
    'a,b\nno newline at the end,"quoted\nfield"',
    'a,b\n"unterminated, and\n\nrunning to the end',
    'a\tb\n"tab\tinside"\tx\n',
    '\ufeff"text",title\n"bom",t\n',
    'a,b\rold mac line,x\rnext,y',
]


@pytest.mark.parametrize("chunk", [1, 2, 5, 1 << 16])
@pytest.mark.parametrize("sample", CSV_SAMPLES)
def test_bounded_csv_records_split_as_the_csv_module_reads(monkeypatch, sample, chunk):
    monkeypatch.setattr(bounded, "CHUNK", chunk)
    delimiter = "\t" if "\t" in sample else ","
    expected = [row for row in csv.reader(io.StringIO(sample.removeprefix("\ufeff"), newline=""),
                                          delimiter=delimiter) if row]
    found = []
    for _, record in csv_records(io.BytesIO(sample.encode()), 10_000, delimiter.encode()):
        rows = list(csv.reader(io.StringIO(record.decode(), newline=""), delimiter=delimiter))
        assert len(rows) == 1, record  # one record, one row
        found.append(rows[0])
    assert found == expected


@pytest.mark.parametrize("chunk", [1, 7, 1 << 16])
def test_bounded_csv_records_skip_an_oversized_record_to_its_end(monkeypatch, chunk):
    monkeypatch.setattr(bounded, "CHUNK", chunk)
    data = (b'text,title\n"a\nb",x\n' + b"y" * 50 + b",z\r\n"
            + b'"' + b"q" * 40 + b'\n""\n,still quoted",t\nok,1\n')
    assert list(csv_records(io.BytesIO(data), 20)) == [
        (1, b"text,title\n"), (2, b'"a\nb",x\n'), (4, None), (5, None), (8, b"ok,1\n")]


def test_bounded_csv_records_hold_no_long_record_in_memory():
    stream = io.BufferedReader(Endless(18_000_000, head=b'text,title\n"', fill=b'a""',
                                       tail=b'",t\ngood,row\n'))
    tracemalloc.start()
    try:
        found = list(csv_records(stream, 100_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == [(1, b"text,title\n"), (2, None), (3, b"good,row\n")]
    assert peak < 2_000_000  # an 18 MB quoted field, never held
