from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ohs.core.navigation import DashboardCard, NavItem, register_cards, register_nav
from ohs.enforcement.models import Case
from ohs.enforcement.queries import deadlines_for
from ohs.orgs.choices import Role

_OFFICIALS = frozenset({Role.REGULATOR, Role.INSPECTOR})
_GROUP = _("Enforcement")

register_nav(
    NavItem(_("Penalty cases"), "enforcement:case_list", _OFFICIALS | {Role.EMPLOYER_MANAGER}, group=_GROUP, order=40),
    NavItem(_("Action codes"), "enforcement:code_list", _OFFICIALS | {Role.EMPLOYER_MANAGER}, group=_GROUP, order=41),
    NavItem(_("Deadlines"), "enforcement:deadlines", _OFFICIALS, group=_GROUP, order=42),
    NavItem(_("Discretion benchmarks"), "enforcement:benchmarks", _OFFICIALS, group=_GROUP, order=43),
    NavItem(_("Case-file review"), "enforcement:campaign_list", _OFFICIALS, group=_GROUP, order=44),
    NavItem(_("Enforcement audits"), "enforcement:audit_list", _OFFICIALS, group=_GROUP, order=45),
)
register_cards(
    DashboardCard(
        _("Case deadlines near or past"),
        _OFFICIALS,
        lambda actor: len(deadlines_for(actor, timezone.localdate())),
        "enforcement:deadlines",
        order=40,
    ),
    DashboardCard(
        _("No penalty for a first minor violation this year"),
        _OFFICIALS,
        lambda actor: (
            Case.objects.for_actor(actor)
            .filter(decided_on__year=timezone.localdate().year)
            .exclude(no_penalty_item="")
            .count()
        ),
        "enforcement:case_list",
        order=41,
    ),
)
