"""Administrative action code (行政行为码) issued by OHS Online.

Zhejiang's own code format is not published (reference/action_code.md: "unconfirmed"), so
the provincial platform's code is kept as an opaque string elsewhere; this is the
platform's own code, issued when an act starts and carried by every downstream act
(统一赋码, 一码关联, 一码查询, 一码追踪; seed 000 item 14: 检查—处罚—强制—复议—诉讼).

Format ``RRRRRR-YYYY-KK-XXXXXXXXXXXXXXXX-C``:
- ``RRRRRR`` GB/T 2260 region code of the acting body (Zhejiang, 33xxxx);
- ``YYYY`` year the act started; ``KK`` kind of act (see ``ActionKind``);
- 16 characters of RFC 4648 base32 encoding 10 random bytes (80 bits, from ``secrets`` in
  the service), so codes cannot be guessed or enumerated;
- ``C`` check character, ISO/IEC 7064 MOD 37,36 (hybrid system) over the 28 characters
  without separators, computed by python-stdnum (``stdnum.iso7064.mod_37_36``); it detects
  every single-character substitution and adjacent transposition.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from enum import StrEnum

from stdnum.iso7064 import mod_37_36

RULE_VERSION = "enforcement.action_code/1"
CHECK_SCHEME = "ISO/IEC 7064 MOD 37,36"
SEPARATOR = "-"
ZHEJIANG_PREFIX = "33"  # GB/T 2260 province code 330000
RANDOM_PART_BYTES = 10  # 80 bits of entropy
RANDOM_PART_LENGTH = 16  # RFC 4648 base32 of 10 bytes, no padding
YEAR_DIGITS = 4
_REGION = re.compile(ZHEJIANG_PREFIX + r"[0-9]{4}")
_YEAR = re.compile(rf"[0-9]{{{YEAR_DIGITS}}}")
_RANDOM = re.compile(rf"[A-Z2-7]{{{RANDOM_PART_LENGTH}}}")  # RFC 4648 base32 alphabet
_CHECK = re.compile(r"[0-9A-Z]")
_PARTS = 5


class ActionKind(StrEnum):
    """Kinds of administrative act, as two-letter pinyin initials."""

    INSPECTION = "JC"  # 检查
    PENALTY = "CF"  # 处罚
    COMPULSORY_MEASURE = "QZ"  # 强制
    RECONSIDERATION = "FY"  # 复议
    LITIGATION = "SS"  # 诉讼


@dataclass(frozen=True)
class ActionStage:
    """A stage of the chain and the stages whose code it may link to as parent."""

    kind: ActionKind
    name_zh: str
    order: int
    may_follow: frozenset[ActionKind]
    is_confirmed: bool
    source: str


_CHAIN_SOURCE = "action_code.md (浙江法治报 2025-04-08): 任务—检查—处罚—执行"
_REMEDY_SOURCE = "seed 000 item 14; action_code.md marks the 复议/诉讼 link unconfirmed"
ACTION_STAGES: tuple[ActionStage, ...] = (
    ActionStage(ActionKind.INSPECTION, "检查", 1, frozenset(), True, _CHAIN_SOURCE),
    ActionStage(
        ActionKind.PENALTY,
        "处罚",
        2,
        frozenset({ActionKind.INSPECTION}),
        True,
        _CHAIN_SOURCE,
    ),
    ActionStage(
        ActionKind.COMPULSORY_MEASURE,
        "强制",
        3,
        frozenset({ActionKind.INSPECTION, ActionKind.PENALTY}),
        True,
        _CHAIN_SOURCE,
    ),
    ActionStage(
        ActionKind.RECONSIDERATION,
        "复议",
        4,
        frozenset({ActionKind.PENALTY, ActionKind.COMPULSORY_MEASURE}),
        False,
        _REMEDY_SOURCE,
    ),
    ActionStage(
        ActionKind.LITIGATION,
        "诉讼",
        5,
        frozenset(
            {
                ActionKind.PENALTY,
                ActionKind.COMPULSORY_MEASURE,
                ActionKind.RECONSIDERATION,
            }
        ),
        False,
        _REMEDY_SOURCE,
    ),
)


def stage_for(kind: ActionKind) -> ActionStage:
    """The stage of one kind of act."""
    return next(s for s in ACTION_STAGES if s.kind is kind)


def may_link(parent: ActionKind, child: ActionKind) -> bool:
    """True when an act of kind ``child`` may carry a link to a ``parent`` code (一码关联)."""
    return parent in stage_for(child).may_follow


class ActionCodeError(ValueError):
    """Bad input to code generation; ``field`` names the offending argument."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _body(region_code: str, year: str, kind: str, random_part: str) -> str:
    return f"{region_code}{year}{kind}{random_part}"


