from django.urls import path

from ohs.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.employer_list, name="employer_list"),
    path("new/", views.employer_create, name="employer_create"),
    path("<int:pk>/", views.employer_detail, name="employer_detail"),
    path("<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("<int:pk>/transition/<slug:name>/", views.employer_transition, name="employer_transition"),
]
