"""The processes register's page: each process as a swimlane diagram — one lane per
party, the steps in their order, the handovers between lanes labelled with what is
handed over — server-rendered SVG with the same content as an ordered list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ritsen.collaborations.access import Access
from ritsen.results.charts.frame import svg_frame
from ritsen.results.charts.palette import party_style

from . import selectors
from .registers.processes import PROCESSES, STEPS, handover_gaps, handovers

LABEL_W = 170  # the lanes' names
LANE_H = 76
BOX_W, BOX_H, GAP = 168, 46, 112  # the gap holds a handover's deliverable
TOP = 8
TITLE_CHARS = 21
LABEL_CHARS = 17


@dataclass
class Lane:
    name: str
    y: int
    colour: str
    text_y: int = 0


@dataclass
class Box:
    step: Any
    x: int
    y: int
    label: str  # "2. Intake" shortened to fit; the full text is in <title>
    handover_to: str = ""
    missing: list[str] = field(default_factory=list)


@dataclass
class Arrow:
    points: str
    handover: bool
    label: str = ""
    label_x: int = 0
    label_y: int = 0
    incomplete: bool = False


@dataclass
class Swimlane:
    process: Any
    chart: dict[str, Any]
    steps: list[Box]


def _short(text: str, size: int = TITLE_CHARS) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def swimlane(process: Any, steps: list[Any], parties: list[Any]) -> Swimlane:
    """The diagram of one process (``steps`` in their order)."""
    lanes_for = list(parties)
    if any(step.party_id is None for step in steps):
        lanes_for.append(None)
    lanes: dict[int | None, Lane] = {}
    for index, party in enumerate(lanes_for):
        y = TOP + index * LANE_H
        lanes[party.pk if party else None] = Lane(
            name=party.name if party else _("No party yet"),
            y=y,
            colour=party_style(index).colour if party else "#6b7280",
            text_y=y + LANE_H // 2 + 5,
        )
    names = {party.pk: party.name for party in parties}
    rows = [
        {"id": s.pk, "party": s.party_id, "number": s.number, "deliverable": s.deliverable}
        for s in steps
    ]
    handover_of = {row["id"]: to for row, to in handovers(rows)}
    boxes = []
    for index, step in enumerate(steps):
        lane = lanes[step.party_id]
        box = Box(
            step=step,
            x=LABEL_W + GAP // 2 + index * (BOX_W + GAP),
            y=lane.y + (LANE_H - BOX_H) // 2,
            label=_short(f"{step.number}. {step.title}"),
        )
        if step.pk in handover_of:
            box.handover_to = names.get(handover_of[step.pk], "")
            gaps = handover_gaps({"deliverable": step.deliverable, "criterion": step.criterion})
            box.missing = [str(text) for _name, text in gaps]
        boxes.append(box)
    arrows = []
    for box, following in zip(boxes, boxes[1:], strict=False):
        start_x, start_y = box.x + BOX_W, box.y + BOX_H // 2
        end_x, end_y = following.x, following.y + BOX_H // 2
        middle = start_x + GAP // 2
        arrows.append(
            Arrow(
                points=(
                    f"{start_x},{start_y} {middle},{start_y} {middle},{end_y} {end_x - 6},{end_y}"
                ),
                handover=bool(box.handover_to),
                label=_short(box.step.deliverable, LABEL_CHARS) if box.handover_to else "",
                label_x=middle,
                label_y=(start_y + end_y) // 2 + 4 if start_y != end_y else start_y - 8,
                incomplete=bool(box.missing),
            )
        )
    width = LABEL_W + max(1, len(boxes)) * (BOX_W + GAP)
    height = TOP * 2 + len(lanes) * LANE_H
    frame = svg_frame(
        "swimlane",
        width,
        height,
        _("Swimlane diagram of “%(process)s”") % {"process": process.name},
        _("One lane per party; the steps from left to right. The list below says the same."),
    )
    chart = {
        **{name: getattr(frame, name) for name in frame.__dataclass_fields__},
        "lanes": list(lanes.values()),
        "boxes": boxes,
        "arrows": arrows,
        "lane_w": width,
        "lane_h": LANE_H,
        "box_w": BOX_W,
        "box_h": BOX_H,
        "label_w": LABEL_W,
    }
    return Swimlane(process=process, chart=chart, steps=boxes)


def context(access: Access) -> dict[str, Any]:
    parties = list(access.parties())
    steps: list[Any] = list(selectors.items(access, STEPS))
    diagrams = []
    for process in selectors.items(access, PROCESSES):
        own = sorted(
            (s for s in steps if s.process_id == process.pk), key=lambda s: (s.number, s.pk)
        )
        diagrams.append(swimlane(process, own, parties))
    return {"diagrams": diagrams}
