"""Geometry for the server-rendered SVG charts (pure: plain values in, coordinates out).

The template tags in :mod:`ritsen.results.templatetags.charts` turn results into plain
numbers and strings, ask this module where everything goes, and hand the answer to the
templates in ``results/charts/``. Nothing here touches the ORM, templates or
translations, so the layout rules are tested on their own.

Colours are written into the SVG as presentation attributes (``fill="#1e7a3c"``), not
taken from CSS custom properties, so the same markup renders standalone in a PDF. They
repeat the values of ``ritsen.css`` (zipper states and party accents); keep them in step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

Number = int | float | Decimal | Fraction

# --- colours (same values as ritsen.css) ----------------------------------------------


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


# --- text -----------------------------------------------------------------------------

# Advance widths (in hundredths of an em) of DejaVu Sans, measured in Chromium. It is the
# widest of the fonts in the charts' font stack (and WeasyPrint's usual fallback), so
# boxes sized with it are large enough for the narrower system fonts too.
_REGULAR_GROUPS = {
    27: "'", 28: "ijlïí", 29: "IJ", 32: " ,.’·", 34: "/:;\\|", 35: "f", 36: "-",
    39: "()[]t", 40: "!", 41: "r", 46: '"', 50: "*_`–", 52: "sz", 53: "?", 55: "cç",
    56: "L", 58: "Fk", 59: "vxy", 60: "P", 61: "TYaoöóàáä", 62: "eéëèê",
    63: "ESbdghnpquüúñ", 64: "$0123456789{}", 66: "K", 68: "AV", 69: "BRXZ", 70: "C",
    73: "U", 75: "HN", 77: "DG", 78: "&", 79: "OQ", 82: "w", 84: "#+<=>^~≥≤±", 86: "M",
    95: "%", 97: "m", 99: "W", 100: "@—…",
}  # fmt: skip
_BOLD_GROUPS = {
    31: "'", 34: "ijlïí", 35: " ", 37: "/IJ\\|", 38: ",.’·", 40: ":;", 42: "-", 44: "f",
    46: "!()[]", 48: "t", 49: "r", 50: "_`–", 52: '"*', 58: "?z", 59: "cç", 60: "s",
    64: "L", 65: "vxy", 67: "akàáä", 68: "EFTeéëèê", 69: "oöó", 70: "$0123456789",
    71: "hnu{}üúñ", 72: "SYbdgpq", 73: "CPZ", 76: "B", 77: "AKRVX", 81: "U", 82: "G",
    83: "D", 84: "#+<=>HN^~≥≤±", 85: "OQ", 87: "&", 92: "w", 100: "%@M—…", 104: "m",
    110: "W",
}  # fmt: skip
_REGULAR = {char: width / 100 for width, chars in _REGULAR_GROUPS.items() for char in chars}
_BOLD = {char: width / 100 for width, chars in _BOLD_GROUPS.items() for char in chars}


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` at font size ``size`` (SVG cannot measure)."""
    table = _BOLD if bold else _REGULAR
    fallback = 0.75 if bold else 0.7  # characters outside the table: assume wide
    return sum(table.get(char, fallback) for char in text) * size


