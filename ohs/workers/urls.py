from django.urls import path

from ohs.workers import views, views_import

app_name = "workers"
urlpatterns = [
    path("", views.worker_list, name="worker_list"),
    path("<int:pk>/", views.worker_detail, name="worker_detail"),
    path("<int:pk>/id-number/", views.worker_reveal_id, name="worker_reveal_id"),
    path("<int:pk>/file/", views.worker_file, name="worker_file"),
    path("me/", views.my_file, name="my_file"),
    path("import/", views_import.roster_upload, name="roster_upload"),
    path("import/template.xlsx", views_import.roster_template, name="roster_template"),
    path("import/<int:pk>/", views_import.roster_detail, name="roster_detail"),
    path("import/<int:pk>/errors.xlsx", views_import.roster_error_report, name="roster_error_report"),
    path("import/<int:pk>/commit/", views_import.roster_commit, name="roster_commit"),
]
