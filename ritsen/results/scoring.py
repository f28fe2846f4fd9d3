"""The results engine: turn answers into link and zipper states (pure, no ORM).

Everything here works on plain Python values and a :class:`FrameworkSpec`, so the web
views, the API, reports and the offline ``ritsen score`` command share one set of rules.

Input shape (``answers``)::

    {party: {respondent: {statement_id: score_or_None}}}

* ``score`` is a plain ``int`` on the framework's scale, as the respondent answered it
  (reverse statements are *not* pre-flipped by the caller).
* ``None`` means "don't know" or left blank; it is not an answer. A statement missing
  from a respondent's mapping is simply not answered. Answers to statement ids that
  are not in the framework are ignored (the caller validates its input).
* A respondent key only needs to be unique within its party.

The rules, per link L and party P:

* A reverse statement's score ``v`` counts as ``scale_min + scale_max - v``.
* A respondent's link score is the mean of their answers to L's statements; it is
  defined only if they answered at least ``ceil(min_answered * len(L.statements))``
  of them (and at least one).
* A respondent *counts* for L when their link score is defined. The party's link
  mean is the mean of the link scores of the respondents who count; ``n`` is how many
  there are; the spread is the sample variance / standard deviation (none when
  ``n < 2``). With ``n < min_respondents`` the group is withheld: no mean, no spread,
  and ``n`` is reported as 0 — the exact size of a small group is never given — and
  the party counts as missing for L.
* Anonymity (:func:`respondent_sets`, :func:`anonymise`): for every (party, link)
  only the respondents who count contribute anything — to the mean and spread, the
  statement figures, "don't know" counts, comments and exported rows — and a group
  below ``min_respondents`` contributes nothing at all. Scoring anonymised answers
  gives exactly the same result as scoring the raw ones.
* The link's gap is the highest party mean minus the lowest (none if a party is
  missing). The link state, first match wins: missing (a party withheld, or no
  parties), weak (lowest mean < ``weak``), misaligned (gap >= ``gap``), attention
  (lowest mean < ``strong``), strong.
* The zipper is jammed if any link is missing or weak, else fragile if any link is
  misaligned or needs attention, else closed.

All classification uses exact :class:`~fractions.Fraction` values: a mean of exactly
4 is strong, a gap of exactly 1 is misaligned. Rounding (half up, 2 decimals) is for
display and export only; see :func:`round_half_up` and :func:`round_half_up_decimal`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeAlias

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ritsen.frameworks.spec import FrameworkSpec

# Any hashable value (a party id, a name from a CSV file); ``Any`` because mappings are
# invariant in their key type, and callers have ``dict[int, …]`` or ``dict[str, …]``.
PartyKey: TypeAlias = Any
RespondentKey: TypeAlias = Any
#: One respondent's answers: statement id -> score (``None`` = don't know / blank).
RespondentAnswers: TypeAlias = Mapping[str, "int | None"]
#: ``{party: {respondent: {statement_id: score_or_None}}}``.
Answers: TypeAlias = Mapping[PartyKey, Mapping[RespondentKey, RespondentAnswers]]

__all__ = [
    "Answers",
    "RespondentSets",
    "LinkResult",
    "LinkState",
    "PartyLinkResult",
    "RoundResult",
    "StatementStats",
    "ZipperResult",
    "ZipperState",
    "anonymise",
    "respondent_sets",
    "round_half_up",
    "round_half_up_decimal",
    "score",
    "sqrt_half_up_decimal",
    "statement_stats",
]

#: ``{party: {link_id: respondents who count for it}}`` — empty for a group below the
#: anonymity threshold (see :func:`respondent_sets`).
RespondentSets: TypeAlias = dict[PartyKey, dict[int, frozenset]]


class LinkState(StrEnum):
    """State of one link, from most to least urgent."""

    MISSING = "missing"
    WEAK = "weak"
    MISALIGNED = "misaligned"
    ATTENTION = "attention"
    STRONG = "strong"

    @property
    def label(self) -> Promise:
        return _LINK_STATE_LABELS[self]

    @property
    def rank(self) -> int:
        """0 for the most urgent state (missing) up to 4 (strong)."""
        return _LINK_STATE_RANK[self]

    @property
    def jams(self) -> bool:
        """Whether a link in this state jams the zipper: weak or missing (the weakest
        link, not the average, decides)."""
        return self in JAMMING


_LINK_STATE_RANK = {state: i for i, state in enumerate(LinkState)}
#: The link states that jam the zipper (as stored strings too: a StrEnum).
JAMMING = frozenset({LinkState.MISSING, LinkState.WEAK})
_LINK_STATE_LABELS = {
    LinkState.MISSING: _("missing"),
    LinkState.WEAK: _("weak"),
    LinkState.MISALIGNED: _("misaligned"),
    LinkState.ATTENTION: _("attention"),
    LinkState.STRONG: _("strong"),
}


class ZipperState(StrEnum):
    """State of the whole zipper: the weakest link decides."""

    CLOSED = "closed"
    FRAGILE = "fragile"
    JAMMED = "jammed"

    @property
    def label(self) -> Promise:
        return _ZIPPER_STATE_LABELS[self]


_ZIPPER_STATE_LABELS = {
    ZipperState.CLOSED: _("closed"),
    ZipperState.FRAGILE: _("fragile"),
    ZipperState.JAMMED: _("jammed"),
}


# --- rounding (display and export only) -----------------------------------------------


def round_half_up_decimal(
    value: Fraction | Decimal | int | None, places: int = 2
) -> Decimal | None:
    """Round an exact value half up (away from zero) to ``places`` decimals.

    Works on the exact rational value, so ``Fraction(1, 200)`` gives ``Decimal("0.01")``
    and ``Fraction(2, 3)`` gives ``Decimal("0.67")``. ``None`` stays ``None``.
    """
    if value is None:
        return None
    frac = Fraction(value)
    scale = 10**places
    num = abs(frac.numerator) * scale
    den = frac.denominator
    rounded = (2 * num + den) // (2 * den)  # floor(x + 1/2) for x >= 0
    if frac < 0:
        rounded = -rounded
    return Decimal(rounded).scaleb(-places)


def round_half_up(value: Fraction | Decimal | int | None, places: int = 2) -> float | None:
    """Like :func:`round_half_up_decimal`, as a float for JSON (``None`` stays ``None``)."""
    rounded = round_half_up_decimal(value, places)
    return None if rounded is None else float(rounded)


def sqrt_half_up_decimal(value: Fraction | None, places: int = 2) -> Decimal | None:
    """The square root of a non-negative exact value, rounded half up to ``places``.

    Computed with integer arithmetic only, so the rounding is exact even when the root
    is irrational: the result is the largest ``m / 10**places`` with
    ``(m - 1/2) <= sqrt(value) * 10**places``.
    """
    if value is None:
        return None
    frac = Fraction(value)
    if frac < 0:
        raise ValueError("cannot take the square root of a negative value")
    scale2 = 4 * 10 ** (2 * places)
    # With x = 4 * value * 10**(2 places) we want the largest m with 2m - 1 <= sqrt(x),
    # i.e. 2m - 1 <= floor(sqrt(x)) = isqrt(floor(x)).
    root = math.isqrt(frac.numerator * scale2 // frac.denominator)
    m = (root + 1) // 2
    return Decimal(m).scaleb(-places)


# --- results --------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyLinkResult:
    """One party's result on one link.

    ``mean`` and ``variance`` are exact; both are ``None`` when ``withheld`` (fewer
    than ``min_respondents`` respondents with a defined link score), and then ``n`` is
    0: how small a withheld group is, is never told. ``variance`` is the sample
    variance and is also ``None`` when ``n < 2``.
    """

    mean: Fraction | None
    n: int
    variance: Fraction | None
    withheld: bool

    @property
    def sd(self) -> Decimal | None:
        """Sample standard deviation, rounded half up to 2 decimals (display only)."""
        return sqrt_half_up_decimal(self.variance)

    @property
    def mean_rounded(self) -> Decimal | None:
        """The mean rounded half up to 2 decimals (display only)."""
        return round_half_up_decimal(self.mean)

    def to_json_dict(self) -> dict[str, Any]:
        sd = self.sd
        return {
            "mean": round_half_up(self.mean),
            "n": None if self.withheld else self.n,
            "sd": None if sd is None else float(sd),
        }


@dataclass(frozen=True)
class LinkResult:
    """The result of one link across all parties (``parties`` in round order)."""

    link_id: int
    key: str
    parties: dict[PartyKey, PartyLinkResult]
    gap: Fraction | None
    state: LinkState
    # Lowest mean among the parties whose mean is not withheld (None if there is none).
    # For a missing link this is informative only; it orders missing links in the agenda.
    lowest_mean: Fraction | None

    @property
    def gap_rounded(self) -> Decimal | None:
        return round_half_up_decimal(self.gap)

    @property
    def lowest_mean_rounded(self) -> Decimal | None:
        return round_half_up_decimal(self.lowest_mean)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "id": self.link_id,
            "key": self.key,
            "parties": {str(p): r.to_json_dict() for p, r in self.parties.items()},
            "gap": round_half_up(self.gap),
            "state": str(self.state),
        }


@dataclass(frozen=True)
class ZipperResult:
    """The zipper as a whole.

    ``weakest_link`` is the id of the link with the lowest party mean among links
    where no party is missing (ties: lowest id; ``None`` if there is none).
    ``jams_at`` are the ids of the missing and weak links, ascending.
    """

    state: ZipperState
    weakest_link: int | None
    jams_at: tuple[int, ...]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "state": str(self.state),
            "weakest_link": self.weakest_link,
            "jams_at": list(self.jams_at),
        }


@dataclass(frozen=True)
class RoundResult:
    """Scores of one assessment round.

    ``links`` follow the framework order; ``agenda`` lists link ids from the most to
    the least urgent: by state (missing, weak, misaligned, attention, strong), then
    gap descending, then lowest party mean ascending (``None`` last for both), then
    link id.
    """

    parties: tuple[PartyKey, ...]
    links: tuple[LinkResult, ...]
    zipper: ZipperResult
    agenda: tuple[int, ...]

    def link(self, link_id: int) -> LinkResult:
        for link in self.links:
            if link.link_id == link_id:
                return link
        raise KeyError(link_id)

    def to_json_dict(self, framework: FrameworkSpec) -> dict[str, Any]:
        """The export shape of ``ritsen score`` (values rounded half up to 2 places)."""
        return {
            "framework": {"id": framework.id, "version": framework.version},
            "parties": [str(p) for p in self.parties],
            "links": [link.to_json_dict() for link in self.links],
            "zipper": self.zipper.to_json_dict(),
            "agenda": list(self.agenda),
        }


# --- scoring --------------------------------------------------------------------------


def _resolve_min_respondents(spec: FrameworkSpec, min_respondents: int | None) -> int:
    value = spec.thresholds.min_respondents if min_respondents is None else min_respondents
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"min_respondents must be an integer >= 1, not {value!r}")
    return value


def _resolve_parties(answers: Answers, parties: Sequence[PartyKey] | None) -> tuple:
    if parties is None:
        return tuple(answers)
    order = tuple(parties)
    if len(set(order)) != len(order):
        raise ValueError("parties contains duplicates")
    listed = set(order)
    unknown = [p for p in answers if p not in listed]
    if unknown:
        raise ValueError(f"answers for parties not listed in parties: {unknown!r}")
    return order


def _bad_score(spec: FrameworkSpec, statement_id: str, value: object) -> ValueError:
    return ValueError(
        f"score {value!r} for statement {statement_id!r} is not an integer "
        f"from {spec.scale_min} to {spec.scale_max}"
    )


@dataclass(frozen=True)
class _LinkPlan:
    index: int
    plain: tuple[str, ...]
    reverse: tuple[str, ...]
    needed: int


def _plans(spec: FrameworkSpec) -> list[_LinkPlan]:
    plans = []
    for index, link in enumerate(spec.links):
        count = len(link.statements)
        needed = max(1, math.ceil(spec.thresholds.min_answered * count))
        plans.append(
            _LinkPlan(
                index=index,
                plain=tuple(s.id for s in link.statements if not s.reverse),
                reverse=tuple(s.id for s in link.statements if s.reverse),
                needed=needed,
            )
        )
    return plans


def _link_total(
    spec: FrameworkSpec, plan: _LinkPlan, answers: RespondentAnswers
) -> tuple[int, int]:
    """One respondent's link score as ``(total, count)``: the sum of their answers to
    the link's statements (reverse ones flipped) and how many they answered. Their
    link score is defined — they *count* for the link — when ``count >= plan.needed``.
    """
    lo, hi = spec.scale_min, spec.scale_max
    get = answers.get
    total = 0
    count = 0
    for sid in plan.plain:
        v = get(sid)
        if v is not None:
            if type(v) is not int or v < lo or v > hi:
                raise _bad_score(spec, sid, v)
            total += v
            count += 1
    for sid in plan.reverse:
        v = get(sid)
        if v is not None:
            if type(v) is not int or v < lo or v > hi:
                raise _bad_score(spec, sid, v)
            total += lo + hi - v
            count += 1
    return total, count


def _party_link_results(
    spec: FrameworkSpec,
    plans: list[_LinkPlan],
    respondents: Iterable[RespondentAnswers],
    min_respondents: int,
) -> list[PartyLinkResult]:
    """One party's results for every link (framework order).

    Respondent link scores are ``total / count`` with small integer ``count``; instead
    of building a Fraction per respondent we keep, per link and per ``count``, the sum
    of totals and of squared totals, and combine them over a common denominator once.
    """
    # Per link: [n, {count: sum of totals}, {count: sum of squared totals}]
    n_per_link = [0] * len(plans)
    sums: list[dict[int, int]] = [{} for _ in plans]
    squares: list[dict[int, int]] = [{} for _ in plans]

    for answers in respondents:
        for plan in plans:
            total, count = _link_total(spec, plan, answers)
            if count >= plan.needed:
                i = plan.index
                n_per_link[i] += 1
                s = sums[i]
                s[count] = s.get(count, 0) + total
                q = squares[i]
                q[count] = q.get(count, 0) + total * total

    results = []
    for i in range(len(plans)):
        n = n_per_link[i]
        if n < min_respondents or n == 0:
            results.append(PartyLinkResult(mean=None, n=0, variance=None, withheld=True))
            continue
        denom = math.lcm(*sums[i])  # common denominator of all respondent scores
        sum_x = sum(total * (denom // c) for c, total in sums[i].items())  # Σx · denom
        sum_x2 = sum(sq * (denom // c) ** 2 for c, sq in squares[i].items())  # Σx² · denom²
        mean = Fraction(sum_x, denom * n)
        variance = (
            Fraction(n * sum_x2 - sum_x * sum_x, denom * denom * n * (n - 1)) if n >= 2 else None
        )
        results.append(PartyLinkResult(mean=mean, n=n, variance=variance, withheld=False))
    return results


def score_band(mean: Fraction | None, strong: Fraction, weak: Fraction) -> LinkState:
    """Where one mean lies against the thresholds: weak, attention or strong (missing
    without a mean). A link's state starts from its lowest mean's band; the zipper
    colours each party's tooth by that party's own band."""
    if mean is None:
        return LinkState.MISSING
    if mean < weak:
        return LinkState.WEAK
    if mean < strong:
        return LinkState.ATTENTION
    return LinkState.STRONG


def _link_state(
    means: list[Fraction | None], strong: Fraction, weak: Fraction, gap_threshold: Fraction
) -> tuple[LinkState, Fraction | None]:
    """The link's state and gap from its party means (round order)."""
    known = [m for m in means if m is not None]
    if not means or len(known) != len(means):
        return LinkState.MISSING, None
    lowest = min(known)
    gap = max(known) - lowest
    band = score_band(lowest, strong, weak)
    if band == LinkState.WEAK:
        return LinkState.WEAK, gap
    if gap >= gap_threshold:
        return LinkState.MISALIGNED, gap
    return band, gap


