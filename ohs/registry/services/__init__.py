"""Writing registry rows: the only place they change. One module per area, re-exported here."""

from ohs.registry.services.declarations import (
    accept_declaration,
    add_item,
    remove_item,
    return_declaration,
    start_declaration,
    submit_declaration,
)
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
    "accept_declaration",
    "add_contact",
    "add_item",
    "add_post",
    "add_workplace",
    "confirm_employer",
    "register_employer",
    "remove_contact",
    "remove_item",
    "return_declaration",
    "self_register_employer",
    "start_declaration",
    "submit_declaration",
    "update_employer",
    "update_post",
]
