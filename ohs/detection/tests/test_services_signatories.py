"""The register of authorised signatories through the services, and the approval it gates:
named transitions with audit and outbox, a clear refusal naming the field for each reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.utils import timezone
from freezegun import freeze_time

from ohs.core.actor import SYSTEM_ACTOR, Actor, actor_for_user
from ohs.core.errors import DomainError
from ohs.core.models.audit import AuditEntry
from ohs.core.models.outbox import OutboxEvent
from ohs.detection import services
from ohs.detection.choices import ProjectStatus, SignatoryStatus
from ohs.detection.models import Project, Signatory
from ohs.detection.report import report_document
from ohs.detection.tests import helpers
from ohs.hazards.choices import Category
from ohs.orgs.choices import Role
from ohs.orgs.services import create_user
from ohs.testing.personas import PASSWORD, World


def _data(user_id: int, **changes: object) -> services.SignatoryData:
    today = timezone.localdate()
    data = services.SignatoryData(
        user_id=user_id, name="王签字", basis="资质认定证书", certificate_number="CMA-1",
        valid_from=today, valid_until=today + dt.timedelta(days=365), scope=services.ScopeData(covers_all=True),
    )  # fmt: skip
    return replace(data, **changes)  # type: ignore[arg-type]


def _refused(call: object, code: str, field: str) -> DomainError:
    with pytest.raises(DomainError) as error:
        call()  # type: ignore[operator]
    assert error.value.code == code and field in error.value.fields, error.value.as_body()
    return error.value


@pytest.fixture
def reviewed(world: World) -> Project:
    """Benzene (chemical), noise (physical) and silica dust sampled; reviewed by service_staff."""
    helpers.declared_site(world)
    project = helpers.sampled(world)
    services.review_project(actor=world.actor("service_staff"), project=project)
    return project


def _still_reviewed(project: Project) -> None:
    project.refresh_from_db()
    assert project.status == ProjectStatus.REVIEWED and project.approved_signatory_id is None


def test_registration_is_audited_and_announced(world: World) -> None:
    user = helpers.signatory_user(world)
    scope = services.ScopeData(categories=(Category.DUST,), agent_ids=(helpers.agent("苯").pk,))
    signatory = helpers.register(world, user, scope)
    assert signatory.status == SignatoryStatus.ACTIVE and signatory.registered_by_label == "service_staff"
    assert signatory.scope_label == "粉尘、苯"
    event = OutboxEvent.objects.get(name="detection.signatory.registered", payload__id=signatory.pk)
    assert event.payload["scope"] == {"all": False, "categories": ["dust"], "agents": [helpers.agent("苯").pk]}
    assert AuditEntry.objects.filter(
        object_type="detection.signatory", object_id=str(signatory.pk), action="create"
    ).exists()


def test_registration_refusals_name_the_field_and_write_nothing(world_b: World) -> None:
    keeper = world_b.actor("service_staff")
    user = helpers.signatory_user(world_b)
    today = timezone.localdate()

    def register(data: services.SignatoryData, actor: Actor = keeper) -> object:
        return lambda: services.register_signatory(actor=actor, data=data)

    message = _refused(
        register(_data(world_b.user("service_staff").pk)), "signatory_self_authorised", "user_id"
    ).message
    assert "本人" in message
    _refused(register(_data(world_b.user("service_b").pk)), "invalid", "user_id")  # another institution's person
    _refused(register(_data(world_b.user("mgr_a").pk)), "invalid", "user_id")
    with pytest.raises(DomainError) as error:
        services.register_signatory(actor=world_b.actor("mgr_a"), data=_data(user.pk))
    assert error.value.code == "forbidden"
    _refused(register(_data(user.pk, basis=" ")), "invalid", "basis")
    _refused(register(_data(user.pk, certificate_number="")), "invalid", "certificate_number")
    _refused(register(_data(user.pk, valid_until=today - dt.timedelta(days=1))), "invalid", "valid_until")
    _refused(
        register(_data(user.pk, valid_from=today, valid_until=today - dt.timedelta(days=1))), "invalid", "valid_until"
    )
    _refused(register(_data(user.pk, scope=services.ScopeData())), "invalid", "scope")
    _refused(register(_data(user.pk, scope=services.ScopeData(categories=("noise",)))), "invalid", "categories")
    _refused(register(_data(user.pk, scope=services.ScopeData(agent_ids=(999_999,)))), "invalid", "agent_ids")
    assert not Signatory.objects.exists()
    services.register_signatory(actor=keeper, data=_data(user.pk))
    _refused(register(_data(user.pk)), "conflict", "user_id")  # one standing registration per person
    assert Signatory.objects.count() == 1


def test_validity_scope_and_revocation_are_named_transitions(world: World) -> None:
    keeper = world.actor("service_staff")
    user = helpers.signatory_user(world)
    signatory = helpers.register(world, user)
    until = timezone.localdate() + dt.timedelta(days=700)
    services.change_validity(
        actor=keeper, signatory=signatory, valid_from=signatory.valid_from, valid_until=until,
        basis="资质认定证书（复查换证）", certificate_number="CMA-2",
    )  # fmt: skip
    services.change_scope(actor=keeper, signatory=signatory, scope=services.ScopeData(categories=(Category.DUST,)))
    signatory.refresh_from_db()
    assert (signatory.valid_until, signatory.certificate_number, signatory.scope_all) == (until, "CMA-2", False)
    assert signatory.scope_categories == ["dust"]
    _refused(
        lambda: services.change_scope(actor=actor_for_user(user), signatory=signatory, scope=services.ScopeData(True)),
        "signatory_self_authorised",
        "user_id",
    )
    _refused(lambda: services.revoke_signatory(actor=keeper, signatory=signatory, reason=" "), "invalid", "reason")
    services.revoke_signatory(actor=keeper, signatory=signatory, reason="调离检测岗位")
    signatory.refresh_from_db()
    assert signatory.status == SignatoryStatus.REVOKED and signatory.revoked_reason == "调离检测岗位"
    names = set(
        OutboxEvent.objects.filter(payload__id=signatory.pk, name__startswith="detection.signatory.").values_list(
            "name", flat=True
        )
    )
    assert names == {
        "detection.signatory.registered",
        "detection.signatory.validity_changed",
        "detection.signatory.scope_changed",
        "detection.signatory.revoked",
    }
    transitions = AuditEntry.objects.filter(object_type="detection.signatory", object_id=str(signatory.pk))
    assert transitions.filter(action="transition").count() == 3
    _refused(
        lambda: services.change_scope(actor=keeper, signatory=signatory, scope=services.ScopeData(True)),
        "conflict",
        "status",
    )
    again = helpers.register(world, user)  # a revoked person is registered anew, the old row stays
    assert again.pk != signatory.pk and Signatory.objects.filter(user=user).count() == 2


def test_a_system_token_cannot_sign(world: World, reviewed: Project) -> None:
    staff = world.actor("service_staff")
    token = Actor(
        user_id=None, label="token:ohs_abcd", role=staff.role, organisation_id=staff.organisation_id,
        org_kind=staff.org_kind, region_code=staff.region_code, token_id=1,
    )  # fmt: skip
    message = _refused(
        lambda: services.approve_project(actor=token, project=reviewed), "signatory_needs_person", "approved_by"
    ).message
    assert "授权签字人" in message and "API" in message
    _still_reviewed(reviewed)


def test_an_unregistered_person_cannot_sign(world: World, reviewed: Project) -> None:
    user = helpers.signatory_user(world)
    message = _refused(
        lambda: services.approve_project(actor=actor_for_user(user), project=reviewed),
        "signatory_not_registered",
        "approved_by",
    ).message
    assert message == f"{helpers.SIGNATORY} 未登记为本机构的授权签字人"
    _still_reviewed(reviewed)


def test_the_reviewer_cannot_sign_even_when_registered(world: World, reviewed: Project) -> None:
    reviewer = world.user("service_staff")
    services.register_signatory(actor=actor_for_user(helpers.signatory_user(world)), data=_data(reviewer.pk))
    _refused(
        lambda: services.approve_project(actor=world.actor("service_staff"), project=reviewed),
        "signatory_is_reviewer",
        "approved_by",
    )
    _still_reviewed(reviewed)


def test_an_expired_authorisation_cannot_sign(world: World, reviewed: Project) -> None:
    user = helpers.signatory_user(world)
    ended = timezone.localdate() - dt.timedelta(days=1)
    with freeze_time(ended - dt.timedelta(days=100)):
        helpers.register(world, user, valid_days=100)
    message = _refused(
        lambda: services.approve_project(actor=actor_for_user(user), project=reviewed),
        "signatory_expired",
        "approved_by",
    ).message
    assert f"{ended:%Y-%m-%d}" in message and "到期" in message
    _still_reviewed(reviewed)


def test_an_authorisation_not_yet_in_force_cannot_sign(world: World, reviewed: Project) -> None:
    user = helpers.signatory_user(world)
    starts = timezone.localdate() + dt.timedelta(days=3)
    services.register_signatory(
        actor=world.actor("service_staff"),
        data=_data(user.pk, valid_from=starts, valid_until=starts + dt.timedelta(days=30)),
    )
    _refused(
        lambda: services.approve_project(actor=actor_for_user(user), project=reviewed),
        "signatory_not_yet_valid",
        "approved_by",
    )
    _still_reviewed(reviewed)


def test_a_revoked_authorisation_cannot_sign(world: World, reviewed: Project) -> None:
    user = helpers.signatory_user(world)
    signatory = helpers.register(world, user)
    services.revoke_signatory(actor=world.actor("service_staff"), signatory=signatory, reason="资质证书注销")
    message = _refused(
        lambda: services.approve_project(actor=actor_for_user(user), project=reviewed),
        "signatory_revoked",
        "approved_by",
    ).message
    assert "撤销" in message and "资质证书注销" in message
    _still_reviewed(reviewed)


def test_a_revocation_reason_too_long_is_refused_whole_not_cut(world: World) -> None:
    signatory = helpers.register(world, helpers.signatory_user(world))
    longest = Signatory._meta.get_field("revoked_reason").max_length or 0
    _refused(
        lambda: services.revoke_signatory(
            actor=world.actor("service_staff"), signatory=signatory, reason="离" * (longest + 1)
        ),
        "invalid",
        "reason",
    )
    signatory.refresh_from_db()
    assert signatory.status == SignatoryStatus.ACTIVE and signatory.revoked_reason == ""


def test_a_scope_that_misses_measured_hazards_names_them(world: World, reviewed: Project) -> None:
    user = helpers.signatory_user(world)
    helpers.register(world, user, services.ScopeData(categories=(Category.DUST,)))
    message = _refused(
        lambda: services.approve_project(actor=actor_for_user(user), project=reviewed),
        "signatory_outside_scope",
        "approved_by",
    ).message
    assert message.endswith("的授权范围不包括：苯、噪声")  # silica dust is covered
    _still_reviewed(reviewed)


def test_a_signatory_of_another_institution_cannot_sign(world_b: World, reviewed: Project) -> None:
    other = world_b.user("service_b")
    colleague = create_user(
        actor=SYSTEM_ACTOR, username="service_b2", password=PASSWORD, role=Role.SERVICE_STAFF,
        organisation=other.organisation,
    )  # fmt: skip
    services.register_signatory(actor=actor_for_user(colleague), data=_data(other.pk))
    _refused(
        lambda: services.approve_project(actor=world_b.actor("service_b"), project=reviewed),
        "signatory_not_registered",
        "approved_by",
    )
    _still_reviewed(reviewed)


def test_approval_records_the_registration_and_the_report_names_it(world: World, reviewed: Project) -> None:
    user = helpers.signatory_user(world)
    signatory = helpers.register(world, user, services.ScopeData(categories=(Category.DUST, Category.PHYSICAL),
                                                                 agent_ids=(helpers.agent("苯").pk,)))  # fmt: skip
    services.approve_project(actor=actor_for_user(user), project=reviewed)
    reviewed.refresh_from_db()
    assert reviewed.status == ProjectStatus.APPROVED and reviewed.approved_signatory == signatory
    event = OutboxEvent.objects.get(name="detection.project.approved", payload__id=reviewed.pk)
    assert event.payload["signatory"] == signatory.pk
    facts = dict(report_document(reviewed).facts)
    assert facts["授权签字人"] == f"王签字（检验检测机构资质认定证书（授权签字人），证书编号 {helpers.CERTIFICATE}）"
    assert "批准时间" in facts
