"""The preparation flow: private → shared → side by side, and versions after sharing."""

from django.urls import reverse
from django.utils.html import escape

from ritsen.collaborations import services
from ritsen.collaborations.models import PartyProfile, ProfileVersion
from ritsen.collaborations.selectors import all_shared, profile_of

SECRET_A = "Onze interne zorg: het budget is krap"
SECRET_B = "Wij willen vooral een referentieklant"


def _fill(client, cast, party, text, share=False):
    url = reverse("collaborations:profile_edit", args=[cast.collab.pk, party.pk])
    data = {"who_we_are": text, "excellent_at": "Regie"}
    if share:
        data["share"] = "1"
    response = client.post(url, data)
    if share:  # "save and share" saves, then asks to confirm
        confirm = reverse("collaborations:profile_share", args=[cast.collab.pk, party.pk])
        assert response["Location"] == confirm
        response = client.post(confirm)
    return response


def test_profile_is_private_until_every_party_shared(login, cast):
    client = login(cast.coord_a)
    _fill(client, cast, cast.party_a, SECRET_A, share=True)
    profile_a = PartyProfile.objects.get(party=cast.party_a)
    assert profile_a.is_shared

    # Party B, the facilitator and an outsider see nothing of A's profile yet.
    for user in (cast.coord_b, cast.member_b, cast.facilitator):
        client = login(user)
        for name in ("detail", "profiles", "people"):
            page = client.get(reverse(f"collaborations:{name}", args=[cast.collab.pk]))
            assert page.status_code == 200
            assert SECRET_A not in page.content.decode()
        private = client.get(
            reverse("collaborations:profile", args=[cast.collab.pk, cast.party_a.pk])
        )
        assert private.status_code == 404

    # The side-by-side page says who is still missing, without content.
    page = login(cast.coord_b).get(reverse("collaborations:profiles", args=[cast.collab.pk]))
    assert "Leverancier Bee" in page.content.decode()
    assert page.context["profiles"] is None


def test_side_by_side_after_both_shared(login, cast):
    _fill(login(cast.coord_a), cast, cast.party_a, SECRET_A, share=True)
    response = _fill(login(cast.coord_b), cast, cast.party_b, SECRET_B, share=True)
    assert response["Location"] == reverse("collaborations:profiles", args=[cast.collab.pk])

    for user in (cast.facilitator, cast.member_a, cast.member_b):
        page = login(user).get(reverse("collaborations:profiles", args=[cast.collab.pk]))
        body = page.content.decode()
        assert SECRET_A in body and SECRET_B in body
        # Question by question: A's and B's answers are under the same heading.
        assert body.index(SECRET_A) < body.index(SECRET_B)


def test_member_reads_own_profile_but_cannot_edit(login, cast):
    _fill(login(cast.coord_a), cast, cast.party_a, SECRET_A)
    client = login(cast.member_a)
    page = client.get(reverse("collaborations:profile", args=[cast.collab.pk, cast.party_a.pk]))
    assert SECRET_A in page.content.decode()
    assert _fill(client, cast, cast.party_a, "overschreven").status_code == 403
    assert PartyProfile.objects.get(party=cast.party_a).who_we_are == SECRET_A


def test_sharing_can_be_withdrawn_until_everyone_shared(login, cast):
    client = login(cast.coord_a)
    _fill(client, cast, cast.party_a, SECRET_A, share=True)
    withdraw = reverse("collaborations:profile_withdraw", args=[cast.collab.pk, cast.party_a.pk])
    client.post(withdraw)
    assert not PartyProfile.objects.get(party=cast.party_a).is_shared

    _fill(client, cast, cast.party_a, SECRET_A, share=True)
    _fill(login(cast.coord_b), cast, cast.party_b, SECRET_B, share=True)
    response = login(cast.coord_a).post(withdraw, follow=True)
    assert PartyProfile.objects.get(party=cast.party_a).is_shared
    assert "no longer be withdrawn" in response.content.decode() or response.context["messages"]


