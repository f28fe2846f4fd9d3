"""A stand-in URLconf with a link detail route, for the chart link tests."""

from django.http import HttpResponse
from django.urls import path


def link_detail(request, collaboration_id, round_id, link_id):
    return HttpResponse()


urlpatterns = [
    path(
        "c/<int:collaboration_id>/r/<int:round_id>/links/<int:link_id>/",
        link_detail,
        name="link_detail",
    ),
]
