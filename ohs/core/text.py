"""Text helpers for Chinese search: pinyin initials, so 杭州钢铁 is found by "hzgt"."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def pinyin_initials(text: str) -> str:
    """Lower-case pinyin initials of the Chinese characters; other characters kept as they are."""
    return "".join(part[:1] for part in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")).lower()
