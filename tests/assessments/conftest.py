from dataclasses import dataclass

import pytest

from ritsen.assessments import services

# Distinctive comment texts so tests can look for leaks.
COMMENT_A = "Opmerking van de gemeente over de business case"
COMMENT_B = "Opmerking van de leverancier over de business case"


@dataclass
class Scan:
    round: object
    tokens_a: list
    tokens_b: list


def session_for(token: str):
    """The session a link opens (claiming it, if it is an anonymous link)."""
    entry = services.enter(token)
    assert entry is not None and entry.secret is not None, entry
    return services.open_session(entry.secret)


def answer_all(token: str, value: int, comment: str = "", submit: bool = True):
    """Answer every statement of the round with ``value`` (as meant: reverse flipped).
    ``token`` is a personal or anonymous link's; returns the session."""
    session = session_for(token)
    spec = session.round.framework.spec
    for link in spec.links:
        answers = {
            s.id: (spec.scale_min + spec.scale_max - value) if s.reverse else value
            for s in link.statements
        }
        services.save_link_answers(session, link.id, answers, comment if link.id == 1 else "")
    if submit:
        services.submit(session)
    return session


def make_scan(cast, *, respondents_a=3, respondents_b=3, value_a=4, value_b=2) -> Scan:
    round_ = services.open_round(access=cast.access(cast.facilitator), title="Nulmeting")
    tokens = {}
    for party, coordinator, count in (
        (cast.party_a, cast.coord_a, respondents_a),
        (cast.party_b, cast.coord_b, respondents_b),
    ):
        tokens[party.pk] = [
            link.token
            for link in services.generate_links(
                round_, party, count, access=cast.access(coordinator)
            )
        ]
    for token in tokens[cast.party_a.pk]:
        answer_all(token, value_a, COMMENT_A)
    for token in tokens[cast.party_b.pk]:
        answer_all(token, value_b, COMMENT_B)
    return Scan(round=round_, tokens_a=tokens[cast.party_a.pk], tokens_b=tokens[cast.party_b.pk])


@pytest.fixture
def scan(cast) -> Scan:
    """An open round in which 3 respondents of A (all 4s) and 3 of B (all 2s) submitted."""
    return make_scan(cast)


def close(cast, round_):
    services.close_round(round_, access=cast.access(cast.facilitator))
    round_.refresh_from_db()
    return round_


def release(cast, round_, *parties):
    """Release ``parties`` (default: both) with their coordinators."""
    coordinators = {cast.party_a.pk: cast.coord_a, cast.party_b.pk: cast.coord_b}
    for party in parties or (cast.party_a, cast.party_b):
        services.release(round_, party, access=cast.access(coordinators[party.pk]))
    round_.refresh_from_db()
    return round_


@pytest.fixture
def closed_scan(scan, cast) -> Scan:
    close(cast, scan.round)
    return scan


@pytest.fixture
def released_scan(closed_scan, cast) -> Scan:
    release(cast, closed_scan.round)
    return closed_scan