def agenda_rule() -> str:
    """The agenda's order (:func:`_agenda_key`), in one sentence for its readers."""
    return gettext(
        "In this order: by state (%(states)s), then the larger the gap between the "
        "parties, the sooner, then the lower the lowest score, the sooner."
    ) % {"states": ", ".join(str(state.label) for state in LinkState)}


def _agenda_key(link: LinkResult) -> tuple:
    return (
        link.state.rank,
        link.gap is None,
        -(link.gap or 0),
        link.lowest_mean is None,
        link.lowest_mean or 0,
        link.link_id,
    )


def _zipper(links: Sequence[LinkResult]) -> ZipperResult:
    jams_at = tuple(sorted(link.link_id for link in links if link.state.jams))
    if jams_at:
        state = ZipperState.JAMMED
    elif any(link.state in (LinkState.MISALIGNED, LinkState.ATTENTION) for link in links):
        state = ZipperState.FRAGILE
    else:
        state = ZipperState.CLOSED
    candidates = [
        (link.lowest_mean, link.link_id)
        for link in links
        if link.state != LinkState.MISSING and link.lowest_mean is not None
    ]
    weakest = min(candidates)[1] if candidates else None
    return ZipperResult(state=state, weakest_link=weakest, jams_at=jams_at)


def score(
    spec: FrameworkSpec,
    answers: Answers,
    *,
    parties: Sequence[PartyKey] | None = None,
    min_respondents: int | None = None,
) -> RoundResult:
    """Score one round.

    ``parties`` gives the party order and may include parties without respondents
    (they are missing on every link); by default the order of ``answers`` is used.
    ``min_respondents`` overrides the framework's threshold (must be >= 1).

    Raises :class:`ValueError` for a score that is not a plain ``int`` on the scale,
    an invalid ``min_respondents``, or answers of a party not in ``parties``.
    """
    k = _resolve_min_respondents(spec, min_respondents)
    order = _resolve_parties(answers, parties)
    th = spec.thresholds
    strong, weak, gap_threshold = Fraction(th.strong), Fraction(th.weak), Fraction(th.gap)
    plans = _plans(spec)

    per_party = {
        party: _party_link_results(spec, plans, answers.get(party, {}).values(), k)
        for party in order
    }

    links = []
    for i, link in enumerate(spec.links):
        party_results = {party: per_party[party][i] for party in order}
        means = [r.mean for r in party_results.values()]
        state, gap = _link_state(means, strong, weak, gap_threshold)
        available = [m for m in means if m is not None]
        links.append(
            LinkResult(
                link_id=link.id,
                key=link.key,
                parties=party_results,
                gap=gap,
                state=state,
                lowest_mean=min(available) if available else None,
            )
        )

    agenda = tuple(link.link_id for link in sorted(links, key=_agenda_key))
    return RoundResult(parties=order, links=tuple(links), zipper=_zipper(links), agenda=agenda)


