from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import DashboardCard, NavItem, register_cards, register_nav
from ohs.exams.choices import FollowUpStatus
from ohs.exams.models import DiagnosisReferral, FollowUp
from ohs.orgs.choices import Role

_GOVERNING = frozenset({Role.REGULATOR, Role.INSPECTOR, Role.CDC_STAFF, Role.COORDINATOR})
_EMPLOYER = frozenset({Role.EMPLOYER_MANAGER})
_INSTITUTION = frozenset({Role.EXAM_STAFF})
_GROUP = _("Health exams")

register_nav(
    NavItem(_("Exams due"), "exams:due_list", _EMPLOYER, group=_GROUP, order=30),
    NavItem(_("Exam coverage"), "exams:coverage", _EMPLOYER | _GOVERNING, group=_GROUP, order=31),
    NavItem(_("Exam bookings"), "exams:booking_list", _EMPLOYER | _INSTITUTION | _GOVERNING, group=_GROUP, order=32),
    NavItem(_("Exam results"), "exams:result_list", _EMPLOYER | _INSTITUTION | _GOVERNING, group=_GROUP, order=33),
    NavItem(
        _("Exam follow-ups"), "exams:follow_up_list", _EMPLOYER | _GOVERNING | _INSTITUTION, group=_GROUP, order=34
    ),
    NavItem(_("Our institution"), "exams:institution_home", _INSTITUTION, group=_GROUP, order=35),
    NavItem(_("Exam institutions"), "exams:institution_list", _GOVERNING | _EMPLOYER, group=_GROUP, order=36),
)
register_cards(
    DashboardCard(
        _("Suspected occupational diseases awaiting diagnosis"),
        _GOVERNING | _EMPLOYER,
        lambda actor: DiagnosisReferral.objects.for_actor(actor).filter(status="open").count(),
        "exams:follow_up_list",
        order=40,
    ),
    DashboardCard(
        _("Contraindications: move off the post not confirmed"),
        _GOVERNING | _EMPLOYER,
        lambda actor: (
            FollowUp.objects.for_actor(actor).filter(action="confirm_post_change", status=FollowUpStatus.OPEN).count()
        ),
        "exams:follow_up_list",
        order=41,
    ),
)
