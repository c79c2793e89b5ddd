from django.urls import path

from ohs.workers import views

app_name = "workers"
urlpatterns = [
    path("", views.worker_list, name="worker_list"),
    path("<int:pk>/", views.worker_detail, name="worker_detail"),
    path("<int:pk>/id-number/", views.worker_reveal_id, name="worker_reveal_id"),
]
