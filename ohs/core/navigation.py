"""Navigation and dashboard cards: each app registers its own, so the shell needs no edits
when a capability lands (see docs/development/adding-an-app.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from ohs.core.actor import Actor

Label = str | Promise


@dataclass(frozen=True)
class NavItem:
    label: Label
    url_name: str
    roles: frozenset[str]
    group: Label = ""
    order: int = 100

    def visible_to(self, actor: Actor) -> bool:
        return actor.is_superuser or actor.role in self.roles


@dataclass(frozen=True)
class DashboardCard:
    """A figure on the home page: ``compute(actor)`` returns the number, already scoped."""

    title: Label
    roles: frozenset[str]
    compute: Callable[[Actor], int | str]
    url_name: str | None = None
    order: int = 100
    note: Label = ""


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    cards: list[DashboardCard] = field(default_factory=list)


_registry = Registry()


def register_nav(*items: NavItem) -> None:
    for item in items:
        if item not in _registry.nav:
            _registry.nav.append(item)


def register_cards(*cards: DashboardCard) -> None:
    for card in cards:
        if card not in _registry.cards:
            _registry.cards.append(card)


def nav_for(actor: Actor) -> list[dict[str, Any]]:
    """The menu of one actor, as {label, url, group}, in registration order within groups."""
    items = sorted((i for i in _registry.nav if i.visible_to(actor)), key=lambda i: i.order)
    return [{"label": i.label, "url": reverse(i.url_name), "group": i.group, "url_name": i.url_name} for i in items]


def cards_for(actor: Actor) -> list[dict[str, Any]]:
    """The dashboard of one actor with each figure computed through the actor's scope."""
    cards = sorted((c for c in _registry.cards if actor.is_superuser or actor.role in c.roles), key=lambda c: c.order)
    return [
        {
            "title": c.title,
            "value": c.compute(actor),
            "url": reverse(c.url_name) if c.url_name else None,
            "note": c.note,
        }
        for c in cards
    ]
