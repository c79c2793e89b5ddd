"""Kinds of organisation and the roles their people hold (ARCHITECTURE.md, role table)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    REGULATOR = "regulator", _("Health administration")
    ENFORCEMENT = "enforcement", _("Health supervision body")
    CDC = "cdc", _("Centre for disease control")
    EXAM_INSTITUTION = "exam_institution", _("Occupational health exam institution")
    SERVICE_INSTITUTION = "service_institution", _("Technical service institution")
    DIAGNOSIS_INSTITUTION = "diagnosis_institution", _("Diagnosis institution")
    APPRAISAL_OFFICE = "appraisal_office", _("Appraisal office")
    REHAB_STATION = "rehab_station", _("Pneumoconiosis rehab station")
    EMPLOYER = "employer", _("Employer")
    EXPERT_GROUP = "expert_group", _("Expert group")
    TOWNSHIP = "township", _("Township occupational-health coordination")
    PLATFORM = "platform", _("Platform operator")


# Organisations that govern a territory: their region is a jurisdiction, not just an address.
GOVERNING_KINDS = frozenset({OrgKind.REGULATOR, OrgKind.ENFORCEMENT, OrgKind.CDC, OrgKind.TOWNSHIP})
# Of those, the ones that may change supervised records (CDC and coordinators only read).
SUPERVISING_KINDS = frozenset({OrgKind.REGULATOR, OrgKind.ENFORCEMENT})
INSTITUTION_KINDS = frozenset(
    {
        OrgKind.EXAM_INSTITUTION,
        OrgKind.SERVICE_INSTITUTION,
        OrgKind.DIAGNOSIS_INSTITUTION,
        OrgKind.APPRAISAL_OFFICE,
        OrgKind.REHAB_STATION,
    }
)


class Role(models.TextChoices):
    REGULATOR = "regulator", _("Regulator")
    INSPECTOR = "inspector", _("Inspector")
    CDC_STAFF = "cdc_staff", _("CDC staff")
    COORDINATOR = "coordinator", _("Township coordinator")
    EMPLOYER_MANAGER = "employer_manager", _("Employer occupational-health manager")
    WORKER = "worker", _("Worker")
    EXAM_STAFF = "exam_staff", _("Exam institution staff")
    SERVICE_STAFF = "service_staff", _("Technical service staff")
    DIAGNOSIS_STAFF = "diagnosis_staff", _("Diagnosis physician")
    APPRAISAL_STAFF = "appraisal_staff", _("Appraisal office staff")
    REHAB_STAFF = "rehab_staff", _("Rehab station staff")
    EXPERT = "expert", _("Expert")
    SECURITY_AUDITOR = "security_auditor", _("Security auditor")
    SYSADMIN = "sysadmin", _("System administrator")


# Which roles people of each kind of organisation may hold. Workers belong to no organisation.
ROLES_BY_KIND: dict[str, frozenset[str]] = {
    OrgKind.REGULATOR: frozenset({Role.REGULATOR}),
    OrgKind.ENFORCEMENT: frozenset({Role.INSPECTOR, Role.REGULATOR}),
    OrgKind.CDC: frozenset({Role.CDC_STAFF}),
    OrgKind.TOWNSHIP: frozenset({Role.COORDINATOR}),
    OrgKind.EMPLOYER: frozenset({Role.EMPLOYER_MANAGER}),
    OrgKind.EXAM_INSTITUTION: frozenset({Role.EXAM_STAFF}),
    OrgKind.SERVICE_INSTITUTION: frozenset({Role.SERVICE_STAFF}),
    OrgKind.DIAGNOSIS_INSTITUTION: frozenset({Role.DIAGNOSIS_STAFF}),
    OrgKind.APPRAISAL_OFFICE: frozenset({Role.APPRAISAL_STAFF}),
    OrgKind.REHAB_STATION: frozenset({Role.REHAB_STAFF}),
    OrgKind.EXPERT_GROUP: frozenset({Role.EXPERT}),
    OrgKind.PLATFORM: frozenset({Role.SECURITY_AUDITOR, Role.SYSADMIN}),
}

# Staff passwords expire; a worker's does not (they log in through the public portal).
PASSWORD_EXPIRING_ROLES = frozenset(set(Role) - {Role.WORKER})
# Roles that see full resident ID numbers (they act on identity: enforcement, diagnosis, exams).
FULL_ID_NUMBER_ROLES = frozenset(
    {Role.INSPECTOR, Role.REGULATOR, Role.EXAM_STAFF, Role.DIAGNOSIS_STAFF, Role.APPRAISAL_STAFF, Role.REHAB_STAFF}
)

# The role an organisation's own system acts in when it calls the API with a token.
SYSTEM_ROLE_BY_KIND: dict[str, str] = {
    OrgKind.REGULATOR: Role.REGULATOR,
    OrgKind.ENFORCEMENT: Role.INSPECTOR,
    OrgKind.CDC: Role.CDC_STAFF,
    OrgKind.TOWNSHIP: Role.COORDINATOR,
    OrgKind.EMPLOYER: Role.EMPLOYER_MANAGER,
    OrgKind.EXAM_INSTITUTION: Role.EXAM_STAFF,
    OrgKind.SERVICE_INSTITUTION: Role.SERVICE_STAFF,
    OrgKind.DIAGNOSIS_INSTITUTION: Role.DIAGNOSIS_STAFF,
    OrgKind.APPRAISAL_OFFICE: Role.APPRAISAL_STAFF,
    OrgKind.REHAB_STATION: Role.REHAB_STAFF,
    OrgKind.EXPERT_GROUP: Role.EXPERT,
    OrgKind.PLATFORM: Role.SYSADMIN,
}
