from ohs.enforcement.models.benchmarks import Benchmark, BenchmarkRefinement
from ohs.enforcement.models.cases import Case, CompulsoryMeasure, Evidence, Remedy
from ohs.enforcement.models.codes import ActionCode
from ohs.enforcement.models.minor import MinorViolation, NoPenaltyItem
from ohs.enforcement.models.reviews import CaseReview, EnforcementAudit, ReviewCampaign, ReviewFinding

__all__ = [
    "ActionCode",
    "Benchmark",
    "BenchmarkRefinement",
    "Case",
    "CaseReview",
    "CompulsoryMeasure",
    "EnforcementAudit",
    "Evidence",
    "MinorViolation",
    "NoPenaltyItem",
    "Remedy",
    "ReviewCampaign",
    "ReviewFinding",
]