# --- anonymity: one respondent set per (party, link) ----------------------------------


def respondent_sets(
    spec: FrameworkSpec,
    answers: Answers,
    *,
    parties: Sequence[PartyKey] | None = None,
    min_respondents: int | None = None,
) -> RespondentSets:
    """Per party and link: the respondents who count for it (their link score is
    defined), or an empty set when fewer than ``min_respondents`` do.

    This is the one anonymity rule: only these respondents may contribute anything for
    that (party, link) — figures, "don't know" counts, comments, exported rows.
    """
    k = _resolve_min_respondents(spec, min_respondents)
    order = _resolve_parties(answers, parties)
    plans = [
        (link.id, plan.plain + plan.reverse, plan.needed)
        for link, plan in zip(spec.links, _plans(spec), strict=True)
    ]
    result: RespondentSets = {}
    for party in order:
        counted: dict[int, list] = {link_id: [] for link_id, _ids, _needed in plans}
        for key, one in answers.get(party, {}).items():
            get = one.get
            for link_id, ids, needed in plans:
                # Answered (not "don't know"): the count of _link_total, the same rule.
                if sum(1 for sid in ids if get(sid) is not None) >= needed:
                    counted[link_id].append(key)
        result[party] = {
            link_id: frozenset(keys) if len(keys) >= k else frozenset()
            for link_id, keys in counted.items()
        }
    return result


