"""The five link states with icon and label (and, for the zipper, the two marks)."""

from __future__ import annotations

from dataclasses import dataclass

from .frame import LEGEND_ORDER, StateView, state_view, withheld_text
from .palette import STATE_COLOURS, UI_COLOURS, StateColours


@dataclass(frozen=True)
class StateLegend:
    states: list[StateView]
    zipper: bool
    withheld_text: str
    missing: StateColours
    colours: dict[str, str]

    def context(self) -> dict:
        return dict(vars(self))


def build(zipper: bool = False) -> StateLegend:
    """With ``zipper`` it also explains the empty tooth of a withheld score and the
    outline of the weakest link."""
    return StateLegend(
        states=[state_view(state) for state in LEGEND_ORDER],
        zipper=zipper,
        withheld_text=withheld_text(),
        missing=STATE_COLOURS["missing"],
        colours=UI_COLOURS,
    )
