"""Writing registry rows: the only place they change. One module per area, re-exported here."""

from ohs.registry.services.employers import EmployerData, confirm_employer, register_employer, update_employer
from ohs.registry.services.self_registration import Applicant, self_register_employer
from ohs.registry.services.structure import (
    ContactData,
    PostData,
    add_contact,
    add_post,
    add_workplace,
    remove_contact,
    update_post,
)

__all__ = [
    "Applicant",
    "ContactData",
    "EmployerData",
    "PostData",
    "add_contact",
    "add_post",
    "add_workplace",
    "confirm_employer",
    "register_employer",
    "remove_contact",
    "self_register_employer",
    "update_employer",
    "update_post",
]
