from django.urls import path

from ohs.inspection.views import complaints, inspections, plans, pool

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
    path("inspectors/", pool.inspector_list, name="inspector_list"),
    path("inspectors/new/", pool.inspector_add, name="inspector_add"),
    path("inspectors/<int:pk>/", pool.inspector_detail, name="inspector"),
    path("inspectors/<int:pk>/<slug:name>/", pool.inspector_step, name="inspector_step"),
    path("conflicts/", pool.conflict_list, name="conflict_list"),
    path("conflicts/mine/", pool.my_conflicts, name="my_conflicts"),
    path("conflicts/<int:pk>/", pool.conflict_detail, name="conflict"),
    path("conflicts/<int:pk>/withdrawn/", pool.conflict_withdraw, name="conflict_withdraw"),
    path("complaints/", complaints.complaint_list, name="complaint_list"),
    path("complaints/new/", complaints.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/", complaints.complaint_detail, name="complaint"),
    path("complaints/<int:pk>/<slug:name>/", complaints.complaint_step, name="complaint_step"),
]
