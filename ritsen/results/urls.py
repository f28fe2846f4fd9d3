from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("parties/<int:party_id>/", views.party_results, name="party"),
    path("parties/<int:party_id>/release/", views.release, name="release"),
    path("zipper/", views.zipper, name="zipper"),
    path("zipper/links/<int:link_id>/", views.link_detail, name="link"),
    path("agenda/", views.agenda, name="agenda"),
]
