"""The insiders' attacks on respondents' anonymity (findings 4 to 11 of the attack).

Each test is named after the attack and tries it the way an insider would: through
the pages a coordinator or facilitator has, the logs an operator keeps, the mail the
server sends, the files it writes. The joins on the database itself are in
``test_database_joins``.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape

from ritsen.assessments import selectors, services
from ritsen.assessments.models import RespondentInvitation, RespondentMark, Response
from ritsen.collaborations import services as collaborations
from ritsen.collaborations.constants import Role
from ritsen.collaborations.models import Invitation, Membership, MembershipEvent
from ritsen.core.redaction import RedactingGunicornLogger, redact
from tests.assessments.conftest import answer_all, close, release, session_for
from tests.assessments.test_respond import open_link
from tests.factories import UserFactory


def open_round(cast):
    return services.open_round(access=cast.access(cast.facilitator), title="Meting")


def invite(cast, round_, *emails, party=None, coordinator=None):
    party = party or cast.party_a
    coordinator = coordinator or cast.coord_a
    services.invite_respondents(round_, party, list(emails), access=cast.access(coordinator))
    return {
        email: services.invitation_token(round_.invitations.get(email=email)) for email in emails
    }


# --- 4. the server log, the Referer and the mail ----------------------------------------


def test_the_log_and_the_referer_carry_no_respondent_link(client, cast, caplog):
    round_ = open_round(cast)
    token = invite(cast, round_, "anna@example.org")["anna@example.org"]
    with caplog.at_level(logging.INFO):
        first = client.get(reverse("respond:enter", args=[token]))
        # A mistyped link is logged as a 404: redacted as well.
        # (never the real token: one in 64 ends in "x" itself)
        client.get(reverse("respond:enter", args=[token[:-1] + ("y" if token[-1] == "x" else "x")]))
    assert first.status_code == 302 and first["Location"] == "/r/"
    assert first["Referrer-Policy"] == "no-referrer"
    assert token not in caplog.text and token[:-1] not in caplog.text
    assert "/r/…/" in caplog.text
    # Every page after the first has URLs without the secret, and sends no Referer.
    for url in ("/r/", "/r/links/1/", "/r/review/"):
        page = client.get(url)
        assert page["Referrer-Policy"] == "no-referrer"
        assert token not in page.content.decode()


def test_gunicorns_access_log_redacts_every_field():
    class Response:
        status = "302 Found"
        headers = [("Location", "/r/")]
        sent = 0

    secret = "AbCdEfGhIjKlMnOpQrStUvWxYz012345"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/r/{secret}/",
        "PATH_INFO": f"/r/{secret}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://ritsen.example/r/{secret}/links/2/",
        "QUERY_STRING": "",
    }
    logger = RedactingGunicornLogger.__new__(RedactingGunicornLogger)
    import datetime

    atoms = logger.atoms(Response(), {}, environ, datetime.timedelta(seconds=1))
    assert secret not in json.dumps({k: str(v) for k, v in atoms.items()})
    assert atoms["r"] == "GET /r/…/ HTTP/1.1"
    assert atoms["f"] == "https://ritsen.example/r/…/links/2/"
    assert redact("/collaborations/invitations/" + secret + "/") == "/collaborations/invitations/…/"
    assert redact("/collaborations/12/rounds/3/") == "/collaborations/12/rounds/3/"


def test_ritsen_serve_logs_through_the_redacting_logger(monkeypatch):
    from ritsen.core.management.commands import serve

    argv = []
    monkeypatch.setattr(serve.os, "execv", lambda path, args: argv.extend(args))
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)
    call_command("serve")
    assert argv[argv.index("--logger-class") + 1] == "ritsen.core.redaction.RedactingGunicornLogger"


def test_production_mail_is_sent_not_written_to_the_log():
    # The settings module chooses SMTP unless DEBUG is on (the tests run without DEBUG;
    # pytest-django swaps in its in-memory backend afterwards).
    from ritsen import settings as ritsen_settings
    from tests.cli import run_ritsen

    assert ritsen_settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"):
        result = run_ritsen("check", "--deploy")
    assert "ritsen.W001" in result.stdout + result.stderr
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"):
        result = run_ritsen("check", "--deploy")
    assert "ritsen.W001" not in result.stdout + result.stderr


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_queued_mail_holds_no_readable_link(cast, settings):
    """The task queue's rows are in the database: a link in them would be a key."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    round_ = open_round(cast)
    token = invite(cast, round_, "anna@example.org")["anna@example.org"]
    collaborations.invite(
        access=cast.access(cast.coord_a), email="nieuw@example.org", role=Role.MEMBER,
        party=cast.party_a,
    )  # fmt: skip
    rows = json.dumps(list(DBTaskResult.objects.values("args_kwargs", "return_value")))
    assert token not in rows and "anna@example.org" not in rows and "/invitations/" not in rows
    assert mail.outbox == []
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    # (and the coordinators' notice that the round opened)
    assert {"anna@example.org", "nieuw@example.org"} <= {m.to[0] for m in mail.outbox}
    assert token in next(m.body for m in mail.outbox if m.to == ["anna@example.org"])


