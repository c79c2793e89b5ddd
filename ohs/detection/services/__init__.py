"""Every write of the detection app: contract, survey and plan, sampling, results, review, report."""

from ohs.detection.services.projects import (
    PlanItemData,
    SurveyPostData,
    add_plan_item,
    add_survey_post,
    choose_edition,
    confirm_plan,
    contract_project,
    employer_by_uscc,
    finish_survey,
    survey_from_declaration,
    update_plan_item,
)
from ohs.detection.services.reports import approve_project, issue_report, review_project, revise_report
from ohs.detection.services.sampling import (
    ResultData,
    correct_sample,
    finish_sample,
    finish_sampling,
    record_result,
    register_equipment,
    start_sample,
)
from ohs.detection.services.signatories import (
    ScopeData,
    SignatoryData,
    change_scope,
    change_validity,
    register_signatory,
    revoke_signatory,
)

__all__ = [
    "PlanItemData",
    "ResultData",
    "ScopeData",
    "SignatoryData",
    "SurveyPostData",
    "add_plan_item",
    "add_survey_post",
    "approve_project",
    "change_scope",
    "change_validity",
    "choose_edition",
    "confirm_plan",
    "contract_project",
    "correct_sample",
    "employer_by_uscc",
    "finish_sample",
    "finish_sampling",
    "finish_survey",
    "issue_report",
    "record_result",
    "register_equipment",
    "register_signatory",
    "review_project",
    "revise_report",
    "revoke_signatory",
    "start_sample",
    "survey_from_declaration",
    "update_plan_item",
]
