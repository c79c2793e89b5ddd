app_name = "hazards"
urlpatterns: list[object] = []