def generate_action_code(region_code: str, year: int, kind: ActionKind, rng_bytes: bytes) -> str:
    """Issue a code from its parts and 10 random bytes supplied by the caller."""
    if not _REGION.fullmatch(region_code):
        raise ActionCodeError("region_code", "须为浙江省 6 位行政区划代码（GB/T 2260，33 开头）")
    year_text = str(year)
    if year <= 0 or len(year_text) != YEAR_DIGITS:
        raise ActionCodeError("year", f"须为 {YEAR_DIGITS} 位年份")
    if len(rng_bytes) != RANDOM_PART_BYTES:
        raise ActionCodeError("rng_bytes", f"须为 {RANDOM_PART_BYTES} 个随机字节")
    random_part = base64.b32encode(rng_bytes).decode("ascii")
    body = _body(region_code, year_text, kind.value, random_part)
    check = mod_37_36.calc_check_digit(body)
    return SEPARATOR.join((region_code, year_text, kind.value, random_part, check))


@dataclass(frozen=True)
class ParsedActionCode:
    """The parts of a valid code."""

    text: str
    region_code: str
    year: int
    kind: ActionKind
    random_part: str
    check_character: str


@dataclass(frozen=True)
class CodeProblem:
    """Why a code is invalid, naming the part."""

    field: str
    message: str


@dataclass(frozen=True)
class ActionCodeValidation:
    """The result of validating a code."""

    is_valid: bool
    parsed: ParsedActionCode | None
    problems: tuple[CodeProblem, ...]
    rule_version: str = RULE_VERSION


_KINDS = {k.value: k for k in ActionKind}


def _part_problems(parts: list[str]) -> tuple[CodeProblem, ...]:
    region, year, kind, random_part, check = parts
    checks = (
        (_REGION.fullmatch(region), "region_code", "地区码须为 33 开头的 6 位数字"),
        (_YEAR.fullmatch(year), "year", "年份须为 4 位数字"),
        (kind in _KINDS, "kind", f"类别须为 {'/'.join(_KINDS)} 之一"),
        (
            _RANDOM.fullmatch(random_part),
            "random_part",
            "随机部分须为 16 位 base32 大写字符",
        ),
        (_CHECK.fullmatch(check), "check_character", "校验位须为 1 位数字或大写字母"),
    )
    return tuple(CodeProblem(name, text) for ok, name, text in checks if not ok)


def _invalid(*problems: CodeProblem) -> ActionCodeValidation:
    return ActionCodeValidation(False, None, problems)


def validate_action_code(code: str) -> ActionCodeValidation:
    """Check a code's format and its ISO 7064 MOD 37,36 check character."""
    parts = code.split(SEPARATOR)
    if len(parts) != _PARTS:
        return _invalid(CodeProblem("format", "格式应为 地区-年份-类别-随机部分-校验位"))
    problems = _part_problems(parts)
    if problems:
        return _invalid(*problems)
    region, year, kind, random_part, check = parts
    if not mod_37_36.is_valid(_body(region, year, kind, random_part) + check):
        return _invalid(CodeProblem("check_character", f"校验位不符（{CHECK_SCHEME}），请核对录入"))
    parsed = ParsedActionCode(code, region, int(year), _KINDS[kind], random_part, check)
    return ActionCodeValidation(True, parsed, ())
