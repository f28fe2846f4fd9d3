"""Many respondents at once through the respondent API, against ``ritsen serve``.

Used by ``benchmarks/bench_respondents.py`` (figures) and by
``tests/api/test_concurrency.py`` (CI, on SQLite and PostgreSQL). Each run:

1. makes a fresh database — a SQLite file (WAL) in a temporary data directory, or a new
   PostgreSQL database next to ``DATABASE_URL`` — and migrates it;
2. creates a facilitator and a coordinator for each of two parties, with tokens (in a
   separate process, as an operator would with the commands);
3. starts ``ritsen serve`` (gunicorn) on a free port, opens a round and makes one
   anonymous link per respondent through the API;
4. lets every respondent claim their link, then all at once save every link (one PUT
   each) and submit, retrying only when the connection broke (a retried submit that
   answers 410 "submitted" was committed);
5. closes the round, releases it for both parties and reads the shared results.

:func:`check` then compares what the server stored with what was sent: one response per
respondent (none lost, none twice), every one submitted, and the shared results equal
to scoring the sent answers offline with the same engine.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RITSEN = Path(sys.executable).with_name("ritsen")
PG_DEFAULT = "postgres://ritsen:ritsen@127.0.0.1:5432/ritsen"

#: Connection failures that a client retries (the worker died, or was busy restarting).
BROKEN = (ConnectionError, HTTPException, urllib.error.URLError, TimeoutError, OSError)


# --- the database and the server ----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def fresh_database(kind: str) -> Iterator[dict[str, str]]:
    """The environment of a new, empty database of ``kind`` ("sqlite" or "postgres")."""
    data_dir = tempfile.mkdtemp(prefix="ritsen-load-")
    env = {"RITSEN_DATA_DIR": data_dir}
    if kind == "sqlite":
        yield env
        return
    import psycopg

    base = os.environ.get("DATABASE_URL") or PG_DEFAULT
    name = f"ritsen_load_{os.getpid()}_{random.randrange(10**6)}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": base.rsplit("/", 1)[0] + "/" + name}
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(db_env: dict[str, str], port: int) -> dict[str, str]:
    """A production-like configuration (DEBUG off) on 127.0.0.1, without HTTPS."""
    kept = {"RITSEN_DB_CONN_MAX_AGE"}  # to compare persistent connections
    env = {
        key: value
        for key, value in os.environ.items()
        if (key in kept or not key.startswith("RITSEN_"))
        and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ritsen.settings",
            "RITSEN_SECRET_KEY": "load-test-" + "x" * 40,
            "RITSEN_SSL_REDIRECT": "false",
            "RITSEN_HSTS_SECONDS": "0",
            "RITSEN_PLAIN_STATIC": "true",
            "RITSEN_ALLOWED_HOSTS": "127.0.0.1",
            "RITSEN_BASE_URL": f"http://127.0.0.1:{port}",
            "RITSEN_CLI_LANGUAGE": "en",
            **db_env,
        }
    )
    return env


def _setup_main() -> None:  # pragma: no cover - runs in the setup process
    """Create the people and their tokens; print them as JSON (``python -c``)."""
    import django

    django.setup()
    from ritsen.accounts import tokens
    from ritsen.accounts.models import User
    from ritsen.collaborations import services
    from ritsen.collaborations.access import access_for
    from ritsen.collaborations.constants import PartyRole, Role
    from ritsen.collaborations.models import Membership
    from ritsen.frameworks.services import ensure_default_framework

    facilitator = User.objects.create_user("facilitator@load.test", name="Facilitator")
    collaboration = services.create_collaboration(
        user=facilitator, name="Belasting", purpose="", framework=ensure_default_framework()
    )
    access = access_for(facilitator, collaboration)
    out: dict[str, Any] = {
        "collaboration": collaboration.pk,
        "facilitator": tokens.create_token(facilitator, name="load").secret,
        "parties": [],
    }
    for letter, role in (("a", PartyRole.CLIENT), ("b", PartyRole.CONTRACTOR)):
        party = services.add_party(access=access, organisation_name=f"Partij {letter}", role=role)
        coordinator = User.objects.create_user(f"coord.{letter}@load.test", name=letter)
        Membership.objects.create(
            user=coordinator, collaboration=collaboration, party=party, role=Role.COORDINATOR
        )
        token = tokens.create_token(coordinator, name="load").secret
        out["parties"].append({"id": party.pk, "token": token})
    print(json.dumps(out))


def _count_main() -> None:  # pragma: no cover - runs in the counting process
    """Print, per party, the stored responses and how many are submitted."""
    import django

    django.setup()
    from django.db.models import Count, Q
    from django_scopes import scopes_disabled

    from ritsen.assessments.models import Response

    with scopes_disabled():
        rows = Response.objects.values("party_id").annotate(
            rows=Count("id"), submitted=Count("id", filter=Q(submitted=True))
        )
        print(json.dumps({str(r["party_id"]): [r["rows"], r["submitted"]] for r in rows}))


def _python(env: dict[str, str], code: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return done.stdout


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    env: dict[str, str]
    log: Path

    def workers(self) -> list[int]:
        """The pids of gunicorn's workers (the master's children that serve)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = [int(pid) for pid in children.read_text().split()]
        return [pid for pid in pids if "gunicorn" in _cmdline(pid)]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@contextlib.contextmanager
