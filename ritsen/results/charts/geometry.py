"""Where everything goes in the charts: scales, bars, the radar, the zipper's teeth (pure).

Plain values in, coordinates out: nothing here touches the ORM, templates or
translations, so the layout rules are tested on their own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

Number = int | float | Decimal | Fraction

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
