"""What each role may do with exams (merged into the role groups by ohs.orgs.roles)."""

from ohs.orgs.choices import Role

_READ = (
    "exams.view_examinstitution",
    "exams.view_examsite",
    "exams.view_capacityday",
    "exams.view_booking",
    "exams.view_appointment",
    "exams.view_examresult",
    "exams.view_followup",
    "exams.view_examnotice",
    "exams.view_diagnosisreferral",
)

ROLE_PERMISSIONS = {
    Role.EMPLOYER_MANAGER: (*_READ, "exams.add_booking", "exams.change_booking", "exams.change_followup"),
    Role.EXAM_STAFF: (
        *_READ,
        "exams.change_examinstitution",
        "exams.add_examsite",
        "exams.add_capacityday",
        "exams.change_capacityday",
        "exams.change_booking",
        "exams.change_appointment",
        "exams.add_examresult",
        "exams.add_resultimport",
        "exams.view_resultimport",
    ),
    Role.REGULATOR: _READ,
    Role.INSPECTOR: _READ,
    Role.CDC_STAFF: _READ,
    Role.COORDINATOR: _READ,
    Role.WORKER: (
        "exams.view_appointment",
        "exams.view_examresult",
        "exams.view_followup",
        "exams.view_examnotice",
    ),
}
