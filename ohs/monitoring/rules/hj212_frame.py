"""HJ 212-2017 packet framing (table 2): cut a TCP byte stream into frames and framing errors.

A frame is ``##`` + 4 decimal digits n + n bytes of data segment + 4 hex digits of CRC + CR LF.
Every byte fed in comes out exactly once, inside a ``Frame`` or inside a ``FramingError``, so rejected
bytes can go to a dead-letter store. Decisions depend only on the bytes, never on where a TCP read
ended: the same stream gives the same items whatever the chunk boundaries. The CRC is not checked
here (``hj212_packet.parse_frame`` does it) because a well-framed packet with a bad CRC is still
a packet the log must show.

The length counts bytes. The standard says "ASCII characters"; both agree for ASCII segments, and only
the byte count lets a receiver frame a segment carrying UTF-8 log text (hj212.md §2).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ohs.monitoring.rules.hj212_crc import CRC_HEX_DIGITS, compute_crc, format_crc

HEADER = b"##"  # table 2: packet header
LENGTH_DIGITS = 4  # table 2: data-segment length, decimal, zero-padded ("0255")
MAX_SEGMENT_BYTES = 1024  # table 2: the data segment holds 0..1024 characters
TRAILER = b"\r\n"  # table 2: <CR><LF>
HEADER_BYTES = len(HEADER) + LENGTH_DIGITS
FRAME_OVERHEAD_BYTES = HEADER_BYTES + CRC_HEX_DIGITS + len(TRAILER)
MAX_FRAME_BYTES = FRAME_OVERHEAD_BYTES + MAX_SEGMENT_BYTES
# Longest run of rejected bytes kept in one error; it also bounds what a connection buffers.
MAX_REJECTED_BYTES = MAX_FRAME_BYTES

_HEX_DIGITS = frozenset(b"0123456789ABCDEFabcdef")  # devices send the CRC in either case (hj212.md §2)
_WAIT = -1  # not enough bytes yet to decide
_REJECT = 0  # the bytes at this position do not start a valid frame


class FramingReason(StrEnum):
    """Why bytes could not be framed as a packet."""

    GARBAGE = "garbage"  # bytes outside any packet
    BAD_LENGTH_FIELD = "bad_length_field"  # "##" not followed by 4 decimal digits
    OVERSIZE = "oversize"  # declared segment longer than 1024 bytes
    LENGTH_MISMATCH = "length_mismatch"  # CR LF found where the declared length does not put it
    BAD_CRC_FIELD = "bad_crc_field"  # the 4 characters before CR LF are not hex
    MISSING_TRAILER = "missing_trailer"  # no CR LF after the CRC
    TRUNCATED = "truncated"  # stream or next packet began before the declared end


@dataclass(frozen=True, slots=True)
class Frame:
    """One complete, well-framed packet as received (CRC not yet checked)."""

    raw: bytes

    @property
    def segment(self) -> bytes:
        """The data segment: what the length and the CRC cover."""
        return self.raw[HEADER_BYTES : len(self.raw) - CRC_HEX_DIGITS - len(TRAILER)]

    @property
    def crc_text(self) -> str:
        """The CRC field exactly as sent (4 hex characters)."""
        end = len(self.raw) - len(TRAILER)
        return self.raw[end - CRC_HEX_DIGITS : end].decode("ascii")

    @property
    def declared_length(self) -> int:
        """The data-segment length the header announced."""
        return int(self.raw[len(HEADER) : HEADER_BYTES])


@dataclass(frozen=True, slots=True)
class FramingError:
    """Bytes that are not a packet, kept whole for the dead-letter store."""

    reason: FramingReason
    message: str
    raw: bytes


FrameItem = Frame | FramingError


def split_frames(data: bytes | bytearray, *, is_final: bool) -> tuple[list[FrameItem], int]:
    """Cut frames and rejected runs off the front of ``data``; return them and the bytes consumed.

    With ``is_final`` (the connection closed) everything is consumed; otherwise an incomplete
    packet at the end is left for the next call.
    """
    items: list[FrameItem] = []
    pos = 0
    size = len(data)
    while pos < size:
        end = _frame_end(data, pos, is_final)
        if end == _WAIT:
            break
        if end != _REJECT:
            items.append(Frame(bytes(data[pos:end])))
            pos = end
            continue
        end = _rejected_run_end(data, pos, is_final)
        if end == _WAIT:
            break
        raw = bytes(data[pos:end])
        items.append(FramingError(*_classify(raw), raw=raw))
        pos = end
    return items, pos


def decode_stream(data: bytes) -> tuple[FrameItem, ...]:
    """Frame a complete byte stream (the connection has closed)."""
    return tuple(split_frames(data, is_final=True)[0])


class StreamDecoder:
    """Incremental framer for one TCP connection: ``feed`` each chunk, ``finish`` at close.

    Holds no more than one maximal frame plus the last chunk, whatever the peer sends.
    """

    __slots__ = ("_buffer",)

    def __init__(self) -> None:
        self._buffer = bytearray()

    @property
    def pending_bytes(self) -> int:
        """Bytes received but not yet returned in an item."""
        return len(self._buffer)

    def feed(self, chunk: bytes) -> tuple[FrameItem, ...]:
        """Add a chunk as it arrived; return the items it completed."""
        self._buffer += chunk
        return self._drain(is_final=False)

    def finish(self) -> tuple[FrameItem, ...]:
        """End of stream: return whatever is left, incomplete packets as errors."""
        return self._drain(is_final=True)

    def _drain(self, *, is_final: bool) -> tuple[FrameItem, ...]:
        """Take every decidable item off the buffer."""
        items, used = split_frames(self._buffer, is_final=is_final)
        del self._buffer[:used]
        return tuple(items)


def encode_frame(segment: bytes) -> bytes:
    """Wrap a data segment in header, length, CRC and trailer (table 2)."""
    if len(segment) > MAX_SEGMENT_BYTES:
        raise ValueError(f"data segment is {len(segment)} bytes; HJ 212-2017 allows {MAX_SEGMENT_BYTES}")
    length = f"{len(segment):0{LENGTH_DIGITS}d}".encode("ascii")
    crc = format_crc(compute_crc(segment)).encode("ascii")
    return b"".join((HEADER, length, segment, crc, TRAILER))


def _frame_end(data: bytes | bytearray, pos: int, is_final: bool) -> int:
    """End of a valid frame starting at ``pos``, or ``_REJECT`` / ``_WAIT``."""
    available = len(data) - pos
    if not data.startswith(HEADER, pos):
        return _REJECT if available >= len(HEADER) or is_final else _WAIT
    if available < HEADER_BYTES:
        return _REJECT if is_final else _WAIT
    digits = data[pos + len(HEADER) : pos + HEADER_BYTES]
    if not digits.isdigit():  # bytes.isdigit accepts ASCII digits only
        return _REJECT
    total = int(digits) + FRAME_OVERHEAD_BYTES
    if total > MAX_FRAME_BYTES:
        return _REJECT
    if available < total:
        return _REJECT if is_final else _WAIT
    end = pos + total
    trailer_at = end - len(TRAILER)
    if data[trailer_at:end] != TRAILER:
        return _REJECT
    if not all(byte in _HEX_DIGITS for byte in data[trailer_at - CRC_HEX_DIGITS : trailer_at]):
        return _REJECT
    return end


def _rejected_run_end(data: bytes | bytearray, pos: int, is_final: bool) -> int:
    """End of the rejected run at ``pos``: the next ``##``, at most ``MAX_REJECTED_BYTES`` on."""
    # A header starting at pos + MAX - 1 still fits the search window, so the cut is always
    # decided on the same bytes, whatever has arrived so far.
    found = data.find(HEADER, pos + 1, pos + MAX_REJECTED_BYTES + 1)
    if found >= 0:
        return found
    if len(data) - pos > MAX_REJECTED_BYTES:
        return pos + MAX_REJECTED_BYTES
    return len(data) if is_final else _WAIT