def serve(kind: str, *, workers: int = 2) -> Iterator[Server]:
    """A migrated, empty database of ``kind`` and ``ritsen serve`` on it."""
    with fresh_database(kind) as db_env:
        port = _free_port()
        env = server_env(db_env, port)
        subprocess.run(  # noqa: S603
            [str(RITSEN), "migrate", "-v", "0"], env=env, cwd=ROOT, check=True
        )
        log = Path(env["RITSEN_DATA_DIR"]) / "server.log"
        with log.open("wb") as out:
            process = subprocess.Popen(  # noqa: S603
                [str(RITSEN), "serve", "--port", str(port), "--workers", str(workers), "--no-cron"],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        server = Server(url=f"http://127.0.0.1:{port}", process=process, env=env, log=log)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if request(server.url, "GET", "/healthz")[0] == 200:
                        break
                except BROKEN:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the server did not start:\n" + log.read_text()[-3000:])
                time.sleep(0.2)
            yield server
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def request(
    base: str, method: str, path: str, body: Any = None, token: str | None = None
) -> tuple[int, Any]:
    """One HTTP request; (status, JSON or None). Raises on a broken connection."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=60) as response:  # noqa: S310
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    return status, json.loads(raw) if raw else None


# --- the respondents ----------------------------------------------------------------


@dataclass
class Respondent:
    party: int
    ticket: str
    answers: dict[int, dict[str, int | None]]  # link id -> statement id -> score
    comment: str
    secret: str = ""
    submitted: bool = False
    confirmed_by_410: bool = False  # the submit's answer was lost; a retry said 410
    statuses: Counter[int] = field(default_factory=Counter)
    retries: int = 0


@dataclass
class Run:
    server: Server
    setup: dict
    spec_data: dict
    respondents: list[Respondent]
    round_id: int = 0
    elapsed: float = 0.0  # answering and submitting, all respondents at once
    requests: int = 0
    results: dict | None = None
    kills: list[int] = field(default_factory=list)

    @property
    def statuses(self) -> Counter[int]:
        total: Counter[int] = Counter()
        for respondent in self.respondents:
            total.update(respondent.statuses)
        return total


def _with_retries(respondent: Respondent, call: Callable[[], tuple[int, Any]]) -> tuple[int, Any]:
    for attempt in range(30):
        try:
            status, body = call()
        except BROKEN:
            respondent.retries += 1
            time.sleep(0.1 * (attempt + 1))
            continue
        respondent.statuses[status] += 1
        return status, body
    raise RuntimeError("the server stayed unreachable")


def _answer(run: Run, respondent: Respondent, on_submit: Callable[[], None]) -> None:
    base = run.server.url
    for link_id, answers in respondent.answers.items():
        body = {"links": {str(link_id): {"answers": answers, "comment": respondent.comment}}}
        status, _ = _with_retries(
            respondent,
            lambda body=body: request(
                base, "PUT", f"/api/v1/respond/{respondent.secret}/answers", body
            ),
        )
        assert status == 200, status
    retried = respondent.retries
    status, _ = _with_retries(
        respondent, lambda: request(base, "POST", f"/api/v1/respond/{respondent.secret}/submit")
    )
    if status == 410 and respondent.retries > retried:
        respondent.confirmed_by_410 = True  # committed; only the first answer was lost
    elif status != 204:
        raise AssertionError(f"submit answered {status}")
    respondent.submitted = True
    on_submit()


def make_answers(spec_data: dict, rng: random.Random) -> dict[int, dict[str, int | None]]:
    low, high = spec_data["scale"]["min"], spec_data["scale"]["max"]
    answers = {}
    for link in spec_data["links"]:
        answers[link["id"]] = {
            statement["id"]: None if rng.random() < 0.05 else rng.randint(low, high)
            for statement in link["statements"]
        }
    return answers


def run(
    server: Server,
    respondents: int = 100,
    *,
    seed: int = 9,
    kill_after: int | None = None,
) -> Run:
    """Set up a round and let ``respondents`` answer it at once (see the module).

    With ``kill_after``, one gunicorn worker is killed with SIGKILL once that many
    respondents have submitted (the master starts a new one)."""
    setup = json.loads(
        _python(server.env, "from benchmarks.load import _setup_main; _setup_main()")
    )
    collaboration = setup["collaboration"]
    base = server.url
    status, spec = request(base, "GET", "/api/v1/frameworks/ritsen-9/1", token=setup["facilitator"])
    assert status == 200, (status, spec)
    spec_data = spec["data"]
    status, round_ = request(
        base, "POST", f"/api/v1/collaborations/{collaboration}/rounds",
        {"title": "Belastingproef"}, token=setup["facilitator"],
    )  # fmt: skip
    assert status == 201, (status, round_)
    rng = random.Random(seed)
    people: list[Respondent] = []
    half = respondents // 2
    for index, party in enumerate(setup["parties"]):
        count = half if index == 0 else respondents - half
        status, links = request(
            base,
            "POST",
            f"/api/v1/collaborations/{collaboration}/rounds/{round_['id']}/parties/{party['id']}/links",
            {"count": count},
            token=party["token"],
        )
        assert status == 201, (status, links)
        people += [
            Respondent(
                party=party["id"],
                ticket=link["secret"],
                answers=make_answers(spec_data, rng),
                comment=f"opmerking {party['id']}-{link['number']}",
            )
            for link in links
        ]
    outcome = Run(server=server, setup=setup, spec_data=spec_data, respondents=people)
    outcome.round_id = round_["id"]

    # Everyone claims their link first (a claim's secret is shown once: it is not
    # retried), then all answer and submit at the same moment.
    for person in people:
        status, claimed = request(base, "POST", f"/api/v1/respond/{person.ticket}/claim")
        assert status == 201, (status, claimed)
        person.secret = claimed["secret"]
    submitted = 0
    lock = threading.Lock()
    killed = threading.Event()

    def on_submit() -> None:
        nonlocal submitted
        with lock:
            submitted += 1
            due = kill_after is not None and submitted >= kill_after and not killed.is_set()
            if due:
                killed.set()
        if due:
            victim = server.workers()[0]
            os.kill(victim, signal.SIGKILL)
            outcome.kills.append(victim)

    start = threading.Barrier(len(people) + 1)

    def one(person: Respondent) -> None:
        start.wait()
        _answer(outcome, person, on_submit)

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        futures = [pool.submit(one, person) for person in people]
        start.wait()
        began = time.perf_counter()
        for future in futures:
            future.result()
        outcome.elapsed = time.perf_counter() - began
    outcome.requests = sum(sum(p.statuses.values()) for p in people)

    # Close, release for both parties, read what is shared.
    prefix = f"/api/v1/collaborations/{collaboration}/rounds/{round_['id']}"
    status, _ = request(base, "POST", prefix + "/close", token=setup["facilitator"])
    assert status == 200, status
    for party in setup["parties"]:
        status, body = request(
            base, "POST", f"{prefix}/parties/{party['id']}/release", token=party["token"]
        )
        assert status == 200, (status, body)
    status, outcome.results = request(base, "GET", prefix + "/results", token=setup["facilitator"])
    assert status == 200, status
    return outcome


def healthz_rate(server: Server, *, clients: int = 100, each: int = 12) -> float:
    """Requests per second of ``GET /healthz`` with ``clients`` at once (the yardstick)."""
    start = threading.Barrier(clients + 1)

    def one() -> None:
        start.wait()
        for _ in range(each):
            status, _ = request(server.url, "GET", "/healthz")
            assert status == 200

    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(one) for _ in range(clients)]
        start.wait()
        began = time.perf_counter()
        for future in futures:
            future.result()
        return clients * each / (time.perf_counter() - began)


# --- what must hold -----------------------------------------------------------------


def stored_counts(server: Server) -> dict[int, tuple[int, int]]:
    """Per party: the responses stored and how many of them are submitted."""
    counts = json.loads(
        _python(server.env, "from benchmarks.load import _count_main; _count_main()")
    )
    return {int(party): (rows, submitted) for party, (rows, submitted) in counts.items()}


def check(outcome: Run) -> list[str]:
    """What differs between what was sent and what the server holds (empty: nothing)."""
    from ritsen.frameworks.spec import FrameworkSpec
    from ritsen.results.scoring import score

    problems = []
    if outcome.statuses.get(500, 0) or any(s >= 500 for s in outcome.statuses):
        problems.append(f"server errors: {dict(outcome.statuses)}")
    sent: dict[int, dict[str, dict]] = {}
    for index, person in enumerate(outcome.respondents):
        if not person.submitted:
            problems.append(f"respondent {index} did not get to submit")
        merged = {sid: value for link in person.answers.values() for sid, value in link.items()}
        sent.setdefault(person.party, {})[str(index)] = merged
    counts = stored_counts(outcome.server)
    for party, answers in sent.items():
        rows, submitted = counts.get(party, (0, 0))
        if rows != len(answers):
            problems.append(f"party {party}: {rows} responses stored, {len(answers)} sent")
        if submitted != len(answers):
            problems.append(f"party {party}: {submitted} submitted, {len(answers)} sent")
    spec = FrameworkSpec.from_dict(outcome.spec_data)
    parties = [party["id"] for party in outcome.setup["parties"]]
    offline = score(spec, sent, parties=parties)
    results = outcome.results or {}
    if results.get("zipper", {}).get("state") != str(offline.zipper.state):
        problems.append(f"zipper {results.get('zipper')} offline {offline.zipper.state}")
    if results.get("agenda") != list(offline.agenda):
        problems.append(f"agenda {results.get('agenda')} offline {list(offline.agenda)}")
    for link in results.get("links", []):
        expected = offline.link(link["id"])
        if link["state"] != str(expected.state):
            problems.append(f"link {link['id']}: {link['state']} offline {expected.state}")
        for cell in link["parties"]:
            mine = expected.parties[cell["party_id"]]
            mean = None if mine.mean_rounded is None else float(mine.mean_rounded)
            if (cell["mean"], cell["n"]) != (mean, mine.n):
                problems.append(
                    f"link {link['id']} party {cell['party_id']}: {cell['mean']} (n={cell['n']})"
                    f", offline {mean} (n={mine.n})"
                )
    return problems
