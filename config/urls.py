from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api
from ohs.core.auth_views import LoginView, PasswordChangeView
from ohs.core.views import favicon, healthz

urlpatterns = [
    path("", include("ohs.portal.urls")),
    path("home/", include("ohs.core.urls")),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("hazards/", include("ohs.hazards.urls")),
    path("employers/", include("ohs.registry.urls")),
    path("workers/", include("ohs.workers.urls")),
    path("detection/", include("ohs.detection.urls")),
    path("risk/", include("ohs.risk.urls")),
    path("inspections/", include("ohs.inspection.urls")),
    path("exams/", include("ohs.exams.urls")),
    path("monitoring/", include("ohs.monitoring.urls")),
    path("organisations/", include("ohs.orgs.urls")),
    path("enforcement/", include("ohs.enforcement.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
]
