"""First minor violations: no penalty (初次轻微违法行为不予处罚).

Law: 行政处罚法 (2021) Art.33(1): a minor violation corrected in time that caused no harm
MUST NOT be punished; a first violation with minor harm corrected in time MAY be left
unpunished; Art.33(3): whenever no penalty is given the party must be educated.
Zhejiang: seed 000 item 10 (the province keeps the list; cities and counties may extend it
lawfully after collective discussion), seed 001 item 13.2, 浙卫发〔2024〕27号 (no-penalty
rule applies before the discretion benchmark). The Zhejiang list itself was not
retrieved: the default list below is a configuration of typical items, UNCONFIRMED
(reference/minor_violation_no_penalty.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

RULE_VERSION = "enforcement.no_penalty/1"
PROVINCE_REGION_CODE = "330000"  # GB/T 2260 浙江省
_PROVINCE_PREFIX = PROVINCE_REGION_CODE[:2]
# Rows whose very definition is serious harm or a crime can never be "minor":
# ODPL-77 (已对劳动者生命健康造成严重损害), ODPL-78 (构成犯罪).
ARTICLES_PRESUPPOSING_SERIOUS_HARM = frozenset({"ODPL-77", "ODPL-78"})


class Harm(StrEnum):
    """Harmful consequence of the violation, in the words of Art.33."""

    NONE = "没有造成危害后果"
    MINOR = "危害后果轻微"
    SERIOUS = "危害后果较重"


_HARM_ORDER = (Harm.NONE, Harm.MINOR, Harm.SERIOUS)


class NoPenaltyOutcome(StrEnum):
    """The assessment's outcome."""

    MUST_NOT_PUNISH = "不予处罚（应当）"
    MAY_NOT_PUNISH = "不予处罚（可以）"
    PUNISH = "依法处罚（适用裁量基准）"


@dataclass(frozen=True)
class NoPenaltyItem:
    """One item of a no-penalty list."""

    item_id: str
    article: str
    description_zh: str
    minor_circumstance_zh: str
    max_harm: Harm
    list_version: str
    region_code: str = PROVINCE_REGION_CODE
    requires_first_violation: bool = True
    requires_correction_in_time: bool = True
    source: str = ""
    is_confirmed: bool = False


@dataclass(frozen=True)
class NoPenaltyList:
    """A versioned list for a region (the province, or a city/county extension merged in)."""

    version: str
    region_code: str
    items: tuple[NoPenaltyItem, ...]


@dataclass(frozen=True)
class NoPenaltyExtension:
    """Items a city or county proposes to add to the provincial list."""

    region_code: str
    version: str
    items: tuple[NoPenaltyItem, ...]
    is_collectively_discussed: bool


@dataclass(frozen=True)
class ItemProblem:
    """Why an item was rejected, naming the item and the field."""

    item_id: str
    field: str
    message: str


@dataclass(frozen=True)
class ExtensionDecision:
    """Whether an extension is lawful, and the merged list if it is."""

    is_accepted: bool
    merged: NoPenaltyList | None
    problems: tuple[ItemProblem, ...]
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


_DEFAULT_VERSION = "zj-oh-no-penalty/default-1"
_SOURCE = "minor_violation_no_penalty.md: typical items, unconfirmed for Zhejiang"


def _default_item(item_id: str, article: str, text_zh: str, minor_zh: str) -> NoPenaltyItem:
    return NoPenaltyItem(
        item_id,
        article,
        text_zh,
        minor_zh,
        Harm.MINOR,
        _DEFAULT_VERSION,
        source=_SOURCE,
    )


DEFAULT_PROVINCIAL_LIST = NoPenaltyList(
    version=_DEFAULT_VERSION,
    region_code=PROVINCE_REGION_CODE,
    items=(
        _default_item(
            "ZJ-OH-01",
            "ODPL-71(5)",
            "劳动者离开用人单位时未如实、无偿提供职业健康监护档案复印件",
            "初次发现，当场或在责令期限内提供",
        ),
        _default_item(
            "ZJ-OH-02",
            "ODPL-70(3)",
            "未按规定公布职业病防治规章制度、操作规程、应急救援措施",
            "公告栏内容未及时更新，初次发现并及时改正",
        ),
        _default_item(
            "ZJ-OH-03",
            "ODPL-70(2)",
            "职业卫生档案不完整",
            "档案个别内容缺漏，初次发现并及时补齐",
        ),
        _default_item(
            "ZJ-OH-04",
            "ODPL-70(4)",
            "职业卫生培训记录不全",
            "已组织培训但记录不全，初次发现并及时补正",
        ),
        _default_item(
            "ZJ-OH-05",
            "ODPL-71(1)",
            "职业病危害项目申报内容变更后未及时更新",
            "初次发现，已主动或在责令期限内补报",
        ),
    ),
)


def validate_item(item: NoPenaltyItem) -> tuple[ItemProblem, ...]:
    """Check an item against the conditions of 行政处罚法 Art.33(1)."""
    checks = (
        (not item.requires_correction_in_time, "requires_correction_in_time",
         "第三十三条要求及时改正，清单事项不得免除"),
        (item.max_harm is Harm.SERIOUS, "max_harm", "危害后果较重的不属于轻微违法"),
        (item.max_harm is Harm.MINOR and not item.requires_first_violation,
         "requires_first_violation", "有轻微危害后果的，仅初次违法可以不予处罚"),
        (item.article in ARTICLES_PRESUPPOSING_SERIOUS_HARM, "article",
         f"{item.article} 以造成严重损害或构成犯罪为要件，不可能轻微"),
    )  # fmt: skip
    return tuple(ItemProblem(item.item_id, name, text) for bad, name, text in checks if bad)