def anonymise(
    spec: FrameworkSpec,
    answers: Answers,
    *,
    parties: Sequence[PartyKey] | None = None,
    min_respondents: int | None = None,
    sets: RespondentSets | None = None,
) -> dict[PartyKey, dict[RespondentKey, dict[str, int | None]]]:
    """The answers that may be used anywhere: for every (party, link) only the answers
    of the respondents who count for it (:func:`respondent_sets`) to that link's
    statements. A respondent left without any answer is left out; answers to ids
    that are not in the framework are dropped. Every party in the order is kept, even
    with no respondents left.

    ``score(spec, anonymise(spec, a)) == score(spec, a)``, and statement figures,
    exports and comments built on the result cannot depend on anyone who does not
    count, or on a group below the threshold.
    """
    if sets is None:
        sets = respondent_sets(spec, answers, parties=parties, min_respondents=min_respondents)
    statements_of = {link.id: frozenset(s.id for s in link.statements) for link in spec.links}
    every_statement = frozenset().union(*statements_of.values())
    result: dict[PartyKey, dict[RespondentKey, dict[str, int | None]]] = {}
    for party, per_link in sets.items():
        given = answers.get(party, {})
        kept: dict[RespondentKey, dict[str, int | None]] = {}
        for key, one in given.items():
            links = [link_id for link_id, counted in per_link.items() if key in counted]
            if not links:
                continue
            allowed = (
                every_statement
                if len(links) == len(statements_of)
                else frozenset().union(*(statements_of[link_id] for link_id in links))
            )
            mine = {sid: value for sid, value in one.items() if sid in allowed}
            if mine:
                kept[key] = mine
        result[party] = kept
    return result


