from django.urls import path

from ohs.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
