"""Small frameworks built directly from the spec dataclasses (no YAML, no database)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ritsen.frameworks.spec import FrameworkSpec, Link, Statement, Text, Thresholds


def text(value: str) -> Text:
    return Text(nl=value, en=value)


def make_spec(
    links: Sequence[Sequence[bool]] = ((False,),),
    *,
    scale: tuple[int, int] = (1, 5),
    strong: str = "4.0",
    weak: str = "3.0",
    gap: str = "1.0",
    min_respondents: int = 1,
    min_answered: str = "0.5",
    keys: Sequence[str] | None = None,
) -> FrameworkSpec:
    """A framework with one link per entry of ``links``.

    Each entry lists the statements' ``reverse`` flags; link ``i`` (1-based) gets the
    statements ``"i.1"``, ``"i.2"``, … and the key ``keys[i - 1]`` or ``"link_i"``.
    """
    return FrameworkSpec(
        id="test",
        version=1,
        name=text("Test"),
        scale_min=scale[0],
        scale_max=scale[1],
        thresholds=Thresholds(
            strong=Decimal(strong),
            weak=Decimal(weak),
            gap=Decimal(gap),
            min_respondents=min_respondents,
            min_answered=Decimal(min_answered),
        ),
        links=tuple(
            Link(
                id=i,
                key=keys[i - 1] if keys else f"link_{i}",
                name=text(f"Link {i}"),
                question=text(f"Question {i}?"),
                statements=tuple(
                    Statement(id=f"{i}.{j}", text=text(f"Statement {i}.{j}"), reverse=reverse)
                    for j, reverse in enumerate(flags, start=1)
                ),
            )
            for i, flags in enumerate(links, start=1)
        ),
    )


def one_link_answers(party_scores: dict[str, Sequence[int | None]]) -> dict:
    """Answers for a one-statement link ``1.1``: ``{party: [score per respondent]}``."""
    return {
        party: {f"r{i}": {"1.1": value} for i, value in enumerate(values)}
        for party, values in party_scores.items()
    }