def _classify(raw: bytes) -> tuple[FramingReason, str]:
    """Name what is wrong with a rejected run."""
    if not raw.startswith(HEADER):
        return FramingReason.GARBAGE, f"{len(raw)} bytes outside any packet"
    digits = raw[len(HEADER) : HEADER_BYTES]
    if len(digits) < LENGTH_DIGITS and (not digits or digits.isdigit()):
        return FramingReason.TRUNCATED, f"stream ends inside the packet header ({len(raw)} bytes)"
    if len(digits) < LENGTH_DIGITS or not digits.isdigit():
        return FramingReason.BAD_LENGTH_FIELD, f"length field {digits!r} is not {LENGTH_DIGITS} decimal digits"
    declared = int(digits)
    if declared > MAX_SEGMENT_BYTES:
        return FramingReason.OVERSIZE, f"declared segment length {declared} exceeds {MAX_SEGMENT_BYTES}"
    return _classify_body(raw, declared)


def _classify_body(raw: bytes, declared: int) -> tuple[FramingReason, str]:
    """Name what is wrong after a valid header announcing ``declared`` segment bytes."""
    total = declared + FRAME_OVERHEAD_BYTES
    trailer_at = raw.find(TRAILER, HEADER_BYTES)
    if trailer_at == total - len(TRAILER):
        crc = raw[trailer_at - CRC_HEX_DIGITS : trailer_at]
        return FramingReason.BAD_CRC_FIELD, f"CRC field {crc!r} is not {CRC_HEX_DIGITS} hex digits"
    if trailer_at >= 0:
        found = trailer_at - HEADER_BYTES - CRC_HEX_DIGITS
        return (
            FramingReason.LENGTH_MISMATCH,
            f"declared segment length {declared}, but CR LF follows {found} segment bytes",
        )
    if len(raw) >= total - len(TRAILER):
        got = raw[total - len(TRAILER) : total]
        return FramingReason.MISSING_TRAILER, f"no CR LF after the CRC (got {got!r})"
    return FramingReason.TRUNCATED, f"declared {total} bytes, only {len(raw)} arrived before the next packet"
