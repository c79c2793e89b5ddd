from django.urls import path

from ohs.registry.views import employers, self_registration, structure

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
]