def wrap_text(
    text: str, max_width: float, size: float, *, bold: bool = False, max_lines: int | None = None
) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width`` (at spaces and after hyphens).

    A single word wider than the line keeps its own line. With ``max_lines`` the last
    line is shortened with an ellipsis when the text does not fit.
    """
    # (word, glue before it): a hyphen inside a word allows a break without a space.
    words: list[tuple[str, str]] = []
    for part in text.split():
        pieces = part.split("-")
        for i, piece in enumerate(pieces):
            word = piece + ("-" if i < len(pieces) - 1 else "")
            if word:
                words.append((word, " " if i == 0 else ""))
    lines: list[str] = []
    current = ""
    for word, glue in words:
        candidate = current + (glue if current else "") + word
        if current and text_width(candidate, size, bold=bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        while last and text_width(last + "…", size, bold=bold) > max_width:
            last = last[:-1].rstrip()
        kept[-1] = last + "…"
        return kept
    return lines or [""]


# --- scales ---------------------------------------------------------------------------


def scale_position(value: Number, lo: Number, hi: Number, start: float, length: float) -> float:
    """Where ``value`` on the scale ``lo..hi`` falls on an axis from ``start``."""
    share = (Fraction(value) - Fraction(lo)) / (Fraction(hi) - Fraction(lo))
    return start + float(share) * length


def clamp(value: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, value))


@dataclass(frozen=True)
class Tick:
    value: int
    position: float


def integer_ticks(lo: int, hi: int, start: float, length: float) -> list[Tick]:
    """One tick per whole scale point (at most about ten, otherwise every n-th point)."""
    step = max(1, math.ceil((hi - lo) / 10))
    return [Tick(v, scale_position(v, lo, hi, start, length)) for v in range(lo, hi + 1, step)]


# --- horizontal bars ------------------------------------------------------------------


@dataclass(frozen=True)
class Whisker:
    x1: float
    x2: float
    # True when mean ± sd ran past the scale and the whisker was cut at its end.
    clipped_low: bool
    clipped_high: bool


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    whisker: Whisker | None

    @property
    def end(self) -> float:
        return self.x + self.width

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def bar(
    value: Number,
    lo: Number,
    hi: Number,
    *,
    x: float,
    y: float,
    length: float,
    height: float,
    spread: Number | None = None,
) -> Bar:
    """A bar from the scale's start ``lo`` to ``value`` on an axis of ``length``.

    With ``spread`` (a standard deviation) the whisker spans ``value ± spread``, cut at
    the ends of the scale. Values outside the scale are clamped to it.
    """
    lo_f, hi_f = Fraction(lo), Fraction(hi)
    v = min(max(Fraction(value), lo_f), hi_f)
    end = scale_position(v, lo_f, hi_f, x, length)
    whisker = None
    if spread is not None:
        low, high = v - Fraction(spread), v + Fraction(spread)
        whisker = Whisker(
            x1=scale_position(max(low, lo_f), lo_f, hi_f, x, length),
            x2=scale_position(min(high, hi_f), lo_f, hi_f, x, length),
            clipped_low=low < lo_f,
            clipped_high=high > hi_f,
        )
    return Bar(x=x, y=y, width=end - x, height=height, whisker=whisker)


# --- radar ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    x: float
    y: float


def radar_angle(index: int, count: int) -> float:
    """Angle of axis ``index`` of ``count`` in radians: the first points up, then clockwise."""
    return -math.pi / 2 + 2 * math.pi * index / count


def radar_point(
    index: int, count: int, value: Number, lo: Number, hi: Number, centre: Point, radius: float
) -> Point:
    """The point for ``value`` on axis ``index``: ``lo`` at the centre, ``hi`` on the rim."""
    r = scale_position(value, lo, hi, 0.0, radius)
    angle = radar_angle(index, count)
    return Point(centre.x + r * math.cos(angle), centre.y + r * math.sin(angle))


def radar_runs(points: Sequence[Point | None]) -> tuple[bool, list[list[Point]]]:
    """Split a party's points into runs of neighbouring available points.

    Returns ``(closed, runs)``: ``closed`` when every point is available (draw one
    polygon); otherwise each run is drawn as an open line, so a withheld value leaves a
    visible gap instead of a misleading shortcut. Runs wrap around the last axis.
    """
    if points and all(p is not None for p in points):
        return True, [list(points)]  # type: ignore[arg-type]
    n = len(points)
    if not any(p is not None for p in points):
        return False, []
    # Start right after a gap, so a run that wraps around stays in one piece.
    start = next(i for i in range(n) if points[i] is None) + 1
    runs: list[list[Point]] = []
    current: list[Point] = []
    for k in range(n):
        p = points[(start + k) % n]
        if p is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(p)
    if current:
        runs.append(current)
    return False, runs


def _cmd(letter: str, *numbers: float) -> str:
    """One SVG path command with its numbers rounded to one decimal: ``L12.5 3``."""
    return letter + " ".join(f"{v:.1f}".removesuffix(".0") for v in numbers)


def marker_path(kind: str, at: Point, size: float = 4.5) -> str:
    """SVG path data of a point marker (see ``PARTY_MARKERS``) centred on ``at``."""
    x, y, s = at.x, at.y, size
    if kind == "square":
        s *= 0.85
        return (
            _cmd("M", x - s, y - s) + _cmd("h", 2 * s) + _cmd("v", 2 * s) + _cmd("h", -2 * s) + "z"
        )
    if kind in ("triangle", "triangle-down"):
        d = 1 if kind == "triangle" else -1  # pointing up or down
        return (
            _cmd("M", x, y - d * s * 1.15)
            + _cmd("L", x + s, y + d * s * 0.75)
            + _cmd("L", x - s, y + d * s * 0.75)
            + "z"
        )
    if kind == "diamond":
        s *= 1.2
        return (
            _cmd("M", x, y - s)
            + _cmd("L", x + s, y)
            + _cmd("L", x, y + s)
            + _cmd("L", x - s, y)
            + "z"
        )
    if kind == "cross":
        return (
            _cmd("M", x - s, y - s)
            + _cmd("L", x + s, y + s)
            + _cmd("M", x + s, y - s)
            + _cmd("L", x - s, y + s)
        )
    # a circle, as two arcs, so that every marker is a <path>
    return (
        _cmd("M", x - s, y)
        + _cmd("a", s, s, 0, 1, 0, 2 * s, 0)
        + _cmd("a", s, s, 0, 1, 0, -2 * s, 0)
        + "z"
    )


def points_attr(points: Sequence[Point]) -> str:
    """The ``points`` attribute of a ``<polygon>`` / ``<polyline>``."""
    return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)


# --- zipper ---------------------------------------------------------------------------

TOOTH_W = 64  # body width of one tooth (one party column)
TOOTH_H = 30
HEAD_LEN = 12  # how far a tooth's head reaches into the neighbouring column
HEAD_INSET = 6  # the head is this much less tall than the body, top and bottom
TOOTH_R = 5
HALF_ROW = 35  # odd columns sit this much lower, so neighbouring teeth interlock
MIN_ROW_H = 70  # > HALF_ROW + TOOTH_H, leaving a gap between rows of teeth
TAPE_W = 10
PAD = 8


def tooth_path(
    x: float,
    y: float,
    *,
    width: float = TOOTH_W,
    height: float = TOOTH_H,
    head_left: bool = False,
    head_right: bool = False,
    head_len: float = HEAD_LEN,
    inset: float = HEAD_INSET,
    r: float = TOOTH_R,
) -> str:
    """Outline of one tooth: a rounded body with a rounded head on either side.

    The body spans ``x .. x + width``; a head sticks out ``head_len`` beyond it,
    ``inset`` narrower than the body at the top and the bottom.
    """
    hr = min(r, (height - 2 * inset) / 2)  # head corner radius
    left, right, top, bottom = x, x + width, y, y + height
    head_top, head_bottom = top + inset, bottom - inset
    d = [_cmd("M", left + r, top), _cmd("H", right - r), _cmd("Q", right, top, right, top + r)]
    if head_right:
        tip = right + head_len
        d += [
            _cmd("V", head_top),
            _cmd("H", tip - hr),
            _cmd("Q", tip, head_top, tip, head_top + hr),
            _cmd("V", head_bottom - hr),
            _cmd("Q", tip, head_bottom, tip - hr, head_bottom),
            _cmd("H", right),
        ]
    d += [
        _cmd("V", bottom - r),
        _cmd("Q", right, bottom, right - r, bottom),
        _cmd("H", left + r),
        _cmd("Q", left, bottom, left, bottom - r),
    ]
    if head_left:
        tip = left - head_len
        d += [
            _cmd("V", head_bottom),
            _cmd("H", tip + hr),
            _cmd("Q", tip, head_bottom, tip, head_bottom - hr),
            _cmd("V", head_top + hr),
            _cmd("Q", tip, head_top, tip + hr, head_top),
            _cmd("H", left),
        ]
    d += [_cmd("V", top + r), _cmd("Q", left, top, left + r, top), "Z"]
    return "".join(d)


@dataclass(frozen=True)
class Tooth:
    column: int
    x: float
    y: float
    width: float
    height: float
    path: str

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class ZipperRow:
    index: int
    top: float
    height: float
    teeth: tuple[Tooth, ...]  # one per party column
    label_top: float  # top of the text block beside the teeth

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class ZipperColumn:
    x: float
    cx: float
    width: float


@dataclass(frozen=True)
class ZipperLayout:
    width: float
    height: float
    columns: tuple[ZipperColumn, ...]
    rows: tuple[ZipperRow, ...]
    teeth_top: float
    teeth_bottom: float
    tapes: tuple[tuple[float, float], ...]  # (x, width) of the fabric on the outer sides
    label_x: float
    label_width: float


def zipper_layout(
    label_heights: Sequence[float],
    parties: int,
    *,
    top: float,
    label_width: float,
    label_gap: float = 14,
) -> ZipperLayout:
    """Place the teeth of ``parties`` columns and one row per link.

    ``label_heights`` are the heights of the text blocks beside each row; a row grows to
    fit its block. Column ``j`` holds party ``j``'s teeth; odd columns sit half a row
    lower and every tooth has a head reaching into its neighbour's gaps, so the columns
    interlock like the two sides of a zipper (a chain, for three or more parties).
    """
    if parties < 0:
        raise ValueError("the number of parties cannot be negative")
    columns = tuple(
        ZipperColumn(x=x, cx=x + TOOTH_W / 2, width=TOOTH_W)
        for x in (PAD + TAPE_W + j * TOOTH_W for j in range(parties))
    )
    teeth_right = PAD + TAPE_W + parties * TOOTH_W
    tapes = [(float(PAD), float(TAPE_W))]
    if parties > 1:
        tapes.append((float(teeth_right), float(TAPE_W)))
    label_x = teeth_right + (TAPE_W if parties > 1 else 0) + label_gap
    teeth_h = TOOTH_H + (HALF_ROW if parties > 1 else 0)
    rows = []
    y = top
    for i, label_h in enumerate(label_heights):
        row_h = max(MIN_ROW_H if parties > 1 else TOOTH_H + 12, label_h + 8)
        teeth_y = y + (row_h - teeth_h) / 2
        teeth = []
        for j, col in enumerate(columns):
            ty = teeth_y + (HALF_ROW if j % 2 else 0)
            teeth.append(
                Tooth(
                    column=j,
                    x=col.x,
                    y=ty,
                    width=TOOTH_W,
                    height=TOOTH_H,
                    path=tooth_path(col.x, ty, head_left=j > 0, head_right=j < parties - 1),
                )
            )
        rows.append(
            ZipperRow(
                index=i,
                top=y,
                height=row_h,
                teeth=tuple(teeth),
                label_top=y + (row_h - label_h) / 2,
            )
        )
        y += row_h
    return ZipperLayout(
        width=label_x + label_width + PAD,
        height=y + PAD,
        columns=columns,
        rows=tuple(rows),
        teeth_top=top,
        teeth_bottom=y,
        tapes=tuple(tapes),
        label_x=label_x,
        label_width=label_width,
    )
