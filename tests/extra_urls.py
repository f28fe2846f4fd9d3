"""The site's URLs plus two new pages, for the test that the matrix covers new pages."""

from django.http import HttpResponse
from django.urls import include, path

from ritsen.collaborations.access import Perm, collaboration_view
from ritsen.urls import urlpatterns as site


@collaboration_view(Perm.SEE_PARTY_DATA, party="party_id")
def party_notes(request, party):
    return HttpResponse(f"Notities van {party.name}")


def forgotten(request):
    return HttpResponse("Niemand heeft gezegd wie dit mag zien.")


extra = (
    [
        path("<int:collaboration_id>/parties/<int:party_id>/notes/", party_notes, name="notes"),
        path("forgotten/", forgotten, name="forgotten"),
    ],
    "extra",
)

urlpatterns = [*site, path("extra/", include(extra))]