# --- 5. the coordinator sees who submitted ----------------------------------------------


def test_reminders_and_send_again_tell_the_coordinator_nothing_about_who_answered(
    login, cast, django_capture_on_commit_callbacks
):
    round_ = open_round(cast)
    tokens = invite(cast, round_, "anna@example.org", "bob@example.org")
    answer_all(tokens["anna@example.org"], 4)  # Anna submits, Bob does not
    client = login(cast.coord_a)
    url = reverse("assessments:respondents", args=[cast.collab.pk, round_.pk, cast.party_a.pk])
    mail.outbox.clear()
    client.post(url, {"remind": "1"})
    for invitation in round_.invitations.all():
        client.post(
            reverse(
                "assessments:invitation_resend",
                args=[cast.collab.pk, round_.pk, cast.party_a.pk, invitation.pk],
            )
        )
    assert sorted(round_.invitations.values_list("sent_count", flat=True)) == [3, 3]
    body = client.get(url).content.decode()

    def row(email):
        found = re.search(r"<tr>\s*<td>" + re.escape(email) + r".*?</tr>", body, re.S).group(0)
        return re.sub(r"\d+", "N", found.replace(email, "EMAIL"))

    assert row("anna@example.org") == row("bob@example.org")
    # Only the mail itself knows: Anna got nothing after submitting.
    assert [m.to for m in mail.outbox] == [["bob@example.org"], ["bob@example.org"]]


def test_the_anonymous_links_are_shown_once_never_with_their_use(login, cast):
    round_ = open_round(cast)
    client = login(cast.coord_a)
    url = reverse("assessments:respondents", args=[cast.collab.pk, round_.pk, cast.party_a.pk])
    sheet = client.post(url, {"generate": "1", "count": "3", "as": "sheet"})
    assert sheet.status_code == 200
    links = re.findall(r"http://[^<\"]+/r/([A-Za-z0-9_-]{20,})/", sheet.content.decode())
    assert len(set(links)) == 3
    csv_file = client.post(url, {"generate": "1", "count": "2", "as": "csv"})
    assert csv_file["Content-Type"].startswith("text/csv")
    assert len(re.findall(r"/r/[A-Za-z0-9_-]{20,}/", csv_file.content.decode())) == 2
    answer_all(links[0], 5)
    page = client.get(url).content.decode()
    assert not any(link in page for link in links)  # not the links, nor which was used
    assert "1</strong> / 5" in page  # how many are in use: a count
    assert not RespondentInvitation.objects.exclude(email="").exists()
    assert set(RespondentInvitation.objects.values_list("token_encrypted", flat=True)) == {""}


