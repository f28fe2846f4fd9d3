from django.urls import path

from .views import respond

app_name = "respond"

# Only the first request carries a secret (``enter``): it is traded for a cookie and
# the respondent is sent on to URLs without it.
urlpatterns = [
    path("", respond.start, name="start"),
    path("language/", respond.set_language, name="language"),
    path("links/<int:link_id>/", respond.link_page, name="link"),
    path("review/", respond.review, name="review"),
    path("<str:secret>/", respond.enter, name="enter"),
]