def test_edits_after_sharing_are_versions_with_who_and_when(login, cast):
    client = login(cast.coord_a)
    _fill(client, cast, cast.party_a, "Versie één", share=True)
    _fill(client, cast, cast.party_a, "Versie twee")
    _fill(client, cast, cast.party_a, "Versie twee")  # unchanged: no new version
    versions = list(ProfileVersion.objects.filter(profile__party=cast.party_a).order_by("number"))
    assert [(v.number, v.kind) for v in versions] == [(1, "shared"), (2, "edited")]
    assert versions[1].created_by == cast.coord_a
    assert versions[1].content["who_we_are"] == "Versie twee"

    page = login(cast.member_a).get(
        reverse("collaborations:profile_history", args=[cast.collab.pk, cast.party_a.pk])
    )
    body = page.content.decode()
    assert "Versie één" in body and "Versie twee" in body
    assert escape(cast.coord_a.display_name) in body  # names like 's Gravensande


def test_cannot_share_an_empty_profile(login, cast):
    client = login(cast.coord_a)
    url = reverse("collaborations:profile_share", args=[cast.collab.pk, cast.party_a.pk])
    client.post(url)
    assert not PartyProfile.objects.filter(party=cast.party_a, shared_at__isnull=False).exists()


def test_adding_a_party_hides_profiles_again_until_it_shares(login, cast):
    for coord, party, text in (
        (cast.coord_a, cast.party_a, SECRET_A),
        (cast.coord_b, cast.party_b, SECRET_B),
    ):
        profile = profile_of(party)
        services.save_profile(profile, {"who_we_are": text}, access=cast.access(coord))
        services.share_profile(profile, access=cast.access(coord))
    assert all_shared(cast.collab)
    services.add_party(
        access=cast.access(cast.facilitator),
        organisation_name="Derde",
    )
    assert not all_shared(cast.collab)
    page = login(cast.coord_b).get(reverse("collaborations:profiles", args=[cast.collab.pk]))
    assert SECRET_A not in page.content.decode()


def test_overview_shows_parties_roles_links_and_preparation(login, cast):
    profile = profile_of(cast.party_a)
    services.save_profile(profile, {"who_we_are": SECRET_A}, access=cast.access(cast.coord_a))
    page = login(cast.member_b).get(reverse("collaborations:detail", args=[cast.collab.pk]))
    body = page.content.decode()
    assert "Gemeente Aa" in body and "Leverancier Bee" in body
    assert page.context["preparation"] == [
        (cast.party_a, "in_progress"),
        (cast.party_b, "not_started"),
    ]
    assert len(page.context["framework"].links) == 9
    assert str(page.context["framework"].links[0].question) in body
    assert SECRET_A not in body


def test_save_and_share_asks_first_and_names_the_empty_questions(login, cast):
    client = login(cast.coord_a)
    edit = reverse("collaborations:profile_edit", args=[cast.collab.pk, cast.party_a.pk])
    confirm = client.post(edit, {"who_we_are": "Wij", "share": "1"}, follow=True)
    html = confirm.content.decode()
    assert "Het profiel van Gemeente Aa delen?" in html
    assert "5 van 6 vragen zijn nog leeg" in html
    assert not PartyProfile.objects.get(party=cast.party_a).is_shared  # saved, not shared
    assert PartyProfile.objects.get(party=cast.party_a).who_we_are == "Wij"


def test_history_records_withdrawals_and_highlights_what_changed(login, cast):
    client = login(cast.coord_a)
    _fill(client, cast, cast.party_a, "Wij zijn een kleine gemeente", share=True)
    _fill(client, cast, cast.party_a, "Wij zijn een grote gemeente")
    client.post(reverse("collaborations:profile_withdraw", args=[cast.collab.pk, cast.party_a.pk]))
    kinds = list(
        ProfileVersion.objects.filter(profile__party=cast.party_a)
        .order_by("number")
        .values_list("kind", flat=True)
    )
    assert kinds == ["shared", "edited", "withdrawn"]
    page = client.get(
        reverse("collaborations:profile_history", args=[cast.collab.pk, cast.party_a.pk])
    )
    html = page.content.decode()
    assert "<del>kleine</del><ins>grote</ins>" in html
    assert "Delen is ingetrokken" in html


def test_word_changes_keep_the_text_and_mark_only_what_changed():
    from ritsen.collaborations.changes import Piece, word_changes

    pieces = word_changes("een kleine gemeente", "een grote gemeente met wijken")
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "een "),
        ("removed", "kleine"),
        ("added", "grote"),
        ("same", " gemeente"),
        ("added", " met wijken"),
    ]
    assert word_changes("gelijk", "gelijk") == (Piece("same", "gelijk"),)
