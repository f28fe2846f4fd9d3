"""The demo collaboration: a municipality, an IT supplier and a welfare foundation
setting up one shared service desk for residents.

Idempotent: every object is looked up by a natural key before it is created, so running
the demo twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from ritsen.collaborations import services
from ritsen.collaborations.access import Access, access_for
from ritsen.collaborations.constants import PartyRole, Role
from ritsen.collaborations.models import (
    Collaboration,
    Membership,
    OrganisationRole,
    OrganisationRoleKind,
    Party,
)
from ritsen.collaborations.selectors import profile_of
from ritsen.frameworks.services import ensure_default_framework
from ritsen.workspace.models import SharedGoal
from ritsen.workspace.registers.culture import ASPECTS, TYPE_KEYS

DEMO_PASSWORD = "ritsen-demo"
COLLABORATION_NAME = "Eén loket voor inwoners"
#: A second, smaller collaboration that waits at aligning for its parties' approval.
ALIGNING_NAME = "Samen sterk in de wijk"
WIJK = "Een stichting met welzijnswerkers in elke wijk van Lindenhoven."


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: str
    party: str | None
    language: str = "nl"


ORGANISATIONS = [
    ("Gemeente Lindenhoven", PartyRole.CLIENT),
    ("Digitaal Loket B.V.", PartyRole.CONTRACTOR),
    ("Stichting Welzijn Lindenhoven", PartyRole.PARTNER),
]

USERS = [
    DemoUser("facilitator@ritsen.demo", "Fatima el Amrani", Role.FACILITATOR, None),
    DemoUser(
        "coordinator@lindenhoven.demo", "Joost de Vries", Role.COORDINATOR, "Gemeente Lindenhoven"
    ),
    DemoUser("lid@lindenhoven.demo", "Sanne Bakker", Role.MEMBER, "Gemeente Lindenhoven"),
    DemoUser(
        "coordinator@digitaalloket.demo", "Mark Jansen", Role.COORDINATOR, "Digitaal Loket B.V."
    ),
    DemoUser("member@digitaalloket.demo", "Priya Ramdin", Role.MEMBER, "Digitaal Loket B.V.", "en"),
    DemoUser(
        "coordinator@welzijn.demo",
        "Ingrid Visser",
        Role.COORDINATOR,
        "Stichting Welzijn Lindenhoven",
    ),
]

PURPOSE = (
    "Inwoners van Lindenhoven kunnen met elke vraag over zorg, werk, inkomen en wonen "
    "terecht bij één loket — aan de balie, telefonisch en online. De gemeente is "
    "opdrachtgever, Digitaal Loket levert en beheert het klantcontactsysteem en de "
    "Stichting Welzijn bemenst samen met de gemeente de balie in de wijken."
)

PROFILES = {
    "Gemeente Lindenhoven": {
        "who_we_are": (
            "Een middelgrote gemeente (62.000 inwoners) met een sterk sociaal domein. "
            "We werken wijkgericht en willen dichtbij inwoners staan."
        ),
        "what_we_want": (
            "Dat een inwoner met één vraag niet langer langs drie loketten hoeft. "
            "Binnen twee jaar wordt 80% van de vragen bij het eerste contact afgehandeld."
        ),
        "why": (
            "Inwoners haken nu af tussen loketten, vooral de kwetsbaarste. Dat kost hen "
            "vertrouwen en ons geld: dubbele intakes, escalaties, bezwaarschriften."
        ),
        "how": (
            "Gefaseerd: eerst zorg en welzijn, daarna werk en inkomen. We houden de "
            "regie op de dienstverlening en leggen uitvoering neer waar die het best past."
        ),
        "excellent_at": (
            "Kennis van wet- en regelgeving, de lokale sociale kaart en het netwerk in de wijken."
        ),
        "needs_from_partners": (
            "Een betrouwbaar systeem dat met onze zaakregistratie praat (Digitaal Loket), "
            "en medewerkers die de wijk kennen (Stichting Welzijn). Openheid als iets misgaat."
        ),
    },
    "Digitaal Loket B.V.": {
        "who_we_are": (
            "Een leverancier van klantcontactsoftware voor gemeenten, 140 medewerkers, "
            "gevestigd in Utrecht."
        ),
        "what_we_want": (
            "Een langdurige samenwerking waarin we ons product samen met de gemeente "
            "doorontwikkelen, in plaats van een eenmalige implementatie."
        ),
        "why": "",
        "how": "",
        "excellent_at": (
            "Omnichannel klantcontact, koppelingen met de Common Ground-componenten en beheer 24/7."
        ),
        "needs_from_partners": "",
    },
}


#: The site's administrator (the Django admin, loading frameworks, moving whole
#: collaborations): no role in any collaboration, so no party's private data.
SITE_ADMIN = DemoUser("beheer@ritsen.demo", "Bas Beheer", "site administrator", None)


def site_admin():
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=SITE_ADMIN.email).first()
    if user is None:
        user = user_model.objects.create_superuser(
            email=SITE_ADMIN.email, password=DEMO_PASSWORD, name=SITE_ADMIN.name
        )
    return user


def _user(spec: DemoUser):
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=spec.email).first()
    if user is None:
        user = user_model.objects.create_user(
            email=spec.email, password=DEMO_PASSWORD, name=spec.name, language=spec.language
        )
    return user


@transaction.atomic
def create_demo() -> Collaboration:
    framework = ensure_default_framework()
    site_admin()
    users = {spec.email: _user(spec) for spec in USERS}
    facilitator = users[USERS[0].email]

    collaboration = Collaboration.objects.filter(name=COLLABORATION_NAME).first()
    if collaboration is None:
        collaboration = services.create_collaboration(
            user=facilitator, name=COLLABORATION_NAME, purpose=PURPOSE, framework=framework
        )

    as_facilitator = access_for(facilitator, collaboration)
    parties = {}
    for name, role in ORGANISATIONS:
        party = collaboration.parties.filter(organisation__name__iexact=name).first()
        parties[name] = party or services.add_party(
            access=as_facilitator, organisation_name=name, role=role
        )

    for spec in USERS:
        Membership.objects.get_or_create(
            user=users[spec.email],
            collaboration=collaboration,
            defaults={"role": spec.role, "party": parties.get(spec.party or "")},
        )

    coordinators = {
        s.party: access_for(users[s.email], collaboration)
        for s in USERS
        if s.role == Role.COORDINATOR
    }
    for party_name, content in PROFILES.items():
        party = parties[party_name]
        with scope(party=[party.pk]):
            profile = profile_of(party)
            if profile.pk is None:
                services.save_profile(profile, content, access=coordinators[party_name])
    # The municipality has shared its profile; the others have not (yet).
    municipality = parties["Gemeente Lindenhoven"]
    with scope(party=[municipality.pk]):
        profile = profile_of(municipality)
        if not profile.is_shared:
            services.share_profile(profile, access=coordinators["Gemeente Lindenhoven"])

    for title, tendency, days_ago in ROUNDS:
        if not collaboration.rounds.filter(title=title).exists():
            _completed_round(as_facilitator, parties, coordinators, title, tendency, days_ago)
    if not SharedGoal.objects.filter(collaboration=collaboration).exists():
        _workspace(as_facilitator, parties, coordinators)
    _lifecycle(as_facilitator)
    _aligning(users, framework)
    # The municipality's coordinator also oversees its portfolio (the "verbonden
    # partijen"): every collaboration the municipality takes part in — and, as its
    # administrator, gives that role to others.
    for kind in (OrganisationRoleKind.PORTFOLIO_MANAGER, OrganisationRoleKind.ADMINISTRATOR):
        OrganisationRole.objects.get_or_create(
            organisation=municipality.organisation,
            user=users["coordinator@lindenhoven.demo"],
            role=kind,
        )
    return collaboration


def _aligning(users: dict[str, Any], framework: Any) -> None:
    """The municipality and the welfare foundation, both profiles shared, the business
    case and the agreements complete: at *afstemmen*, waiting for both coordinators'
    approval (and the facilitator's reason to go on before the first round)."""
    from ritsen.collaborations.constants import Stage
    from ritsen.lifecycle import services as lifecycle
    from ritsen.workspace import consent
    from ritsen.workspace import services as workspace
    from ritsen.workspace.registers import agreements, business_case

    if Collaboration.objects.filter(name=ALIGNING_NAME).exists():
        return
    facilitator = users[USERS[0].email]
    collaboration = services.create_collaboration(
        user=facilitator, name=ALIGNING_NAME, framework=framework,
        purpose="Gemeente en welzijn pakken samen eenzaamheid in de wijk aan.",
    )  # fmt: skip
    as_facilitator = access_for(facilitator, collaboration)
    members = {
        "Gemeente Lindenhoven": "coordinator@lindenhoven.demo",
        "Stichting Welzijn Lindenhoven": "coordinator@welzijn.demo",
    }
    roles = dict(ORGANISATIONS)
    coordinators = {}
    for name, email in members.items():
        party = services.add_party(access=as_facilitator, organisation_name=name, role=roles[name])
        Membership.objects.create(
            user=users[email], collaboration=collaboration, role=Role.COORDINATOR, party=party
        )
        coordinators[party] = access_for(users[email], collaboration)
    lifecycle.transition(as_facilitator, Stage.PREPARING, reason="Beide partners doen mee.")
    for party, access in coordinators.items():
        with scope(party=[party.pk]):
            profile = services.save_profile(
                profile_of(party),
                {"who_we_are": PROFILES.get(party.name, {}).get("who_we_are", WIJK)},
                access=access,
            )
            services.share_profile(profile, access=access)
    lifecycle.transition(as_facilitator, Stage.ALIGNING, reason="De profielen zijn gedeeld.")
    (gemeente, by_gemeente), (welzijn, by_welzijn) = coordinators.items()
    goals, values, contributions = business_case.REGISTER.kinds

    def add(access: Access, item_kind: Any, register: Any, /, **data: Any) -> Any:
        return workspace.create_item(access=access, kind=item_kind, register=register, data=data)

    add(by_gemeente, goals, business_case.REGISTER, title="Minder eenzaamheid",
        indicator="Inwoners die zich eenzaam voelen", target_value=15, target_unit="%")  # fmt: skip
    for party, access, value, contribution in (
        (gemeente, by_gemeente, "Minder zorgvragen", "money"),
        (welzijn, by_welzijn, "Bereik in de wijk", "people"),
    ):
        add(access, values, business_case.REGISTER, party=party, kind="reach", estimate=value)
        add(access, contributions, business_case.REGISTER, party=party, kind=contribution)
    for kind, text in (
        ("may", "Welzijn meldt elke maand hoeveel inwoners het bereikt."),
        ("may_not", "De gemeente vraagt geen namen van deelnemers."),
    ):
        agreement = add(
            by_gemeente, agreements.AGREEMENTS, agreements.REGISTER, kind=kind,
            from_party=welzijn, to_party=gemeente, link_key="agreements", text=text,
        )  # fmt: skip
        consent.accept(agreement, access=by_welzijn)


def _lifecycle(facilitator: Access) -> None:
    """From exploring to preparing: the guard lets it (every party has a coordinator);
    on to aligning waits until the two other parties have shared their profile."""
    from ritsen.collaborations.constants import Stage
    from ritsen.lifecycle import services as lifecycle

    if facilitator.collaboration.stage == Stage.EXPLORING:
        lifecycle.transition(
            facilitator, Stage.PREPARING, reason="De drie partners en hun coördinatoren zijn er."
        )


def _culture(now: list[int], preferred: list[int]) -> dict:
    return {
        "now": {aspect: dict(zip(TYPE_KEYS, now, strict=True)) for aspect, _l in ASPECTS},
        "preferred": {
            aspect: dict(zip(TYPE_KEYS, preferred, strict=True)) for aspect, _l in ASPECTS
        },
    }


def _workspace(
    facilitator: Access, parties: dict[str, Party], coordinators: dict[str | None, Access]
) -> None:
    """Partly filled: the business case lacks two parties' statements, one culture
    difference is bridged and one is not, agreements are agreed, disputed, waiting and
    overdue for review, and actions from the agenda — one of them overdue."""
    from ritsen.collaborations import sharing
    from ritsen.workspace import consent
    from ritsen.workspace import services as workspace
    from ritsen.workspace.actions import ACTIONS
    from ritsen.workspace.registers import agreements, business_case, culture, quality, strategy

    gemeente, loket, welzijn = (parties[name] for name, _role in ORGANISATIONS)
    by_gemeente = coordinators["Gemeente Lindenhoven"]
    by_loket = coordinators["Digitaal Loket B.V."]
    by_welzijn = coordinators["Stichting Welzijn Lindenhoven"]
    today = timezone.localdate()

    def add(access: Access, item_kind: Any, register: Any, /, **data: Any) -> Any:
        return workspace.create_item(access=access, kind=item_kind, register=register, data=data)

    goals, values, contributions = business_case.REGISTER.kinds
    add(
        by_gemeente,
        goals,
        business_case.REGISTER,
        title="Eén loket voor elke vraag",
        indicator="Vragen afgehandeld bij het eerste contact",
        target_value=80,
        target_unit="%",
        target_date=today + timedelta(days=730),
        owner_party=gemeente,
    )
    add(
        facilitator,
        goals,
        business_case.REGISTER,
        title="Minder dubbele intakes",
        owner_party=welzijn,
    )
    add(
        by_gemeente,
        values,
        business_case.REGISTER,
        party=gemeente,
        kind="money",
        estimate="€ 350.000 per jaar minder dubbel werk",
    )
    add(
        by_loket,
        values,
        business_case.REGISTER,
        party=loket,
        kind="knowledge",
        estimate="Een referentieklant voor omnichannel",
    )
    add(
        by_gemeente,
        contributions,
        business_case.REGISTER,
        party=gemeente,
        kind="money",
        amount="€ 1,2 mln over drie jaar",
    )
    add(
        by_welzijn,
        contributions,
        business_case.REGISTER,
        party=welzijn,
        kind="people",
        amount="4 fte baliemedewerkers",
    )

    profiles = {
        gemeente: _culture([30, 15, 20, 35], [35, 25, 15, 25]),
        loket: _culture([15, 35, 35, 15], [20, 35, 30, 15]),
        welzijn: _culture([50, 20, 10, 20], [45, 25, 10, 20]),
    }
    for party, access in ((gemeente, by_gemeente), (loket, by_loket), (welzijn, by_welzijn)):
        with scope(party=[party.pk]):
            sheet = culture.CultureProfile.objects.create(
                party=party, scores=profiles[party], updated_by=access.user
            )
            sharing.share(sheet, access=access, ready=True, not_ready="")
    add(
        facilitator,
        culture.BRIDGES,
        culture.REGISTER,
        type_key="clan",
        note="Welzijn werkt vanuit de wijk, Digitaal Loket vanuit het product: elke "
        "maand een gezamenlijke casustafel.",
    )

    # Strategy: two parties shared, the third has not yet — so nobody sees the map.
    shared_goal = goals.model._default_manager.filter(collaboration=gemeente.collaboration).first()
    for party, access, title, stance, note in (
        (gemeente, by_gemeente, "Dienstverlening digitaal én dichtbij (2030)", "supports", ""),
        (loket, by_loket, "Groei in de publieke sector", "conflicts",
         "We leveren geen maatwerk per gemeente; het loket blijft ons standaardproduct."),
    ):  # fmt: skip
        goal = add(access, strategy.STRATEGIC_GOALS, strategy.REGISTER, party=party, title=title)
        add(
            access, strategy.MAPPINGS, strategy.REGISTER,
            strategic_goal=goal, shared_goal=shared_goal, stance=stance, decision_note=note,
        )  # fmt: skip
        with scope(party=[party.pk]):
            strategy_sheet = strategy.StrategySheet.objects.create(party=party)
            sharing.share(strategy_sheet, access=access, ready=True, not_ready="")
    add(
        by_welzijn, strategy.STRATEGIC_GOALS, strategy.REGISTER,
        party=welzijn, title="Preventie in de wijk", horizon="2028",
    )  # fmt: skip

    # Quality: a review every six weeks, the last one overdue; a handled lesson.
    add(
        facilitator, quality.REVIEWS, quality.REGISTER,
        held_on=today - timedelta(weeks=7), cadence_weeks=6,
        minutes="Doorlooptijden besproken; de wijkteams sluiten voortaan aan.",
    )  # fmt: skip
    add(
        by_welzijn, quality.IMPROVEMENTS, quality.REGISTER, kind="lesson",
        link_key="information", description="Een inwoner kreeg twee keer een intake.",
        root_cause="De balie zag de aanmelding van het wijkteam niet.",
        action="Aanmeldingen komen in één overzicht.",
    )  # fmt: skip

    _links_five_to_nine(add, facilitator, (gemeente, loket, welzijn), (by_gemeente, by_loket))

    kind = agreements.AGREEMENTS
    may = add(
        by_gemeente,
        kind,
        agreements.REGISTER,
        kind="may",
        from_party=loket,
        to_party=gemeente,
        link_key="technology",
        text="Storingen aan het klantcontactsysteem zijn binnen 4 uur verholpen.",
        contract_reference="DVO art. 7.2",
    )
    consent.accept(may, access=by_loket)
    disputed = add(
        by_gemeente,
        kind,
        agreements.REGISTER,
        kind="may_not",
        from_party=loket,
        to_party=gemeente,
        link_key="strategy",
        text="Digitaal Loket verkoopt geen maatwerk zonder akkoord van de stuurgroep.",
    )
    consent.dispute(disputed, access=by_loket, reason="Te breed: kleine wijzigingen moeten kunnen.")
    add(
        by_welzijn,
        kind,
        agreements.REGISTER,
        kind="may",
        from_party=gemeente,
        to_party=welzijn,
        link_key="information",
        text="De gemeente deelt elke maand de cijfers van de balie met de wijkteams.",
    )
    overdue = add(
        by_gemeente,
        kind,
        agreements.REGISTER,
        kind="may",
        from_party=welzijn,
        link_key="roles",
        review_date=today - timedelta(days=14),
        text="De Stichting levert de baliemedewerkers in de wijken.",
    )
    consent.accept(overdue, access=by_loket)
    consent.accept(overdue, access=by_welzijn)

    add(
        by_welzijn,
        ACTIONS,
        None,
        title="Wijkteams toegang geven tot de baliecijfers",
        link_key="information",
        owner_party=gemeente,
        due_date=today - timedelta(days=5),
        status="open",
        notes="Uit de dialoogagenda van de vervolgmeting.",
    )
    add(
        by_gemeente,
        ACTIONS,
        None,
        title="Afspraak over maatwerk herformuleren",
        link_key="strategy",
        owner_party=loket,
        due_date=today + timedelta(days=21),
        status="in_progress",
    )
    add(
        facilitator,
        ACTIONS,
        None,
        title="Escalatieladder vastleggen",
        link_key="agreements",
        owner_party=gemeente,
        due_date=today - timedelta(days=40),
        status="done",
    )


ROUND_TITLE = "Nulmeting voorjaar 2026"
SECOND_ROUND_TITLE = "Vervolgmeting najaar 2026"

# Respondents per party, and the score each party tends to give per link (1–5, as
# meant, before reverse phrasing). None: the party mostly answers "don't know".
RESPONDENTS = {
    "Gemeente Lindenhoven": 8,
    "Digitaal Loket B.V.": 6,
    "Stichting Welzijn Lindenhoven": 5,
}
TENDENCY: dict[str, list[float | None]] = {
    "Gemeente Lindenhoven": [4.4, 3.7, 4.4, 2.6, 3.6, 4.4, 3.9, 3.4, 3.5],
    "Digitaal Loket B.V.": [4.5, 3.5, 3.0, 2.8, 3.5, 4.3, 3.3, 3.8, 4.6],
    "Stichting Welzijn Lindenhoven": [4.3, 4.1, 4.2, 3.0, 3.8, 4.4, 3.7, 2.6, None],
}
# Half a year later: agreements and culture improved, information still jams for the
# welfare foundation, strategy is still seen differently, and everyone now rates
# technology.
TENDENCY_LATER: dict[str, list[float | None]] = {
    "Gemeente Lindenhoven": [4.5, 4.2, 4.4, 3.5, 3.9, 4.5, 4.1, 3.6, 3.9],
    "Digitaal Loket B.V.": [4.5, 4.1, 3.2, 3.4, 3.8, 4.4, 3.7, 3.9, 4.6],
    "Stichting Welzijn Lindenhoven": [4.4, 4.3, 4.3, 3.5, 3.9, 4.5, 3.9, 2.7, 3.4],
}
# (title, tendencies, days ago that the round was opened)
ROUNDS: list[tuple[str, dict[str, list[float | None]], int]] = [
    (ROUND_TITLE, TENDENCY, 200),
    (SECOND_ROUND_TITLE, TENDENCY_LATER, 30),
]

COMMENTS = {
    ("Gemeente Lindenhoven", 4): [
        "Het contract zegt niets over wat we doen als de wachttijden oplopen.",
        "We hebben nooit besproken wat we níet van elkaar mogen verwachten.",
        "De dienstverleningsovereenkomst is te technisch voor de balie.",
    ],
    ("Digitaal Loket B.V.", 3): [
        "De gemeente kiest voor regie; wij willen juist samen ontwikkelen.",
        "Onze roadmap en de koers van de gemeente lopen uit elkaar.",
        "Niet duidelijk wie er over prioriteiten beslist.",
    ],
    ("Stichting Welzijn Lindenhoven", 8): [
        "We horen wijzigingen in het systeem vaak pas achteraf.",
        "Cijfers over de balie krijgen we niet te zien.",
        "Informatie komt wel, maar te laat voor de wijkteams.",
    ],
    ("Gemeente Lindenhoven", 1): [
        "Iedereen ziet waarom dit nodig is voor inwoners.",
        "De business case is helder, de baten voor de partners iets minder.",
        "Goed dat we dit samen doen.",
    ],
}


def _links_five_to_nine(add: Any, facilitator: Access, parties: Any, coordinators: Any) -> None:
    """Processes, roles, information and technology, with one deliberate inconsistency
    of each kind the cross-checks find: a supplier that owns no system, a handover whose
    deliverable is no information item, an accountable party with no step in the
    process, and a system nobody uses — and a RACI activity that breaks the rules."""
    from ritsen.workspace.registers import information, processes, roles, technology

    gemeente, loket, welzijn = parties
    by_gemeente, by_loket = coordinators
    tech, info = technology.REGISTER, information.REGISTER
    kcs = add(
        by_loket, technology.SYSTEMS, tech, name="Klantcontactsysteem (KCS)", owner_party=loket,
        purpose="Vragen en contactmomenten van inwoners", hosting="cloud",
    )  # fmt: skip
    zaak = add(
        by_gemeente, technology.SYSTEMS, tech, name="Zaaksysteem", owner_party=gemeente,
        purpose="Aanvragen en besluiten", hosting="on_premises",
    )  # fmt: skip
    add(
        by_gemeente, technology.SYSTEMS, tech, name="Oud intranet", owner_party=gemeente,
        purpose="Wordt uitgefaseerd", hosting="on_premises",
    )  # fmt: skip
    to_zaak = add(
        by_loket, technology.INTERFACES, tech, from_system=kcs, to_system=zaak,
        standard="ZGW API", status="live",
    )  # fmt: skip
    to_kcs = add(
        by_gemeente, technology.INTERFACES, tech, from_system=zaak, to_system=kcs,
        standard="StUF", status="planned",
    )  # fmt: skip
    aanmelding = add(
        by_gemeente, information.NEEDS, info, item="Aanmelding van een inwoner",
        needed_by=gemeente, supplied_by=loket, moment="Bij elke aanmelding", channel=kcs,
        carried_by=to_zaak, sensitivity="personal", legal_basis="public_task",
    )  # fmt: skip
    add(
        by_loket, information.NEEDS, info, item="Besluit op de aanvraag", needed_by=loket,
        supplied_by=gemeente, moment="Binnen 8 weken", channel=zaak, carried_by=to_kcs,
        sensitivity="personal", legal_basis="",
    )  # fmt: skip
    plekken = add(
        by_gemeente, information.NEEDS, info, item="Beschikbare plekken in de wijk",
        needed_by=gemeente, supplied_by=welzijn, moment="Wekelijks", sensitivity="internal",
    )  # fmt: skip

    proc = processes.REGISTER
    vraag = add(
        facilitator, processes.PROCESSES, proc, name="Vraag van een inwoner afhandelen",
        purpose="Van de eerste vraag aan de balie tot het bericht aan de inwoner",
    )  # fmt: skip
    balie = add(
        facilitator, processes.STEPS, proc, process=vraag, number=1,
        title="Vraag aannemen aan de balie", party=welzijn, output="Aanmelding in het KCS",
        duration="Zelfde dag", deliverable="Aanmelding van een inwoner",
        criterion="Alle verplichte velden gevuld, met toestemming", information=aanmelding,
    )  # fmt: skip
    add(
        facilitator, processes.STEPS, proc, process=vraag, number=2, title="Aanvraag beoordelen",
        party=gemeente, output="Besluit", duration="8 weken", deliverable="Besluit",
    )  # fmt: skip
    informeren = add(
        facilitator, processes.STEPS, proc, process=vraag, number=3, title="Inwoner informeren",
        party=loket, output="Bericht aan de inwoner", duration="1 werkdag",
    )  # fmt: skip
    tafel = add(
        facilitator, processes.PROCESSES, proc, name="Maandelijkse casustafel",
        purpose="Lastige casussen samen bespreken",
    )  # fmt: skip
    voorbereiden = add(
        facilitator, processes.STEPS, proc, process=tafel, number=1,
        title="Casussen voorbereiden", party=welzijn, output="Casusoverzicht",
        deliverable="Beschikbare plekken in de wijk", criterion="Geanonimiseerd",
        information=plekken,
    )  # fmt: skip
    add(
        facilitator, processes.STEPS, proc, process=tafel, number=2,
        title="Casustafel voorzitten", party=gemeente, output="Afspraken per casus",
    )  # fmt: skip

    cells = (
        ("Vraag aannemen aan de balie", balie, {welzijn: "R", gemeente: "A", loket: "I"}),
        ("Klantcontactsysteem beheren", None, {loket: "RA", gemeente: "C"}),
        ("Inwoner informeren", informeren, {loket: "R", gemeente: "A"}),
        ("Casustafel organiseren", voorbereiden, {welzijn: "R", loket: "A"}),
        ("Storingen melden", None, {gemeente: "I"}),
    )
    for title, step, letters in cells:
        activity = add(facilitator, roles.ACTIVITIES, roles.REGISTER, title=title, step=step)
        for party, given in letters.items():
            add(
                facilitator, roles.RACI, roles.REGISTER,
                activity=activity, party=party, letters=given,
            )  # fmt: skip


def _completed_round(
    as_facilitator: Access,
    parties: dict[str, Party],
    coordinators: dict[str | None, Access],
    title: str,
    tendencies: dict[str, list[float | None]],
    days_ago: int,
) -> None:
    """A closed, released round whose zipper shows strong, misaligned and jamming links."""
    import random

    from ritsen.assessments import services as rounds

    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    round_ = rounds.open_round(access=as_facilitator, title=title, language="nl")
    round_.opened_at = timezone.now() - timedelta(days=days_ago)
    round_.save(update_fields=["opened_at"])
    spec = round_.framework.spec
    lo, hi = spec.scale_min, spec.scale_max
    pools = {key: list(texts) for key, texts in COMMENTS.items()}
    for party_name, count in RESPONDENTS.items():
        party = parties[party_name]
        links = rounds.generate_links(round_, party, count, access=coordinators[party_name])
        for anonymous_link in links:
            entry = rounds.enter(anonymous_link.token)  # claims the link
            session = rounds.open_session(entry.secret) if entry and entry.secret else None
            if session is None:  # pragma: no cover - a link just made always opens
                continue
            for link, tendency in zip(spec.links, tendencies[party_name], strict=True):
                answers: dict[str, int | None] = {}
                for statement in link.statements:
                    if tendency is None or rng.random() < 0.05:
                        answers[statement.id] = None  # don't know
                        continue
                    value = min(hi, max(lo, round(rng.gauss(tendency, 0.6))))
                    answers[statement.id] = lo + hi - value if statement.reverse else value
                pool = pools.get((party_name, link.id))
                comment = pool.pop() if pool else ""
                rounds.save_link_answers(session, link.id, answers, comment)
            rounds.submit(session)
    round_ = rounds.close_round(round_, access=as_facilitator)
    round_.closed_at = round_.opened_at + timedelta(days=21)
    round_.save(update_fields=["closed_at"])
    for party_name, party in parties.items():
        rounds.release(round_, party, access=coordinators[party_name])
