"""The steps an officer (or the entity) takes on a case page: which form, which service, in
which stages. The case page shows the steps of the current stage; one view runs them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ohs.core.actor import Actor
from ohs.core.errors import DomainError, ErrorCode
from ohs.core.forms import StyledForm
from ohs.enforcement import forms as f
from ohs.enforcement.models import Case, Remedy
from ohs.enforcement.services import benchmarks, cases, execution, minor, procedure

Run = Callable[[Actor, Case, dict[str, Any]], object]
_BEFORE_NOTICE = frozenset({"investigating"})
_NOTICE_TO_DECISION = frozenset({"notified", "heard"})
_OPEN_UNTIL_DECISION = frozenset({"investigating", "notified", "hearing", "heard"})
_AFTER_DECISION = frozenset({"decided", "served", "paid", "enforcing", "closed"})


@dataclass(frozen=True)
class Step:
    name: str
    label: str | Promise
    form: type[StyledForm]
    stages: frozenset[str]
    run: Run
    by_entity: bool = False


def _remedy_outcome(actor: Actor, case: Case, data: dict[str, Any]) -> object:
    remedy = Remedy.objects.filter(case=case, pk=data["remedy"]).first()
    if remedy is None:
        raise DomainError(ErrorCode.INVALID, str(_("no such remedy on this case")), field="remedy")
    return execution.record_remedy_outcome(actor=actor, remedy=remedy, outcome=data["outcome"], note=data["note"])


STEPS: tuple[Step, ...] = (
    Step("approve", _("Approve the filing"), f.EmptyForm, frozenset({"proposed"}),
         lambda a, c, d: cases.approve_filing(actor=a, case=c)),
    Step("article", _("Violated provision"), f.ArticleForm, frozenset({"proposed", "investigating"}),
         lambda a, c, d: cases.set_article(actor=a, case=c, article=d["article"])),
    Step("evidence", _("Record evidence"), f.EvidenceForm, _OPEN_UNTIL_DECISION,
         lambda a, c, d: cases.add_evidence(actor=a, case=c, **d)),
    Step("correction", _("Order correction by a deadline"), f.CorrectionForm, _BEFORE_NOTICE,
         lambda a, c, d: cases.order_correction(actor=a, case=c, deadline=d["deadline"])),
    Step("corrected", _("Record the correction"), f.CorrectedForm, _OPEN_UNTIL_DECISION,
         lambda a, c, d: cases.record_correction(actor=a, case=c, corrected_on=d["corrected_on"])),
    Step("propose", _("Facts and benchmark proposal"), f.ProposalForm, _BEFORE_NOTICE,
         lambda a, c, d: benchmarks.propose_for_case(actor=a, case=c, circumstances=d["circumstances"])),
    Step("notice", _("Serve the advance notice"), f.NoticeForm, _BEFORE_NOTICE,
         lambda a, c, d: procedure.serve_notice(actor=a, case=c, **d)),
    Step("offer", _("No penalty: issue the commitment letter"), f.OfferCommitmentForm, _BEFORE_NOTICE,
         lambda a, c, d: minor.offer_commitment(actor=a, case=c, **d)),
    Step("sign", _("Sign the commitment"), f.SignForm, _BEFORE_NOTICE,
         lambda a, c, d: minor.sign_commitment(actor=a, case=c, signed_by=d["signed_by"]), by_entity=True),
    Step("no_penalty", _("Decide no penalty"), f.EducationForm, _BEFORE_NOTICE,
         lambda a, c, d: minor.decide_no_penalty(actor=a, case=c, education_record=d["education_record"])),
    Step("defence", _("Record the statement and defence"), f.DefenceForm, _NOTICE_TO_DECISION,
         lambda a, c, d: procedure.record_defence(actor=a, case=c, **d)),
    Step("hearing_request", _("Record a hearing request"), f.HearingRequestForm, frozenset({"notified"}),
         lambda a, c, d: procedure.request_hearing(actor=a, case=c, requested_on=d["requested_on"])),
    Step("hearing_notice", _("Serve the hearing notice (time and place)"), f.HearingNoticeForm,
         frozenset({"hearing"}),
         lambda a, c, d: procedure.notify_hearing(actor=a, case=c, hearing_on=d["hearing_on"], place=d["place"])),
    Step("hearing", _("Record the hearing"), f.RecordForm, frozenset({"hearing"}),
         lambda a, c, d: procedure.hold_hearing(actor=a, case=c, record=d["record"])),
    Step("collegial", _("Collegial discussion of the case handlers"), f.RecordForm, _OPEN_UNTIL_DECISION,
         lambda a, c, d: procedure.record_collegial_discussion(actor=a, case=c, record=d["record"])),
    Step("legal_review", _("Legal review"), f.OpinionForm, _OPEN_UNTIL_DECISION,
         lambda a, c, d: procedure.record_legal_review(actor=a, case=c, opinion=d["opinion"])),
    Step("collective", _("Collective discussion"), f.RecordForm, _OPEN_UNTIL_DECISION,
         lambda a, c, d: procedure.record_collective_discussion(actor=a, case=c, record=d["record"])),
    Step("extension", _("Approve an extension of the decision period"), f.ExtensionForm, _OPEN_UNTIL_DECISION,
         lambda a, c, d: procedure.approve_extension(actor=a, case=c, **d)),
    Step("decide", _("Decide the penalty"), f.DecisionForm, _NOTICE_TO_DECISION,
         lambda a, c, d: procedure.decide(actor=a, case=c, decision_text=d["decision_text"])),
    Step("serve", _("Record service of the decision"), f.ServedForm, frozenset({"decided"}),
         lambda a, c, d: execution.serve_decision(actor=a, case=c, served_on=d["served_on"])),
    Step("pay", _("Record payment"), f.PaidForm, frozenset({"served", "enforcing"}),
         lambda a, c, d: execution.record_payment(actor=a, case=c, paid_on=d["paid_on"])),
    Step("reminder", _("Serve the reminder (compulsory enforcement)"), f.ReminderForm, frozenset({"served"}),
         lambda a, c, d: execution.start_enforcement(actor=a, case=c, reminder_served_on=d["reminder_served_on"])),
    Step("court", _("Apply to the court for enforcement"), f.CourtForm, frozenset({"enforcing"}),
         lambda a, c, d: execution.apply_to_court(actor=a, case=c, **d)),
    Step("remedy", _("Record reconsideration or litigation"), f.RemedyForm, _AFTER_DECISION,
         lambda a, c, d: execution.file_remedy(actor=a, case=c, **d)),
    Step("remedy_outcome", _("Record the outcome of a remedy"), f.RemedyOutcomeForm, _AFTER_DECISION,
         _remedy_outcome),
    Step("close", _("Close the case"), f.EmptyForm, frozenset({"served", "paid", "enforcing", "not_punished"}),
         lambda a, c, d: execution.close_case(actor=a, case=c)),
)  # fmt: skip
STEP_BY_NAME = {s.name: s for s in STEPS}


def step_form(step: Step, case: Case, data: Any = None, files: Any = None, *, prefixed: bool = True) -> StyledForm:
    """The step's form; on the page each form is prefixed with the step's name (several share a page)."""
    prefix = step.name if prefixed else None
    if step.form is f.OfferCommitmentForm:
        items = [(i.item_id, f"{i.item_id} {i.description}") for i in minor.items_for(case)]
        return f.OfferCommitmentForm(data, files, items=items, prefix=prefix)
    form: StyledForm = step.form(data, files, prefix=prefix)
    return form
