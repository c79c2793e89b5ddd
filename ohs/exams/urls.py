from django.urls import path

from ohs.exams.views import bookings, employer, follow_ups, institution, oversight, results

app_name = "exams"
urlpatterns = [
    path("due/", employer.due_list, name="due_list"),
    path("book/", employer.book, name="book"),
    path("coverage/", oversight.coverage_page, name="coverage"),
    path("institutions/", oversight.institution_list, name="institution_list"),
    path("institution/", institution.institution_home, name="institution_home"),
    path("institution/scope/", institution.institution_scope, name="institution_scope"),
    path("institution/sites/", institution.institution_site, name="institution_site"),
    path("institution/capacity/", institution.institution_capacity, name="institution_capacity"),
    path("institution/capacity/copy/", institution.institution_copy_week, name="institution_copy_week"),
    path("institution/capacity/confirm/", institution.institution_confirm, name="institution_confirm"),
    path("bookings/", bookings.booking_list, name="booking_list"),
    path("bookings/<int:pk>/", bookings.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/reschedule/", bookings.booking_reschedule, name="booking_reschedule"),
    path("bookings/<int:pk>/report/", bookings.booking_issue_report, name="booking_issue_report"),
    path("bookings/<int:pk>/report.pdf", bookings.booking_report, name="booking_report"),
    path("bookings/<int:pk>/results/upload/", results.results_upload, name="results_upload"),
    path("bookings/<int:pk>/results/template.xlsx", results.results_template, name="results_template"),
    path("results/imports/<int:pk>/", results.results_import, name="results_import"),
    path("results/imports/<int:pk>/errors.xlsx", results.results_error_report, name="results_error_report"),
    path("results/imports/<int:pk>/commit/", results.results_commit, name="results_commit"),
    path("appointments/<int:pk>/check-in/", bookings.appointment_check_in, name="appointment_check_in"),
    path("appointments/<int:pk>/result/", results.result_add, name="result_add"),
    path("results/", results.result_list, name="result_list"),
    path("results/<int:pk>/", results.result_detail, name="result_detail"),
    path("follow-ups/", follow_ups.follow_up_list, name="follow_up_list"),
    path("follow-ups/<int:pk>/", follow_ups.follow_up_detail, name="follow_up_detail"),
    path("follow-ups/<int:pk>/confirm/", follow_ups.follow_up_confirm, name="follow_up_confirm"),
    path("notices/", follow_ups.notice_list, name="notice_list"),
]
