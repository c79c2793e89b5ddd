"""The penalty case as named transitions (行政处罚法 general procedure)."""

from ohs.core.workflow import Transition, Workflow
from ohs.enforcement.choices import CaseStatus as S
from ohs.orgs.choices import Role

_OFFICERS = frozenset({Role.INSPECTOR, Role.REGULATOR})
_HEADS = frozenset({Role.REGULATOR})  # approvals by the head of the body


def _t(name: str, source: set[str], target: str, roles: frozenset[str] = _OFFICERS) -> Transition:
    return Transition(name, frozenset(source), target, roles)


CASE_WORKFLOW = Workflow(
    "status",
    [
        _t("filing_approved", {S.PROPOSED}, S.INVESTIGATING, _HEADS),
        _t("notice_served", {S.INVESTIGATING}, S.NOTIFIED),
        _t("hearing_requested", {S.NOTIFIED}, S.HEARING),
        _t("hearing_held", {S.HEARING}, S.HEARD),
        _t("decided", {S.NOTIFIED, S.HEARD}, S.DECIDED),
        _t("served", {S.DECIDED}, S.SERVED),
        _t("paid", {S.SERVED, S.ENFORCING}, S.PAID),
        _t("enforcement_started", {S.SERVED}, S.ENFORCING),
        _t("not_punished", {S.INVESTIGATING}, S.NOT_PUNISHED),
        _t("closed", {S.SERVED, S.PAID, S.ENFORCING, S.NOT_PUNISHED}, S.CLOSED),
    ],
)

# Where each stage sits in the action-code chain (the public page shows it).
STAGE_OF_STATUS: dict[str, str] = {
    S.PROPOSED: "检查",
    S.INVESTIGATING: "处罚（立案调查）",
    S.NOTIFIED: "处罚（事先告知）",
    S.HEARING: "处罚（听证）",
    S.HEARD: "处罚（听证）",
    S.DECIDED: "处罚（已决定）",
    S.SERVED: "处罚（已送达）",
    S.PAID: "执行（已缴纳罚款）",
    S.ENFORCING: "强制（强制执行）",
    S.NOT_PUNISHED: "处罚（不予处罚）",
    S.CLOSED: "结案",
}
