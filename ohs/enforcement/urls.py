from django.urls import path

from ohs.enforcement.views import cases, codes, oversight

app_name = "enforcement"
urlpatterns = [
    path("cases/", cases.case_list, name="case_list"),
    path("cases/new/", cases.case_new, name="case_new"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/step/<slug:name>/", cases.case_step, name="case_step"),
    path("cases/<int:pk>/documents/<str:code>.pdf", cases.case_document, name="case_document"),
    path("codes/", codes.code_list, name="code_list"),
    path("codes/coverage/", codes.code_coverage, name="code_coverage"),
    path("codes/<int:pk>/", codes.code_detail, name="code_detail"),
    path("c/<str:code>/", codes.public_code, name="public_code"),
    path("deadlines/", oversight.deadlines, name="deadlines"),
    path("benchmarks/", oversight.benchmark_page, name="benchmarks"),
    path("reviews/", oversight.campaign_list, name="campaign_list"),
    path("reviews/new/", oversight.campaign_new, name="campaign_new"),
    path("reviews/<int:pk>/", oversight.campaign_detail, name="campaign_detail"),
    path("reviews/<int:pk>/step/<slug:name>/", oversight.campaign_step, name="campaign_step"),
    path("audits/", oversight.audit_list, name="audit_list"),
    path("audits/new/", oversight.audit_new, name="audit_new"),
    path("audits/<int:pk>/", oversight.audit_detail, name="audit_detail"),
]
