"""Password complexity: GB/T 22239-2019 level 3 asks for complex passwords changed regularly."""

from __future__ import annotations

import string
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CHARACTER_CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits)


def count_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters the password uses."""
    found = [any(c in chars for c in password) for chars in CHARACTER_CLASSES]
    found.append(any(not c.isalnum() for c in password))
    return sum(found)


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if count_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must use at least %(n)d of: lower-case letters, upper-case letters, digits, symbols."
        ) % {"n": self.min_classes}
