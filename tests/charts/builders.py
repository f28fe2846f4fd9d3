"""Results-like objects for the chart tests: a tiny spec, fake parties, the real engine."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from ritsen.frameworks.spec import FrameworkSpec, Link, Statement, Text, Thresholds
from ritsen.results.scoring import score


def make_spec(names: list[str], *, min_respondents: int = 2) -> FrameworkSpec:
    """One statement (``"i.1"``) per link, scale 1–5, strong 4, weak 3, gap 1."""
    return FrameworkSpec(
        id="test",
        version=1,
        name=Text(nl="Test", en="Test"),
        scale_min=1,
        scale_max=5,
        thresholds=Thresholds(
            strong=Decimal("4"),
            weak=Decimal("3"),
            gap=Decimal("1"),
            min_respondents=min_respondents,
            min_answered=Decimal("0.5"),
        ),
        links=tuple(
            Link(
                id=i,
                key=f"link_{i}",
                name=Text(nl=name, en=name),
                question=Text(nl="Vraag?", en="Question?"),
                statements=(Statement(id=f"{i}.1", text=Text(nl="S", en="S")),),
            )
            for i, name in enumerate(names, start=1)
        ),
        scale_labels={
            1: Text(nl="Helemaal oneens", en="Strongly disagree"),
            5: Text(nl="Helemaal eens", en="Strongly agree"),
        },
    )


def make_results(spec: FrameworkSpec, scores: dict[str, list[list[int | None]]]):
    """``scores``: party name -> per link, the respondents' scores (``None`` = blank).

    Party ``i`` (1-based, in the order given) gets ``pk = i``.
    """
    parties = [SimpleNamespace(pk=i, name=name) for i, name in enumerate(scores, start=1)]
    answers = {}
    for party, per_link in zip(parties, scores.values(), strict=True):
        respondents: dict[str, dict[str, int | None]] = {}
        for link, values in zip(spec.links, per_link, strict=True):
            for r, value in enumerate(values):
                respondents.setdefault(f"r{r}", {})[f"{link.id}.1"] = value
        answers[party.pk] = respondents
    result = score(spec, answers, parties=[p.pk for p in parties])
    return SimpleNamespace(
        round=SimpleNamespace(collaboration_id=7, pk=8),
        spec=spec,
        parties=parties,
        result=result,
        details={},
    )


LINK_NAMES = ["Business case", "Culture", "Strategy", "Agreements & contracts", "Processes"]


def five_states():
    """Two parties, five links: strong, attention, misaligned, weak, missing (in order).

    Link 4 (weak, lowest mean 2.50) is the weakest link; on link 5 party A has one
    respondent only, below the anonymity threshold of two.
    """
    return make_results(
        make_spec(LINK_NAMES),
        {
            "Gemeente <Aa>": [[4, 5], [3, 4], [3, 4], [2, 3], [4, None]],
            "Leverancier Bee": [[4, 5], [4, 4], [5, 5], [3, 4], [4, 4]],
        },
    )
