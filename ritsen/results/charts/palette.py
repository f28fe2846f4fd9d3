"""The charts' colours and party styles — the same values as the CSS custom properties.

Colours are written into the SVG as presentation attributes (``fill="#1e7a3c"``), not
taken from CSS, so the same markup renders standalone in a PDF. ``ritsen.css`` defines
the same colours as custom properties (``--state-strong`` …); a test keeps the two
equal.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StateColours:
    fill: str  # the block colour
    text: str  # text on the fill (AA)
    tint: str  # light background
    ink: str  # dark text on white or tint, and the border around a fill


STATE_COLOURS: dict[str, StateColours] = {
    "strong": StateColours("#1e7a3c", "#ffffff", "#e7f4ea", "#14532d"),
    "attention": StateColours("#f5b915", "#1b1b1b", "#fff4e0", "#7a4a00"),
    "misaligned": StateColours("#5b3f9e", "#ffffff", "#efeafa", "#3f2a78"),
    "weak": StateColours("#b3261e", "#ffffff", "#fdecea", "#8a1c15"),
    "missing": StateColours("#6b7280", "#ffffff", "#eef0f3", "#374151"),
}
#: The zipper's own states borrow the link colours: closed is strong, fragile needs
#: attention, jammed is weak.
ZIPPER_COLOURS: dict[str, StateColours] = {
    "closed": STATE_COLOURS["strong"],
    "fragile": STATE_COLOURS["attention"],
    "jammed": STATE_COLOURS["weak"],
}
#: Icon shown with each state; see ``results/charts/icon.svg``.
STATE_ICONS = {
    "strong": "check",
    "attention": "exclamation",
    "misaligned": "arrows",
    "weak": "cross",
    "missing": "question",
    "closed": "check",
    "fragile": "exclamation",
    "jammed": "cross",
}

TEXT = "#1b1b1b"
TEXT_MUTED = "#4b5563"
LINK = "#0b4f8a"
BORDER = "#d0d5dc"
BORDER_STRONG = "#5b6472"
SUBTLE = "#f3f5f8"

#: Party accents, all at least 6:1 on white (``--party-N-color``).
PARTY_COLOURS = ("#0b4f8a", "#8a3b0b", "#0f6e6e", "#6a2c8a", "#374151", "#1e7a3c")
#: Stroke patterns and point markers per party, so lines differ in greyscale too.
PARTY_DASHES = ("", "8 4", "2 3", "10 3 2 3", "5 5", "12 3 3 3 3 3")
PARTY_MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "cross")


@dataclass(frozen=True)
class PartyStyle:
    index: int  # 1-based, as in the .party-N classes
    colour: str
    dash: str
    marker: str


def party_style(index: int) -> PartyStyle:
    """The look of the ``index``-th party (0-based); it repeats after six parties."""
    i = index % len(PARTY_COLOURS)
    return PartyStyle(
        index=i + 1, colour=PARTY_COLOURS[i], dash=PARTY_DASHES[i], marker=PARTY_MARKERS[i]
    )


FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, "
    "'DejaVu Sans', sans-serif"
)
#: The interface colours every chart template uses.
UI_COLOURS = {
    "text": TEXT,
    "muted": TEXT_MUTED,
    "link": LINK,
    "border": BORDER,
    "border_strong": BORDER_STRONG,
    "subtle": SUBTLE,
}
