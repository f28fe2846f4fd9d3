"""The workspace as documents — the round report's appendix, the draft collaboration
agreement (PDF) and the workbook (XLSX) — and as the zipper picture's second mark.
Each holds what everyone in the collaboration sees: never a party's private strategy or
culture profile before every party has shared."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook
from pypdf import PdfReader

from ritsen.workspace import consent
from ritsen.workspace import services as workspace
from ritsen.workspace.registers import agreements, business_case, strategy
from ritsen.workspace.registers.culture import CultureProfile

from .test_culture import scores
from .test_marks import shared  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def _fill(cast):
    """A shared goal, party A's private strategy, an agreed and a proposed agreement."""
    coord_a, coord_b = cast.access(cast.coord_a), cast.access(cast.coord_b)
    workspace.create_item(
        access=coord_a, kind=business_case.REGISTER.kinds[0], register=business_case.REGISTER,
        data={"title": "Eén loket voor elke vraag", "indicator": "Dagen", "target_value": 5},
    )  # fmt: skip
    workspace.create_item(
        access=coord_a, kind=strategy.STRATEGIC_GOALS, register=strategy.REGISTER,
        data={"party": cast.party_a, "title": "Geheime groeistrategie"},
    )  # fmt: skip
    made = {"kind": "may", "from_party": cast.party_a, "to_party": cast.party_b}
    agreed = workspace.create_item(
        access=coord_a, kind=agreements.AGREEMENTS, register=agreements.REGISTER,
        data={**made, "link_key": "roles", "text": "Aa levert elke maand de cijfers."},
    )  # fmt: skip
    consent.accept(agreed, access=coord_b)
    workspace.create_item(
        access=coord_a, kind=agreements.AGREEMENTS, register=agreements.REGISTER,
        data={**made, "link_key": "roles", "text": "Aa belt elke dag even."},
    )  # fmt: skip
    with scope(party=[cast.party_a.pk]):
        CultureProfile.objects.create(party=cast.party_a, scores=scores([97, 1, 1, 1]))


def _share_strategies(cast):
    for party, user in ((cast.party_a, cast.coord_a), (cast.party_b, cast.coord_b)):
        if party is cast.party_b:
            workspace.create_item(
                access=cast.access(user), kind=strategy.STRATEGIC_GOALS,
                register=strategy.REGISTER, data={"party": party, "title": "Winst"},
            )  # fmt: skip
        with scope(party=[party.pk]):
            sheet = strategy.StrategySheet.objects.create(party=party)
        from ritsen.collaborations import sharing

        sharing.share(sheet, access=cast.access(user), ready=True, not_ready="")


def _workbook_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_the_workbook_holds_what_everyone_sees_and_no_private_strategy(login, cast):
    _fill(cast)
    url = reverse("workspace_documents:xlsx", args=[cast.collab.pk])
    for user in (cast.coord_a, cast.member_b, cast.facilitator):
        response = login(user).get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].count("no-store") == 1
        text = _workbook_text(response.content)
        assert "Eén loket voor elke vraag" in text and "Aa belt elke dag even." in text
        # A's own people do not get it in a document either: it is for everyone.
        assert "Geheime groeistrategie" not in text and "97" not in text
    assert login(cast.outsider).get(url).status_code == 404
    _share_strategies(cast)
    text = _workbook_text(login(cast.member_b).get(url).content)
    assert "Geheime groeistrategie" in text and "Winst" in text


def test_the_draft_agreement_holds_only_agreed_agreements(login, cast):
    _fill(cast)
    cast.member_b.language = "en"
    cast.member_b.save()
    response = login(cast.member_b).get(reverse("workspace_documents:pdf", args=[cast.collab.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "DRAFT COLLABORATION AGREEMENT" in text.upper() and "Eén loket voor elke vraag" in text
    assert "Aa levert elke maand de cijfers." in text
    assert "Aa belt elke dag even." not in text  # proposed, not agreed
    assert "Geheime groeistrategie" not in text
    assert "Each party's strategy is shown once every party has shared its own." in text


def test_the_round_report_has_an_appendix_that_follows_the_workspace(login, cast, shared):  # noqa: F811
    url = reverse("reports:page", args=[cast.collab.pk, shared.pk])
    client = login(cast.member_a)  # English (the fixture)
    before = client.get(url).content.decode()
    assert "Appendix: the state of the workspace" in before
    assert "Eén loket voor elke vraag" not in before
    _fill(cast)
    after = client.get(url).content.decode()  # stored once, made anew when it changes
    assert "Eén loket voor elke vraag" in after and "Geheime groeistrategie" not in after
    assert "Each party's own part is shown once every party has shared it." in after
    assert after.count("chart-zipper__mark") == 9  # the second mark in the picture


def test_the_zipper_picture_marks_each_link_s_register(login, cast, shared):  # noqa: F811
    page = login(cast.member_a).get(reverse("results:zipper", args=[cast.collab.pk, shared.pk]))
    svg = page.content.decode().split('<div class="chart-zipper">', 1)[1].split("</svg>", 1)[0]
    assert svg.count("chart-zipper__mark") == 9
    assert svg.count(">register 0%</text>") == 9
    assert svg.count(">register: not available yet</text>") == 0


def test_the_draft_agreement_holds_the_processes_roles_information_and_systems(login, cast):
    from ritsen.workspace.registers import information, processes, roles, technology

    access = cast.access(cast.coord_a)

    def add(kind, register, **data):
        return workspace.create_item(access=access, kind=kind, register=register, data=data)

    system = add(technology.SYSTEMS, technology.REGISTER, name="Klantcontactsysteem")
    add(information.NEEDS, information.REGISTER, item="Aanmeldingen", needed_by=cast.party_b,
        supplied_by=cast.party_a, channel=system)  # fmt: skip
    intake = add(processes.PROCESSES, processes.REGISTER, name="Intake")
    step = add(processes.STEPS, processes.REGISTER, process=intake, number=1, title="Aannemen",
               party=cast.party_a)  # fmt: skip
    activity = add(roles.ACTIVITIES, roles.REGISTER, title="Vragen beantwoorden", step=step)
    add(roles.RACI, roles.REGISTER, activity=activity, party=cast.party_b, letters="RA")
    cast.member_b.language = "en"
    cast.member_b.save()
    response = login(cast.member_b).get(reverse("workspace_documents:pdf", args=[cast.collab.pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for expected in (
        "How we work together: processes and handovers", "Aannemen",
        "Who has which role", "Vragen beantwoorden", "RA",
        "The information we provide each other", "Aanmeldingen",
        "The systems and interfaces we use", "Klantcontactsysteem", "No interfaces yet.",
    ):  # fmt: skip
        assert expected in text, expected
    workbook = load_workbook(io.BytesIO(login(cast.member_b).get(
        reverse("workspace_documents:xlsx", args=[cast.collab.pk])
    ).content))  # fmt: skip
    raci = next(sheet for sheet in workbook.worksheets if sheet.title.startswith("RACI matrix"))
    header, row = list(raci.iter_rows(values_only=True))[-2:]
    assert header[:3] == ("Activity", "Gemeente Aa", "Leverancier Bee")
    assert row[:3] == ("Vragen beantwoorden", None, "RA")  # an empty cell stays empty
