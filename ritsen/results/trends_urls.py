app_name = "trends"
urlpatterns: list = []