# --- 6. the coordinator opens an anonymous link they handed out --------------------------


def test_the_coordinator_opens_an_anonymous_link_they_handed_out(login, cast):
    round_ = open_round(cast)
    [link] = services.generate_links(round_, cast.party_a, 1, access=cast.access(cast.coord_a))
    session = answer_all(link.token, 2, "Ik durf dit alleen anoniem te zeggen", submit=False)
    coordinator = login(cast.coord_a)
    page = open_link(coordinator, link.token)
    assert page.context["reason"] == "in_use"
    assert "Ik durf" not in page.content.decode()
    assert "ritsen_respondent" not in page.cookies
    for url in ("/r/", "/r/links/1/", "/r/review/"):
        assert "Ik durf" not in coordinator.get(url).content.decode()
    response = coordinator.post("/r/links/1/", {"comment": "overschreven"})
    assert response.status_code == 403
    assert Response.objects.get().comments == {"1": "Ik durf dit alleen anoniem te zeggen"}
    # Nor can anyone derive the claimant's session from the link.
    assert services.open_session(link.token) is None
    assert services.open_session(session.secret) is not None


# --- 7. the facilitator puts an account of their own into a party ------------------------


def test_the_facilitator_invites_a_second_account_as_coordinator_of_a_party(login, cast):
    client = login(cast.facilitator)
    url = reverse("collaborations:invite", args=[cast.collab.pk])
    for role in ("coordinator", "member"):
        response = client.post(
            url, {"email": "mijn.tweede@example.org", "role": role, "party": cast.party_a.pk}
        )
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not Invitation.objects.filter(email="mijn.tweede@example.org").exists()
    with pytest.raises(Exception):  # noqa: B017 - refused by the service as well
        collaborations.invite(
            access=cast.access(cast.facilitator),
            email="mijn.tweede@example.org",
            role=Role.COORDINATOR,
            party=cast.party_a,
        )


