"""Link 5, processes: how do we work together?

Joint processes, each with ordered steps. Every step has a responsible party, an
output and optionally a duration. Where the next step belongs to another party the step
is a *handover*: it names what is handed over (the deliverable, ideally an information
item of link 8) and the deliverable's quality criterion. Each process is drawn as a
swimlane diagram, one lane per party (``processes_views``).

Complete when there is a process of two or more steps, every step has a responsible
party, and every handover names its deliverable and quality criterion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ritsen.workspace.completeness import Completeness, RegisterData, filled

from .base import ExitRule, ItemKind, Register, RegisterItem
from .information import InformationNeed

LINK = "processes"
MAX_STEPS = 999


class Process(RegisterItem):
    name = models.CharField(_("process"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)

    class Meta(RegisterItem.Meta):
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def __str__(self) -> str:
        return self.name


class Step(RegisterItem):
    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="steps"
    )
    number = models.PositiveSmallIntegerField(
        _("step number"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_STEPS)],
        help_text=_("The order within the process."),
    )
    title = models.CharField(_("step"), max_length=200)
    party = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("responsible party"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    output = models.CharField(_("output"), max_length=300, blank=True)
    duration = models.CharField(
        _("duration"), max_length=50, blank=True, help_text=_("For example “2 working days”.")
    )
    deliverable = models.CharField(
        _("deliverable handed over"),
        max_length=200,
        blank=True,
        help_text=_("Where the next step is another party's: what this step hands over."),
    )
    criterion = models.CharField(
        _("quality criterion"),
        max_length=300,
        blank=True,
        help_text=_("When the deliverable is good enough to hand over."),
    )
    information = models.ForeignKey(
        InformationNeed,
        verbose_name=_("as information item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The information need of link 8 that the deliverable is."),
    )

    class Meta(RegisterItem.Meta):
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["process__position", "process_id", "number", "pk"]

    def __str__(self) -> str:
        return f"{self.process} · {self.number}. {self.title}"


def ordered(steps: Iterable[Mapping[str, Any]], process_id: int) -> list[Mapping[str, Any]]:
    """A process's steps in their order."""
    return sorted(
        (step for step in steps if step["process"] == process_id),
        key=lambda step: (step["number"], step["id"]),
    )


def handovers(steps: Sequence[Mapping[str, Any]]) -> list[tuple[Mapping[str, Any], Any]]:
    """The steps of one process (in order) whose next step is another party's, with that
    party's id: ``[(step, next party), …]``."""
    found = []
    for step, following in zip(steps, steps[1:], strict=False):
        if None not in (step["party"], following["party"]) and step["party"] != following["party"]:
            found.append((step, following["party"]))
    return found


def handover_gaps(step: Mapping[str, Any]) -> list[tuple[str, Promise]]:
    """What a handover step does not name yet: ``[(field, what is missing), …]``."""
    return [
        (name, text)
        for name, text in (
            ("deliverable", _("no deliverable")),
            ("criterion", _("no quality criterion")),
        )
        if not filled(step[name])
    ]


def completeness(data: RegisterData) -> Completeness:
    processes = data.of("processes")
    steps = data.of("steps")
    by_process = {process["id"]: ordered(steps, process["id"]) for process in processes}
    checks: list[tuple[bool, str | Promise]] = [
        (
            any(len(own) >= 2 for own in by_process.values()),
            _("Add a process with at least two steps."),
        )
    ]
    if not steps:
        return Completeness.of(checks)
    without = [step for step in steps if step["party"] is None]
    checks.append(
        (
            not without,
            ngettext(
                "%(count)s step has no responsible party.",
                "%(count)s steps have no responsible party.",
                len(without),
            )
            % {"count": len(without)},
        )
    )
    for process in processes:
        for step, _next in handovers(by_process[process["id"]]):
            names = {"process": process["name"], "number": step["number"]}
            gaps = dict(handover_gaps(step))
            checks.append(
                (
                    "deliverable" not in gaps,
                    _("“%(process)s”, step %(number)s is a handover but names no deliverable.")
                    % names,
                )
            )
            checks.append(
                (
                    "criterion" not in gaps,
                    _("“%(process)s”, step %(number)s is a handover without a quality "
                      "criterion.") % names,
                )
            )  # fmt: skip
    return Completeness.of(checks)


PROCESSES = ItemKind(
    key="processes",
    model=Process,
    fields=["name", "purpose"],
    columns=["name", "purpose"],
    label=_("process"),
    label_plural=_("Processes"),
    help_text=_("The processes the parties carry out together."),
)
STEPS = ItemKind(
    key="steps",
    model=Step,
    fields=[
        "process",
        "number",
        "title",
        "party",
        "output",
        "duration",
        "deliverable",
        "criterion",
        "information",
    ],
    columns=["process", "number", "title", "party", "output", "duration", "deliverable"],
    label=_("process step"),
    label_plural=_("Process steps"),
    help_text=_(
        "Each step has a responsible party. Where the next step is another party's, the step "
        "is a handover: name what is handed over and its quality criterion."
    ),
)

REGISTER = Register(
    key="processes",
    link_key=LINK,
    title=_("Processes"),
    question=_("How do we work together?"),
    kinds=[PROCESSES, STEPS],
    completeness=completeness,
    template="workspace/processes.html",
    on_exit=[ExitRule(_("Reassign this step to another party."), "steps", ["party"])],
)
