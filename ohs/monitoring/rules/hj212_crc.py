"""HJ 212-2017 Appendix A check sum ("ANSI CRC16"), computed over the data segment only.

The register update is ``reg := T[(reg >> 8) XOR byte]`` where T is the reflected CRC-16 table
of polynomial 0xA001. This is NOT CRC-16/MODBUS (``reg := (reg >> 8) XOR T[(reg XOR byte) & 0xFF]``):
for the standard's own example segment HJ 212 gives 1C80 where MODBUS would give 0759.
"""

from __future__ import annotations

CRC_INITIAL = 0xFFFF  # HJ 212-2017 Appendix A: the register starts as all ones
CRC_POLYNOMIAL_REFLECTED = 0xA001  # Appendix A: xor applied after a shift that drops a 1 bit
CRC_HEX_DIGITS = 4  # HJ 212-2017 table 2: the CRC field is 4 hex characters, high byte first
_BITS_PER_BYTE = 8
_BYTE_VALUES = 256


def _table_entry(index: int) -> int:
    """Run Appendix A's eight shift-and-xor steps on one byte value."""
    reg = index
    for _ in range(_BITS_PER_BYTE):
        lsb = reg & 1
        reg >>= 1
        if lsb:
            reg ^= CRC_POLYNOMIAL_REFLECTED
    return reg


# Precomputed once: Appendix A's inner loop depends only on (reg >> 8) XOR byte.
_TABLE: tuple[int, ...] = tuple(_table_entry(i) for i in range(_BYTE_VALUES))


def compute_crc(segment: bytes) -> int:
    """Return the HJ 212-2017 Appendix A CRC of ``segment`` (unsigned bytes)."""
    reg = CRC_INITIAL
    table = _TABLE
    for byte in segment:
        reg = table[(reg >> _BITS_PER_BYTE) ^ byte]
    return reg


def format_crc(crc: int) -> str:
    """Render a CRC as the packet writes it: 4 upper-case hex digits, high byte first."""
    return f"{crc:0{CRC_HEX_DIGITS}X}"
