"""Webhooks against a real HTTP receiver on 127.0.0.1: signed payloads for each step
of a round, nothing about respondents, retries logged, redelivery by hand, and only
the facilitator manages them."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse

from ritsen.collaborations.access import access_for
from ritsen.webhooks import services
from ritsen.webhooks.delivery import attempt
from ritsen.webhooks.models import Delivery
from tests.assessments.conftest import close, make_scan, release

pytestmark = pytest.mark.django_db


class Receiver:
    """A tiny HTTP server that answers with the given statuses, in turn, and keeps
    what it received."""

    def __init__(self, statuses=(200,)):
        self.statuses = list(statuses)
        self.received: list[tuple[dict, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                status = outer.statuses.pop(0) if len(outer.statuses) > 1 else outer.statuses[0]
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def _hook(cast, url, events=None):
    return services.add_webhook(
        access=access_for(cast.facilitator, cast.collab),
        url=url,
        events=events or ["round.opened", "round.closed", "results.released", "results.shared"],
    )


def test_each_step_of_a_round_is_sent_signed_and_says_nothing_of_respondents(
    cast, receiver, django_capture_on_commit_callbacks
):
    new = _hook(cast, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        scan = make_scan(cast)
    with django_capture_on_commit_callbacks(execute=True):
        close(cast, scan.round)
    with django_capture_on_commit_callbacks(execute=True):
        release(cast, scan.round)
    types = [json.loads(body)["type"] for _h, body in receiver.received]
    assert types == [
        "round.opened", "round.closed", "results.released", "results.released",
        "results.shared",
    ]  # fmt: skip
    for headers, body in receiver.received:
        timestamp, mac = headers["X-Ritsen-Signature"].removeprefix("t=").split(",v1=")
        expected = hmac.new(new.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
        assert hmac.compare_digest(mac, expected.hexdigest())
        text = body.decode()
        assert "respondent" not in text and "answers" not in text and "@" not in text
    shared = json.loads(receiver.received[-1][1])
    assert shared["data"]["zipper"]["state"] == "jammed"
    assert Delivery.objects.filter(delivered_at__isnull=False).count() == 5
    ids = {json.loads(body)["id"] for _h, body in receiver.received}
    assert len(ids) == 5  # one event id per event: receivers can drop duplicates


def test_a_failing_receiver_is_retried_and_every_attempt_logged(cast):
    failing = Receiver(statuses=[500, 503, 200])
    try:
        _hook(cast, failing.url, ["round.opened"])
        from ritsen.assessments import services as rounds

        rounds.open_round(access=access_for(cast.facilitator, cast.collab), title="R")
        delivery = Delivery.objects.get()
        assert not attempt(delivery) and delivery.status_code == 500
        assert not attempt(delivery) and delivery.status_code == 503
        assert attempt(delivery) and delivery.attempts == 3 and delivery.delivered_at
        assert [json.loads(b)["id"] for _h, b in failing.received] == [str(delivery.event_id)] * 3
    finally:
        failing.close()


def test_an_unreachable_address_is_logged_not_raised(cast):
    _hook(cast, "http://127.0.0.1:9/nowhere", ["round.opened"])
    from ritsen.assessments import services as rounds

    rounds.open_round(access=access_for(cast.facilitator, cast.collab), title="R")
    delivery = Delivery.objects.get()
    assert not attempt(delivery) and delivery.error and delivery.status_code is None


def test_only_the_facilitator_manages_webhooks_and_redelivers(
    login, cast, receiver, django_capture_on_commit_callbacks
):
    url = reverse("webhooks:list", args=[cast.collab.pk])
    assert login(cast.coord_a).get(url).status_code == 403
    client = login(cast.facilitator)
    page = client.post(url, {"url": receiver.url, "events": ["round.opened"]})
    assert page.status_code == 200 and page.context["new"].secret in page.content.decode()
    assert client.get(url).context["new"] is None  # shown once
    invalid = client.post(url, {"url": "geen adres", "events": []})
    assert invalid.status_code == 200 and invalid.context["form"].errors
    from ritsen.assessments import services as rounds

    with django_capture_on_commit_callbacks(execute=True):
        rounds.open_round(access=access_for(cast.facilitator, cast.collab), title="R")
    delivery = Delivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks:resend", args=[cast.collab.pk, delivery.pk]))
    assert len(receiver.received) == 2
    assert {json.loads(b)["id"] for _h, b in receiver.received} == {str(delivery.event_id)}


def test_a_failed_attempt_queues_the_next_one_later(cast, settings):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from ritsen.assessments import services as rounds
    from ritsen.webhooks.delivery import send

    failing = Receiver(statuses=[500])
    try:
        _hook(cast, failing.url, ["round.opened"])
        rounds.open_round(access=access_for(cast.facilitator, cast.collab), title="R")
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        delivery = Delivery.objects.get()
        send.call(delivery.pk)
        queued = DBTaskResult.objects.get(task_path="ritsen.webhooks.delivery.send")
        assert queued.run_after > timezone.now()  # backoff: not before a minute
        assert Delivery.objects.get().attempts == 1
    finally:
        failing.close()


def test_the_empty_page_says_so_in_dutch_and_english(login, cast):
    client = login(cast.facilitator)
    url = reverse("webhooks:list", args=[cast.collab.pk])
    dutch = client.get(url).content.decode()
    assert "Nog geen webhooks." in dutch and "Nog niets verstuurd." in dutch
    cast.facilitator.language = "en"  # a signed-in user reads in their own language
    cast.facilitator.save()
    english = client.get(url).content.decode()
    assert "No webhooks yet." in english and "Nothing sent yet." in english


def test_private_addresses_are_refused_unless_the_site_allows_them(cast, receiver, login, settings):
    """A facilitator must not reach the server's own network: refused when added (the
    form and the API say why) and again before each delivery; redirects not followed."""
    settings.WEBHOOK_PRIVATE_ADDRESSES = False
    page = login(cast.facilitator).post(
        reverse("webhooks:list", args=[cast.collab.pk]),
        {"url": receiver.url, "events": ["round.opened"]},
    )
    assert page.status_code == 200 and "private network" in page.content.decode().replace(
        "privé-netwerk", "private network"
    )
    assert not cast.collab.webhooks.exists()
    # One made while it was allowed: its delivery is refused and logged, nothing sent.
    settings.WEBHOOK_PRIVATE_ADDRESSES = True
    _hook(cast, receiver.url, ["round.opened"])
    settings.WEBHOOK_PRIVATE_ADDRESSES = False
    from ritsen.assessments import services as rounds

    rounds.open_round(access=access_for(cast.facilitator, cast.collab), title="R")
    delivery = Delivery.objects.get()
    assert not attempt(delivery)
    assert delivery.status_code is None and "127.0.0.1" in delivery.error
    assert receiver.received == []


def test_a_redirect_is_not_followed(cast):
    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _hook(cast, f"http://127.0.0.1:{server.server_port}/hook", ["round.opened"])
        from ritsen.assessments import services as rounds

        rounds.open_round(access=access_for(cast.facilitator, cast.collab), title="R")
        delivery = Delivery.objects.get()
        assert not attempt(delivery) and delivery.status_code == 302
    finally:
        server.shutdown()
        server.server_close()
