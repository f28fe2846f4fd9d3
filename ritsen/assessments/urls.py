from django.urls import path

from .views import respondents, rounds

app_name = "assessments"

urlpatterns = [
    path("", rounds.round_list, name="rounds"),
    path("new/", rounds.round_create, name="round_create"),
    path("<int:round_id>/", rounds.round_detail, name="round"),
    path("<int:round_id>/close/", rounds.round_close, name="round_close"),
    path(
        "<int:round_id>/parties/<int:party_id>/respondents/",
        respondents.respondents,
        name="respondents",
    ),
    path(
        "<int:round_id>/parties/<int:party_id>/respondents/<int:invitation_id>/revoke/",
        respondents.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "<int:round_id>/parties/<int:party_id>/respondents/<int:invitation_id>/resend/",
        respondents.invitation_resend,
        name="invitation_resend",
    ),
]
