import pytest
from django.core.management import CommandError, call_command

from ritsen.collaborations.models import Collaboration, Membership, PartyProfile
from ritsen.demo.data import COLLABORATION_NAME


@pytest.mark.django_db
def test_demo_is_idempotent_and_prints_logins(settings, capsys):
    settings.DEBUG = True
    call_command("demo")
    first = capsys.readouterr().out
    call_command("demo")
    assert Collaboration.objects.filter(name=COLLABORATION_NAME).count() == 1
    collaboration = Collaboration.objects.get(name=COLLABORATION_NAME)
    assert collaboration.parties.count() == 3
    assert Membership.objects.filter(collaboration=collaboration).count() == 6
    assert "facilitator@ritsen.demo" in first and "ritsen-demo" in first
    shared = PartyProfile.objects.filter(
        party__collaboration=collaboration, shared_at__isnull=False
    )
    assert shared.count() == 1
    assert PartyProfile.objects.filter(party__collaboration=collaboration).count() == 2


@pytest.mark.django_db
def test_demo_refuses_production_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="production"):
        call_command("demo")
    assert not Collaboration.objects.exists()
    call_command("demo", "--force")
    assert Collaboration.objects.filter(name=COLLABORATION_NAME).exists()


@pytest.mark.django_db
def test_demo_has_two_released_rounds_whose_zipper_shows_what_the_product_is_for(settings):
    from ritsen.results.selectors import shared_results

    settings.DEBUG = True
    call_command("demo")
    collaboration = Collaboration.objects.get(name=COLLABORATION_NAME)
    rounds = list(collaboration.rounds.order_by("opened_at"))
    assert len(rounds) == 2
    for round_ in rounds:
        states = {link.state for link in shared_results(round_).result.links}
        assert states & {"weak", "missing"}
        assert "misaligned" in states
        assert "strong" in states
    first, second = (shared_results(r).result for r in rounds)
    assert first.link(4).lowest_mean < second.link(4).lowest_mean  # agreements improved


def test_the_demo_workspace_is_partly_filled(settings, db):
    """Complete, incomplete and disputed items show, and an action is overdue."""
    from django.utils import timezone

    from ritsen.collaborations.access import access_for
    from ritsen.workspace import selectors
    from ritsen.workspace.models import Action, Agreement

    settings.DEBUG = True
    call_command("demo")
    call_command("demo")  # idempotent: nothing twice
    collaboration = Collaboration.objects.get(name=COLLABORATION_NAME)
    facilitator = collaboration.memberships.get(role="facilitator").user
    standings = {
        s.link.key: s.completeness
        for s in selectors.workspace_overview(access_for(facilitator, collaboration))
    }
    assert 0 < standings["business_case"].percent < 100
    assert 0 < standings["culture"].percent < 100  # one difference bridged, one not
    assert not standings["agreements"].complete
    assert set(Agreement.objects.values_list("state", flat=True)) == {
        "agreed",
        "disputed",
        "proposed",
    }
    today = timezone.localdate()
    assert sum(a.is_overdue(today) for a in Action.objects.all()) == 1
    assert Action.objects.count() == 3


@pytest.mark.django_db
def test_demo_portfolio_adds_numbered_collaborations_once_with_a_progress_bar(settings, capsys):
    from ritsen.portfolio.models import PortfolioEntry, PortfolioLink
    from ritsen.results.models import ResultSnapshot

    settings.DEBUG = True
    call_command("demo", "--portfolio", "3")
    out = capsys.readouterr()
    assert "Portfolio: 3 collaborations made, 0 already there." in out.out
    assert "3/3" in out.err and "[" in out.err  # the progress bar
    made = Collaboration.objects.filter(name__startswith="Portfolio-samenwerking")
    assert made.count() == 3
    assert ResultSnapshot.objects.filter(round__collaboration__in=made).count() == 6
    entries = PortfolioEntry.objects.filter(collaboration__in=made)
    assert all(entry.zipper_state and not entry.stale for entry in entries)
    assert (
        PortfolioLink.objects.filter(collaboration__in=made).exclude(previous_score=None).count()
        == 27
    )
    call_command("demo", "--portfolio", "3")
    assert "Portfolio: 0 collaborations made, 3 already there." in capsys.readouterr().out
    with pytest.raises(CommandError, match="from 0 to 100000"):
        call_command("demo", "--portfolio", "-1")
