"""Keep one Django group per role with the role's permissions, and each user in their group."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from ohs.orgs.roles import ADMIN_SITE_ROLES, ROLE_PERMISSIONS, group_name


def sync_role_groups(**kwargs: Any) -> None:
    """Create or update the role groups so they hold exactly the listed permissions."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name(role))
        wanted: list[Permission] = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


@receiver(post_migrate)
def on_post_migrate(sender: Any, **kwargs: Any) -> None:
    # post_migrate comes once per app with models, in INSTALLED_APPS order; after the last one
    # every app's permissions exist.
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if with_models and sender is with_models[-1]:
        sync_role_groups()


@receiver(post_save, sender="orgs.User")
def put_user_in_role_group(sender: Any, instance: Any, **kwargs: Any) -> None:
    groups = list(Group.objects.filter(name=group_name(instance.role))) if instance.role else []
    instance.groups.set(groups)
    is_staff = instance.role in ADMIN_SITE_ROLES or instance.is_superuser
    if instance.is_staff != is_staff:
        type(instance).objects.filter(pk=instance.pk).update(is_staff=is_staff)
        instance.is_staff = is_staff
