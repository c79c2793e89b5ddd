"""Read reference/disease_catalog.md into the items of the 2024 and 2013 disease catalogues.

The sheet lists the 2024 edition in full ([S]) and describes the 2013 edition ([D]) as the
2024 list with the documented changes reversed: per category "plus X", "minus A and B", an
item that "then read" otherwise, or an explicit list. Every category's item count is checked
against the count the sheet gives, so a misread line cannot load silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ohs.hazards.rules.errors import RuleInputError
from ohs.hazards.rules.limit_values import Confidence
from ohs.hazards.rules.parameters import confidence_of_marker

CATALOGUE_FILE = "disease_catalog.md"
EDITION_2024, EDITION_2013 = "2024", "2013"

_NUMERAL = r"(十[一二]|[一二三四五六七八九十])"
_TABLE_ROW_RE = re.compile(rf"^\|\s*{_NUMERAL}\s*\|\s*([^|]+?)\s*\|\s*(\d+)\s*(.*?)\s*\|\s*$", re.MULTILINE)
_ITEM_LINE_RE = re.compile(rf"^{_NUMERAL}\s+(\([一二三四五]\)[^:]+)?[^:(]*(?:\(\d+\))?:\s*(.+)$", re.MULTILINE)
_OPEN_ITEM_RE = re.compile(r"^other\b|\(open item\)")


@dataclass(frozen=True, slots=True)
class DiseaseItem:
    """One disease of one catalogue edition, in catalogue order."""

    edition: str
    category_number: str
    category_name: str
    subgroup: str
    name: str
    is_open_item: bool
    confidence: Confidence
    source: str


@dataclass(frozen=True, slots=True)
class _Category:
    number: str
    name: str
    count: int
    note: str


def _section(text: str, heading: str) -> str:
    """The text under a '## heading' up to the next '## '."""
    start = text.find(f"## {heading}")
    if start < 0:
        raise RuleInputError("heading", f"{heading!r} missing from {CATALOGUE_FILE}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def _categories(section: str) -> list[_Category]:
    """The '| number | category | count (note) |' rows of a section's table."""
    return [_Category(n, name, int(count), _unwrap(note)) for n, name, count, note in _TABLE_ROW_RE.findall(section)]


def _unwrap(note: str) -> str:
    """'(text)' -> 'text'; the brackets of the items inside stay."""
    note = note.strip()
    return note[1:-1] if note.startswith("(") and note.endswith(")") else note


def _split_items(text: str) -> list[str]:
    """'a; b(c; d); e.' -> ['a', 'b(c; d)', 'e']: semicolons inside brackets do not split."""
    items, depth, current = [], 0, ""
    for char in text.strip().rstrip("."):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    return [*items, current.strip()] if current.strip() else items


def _check_count(edition: str, category: _Category, names: list[tuple[str, str]]) -> None:
    if len(names) != category.count:
        raise RuleInputError(
            f"{edition}.{category.number}", f"{len(names)} items read, the sheet counts {category.count}"
        )


def _items_2024(section: str) -> dict[str, list[tuple[str, str]]]:
    """(subgroup, name) pairs per category number, from the 2024 item lines."""
    by_number: dict[str, list[tuple[str, str]]] = {}
    for number, subgroup, listing in _ITEM_LINE_RE.findall(section):
        by_number.setdefault(number, []).extend((subgroup, name) for name in _split_items(listing))
    return by_number


def _apply_note(note: str, names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Reverse one documented 2013 -> 2024 change on a category's 2024 items."""
    if ";" in note:  # an explicit list
        return [("", name) for name in _split_items(note)]
    if plus := re.search(r"plus (\S+)", note):
        return [*names, ("", plus.group(1))]
    if minus := re.search(r"minus (\S+) and (\S+)", note):
        stems = [m.removesuffix("中毒") for m in minus.groups()]
        return [(g, n) for g, n in names if not any(n.startswith(stem) for stem in stems)]
    if reading := re.search(r'(\S+) item then read "([^"]+)"', note):
        item, wording = reading.groups()
        return [(g, f"{item}({wording})" if n.startswith(item) else n) for g, n in names]
    return names


def _build(edition: str, categories: list[_Category], by_name: dict[str, list[tuple[str, str]]]) -> list[DiseaseItem]:
    marker = "[S]" if edition == EDITION_2024 else "[D]"
    items: list[DiseaseItem] = []
    for category in categories:
        names = by_name.get(category.name, [])
        if edition == EDITION_2013:
            names = _apply_note(category.note, names)
        _check_count(edition, category, names)
        items.extend(
            DiseaseItem(
                edition,
                category.number,
                category.name,
                subgroup.strip(),
                name,
                bool(_OPEN_ITEM_RE.search(name)),
                confidence_of_marker(marker),
                f"reference/{CATALOGUE_FILE} {marker}",
            )
            for subgroup, name in names
        )
    return items


def parse_disease_catalogue(text: str) -> tuple[DiseaseItem, ...]:
    """Every item of the 2024 catalogue (135) and of the 2013 catalogue (132), in order."""
    section_2024 = _section(text, "2024 edition")
    categories_2024 = _categories(section_2024)
    by_number = _items_2024(section_2024)
    by_name = {c.name: by_number.get(c.number, []) for c in categories_2024}
    categories_2013 = _categories(_section(text, "2013 edition"))
    return (*_build(EDITION_2024, categories_2024, by_name), *_build(EDITION_2013, categories_2013, by_name))
