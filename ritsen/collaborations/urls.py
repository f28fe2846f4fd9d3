from django.urls import path

app_name = "collaborations"
urlpatterns: list = []
