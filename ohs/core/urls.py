from django.urls import path

from ohs.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/access/", views.access_log, name="access_log"),
]
