from django.urls import path

from ohs.hazards import views, views_reference

app_name = "hazards"
urlpatterns = [
    path("", views.agent_list, name="agent_list"),
    path("new/", views.agent_create, name="agent_create"),
    path("<int:pk>/", views.agent_detail, name="agent_detail"),
    path("<int:pk>/limits/new/", views.limit_create, name="limit_create"),
    path("limits/<int:pk>/correct/", views.limit_correct, name="limit_correct"),
    path("versions/", views_reference.version_list, name="version_list"),
    path("versions/<int:number>/", views_reference.version_detail, name="version_detail"),
    path("parameters/", views_reference.parameter_list, name="parameter_list"),
    path("diseases/", views_reference.disease_list, name="disease_list"),
]
