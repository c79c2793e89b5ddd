"""One `small` province, built once for this module beside the persona world and rolled back
afterwards: counts, organisations, valid identities, demo logins, employments, declarations,
and the rows reproduce the seeded plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models, transaction
from django.db.models import Count, F, Max, Value
from django.db.models.functions import Concat
from django.utils import timezone

from ohs.core import crypto
from ohs.core.actor import actor_for_user
from ohs.core.documents import current_document_for
from ohs.core.models.audit import AuditEntry
from ohs.core.rules.identity import clean_uscc, parse_id_number
from ohs.demo.builder import DEMO_LOGINS, DEMO_PASSWORD, SCALES, BuildReport, ProvinceBuilder, counties
from ohs.demo.declarations import FirstDeclarationDue
from ohs.demo.organisations import KINDS_BY_LEVEL
from ohs.demo.rules.declarations import plan_first_declaration
from ohs.demo.rules.province import ProvinceDigest, plan_digest, rng_for
from ohs.demo.rules.workforce import adult_on
from ohs.demo.trades import TRADES, industry_groups
from ohs.detection.choices import ProjectStatus, SignatoryStatus
from ohs.detection.models import Project, Signatory
from ohs.detection.rules.signatories import Standing
from ohs.geo.models import Region
from ohs.orgs.choices import OrgKind, Role
from ohs.orgs.models import Organisation, User
from ohs.orgs.roles import ADMIN_SITE_ROLES, group_name
from ohs.registry.choices import DeclarationStatus
from ohs.registry.models import Contact, Declaration, DeclarationItem, Employer, Post, Workplace
from ohs.registry.queries import declaration_gaps_for
from ohs.registry.receipts import RECEIPT_KIND
from ohs.workers.models import Employment, Worker
from ohs.workers.queries import exposures_for

SEED = 11
AS_OF = dt.date(2026, 3, 16)
SMALL = SCALES["small"]
MODELS: tuple[type[models.Model], ...] = (
    Organisation,
    Employer,
    Workplace,
    Post,
    Contact,
    Worker,
    Employment,
    Declaration,
    DeclarationItem,
)


@dataclass
class Built:
    report: BuildReport
    floor: dict[type[models.Model], int]  # the largest id before the build

    def rows(self, model: type[models.Model]) -> models.QuerySet[Any]:
        return model._default_manager.filter(pk__gt=self.floor[model]).order_by("pk")


@pytest.fixture(scope="module")
def built(django_db_setup: None, django_db_blocker: Any) -> Iterator[Built]:
    with django_db_blocker.unblock(), transaction.atomic():
        # Some personas share the demo's usernames; rename them for the life of this build.
        User.objects.update(username=Concat(Value("persona-"), F("username")))
        floor = {m: m._default_manager.aggregate(top=Max("pk"))["top"] or 0 for m in MODELS}
        report = ProvinceBuilder(SMALL, SEED, lambda _line: None, AS_OF).build()
        yield Built(report, floor)
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_small_build_counts_per_kind(built: Built) -> None:
    counts = built.report.counts
    employers = SMALL.employers_per_county * Region.objects.counties().count()
    assert counts["registry_employer"] == employers == built.rows(Employer).count()
    assert employers <= counts["registry_workplace"] <= 3 * employers
    assert 2 * employers <= counts["registry_post"] <= 6 * employers
    assert counts["registry_contact"] == 2 * employers
    assert counts["workers_worker"] == counts["workers_employment"] == built.rows(Worker).count()
    assert 0.8 * SMALL.workers_per_employer <= counts["workers_worker"] / employers <= 1.2 * SMALL.workers_per_employer
    assert 0.85 * employers <= counts["registry_declaration"] < employers
    assert counts["receipts"] == 2
    assert counts["organisations"] == built.rows(Organisation).count()
    assert counts["users"] == len(DEMO_LOGINS) + 1
    for model in MODELS[1:]:
        assert built.rows(model).count() == counts[model._meta.db_table]


def test_every_org_kind_in_every_region_as_designed(built: Built) -> None:
    orgs = built.rows(Organisation).exclude(kind__in=[OrgKind.PLATFORM, OrgKind.EMPLOYER])
    kinds: dict[str, list[str]] = {}
    for region_id, kind in orgs.values_list("region_id", "kind"):
        kinds.setdefault(region_id, []).append(kind)
    for region in Region.objects.all():
        assert sorted(kinds[region.code]) == sorted(KINDS_BY_LEVEL[region.level]), region.code
    assert built.rows(Organisation).filter(kind=OrgKind.PLATFORM).count() == 1


def test_every_credit_code_and_id_number_valid(built: Built) -> None:
    for code, county in built.rows(Employer).values_list("uscc", "county_id"):
        assert clean_uscc(code) == code and code[2:8] == county
    for worker in built.rows(Worker):
        number = crypto.decrypt(worker.id_number_encrypted)
        parsed = parse_id_number(number)
        assert (parsed.sex, parsed.birth_date, parsed.masked) == (
            worker.sex,
            worker.birth_date,
            worker.id_number_masked,
        )
        assert worker.id_number_digest == crypto.digest(number)


def test_demo_logins_and_their_employers(built: Built) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=[u for u, *_ in DEMO_LOGINS] + ["worker1"])}
    assert len(users) == len(DEMO_LOGINS) + 1
    assert users["employer1"].check_password(DEMO_PASSWORD)
    for name, role, *_ in DEMO_LOGINS:
        user = User.objects.get(pk=users[name].pk)
        assert user.role == role and list(user.groups.values_list("name", flat=True)) == [group_name(role)]
        assert user.is_staff == (role in ADMIN_SITE_ROLES)
    employer1 = Employer.objects.get(organisation__users__username="employer1")
    employer2 = Employer.objects.get(organisation__users__username="employer2")
    assert (employer1.county_id, employer2.county_id) == ("330102", "330203")
    worker = Worker.objects.get(user__username="worker1")
    assert worker.current_employer_id == employer1.pk and users["worker1"].role == Role.WORKER
    employment = Employment.objects.get(worker=worker)
    assert employment.post is not None and employment.post.employer_id == employer1.pk
    hazards = {e.agent.name_zh for e in exposures_for(worker)}
    assert hazards == {i.agent.name_zh for i in DeclarationItem.objects.filter(post=employment.post)}


def test_demo_employers_declarations_accepted_with_receipts(built: Built) -> None:
    for username in ("employer1", "employer2"):
        declaration = Declaration.objects.get(employer__organisation__users__username=username)
        assert declaration.status == DeclarationStatus.ACCEPTED and not declaration.is_late
        assert current_document_for(declaration, RECEIPT_KIND) is not None


def test_employments_on_own_employers_posts_as_adults(built: Built) -> None:
    for employment in built.rows(Employment).select_related("worker", "post"):
        worker = employment.worker
        assert employment.post is not None and employment.post.employer_id == employment.employer_id
        assert worker.current_employer_id == employment.employer_id and employment.ended_on is None
        assert adult_on(worker.birth_date) <= employment.started_on <= AS_OF


def test_declaration_items_count_the_workers_on_each_post(built: Built) -> None:
    on_post = dict(
        built.rows(Employment).order_by().values("post_id").annotate(n=Count("pk")).values_list("post_id", "n")
    )
    items = list(built.rows(DeclarationItem).select_related("post__workplace", "post__employer", "agent"))
    assert items
    hazards = {(t.name, w.name, p.name): p.hazards for t in TRADES for w in t.workplaces for p in w.posts}
    for item in items:
        assert item.exposed_workers == on_post[item.post_id]
        trade = next(t.name for t in TRADES if item.post.employer.name.endswith(f"{t.name}有限公司"))
        assert item.agent.name_zh in hazards[(trade, item.post.workplace.name, item.post.name)]


def test_regulators_gap_page_shows_late_and_missing(built: Built) -> None:
    actor = actor_for_user(User.objects.get(username="zj_regulator"))
    gaps = declaration_gaps_for(actor, AS_OF)
    assert gaps.missing_first and gaps.submitted_late
    decided = built.rows(Declaration).filter(status=DeclarationStatus.ACCEPTED)
    assert decided.filter(submitted_at__isnull=False, decided_at__isnull=False).count() == decided.count()
    assert not built.rows(Declaration).filter(submitted_at__date__gte=AS_OF).exclude(pk__in=_demo_declarations())


def _demo_declarations() -> models.QuerySet[Declaration]:
    return Declaration.objects.filter(employer__organisation__users__username__in=["employer1", "employer2"])


def test_one_audit_row_records_the_load(built: Built) -> None:
    entry = AuditEntry.objects.get(object_type="demo.province")
    assert entry.changes["seed"] == SEED and entry.changes["digest"] == built.report.digest


def test_rows_reproduce_the_seeded_plan(built: Built) -> None:
    """Same seed, same province: the written rows digest to what the seed alone generates."""
    digest = ProvinceDigest()
    posts: dict[int, list[Post]] = {}
    for post in built.rows(Post).select_related("workplace"):
        posts.setdefault(post.employer_id, []).append(post)
    for employer in built.rows(Employer):
        registered_on = timezone.localtime(employer.created_at).date()
        digest.add_employer(employer.uscc, employer.name, employer.county_id, registered_on)
        for post in posts[employer.pk]:
            digest.add_post(post.workplace.name, post.name)
    for employment in built.rows(Employment).select_related("worker", "post"):
        worker = employment.worker
        assert employment.post is not None
        digest.add_worker(
            crypto.decrypt(worker.id_number_encrypted), worker.name, employment.post.name, employment.started_on
        )
    expected = plan_digest(SEED, SMALL, counties(), TRADES, industry_groups(), AS_OF)
    assert digest.hexdigest() == built.report.digest == expected


def test_declarations_follow_the_seeded_plan(built: Built) -> None:
    declarations = {d.employer_id: d for d in built.rows(Declaration)}
    demo = set(_demo_declarations().values_list("employer_id", flat=True))
    due = FirstDeclarationDue()
    for employer in built.rows(Employer).exclude(pk__in=demo):
        registered_at = timezone.make_naive(employer.created_at)
        rng = rng_for(SEED, "declaration", employer.uscc)
        plan = plan_first_declaration(rng, registered_at, due(registered_at.date()).due_on, AS_OF)
        declaration = declarations.get(employer.pk)
        if plan is None:
            assert declaration is None
            continue
        assert declaration is not None and declaration.status == plan.stage.value
        assert declaration.submitted_at == (timezone.make_aware(plan.submitted_at) if plan.submitted_at else None)
        assert declaration.is_late == plan.is_late


def test_signer1_is_the_registered_signatory_who_approved_the_issued_report(built: Built) -> None:
    signer = User.objects.get(username="signer1")
    registration = Signatory.objects.get(user=signer, status=SignatoryStatus.ACTIVE)
    assert registration.standing_today == Standing.VALID and registration.registered_by_label == "service1"
    assert set(registration.scope_categories) == {"dust", "chemical", "physical"}
    issued = Project.objects.get(institution=registration.institution, status=ProjectStatus.ISSUED)
    assert issued.approved_signatory == registration and issued.approved_by_label == "signer1"
    assert not Signatory.objects.filter(user__username="service1").exists()  # the reviewer cannot also sign
