"""Read a text file as a stream of decoded chunks, as often as needed, never holding it whole.

``open_text_stream`` checks the file as ``read_decoded`` checks a whole text (size limit, encoding
decided the same way: forced, byte-order mark, UTF-8 when the whole file is valid UTF-8, else a
confident guess from its start; NUL bytes, control characters, only whitespace) with one reading
pass, then ``TextStream.chunks()`` decodes the file again from the start each time it is called.
Only regular files can be read twice: special files get ``None`` (read them whole with
``translate.io.reading``), and ``spool_stdin`` first copies standard input, up to the size limit,
into an anonymous temporary file (on disk, gone when closed or when the process ends).
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from translate.errors import InputError
from translate.io.encoding import BOMS, guess_encoding
from translate.io.reading import DEFAULT_MAX_BYTES, check_text, source_name

CHUNK_BYTES = 1 << 16
_CHECKED_CHARS = 100_000  # control characters are counted in this many first characters (check_text)
_GUESS_BYTES = 200_000  # what the encoding guess looks at (translate.io.encoding)


@dataclass(frozen=True)
class TextStream:
    """A checked text file: ``chunks()`` gives its decoded text (BOM removed) piece by piece."""

    path: Path
    where: str  # the name used in messages
    encoding: str  # as ``Decoded.encoding`` names it ("utf-8", "utf-8-sig", "cp1256"...)
    codec: str  # what decodes the bytes after the BOM
    skip: int  # bytes of byte-order mark
    max_bytes: int
    forced: bool = False
    spool: IO[bytes] | None = None  # standard input's copy (``spool_stdin``), read instead of ``path``

    def chunks(self, chunk_bytes: int = CHUNK_BYTES) -> Iterator[str]:
        """The decoded text, in order; ``InputError`` for bytes the encoding cannot decode."""
        decoder = codecs.getincrementaldecoder(self.codec)("strict")
        read = 0
        for data in self._blocks(chunk_bytes):
            if read + len(data) > self.max_bytes:
                raise InputError(self.where, f"input is too large (more than {self.max_bytes:,} bytes)")
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as err:
                buffered = len(decoder.getstate()[0]) if data else 0
                raise self._undecodable(err, read - buffered) from None
            read += len(data)
            if text:
                yield text

    def close(self) -> None:
        """Let go of standard input's copy (a file stream holds nothing open)."""
        if self.spool is not None:
            self.spool.close()

    def _blocks(self, chunk_bytes: int) -> Iterator[bytes]:
        """The bytes after the byte-order mark, ending with ``b""``. A spool is read with ``pread``,
        so passes over it may interleave (a renderer reads while the translation pass is half-way)."""
        if self.spool is not None:
            fd, pos = self.spool.fileno(), self.skip
            while data := os.pread(fd, chunk_bytes, pos):
                pos += len(data)
                yield data
            yield b""
            return
        with self.path.open("rb") as handle:
            handle.seek(self.skip)
            while data := handle.read(chunk_bytes):
                yield data
            yield b""

    def _undecodable(self, err: UnicodeDecodeError, base: int) -> InputError:
        advice = "check --encoding" if self.forced else "pass --encoding or save the file as UTF-8"
        byte = err.object[err.start]
        return InputError(
            self.where,
            f"not valid {self.codec} (byte 0x{byte:02x} at offset {base + err.start}); {advice}",
        )


def open_text_stream(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None
) -> TextStream | None:
    """A checked ``TextStream`` for a regular file; ``None`` for ``-`` and special files;
    ``InputError`` (one line naming the file) for what ``read_decoded`` refuses."""
    if str(path) == "-":
        return None
    file = Path(path)
    where = source_name(path)
    try:
        info = file.stat()
    except OSError:
        return None  # let the whole-text reader give its message
    if not stat.S_ISREG(info.st_mode):
        return None
    if info.st_size > max_bytes:
        raise InputError(where, f"file is too large ({info.st_size:,} bytes; the limit is {max_bytes:,})")
    if info.st_size == 0:
        raise InputError(where, "file is empty")
    try:
        with file.open("rb") as handle:
            head = handle.read(_GUESS_BYTES)
    except PermissionError:
        raise InputError(where, "permission denied") from None
    except OSError as err:
        raise InputError(where, f"cannot be read ({err.strerror or err})") from None
    stream = _choose_encoding(file, where, head, max_bytes, encoding)
    _check_text(stream)
    return stream


def spool_stdin(
    *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None, stdin: IO[bytes] | None = None
) -> TextStream:
    """Standard input copied to an anonymous temporary file and checked like a file
    (``open_text_stream``); ``InputError`` naming ``<stdin>`` for what a whole read refuses."""
    where = "<stdin>"
    source = stdin if stdin is not None else sys.stdin.buffer
    spool = tempfile.TemporaryFile("w+b")
    try:
        size = 0
        while data := source.read(CHUNK_BYTES):
            size += len(data)
            if size > max_bytes:
                raise InputError(where, f"input is too large (more than {max_bytes:,} bytes)")
            spool.write(data)
        spool.flush()
        if size == 0:
            raise InputError(where, "file is empty")
        head = os.pread(spool.fileno(), _GUESS_BYTES, 0)
        stream = _choose_encoding(Path("-"), where, head, max_bytes, encoding, spool)
        _check_text(stream)
    except BaseException:
        spool.close()
        raise
    return stream


def _choose_encoding(
    file: Path, where: str, head: bytes, max_bytes: int, encoding: str | None, spool: IO[bytes] | None = None
) -> TextStream:
    def stream(name: str, codec: str, skip: int = 0, forced: bool = False) -> TextStream:
        return TextStream(file, where, name, codec, skip, max_bytes, forced=forced, spool=spool)

    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(where, f"unknown encoding {encoding!r} (--encoding)") from None
        return stream(codec, codec, forced=True)
    for bom, name in BOMS:
        if head.startswith(bom):
            return stream(name, name.removesuffix("-sig"), len(bom))
    utf8 = stream("utf-8", "utf-8")
    try:
        for _ in utf8.chunks():
            pass
        return utf8
    except InputError:
        pass  # not UTF-8 somewhere: guess from the start, as a whole read does
    guess = guess_encoding(head, where)
    return stream(guess, guess)


def _check_text(stream: TextStream) -> None:
    """``check_text`` over the stream: no NUL anywhere, few control characters in the first
    ``_CHECKED_CHARS`` characters, not only whitespace."""
    head: list[str] = []
    counted = 0
    blank = True
    for text in stream.chunks():
        if "\x00" in text:
            raise InputError(stream.where, "binary data (NUL characters), not a text file")
        if counted < _CHECKED_CHARS:
            head.append(text[: _CHECKED_CHARS - counted])
            counted += len(head[-1])
        blank = blank and not text.strip()
    if blank:
        raise InputError(stream.where, "contains only whitespace")
    start = "".join(head)
    if start.strip():  # (a blank start has no control characters to count)
        check_text(start, stream.where)
