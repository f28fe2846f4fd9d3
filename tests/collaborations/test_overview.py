"""The first page answers "where do we stand, and what is next?": each card shows the
zipper of the latest shared round, the collaboration's page tells each role what is
waiting for them, and every page of a collaboration has its section navigation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ritsen.assessments import services
from tests.assessments.conftest import close, make_scan, release
from tests.factories import CollaborationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def steps(client, cast) -> list:
    return client.get(reverse("collaborations:detail", args=[cast.collab.pk])).context["next_steps"]


def texts(client, cast) -> str:
    return " | ".join(step.text for step in steps(client, cast))


def test_each_card_shows_the_zipper_of_the_latest_shared_round(login, cast):
    scan = make_scan(cast)  # A rates 4, B rates 2: the zipper jams
    close(cast, scan.round)
    release(cast, scan.round)
    client = login(cast.coord_a)
    html = client.get(reverse("collaborations:list")).content.decode()
    assert "Rits:" in html and "hapert" in html
    assert "zwakste schakel 1." in html  # every link is equally weak: the first is named
    assert "Laatst gedeeld: Nulmeting" in html


def test_a_card_without_shared_results_says_so_and_the_open_round(login, cast):
    services.open_round(access=cast.access(cast.facilitator), title="Eerste meting")
    html = login(cast.coord_a).get(reverse("collaborations:list")).content.decode()
    assert "Nog geen gedeelde resultaten." in html
    assert "Ronde open" in html and "Eerste meting" in html


def test_the_list_reads_the_cards_in_a_fixed_number_of_queries(login, cast):
    client = login(cast.facilitator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("collaborations:list")).status_code == 200
        return len(context.captured_queries)

    few = queries()
    for _ in range(5):
        MembershipFactory(user=cast.facilitator, collaboration=CollaborationFactory())
    assert queries() == few


def test_the_facilitator_is_told_to_add_parties_and_invite_coordinators(login, cast):
    empty = CollaborationFactory(name="Nieuw")
    MembershipFactory(user=cast.facilitator, collaboration=empty, role="facilitator", party=None)
    client = login(cast.facilitator)
    page = client.get(reverse("collaborations:detail", args=[empty.pk]))
    first = page.context["next_steps"][0]
    assert first.url == reverse("collaborations:party_add", args=[empty.pk])
    # In the cast both parties have coordinators: the next thing is a round.
    assert "Open de eerste ronde" in texts(client, cast)


def test_a_coordinator_goes_from_inviting_to_reminding_to_releasing(login, cast):
    round_ = services.open_round(access=cast.access(cast.facilitator), title="Meting")
    client = login(cast.coord_a)
    respondents = reverse(
        "assessments:respondents", args=[cast.collab.pk, round_.pk, cast.party_a.pk]
    )
    first = steps(client, cast)[0]
    assert (
        first.url == respondents and "nodig" in first.label.lower() or "Respondenten" in first.label
    )
    services.invite_respondents(
        round_, cast.party_a, ["a@example.org", "b@example.org"], access=cast.access(cast.coord_a)
    )
    first = steps(client, cast)[0]
    assert "0 van 2 respondenten hebben ingediend" in first.text
    assert first.url == respondents and first.label == "Stuur een herinnering"
    close(cast, round_)
    first = steps(client, cast)[0]
    assert first.url == reverse("results:party", args=[cast.collab.pk, round_.pk, cast.party_a.pk])
    # A member of the same party may not release: they are not asked to.
    assert all(step.url != first.url for step in steps(login(cast.member_a), cast))


def test_after_sharing_everyone_is_pointed_to_the_agenda(login, cast):
    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    agenda = reverse("results:agenda", args=[cast.collab.pk, scan.round.pk])
    for user in (cast.facilitator, cast.coord_b, cast.member_a):
        assert agenda in [step.url for step in steps(login(user), cast)]


def test_the_links_on_the_home_page_show_their_latest_shared_state(login, cast):
    client = login(cast.member_b)
    url = reverse("collaborations:detail", args=[cast.collab.pk])
    assert "zodra de partijen de resultaten" in client.get(url).content.decode()
    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    html = client.get(url).content.decode()
    assert reverse("results:link", args=[cast.collab.pk, scan.round.pk, 1]) in html
    assert "badge-weak" in html


def test_every_page_of_a_collaboration_has_its_sections_with_the_current_one_marked(login, cast):
    client = login(cast.coord_a)
    people = client.get(reverse("collaborations:people", args=[cast.collab.pk])).content.decode()
    assert 'class="section-nav"' in people
    assert (
        f'href="{reverse("collaborations:people", args=[cast.collab.pk])}" aria-current="page"'
        in people
    )
    rounds = client.get(reverse("assessments:rounds", args=[cast.collab.pk])).content.decode()
    assert (
        f'href="{reverse("assessments:rounds", args=[cast.collab.pk])}" aria-current="page"'
        in rounds
    )
    # Preparation opens one's own profile; there are no results yet, so no results section.
    profile = reverse("collaborations:profile", args=[cast.collab.pk, cast.party_a.pk])
    assert f'href="{profile}"' in rounds and ">Resultaten<" not in rounds
    # Outside a collaboration there is no section navigation.
    assert 'class="section-nav"' not in client.get(reverse("collaborations:list")).content.decode()


def test_the_facilitator_s_preparation_section_is_the_profiles_side_by_side(login, cast):
    html = login(cast.facilitator).get(reverse("collaborations:people", args=[cast.collab.pk]))
    assert reverse("collaborations:profiles", args=[cast.collab.pk]) in html.content.decode()


def test_the_next_step_speaks_english_too(login, cast):
    services.open_round(access=cast.access(cast.facilitator), title="Baseline")
    client = login(cast.coord_a)
    cast.coord_a.language = "en"  # a signed-in user reads in their own language
    cast.coord_a.save()
    first = steps(client, cast)[0]
    assert first.label == "Invite respondents" and "invite your party's respondents" in first.text


def test_the_search_finds_by_name_and_takes_any_text(login, cast):
    client = login(cast.coord_a)
    url = reverse("collaborations:list")
    assert "Eén loket" in client.get(url, {"q": "loket"}).content.decode()
    assert "Eén loket" not in client.get(url, {"q": "jeugdzorg"}).content.decode()
    # A NUL (PostgreSQL stores none) is left out, not a server error.
    assert "Eén loket" in client.get(url, {"q": "lo\x00ket"}).content.decode()


def test_the_list_links_to_the_portfolios_one_sees(login, cast):
    html = login(cast.coord_a).get(reverse("collaborations:list")).content.decode()
    organisation = cast.party_a.organisation
    assert f'href="{reverse("portfolio:organisation", args=[organisation.pk])}"' in html
    assert f'href="{reverse("portfolio:facilitated")}"' not in html
    html = login(cast.facilitator).get(reverse("collaborations:list")).content.decode()
    assert f'href="{reverse("portfolio:facilitated")}"' in html
