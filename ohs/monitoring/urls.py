from django.urls import path

from ohs.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("devices/", views.device_list, name="device_list"),
    path("devices/<int:pk>/", views.device_detail, name="device_detail"),
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/feed/", views.alert_feed, name="alert_feed"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/start/", views.task_start, name="task_start"),
    path("summary/", views.summary, name="summary"),
    path("dead-letters/", views.deadletter_list, name="deadletter_list"),
    path("dead-letters/<int:pk>/", views.deadletter_detail, name="deadletter_detail"),
    path("dead-letters/<int:pk>/replay/", views.deadletter_replay, name="deadletter_replay"),
]