# --- per-statement statistics (detail view) -------------------------------------------


@dataclass(frozen=True)
class StatementStats:
    """Answers to one statement by one party, on the raw scale as answered.

    The mean is *not* reverse-adjusted: it shows what respondents actually ticked, so
    it reads naturally next to the statement text. ``n`` counts answers, ``dont_know``
    counts "don't know" / blank. With ``withheld`` the mean is ``None`` and ``n`` is 0
    (the exact number below the threshold is never told).
    """

    mean: Fraction | None
    n: int
    dont_know: int
    withheld: bool = False

    @property
    def mean_rounded(self) -> Decimal | None:
        return round_half_up_decimal(self.mean)


def statement_stats(
    spec: FrameworkSpec,
    answers: Answers,
    *,
    parties: Sequence[PartyKey] | None = None,
    min_respondents: int | None = None,
) -> dict[PartyKey, dict[str, StatementStats]]:
    """Per party and statement (framework order): raw mean, answer count, don't-knows.

    Suppression is the caller's choice: by default nothing is withheld. With
    ``min_respondents`` a statement's mean is withheld for a party when fewer than
    that many of the party's respondents answered it (its ``n`` is then 0; the
    "don't know" count stays). Pass answers from :func:`anonymise`, so that only the
    respondents who count for a link contribute to its statements.
    """
    if min_respondents is not None:
        _resolve_min_respondents(spec, min_respondents)
    order = _resolve_parties(answers, parties)
    lo, hi = spec.scale_min, spec.scale_max
    ids = [s.id for s in spec.statements]
    result: dict[PartyKey, dict[str, StatementStats]] = {}
    for party in order:
        totals = dict.fromkeys(ids, 0)
        counts = dict.fromkeys(ids, 0)
        unknown = dict.fromkeys(ids, 0)
        for respondent in answers.get(party, {}).values():
            for sid, v in respondent.items():
                if sid not in totals:
                    continue
                if v is None:
                    unknown[sid] += 1
                    continue
                if type(v) is not int or v < lo or v > hi:
                    raise _bad_score(spec, sid, v)
                totals[sid] += v
                counts[sid] += 1
        stats = {}
        for sid in ids:
            n = counts[sid]
            withheld = min_respondents is not None and n < min_respondents
            mean = Fraction(totals[sid], n) if n and not withheld else None
            stats[sid] = StatementStats(
                mean=mean, n=0 if withheld else n, dont_know=unknown[sid], withheld=withheld
            )
        result[party] = stats
    return result
