from django.urls import path

from ohs.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
]
