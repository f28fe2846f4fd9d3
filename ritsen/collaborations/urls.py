from django.urls import path

from .views import collaborations, people, profiles

app_name = "collaborations"

urlpatterns = [
    path("", collaborations.collaboration_list, name="list"),
    path("new/", collaborations.collaboration_create, name="create"),
    path("<int:collaboration_id>/", collaborations.collaboration_detail, name="detail"),
    path("<int:collaboration_id>/edit/", collaborations.collaboration_edit, name="edit"),
    path("<int:collaboration_id>/parties/add/", collaborations.party_add, name="party_add"),
    path(
        "<int:collaboration_id>/parties/<int:party_id>/edit/",
        collaborations.party_edit,
        name="party_edit",
    ),
    path(
        "<int:collaboration_id>/parties/<int:party_id>/remove/",
        collaborations.party_remove,
        name="party_remove",
    ),
    path("<int:collaboration_id>/people/", people.people, name="people"),
    path("<int:collaboration_id>/people/invite/", people.invite, name="invite"),
    path(
        "<int:collaboration_id>/people/invitations/<int:invitation_id>/revoke/",
        people.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "<int:collaboration_id>/people/<int:membership_id>/remove/",
        people.membership_remove,
        name="membership_remove",
    ),
    path(
        "<int:collaboration_id>/profiles/",
        profiles.profiles_side_by_side,
        name="profiles",
    ),
    path(
        "<int:collaboration_id>/parties/<int:party_id>/profile/",
        profiles.profile_detail,
        name="profile",
    ),
    path(
        "<int:collaboration_id>/parties/<int:party_id>/profile/edit/",
        profiles.profile_edit,
        name="profile_edit",
    ),
    path(
        "<int:collaboration_id>/parties/<int:party_id>/profile/share/",
        profiles.profile_share,
        name="profile_share",
    ),
    path(
        "<int:collaboration_id>/parties/<int:party_id>/profile/withdraw/",
        profiles.profile_withdraw,
        name="profile_withdraw",
    ),
    path(
        "<int:collaboration_id>/parties/<int:party_id>/profile/history/",
        profiles.profile_history,
        name="profile_history",
    ),
    path("invitations/<str:token>/", people.invitation_accept, name="invitation"),
]
