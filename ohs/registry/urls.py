from django.urls import path

from ohs.registry.views import declarations, employers, self_registration, structure

app_name = "registry"
urlpatterns = [
    path("", employers.employer_list, name="employer_list"),
    path("register/", self_registration.self_register, name="self_register"),
    path("new/", employers.employer_create, name="employer_create"),
    path("<int:pk>/", employers.employer_detail, name="employer_detail"),
    path("<int:pk>/edit/", employers.employer_edit, name="employer_edit"),
    path("<int:pk>/file/", employers.employer_file, name="employer_file"),
    path("<int:pk>/transition/<slug:name>/", employers.employer_transition, name="employer_transition"),
    path("<int:pk>/workplaces/new/", structure.workplace_add, name="workplace_add"),
    path("<int:pk>/posts/new/", structure.post_add, name="post_add"),
    path("<int:pk>/contacts/new/", structure.contact_add, name="contact_add"),
    path("<int:pk>/contacts/<int:contact_id>/remove/", structure.contact_remove, name="contact_remove"),
    path("declarations/", declarations.declaration_list, name="declaration_list"),
    path("declarations/new/", declarations.declaration_start, name="declaration_start"),
    path("declarations/overdue/", declarations.declaration_overdue, name="declaration_overdue"),
    path("declarations/<int:pk>/", declarations.declaration_detail, name="declaration_detail"),
    path("declarations/<int:pk>/items/", declarations.declaration_item_add, name="declaration_item_add"),
    path(
        "declarations/<int:pk>/items/<int:item_id>/remove/",
        declarations.declaration_item_remove,
        name="declaration_item_remove",
    ),
    path(
        "declarations/<int:pk>/transition/<slug:name>/",
        declarations.declaration_transition,
        name="declaration_transition",
    ),
    path("declarations/<int:pk>/receipt.pdf", declarations.declaration_receipt, name="declaration_receipt"),
]
