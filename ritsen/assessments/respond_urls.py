from django.urls import path

from .views import respond

app_name = "respond"

urlpatterns = [
    path("<str:token>/", respond.start, name="start"),
    path("<str:token>/language/", respond.set_language, name="language"),
    path("<str:token>/links/<int:link_id>/", respond.link_page, name="link"),
    path("<str:token>/review/", respond.review, name="review"),
]
