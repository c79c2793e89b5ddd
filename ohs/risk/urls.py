from django.urls import path

from ohs.risk.views import config, profiles, rectifications, self_inspections

app_name = "risk"
urlpatterns = [
    path("", profiles.profile_list, name="profile_list"),
    path("employers/<int:employer_id>/", profiles.profile_detail, name="profile"),
    path("employers/<int:employer_id>/push/", profiles.push, name="push"),
    path("employers/<int:employer_id>/recompute/", profiles.recompute, name="recompute"),
    path("rectifications/", rectifications.rectification_list, name="rectification_list"),
    path("rectifications/<int:pk>/", rectifications.rectification_detail, name="rectification"),
    path("rectifications/<int:pk>/submit/", rectifications.rectification_submit, name="rectification_submit"),
    path("rectifications/<int:pk>/<slug:name>/", rectifications.rectification_decide, name="rectification_decide"),
    path("config/", config.config_page, name="config"),
    path("self-inspections/", self_inspections.self_inspection_list, name="self_inspection_list"),
    path("self-inspections/new/", self_inspections.self_inspection_new, name="self_inspection_new"),
    path("self-inspections/<int:pk>/", self_inspections.self_inspection_detail, name="self_inspection"),
]