def _region_problems(extension: NoPenaltyExtension) -> tuple[ItemProblem, ...]:
    code = extension.region_code
    if code == PROVINCE_REGION_CODE or not code.startswith(_PROVINCE_PREFIX):
        return (ItemProblem("", "region_code", f"{code} 不是本省的市、县"),)
    return tuple(
        ItemProblem(
            i.item_id,
            "region_code",
            f"事项地区 {i.region_code} 与扩展地区 {code} 不一致",
        )
        for i in extension.items
        if i.region_code != code
    )


def _duplicate_problems(provincial: NoPenaltyList, extension: NoPenaltyExtension) -> tuple[ItemProblem, ...]:
    taken = {i.item_id for i in provincial.items}
    return tuple(
        ItemProblem(i.item_id, "item_id", "与省级清单事项编号重复") for i in extension.items if i.item_id in taken
    )


def extend_list(provincial: NoPenaltyList, extension: NoPenaltyExtension) -> ExtensionDecision:
    """Merge a city/county extension into the provincial list if every item is lawful."""
    problems = [
        *_region_problems(extension),
        *_duplicate_problems(provincial, extension),
        *(p for item in extension.items for p in validate_item(item)),
    ]
    if not extension.is_collectively_discussed:
        problems.append(ItemProblem("", "is_collectively_discussed", "扩展清单须经集体讨论"))
    if problems:
        return ExtensionDecision(False, None, tuple(problems), ("扩展清单超出法定条件，不予采用",))
    merged = NoPenaltyList(
        version=f"{provincial.version}+{extension.region_code}:{extension.version}",
        region_code=extension.region_code,
        items=provincial.items + extension.items,
    )
    reasons = (f"{extension.region_code} 在省级清单基础上扩展 {len(extension.items)} 项",)
    return ExtensionDecision(True, merged, (), reasons)


def items_for_article(the_list: NoPenaltyList, article: str) -> tuple[NoPenaltyItem, ...]:
    """The list items that concern one article."""
    return tuple(i for i in the_list.items if i.article == article)


@dataclass(frozen=True)
class PriorViolation:
    """A violation found earlier for the same entity on the platform."""

    article: str
    found_on: date
    case_ref: str


@dataclass(frozen=True)
class NoPenaltyDecision:
    """The outcome for one violation, with what the file must contain."""

    outcome: NoPenaltyOutcome
    item_id: str
    is_education_required: bool
    required_attachments: tuple[str, ...]
    reasons: tuple[str, ...]
    rule_version: str


_ATTACHMENTS = ("教育记录（《行政处罚法》第三十三条第三款）", "改正证据")


def _punish(item: NoPenaltyItem, reason: str) -> NoPenaltyDecision:
    return NoPenaltyDecision(
        NoPenaltyOutcome.PUNISH,
        item.item_id,
        False,
        (),
        (reason, "不适用初次轻微违法不予处罚，依裁量基准处理"),
        f"{RULE_VERSION}; {item.list_version}",
    )


def _blocking_reason(
    item: NoPenaltyItem,
    earlier: tuple[PriorViolation, ...],
    corrected_in_time: bool,
    harm: Harm,
) -> str | None:
    if item.requires_correction_in_time and not corrected_in_time:
        return "未及时改正"
    if _HARM_ORDER.index(harm) > _HARM_ORDER.index(item.max_harm):
        return f"{harm}，超出清单事项条件（{item.max_harm}）"
    if item.requires_first_violation and earlier:
        first = min(earlier, key=lambda p: p.found_on)
        return f"非初次违法：{first.found_on.isoformat()} 已有同类违法（{first.case_ref}）"
    return None


def assess_no_penalty(
    item: NoPenaltyItem,
    history: Iterable[PriorViolation],
    corrected_in_time: bool,
    harm: Harm,
) -> NoPenaltyDecision:
    """Decide 不予处罚 for a listed item: first, minor and corrected in time (Art.33(1))."""
    earlier = tuple(p for p in history if p.article == item.article)
    blocking = _blocking_reason(item, earlier, corrected_in_time, harm)
    if blocking is not None:
        return _punish(item, blocking)
    mandatory = harm is Harm.NONE
    basis = "第三十三条第一款前段：轻微、及时改正、无危害后果，应当不予处罚"
    if not mandatory:
        basis = "第三十三条第一款后段：初次违法、危害后果轻微、及时改正，可以不予处罚"
    reasons = (
        f"清单事项 {item.item_id}（{item.article}）：{item.minor_circumstance_zh}",
        basis,
    )
    unconfirmed = () if item.is_confirmed else (f"清单事项 {item.item_id} 未经核实",)
    return NoPenaltyDecision(
        NoPenaltyOutcome.MUST_NOT_PUNISH if mandatory else NoPenaltyOutcome.MAY_NOT_PUNISH,
        item.item_id,
        True,
        _ATTACHMENTS,
        (*reasons, *unconfirmed, "须对当事人进行教育并留存记录"),
        f"{RULE_VERSION}; {item.list_version}",
    )
