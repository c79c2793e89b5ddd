from django.urls import path

from ohs.inspection.views import complaints, inspections, plans

app_name = "inspection"
urlpatterns = [
    path("", inspections.inspection_list, name="inspection_list"),
    path("new/", inspections.inspection_start, name="inspection_start"),
    path("<int:pk>/", inspections.inspection_detail, name="inspection"),
    path("<int:pk>/findings/", inspections.inspection_findings, name="inspection_findings"),
    path("<int:pk>/complete/", inspections.inspection_complete, name="inspection_complete"),
    path("<int:pk>/publish/", inspections.inspection_publish, name="inspection_publish"),
    path("<int:pk>/case/<str:code>/", inspections.inspection_open_case, name="inspection_open_case"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_new, name="plan_new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/draw/", plans.plan_draw, name="plan_draw"),
    path("public/draws/<int:pk>/", plans.public_draw, name="public_draw"),
    path("public/draws/<int:pk>/inputs.json", plans.published_inputs, name="published_inputs"),
    path("complaints/", complaints.complaint_list, name="complaint_list"),
    path("complaints/new/", complaints.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/", complaints.complaint_detail, name="complaint"),
    path("complaints/<int:pk>/<slug:name>/", complaints.complaint_step, name="complaint_step"),
]
