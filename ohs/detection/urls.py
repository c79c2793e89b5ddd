from django.urls import path

from ohs.detection.views import field, lists, projects, signatories

app_name = "detection"
urlpatterns = [
    path("", projects.project_list, name="project_list"),
    path("new/", projects.project_create, name="project_create"),
    path("exceedances/", lists.exceedance_list, name="exceedance_list"),
    path("equipment/", lists.equipment_list, name="equipment_list"),
    path("equipment/new/", lists.equipment_create, name="equipment_create"),
    path("signatories/", signatories.signatory_list, name="signatory_list"),
    path("signatories/new/", signatories.signatory_create, name="signatory_create"),
    path("signatories/<int:pk>/", signatories.signatory_detail, name="signatory_detail"),
    path("signatories/<int:pk>/validity/", signatories.signatory_validity, name="signatory_validity"),
    path("signatories/<int:pk>/scope/", signatories.signatory_scope, name="signatory_scope"),
    path("signatories/<int:pk>/revoke/", signatories.signatory_revoke, name="signatory_revoke"),
    path("<int:pk>/", projects.project_detail, name="project_detail"),
    path("<int:pk>/survey/import/", projects.survey_import, name="survey_import"),
    path("<int:pk>/survey/posts/", projects.survey_post_add, name="survey_post_add"),
    path("<int:pk>/plan/", projects.plan_item_add, name="plan_item_add"),
    path("<int:pk>/plan/<int:item_id>/", projects.plan_item_edit, name="plan_item_edit"),
    path("<int:pk>/transition/<slug:name>/", projects.project_transition, name="project_transition"),
    path("<int:pk>/report.pdf", projects.report_pdf, name="report_pdf"),
    path("<int:pk>/sampling/", field.sampling_page, name="sampling"),
    path("<int:pk>/sampling/<int:sample_id>/finish/", field.sample_finish, name="sample_finish"),
    path("<int:pk>/results/", field.results_page, name="results"),
    path("<int:pk>/results/<int:sample_id>/", field.result_record, name="result_record"),
    path("<int:pk>/results/template.xlsx", field.results_template, name="results_template"),
    path("<int:pk>/results/upload/", field.results_upload, name="results_upload"),
]