def test_a_party_hears_of_every_change_in_its_people(
    login, cast, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    sent = collaborations.invite(
        access=cast.access(cast.coord_a), email="nieuw@example.org", role=Role.MEMBER,
        party=cast.party_a,
    )  # fmt: skip
    newcomer = UserFactory(email="nieuw@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        collaborations.accept_invitation(sent.invitation, newcomer)
    membership = Membership.objects.get(user=newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        collaborations.remove_membership(membership, access=cast.access(cast.facilitator))
    events = list(MembershipEvent.objects.filter(party=cast.party_a).order_by("at", "pk"))
    assert [(e.kind, e.by) for e in events] == [
        ("joined", cast.coord_a),
        ("removed", cast.facilitator),
    ]
    to_coordinator = [m for m in mail.outbox if m.to == [cast.coord_a.email]]
    assert len(to_coordinator) == 2
    assert cast.facilitator.display_name in to_coordinator[1].body
    page = login(cast.member_a).get(reverse("collaborations:people", args=[cast.collab.pk]))
    body = page.content.decode()
    assert "nieuw@example.org" in body and escape(cast.facilitator.display_name) in body
    # Party B sees none of A's changes.
    other = login(cast.member_b).get(reverse("collaborations:people", args=[cast.collab.pk]))
    assert "nieuw@example.org" not in other.content.decode()


def test_a_first_coordinator_invitation_expires_when_the_party_has_a_coordinator(cast):
    from tests.factories import OrganisationFactory, PartyFactory

    party_c = PartyFactory(collaboration=cast.collab, organisation=OrganisationFactory())
    facilitator = cast.access(cast.facilitator)
    first = collaborations.invite(
        access=facilitator, email="c1@example.org", role=Role.COORDINATOR, party=party_c
    )
    second = collaborations.invite(
        access=facilitator, email="c2@example.org", role=Role.COORDINATOR, party=party_c
    )
    collaborations.accept_invitation(first.invitation, UserFactory(email="c1@example.org"))
    with pytest.raises(collaborations.ServiceError):
        collaborations.accept_invitation(second.invitation, UserFactory(email="c2@example.org"))
    assert not collaborations.may_invite(facilitator, role=Role.COORDINATOR, party=party_c)


# --- 8. dummy responses through anonymous links -----------------------------------------


def test_a_coordinator_answers_anonymous_links_to_lift_a_small_group(login, cast):
    round_ = open_round(cast)
    token = invite(cast, round_, "enige@example.org")["enige@example.org"]
    answer_all(token, 1, "Mijn echte mening")  # the only real person of party A
    for link in services.generate_links(round_, cast.party_a, 2, access=cast.access(cast.coord_a)):
        answer_all(link.token, 5)  # the coordinator's dummies
    for link in services.generate_links(round_, cast.party_b, 3, access=cast.access(cast.coord_b)):
        answer_all(link.token, 3)
    # Live, the facilitator sees per party how many links were made and used.
    detail = login(cast.facilitator).get(round_.get_absolute_url())
    rows = {p.party.pk: p for p, _released in detail.context["progress"]}
    assert (rows[cast.party_a.pk].links_made, rows[cast.party_a.pk].links_claimed) == (2, 2)
    close(cast, round_)
    release(cast, round_)
    zipper = login(cast.member_b).get(reverse("results:zipper", args=[cast.collab.pk, round_.pk]))
    progress = {row.party.pk: row for row in zipper.context["results"].progress}
    assert (progress[cast.party_a.pk].personal, progress[cast.party_a.pk].anonymous) == (1, 2)
    assert "Via een anonieme link" in zipper.content.decode()


# --- 9. secrets that outlive the round ----------------------------------------------------


def test_unsubmitted_responses_keep_their_secrets_after_the_round_closes(
    cast, django_capture_on_commit_callbacks
):
    round_ = open_round(cast)
    tokens = invite(cast, round_, "anna@example.org", "bob@example.org")
    answer_all(tokens["anna@example.org"], 4)
    answer_all(tokens["bob@example.org"], 2, submit=False)
    [link] = services.generate_links(round_, cast.party_b, 1, access=cast.access(cast.coord_b))
    session_for(link.token)
    with django_capture_on_commit_callbacks(execute=True):
        close(cast, round_)
    assert not Response.objects.filter(round=round_).exclude(lookup_hash=None).exists()
    assert set(round_.invitations.values_list("token_encrypted", flat=True)) == {""}
    assert not RespondentMark.objects.filter(kind="submitted").exists()
    # Bob's saved answers still count.
    assert Response.objects.filter(round=round_, submitted=False).exclude(answers={}).count() == 1


def test_the_cron_job_erases_what_a_crashed_close_left_behind(cast):
    from io import StringIO

    round_ = open_round(cast)
    tokens = invite(cast, round_, "bob@example.org")
    answer_all(tokens["bob@example.org"], 2, submit=False)
    close(cast, round_)  # the erasure after the commit never ran (test transaction)
    assert Response.objects.exclude(lookup_hash=None).exists()
    out = StringIO()
    call_command("cron", stdout=out)
    assert "erase-closed-round-links: links of 1 closed round(s) erased" in out.getvalue()
    assert not Response.objects.exclude(lookup_hash=None).exists()
    assert set(RespondentInvitation.objects.values_list("token_encrypted", flat=True)) == {""}


# --- 10. caching of private pages ----------------------------------------------------------


def test_private_pages_and_downloads_are_never_cached(login, cast, closed_scan):
    round_ = closed_scan.round
    client = login(cast.coord_a)
    args = [cast.collab.pk, round_.pk, cast.party_a.pk]
    urls = [
        reverse("assessments:respondents", args=args),
        reverse("results:party", args=args),
        reverse("reports:party_page", args=args),
        reverse("reports:party_pdf", args=args),
        reverse("exports:party_answers_csv", args=args),
        reverse("collaborations:people", args=[cast.collab.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    open_ = open_round_after(cast)
    sheet = client.post(
        reverse("assessments:respondents", args=[cast.collab.pk, open_.pk, cast.party_a.pk]),
        {"generate": "1", "count": "1", "as": "sheet"},
    )
    assert "no-store" in sheet["Cache-Control"]


def open_round_after(cast):
    return services.open_round(access=cast.access(cast.facilitator), title="Volgende")


# --- 11. frameworks that switch suppression off, and the transfer file -------------------


def test_staff_without_permissions_imports_a_framework_with_suppression_off(login, cast, tmp_path):
    from tests.transfer.conftest import export_text
    from tests.transfer.test_views import IMPORT_URL, plain_staff, use_new_framework

    data = use_new_framework(json.loads(export_text(cast.collab)))
    data["collaboration"]["frameworks"][-1]["data"]["thresholds"]["min_respondents"] = 1
    upload = json.dumps(data).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    staff_only = login(plain_staff(cast.outsider))
    response = staff_only.post(IMPORT_URL, {"file": SimpleUploadedFile("f.json", upload)})
    assert response.status_code == 403
    # With the permissions, the file is still refused: the floor is 3.
    admin = cast.outsider
    for codename in ("transfer_collaboration", "add_framework"):
        admin.user_permissions.add(Permission.objects.get(codename=codename))
    response = login(type(admin).objects.get(pk=admin.pk)).post(
        IMPORT_URL, {"file": SimpleUploadedFile("f.json", upload)}
    )
    assert response.status_code == 200
    assert "moet minstens 3 zijn, niet 1" in response.content.decode()


def test_the_transfer_file_does_not_join_a_lone_invitee_to_their_response(cast):
    from tests.transfer.conftest import export_text

    round_ = open_round(cast)
    token = invite(cast, round_, "enige@example.org")["enige@example.org"]
    answer_all(token, 1)
    for link in services.generate_links(round_, cast.party_a, 3, access=cast.access(cast.coord_a)):
        answer_all(link.token, 5, submit=False)
    data = json.loads(export_text(cast.collab))
    [round_data] = data["collaboration"]["rounds"]
    for invitation in round_data["respondent_invitations"]:
        assert set(invitation) == {"party", "email", "sent_count", "revoked_at", "created_at"}
    for response in round_data["responses"]:
        assert set(response) == {"id", "party", "language", "answers", "comments", "submitted"}
    # Only counts say how responses came in.
    assert round_data["respondent_counts"] == [
        {"party": cast.party_a.name, "personal": 1, "anonymous": 3, "claimed_links": 3}
    ]
    progress = selectors.party_progress(round_, cast.party_a)
    assert (progress.personal, progress.anonymous) == (1, 3)


def test_a_new_collaboration_does_not_preselect_a_newly_imported_version(login, cast):
    from ritsen.frameworks.models import Framework

    newer = Framework.objects.get(slug="ritsen-9")
    newer.pk = None
    newer.version = 2
    newer.save()
    form = login(cast.facilitator).get(reverse("collaborations:create")).context["form"]
    assert form["framework"].value() is None  # the facilitator chooses
    choices = [label for _value, label in form.fields["framework"].choices]
    assert any("versie 2" in str(label) for label in choices)
    assert any("vanaf 3 respondenten" in str(label) for label in choices)


def test_cookie_alone_does_not_work_in_another_round_after_close(client, cast):
    round_ = open_round(cast)
    token = invite(cast, round_, "anna@example.org")["anna@example.org"]
    open_link(client, token)
    close(cast, round_)
    assert client.get("/r/").context["reason"] == "closed"
    other = Client()
    assert other.get("/r/").status_code == 403


def test_redaction_does_not_depend_on_what_follows_the_secret():
    secret = "AbCdEfGhIjKlMnOpQrStUvWxYz012345"
    for ending in (")/", ".", "%20/", ";", ",", ">", ""):
        assert secret not in redact(f"/r/{secret}{ending}"), ending


def test_the_access_log_leaves_out_who_sent_a_respondents_request():
    import datetime

    class Response:
        status = "200 OK"
        headers = []
        sent = 0

    logger = RedactingGunicornLogger.__new__(RedactingGunicornLogger)
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": "/r/review/",
        "PATH_INFO": "/r/review/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.1.2.3",
        "HTTP_USER_AGENT": "Firefox op de laptop van Anna",
        "HTTP_X_FORWARDED_FOR": "10.1.2.3",
    }
    headers = [("User-Agent", "Firefox op de laptop van Anna"), ("X-Forwarded-For", "10.1.2.3")]
    atoms = logger.atoms(Response(), headers, environ, datetime.timedelta(seconds=1))
    text = json.dumps({k: str(v) for k, v in atoms.items()})
    assert "10.1.2.3" not in text and "Anna" not in text
    # The same for the respondent operations of the API (the secret is in the path).
    secret = "x" * 43
    api = {
        **environ,
        "RAW_URI": f"/api/v1/respond/{secret}/answers",
        "PATH_INFO": f"/api/v1/respond/{secret}/answers",
    }
    text = json.dumps(
        {
            k: str(v)
            for k, v in logger.atoms(
                Response(), headers, api, datetime.timedelta(seconds=1)
            ).items()
        }
    )
    assert "10.1.2.3" not in text and "Anna" not in text and secret not in text
    # Other pages keep them (the lock-out after failed logins needs the address).
    environ = {**environ, "RAW_URI": "/accounts/login/", "PATH_INFO": "/accounts/login/"}
    atoms = logger.atoms(Response(), headers, environ, datetime.timedelta(seconds=1))
    assert atoms["h"] == "10.1.2.3"


def test_a_link_from_elsewhere_does_not_silently_swap_the_open_questionnaire(client, cast):
    round_ = open_round(cast)
    tokens = invite(cast, round_, "anna@example.org", "mallory@example.org")
    open_link(client, tokens["anna@example.org"])
    page = client.get(reverse("respond:enter", args=[tokens["mallory@example.org"]]))
    assert page.status_code == 200
    assert "respond/switch.html" in [t.name for t in page.templates]
    assert "ritsen_respondent" not in page.cookies  # still Anna's session
    assert client.get("/r/").context["session"].secret == tokens["anna@example.org"]
    switched = client.post(reverse("respond:enter", args=[tokens["mallory@example.org"]]))
    assert switched.status_code == 302
    assert client.get("/r/").context["session"].secret == tokens["mallory@example.org"]


def test_after_close_an_anonymous_link_does_not_tell_whether_it_was_used(cast):
    round_ = open_round(cast)
    used, unused = services.generate_links(
        round_, cast.party_a, 2, access=cast.access(cast.coord_a)
    )
    answer_all(used.token, 3)
    close(cast, round_)
    assert services.enter(used.token).refused == services.enter(unused.token).refused == "closed"


def test_a_facilitator_who_removes_the_coordinator_cannot_choose_the_next_one(cast):
    """Otherwise: remove the party's coordinator, invite a 'first' coordinator of one's
    own choosing, and read the party's private data."""
    facilitator = cast.access(cast.facilitator)
    coordinator = Membership.objects.get(party=cast.party_a, role=Role.COORDINATOR)
    collaborations.remove_membership(coordinator, access=facilitator)
    assert not Membership.objects.filter(party=cast.party_a, role=Role.COORDINATOR).exists()
    assert not collaborations.may_invite(facilitator, role=Role.COORDINATOR, party=cast.party_a)
    with pytest.raises(PermissionDenied):
        collaborations.invite(
            access=facilitator, email="mol@example.org", role=Role.COORDINATOR,
            party=cast.party_a,
        )  # fmt: skip
