"""Link 6, roles: who has which role — opdrachtgever- en opdrachtnemerschap.

A RACI matrix of activities × parties: per activity each party may be R (responsible:
does the work), A (accountable: answers for it), C (consulted) and I (informed). An
activity may point at a step of a process (link 5).

The rules (:func:`breaches`), shown as soon as one is broken:

- exactly one party is accountable (A) for each activity;
- at least one party is responsible (R) for each activity;
- no activity is without any letter;
- every party with the role *opdrachtgever* (client) is A for at least one activity, and
  every *opdrachtnemer* (contractor) R for at least one.

Complete when there are at least :data:`MIN_ACTIVITIES` activities and every rule holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ritsen.collaborations.constants import PartyRole
from ritsen.workspace.completeness import Completeness, RegisterData

from .base import ExitRule, ItemKind, Register, RegisterItem
from .processes import Step

LINK = "roles"
MIN_ACTIVITIES = 3
LETTERS = "RACI"  # the order letters are written in


class Activity(RegisterItem):
    title = models.CharField(_("activity"), max_length=200)
    step = models.ForeignKey(
        Step,
        verbose_name=_("process step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The step of a process (link 5) this activity is, if any."),
    )

    class Meta(RegisterItem.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


def in_order(letters: str) -> str:
    """The letters R, A, C and I that ``letters`` holds, in that order: ``"ar"`` → ``"RA"``."""
    given = letters.upper()
    return "".join(letter for letter in LETTERS if letter in given)


def normalise(letters: str) -> str:
    """:func:`in_order`, refusing a letter that is not R, A, C or I (spaces, commas and
    slashes between them are fine)."""
    given = letters.upper().replace(" ", "").replace(",", "").replace("/", "")
    unknown = sorted(set(given) - set(LETTERS))
    if unknown:
        raise ValidationError(
            _("Use only the letters R, A, C and I (not %(letters)s).")
            % {"letters": ", ".join(unknown)}
        )
    return in_order(given)


class LettersFormField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return normalise(super().to_python(value) or "")


class LettersField(models.CharField):
    """RACI letters: typed in any order and case, kept as ``"RA"`` (pages, API)."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": LettersFormField, **kwargs})

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        # Written without a form (the demo; an import checks with ``normalise`` first).
        value = in_order(str(getattr(model_instance, self.attname) or ""))
        setattr(model_instance, self.attname, value)
        return value


class Assignment(RegisterItem):
    """The letters one party has for one activity (a cell of the matrix)."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="cells"
    )
    party = models.ForeignKey(
        "collaborations.Party", verbose_name=_("party"), on_delete=models.CASCADE, related_name="+"
    )
    letters = LettersField(
        _("letters"),
        max_length=4,
        help_text=_("R responsible, A accountable, C consulted, I informed — for example “RA”."),
    )

    class Meta(RegisterItem.Meta):
        verbose_name = _("RACI letters")
        verbose_name_plural = _("RACI letters")
        constraints = [models.UniqueConstraint(fields=["activity", "party"], name="one_raci_cell")]

    def __str__(self) -> str:
        return f"{self.activity} · {self.party}: {self.letters}"

    def clean(self) -> None:
        super().clean()
        try:  # a form has done this already; an imported file has not
            normalise(self.letters or "")
        except ValidationError as error:
            raise ValidationError({"letters": error.messages}) from error


@dataclass(frozen=True)
class Breach:
    """A broken rule: of one activity, or (``activity`` None) of one party."""

    text: str
    activity: int | None = None
    party: int | None = None


def letters_of(data: RegisterData) -> dict[tuple[int, int], str]:
    """``{(activity id, party id): "RA"}`` for the collaboration's parties."""
    parties = {party.id for party in data.parties}
    return {
        (cell["activity"], cell["party"]): cell["letters"]
        for cell in data.of("raci")
        if cell["party"] in parties
    }


def breaches(data: RegisterData) -> list[Breach]:
    cells = letters_of(data)
    found: list[Breach] = []
    for activity in data.of("activities"):
        own = {party.id: cells.get((activity["id"], party.id), "") for party in data.parties}
        names = {"activity": activity["title"]}
        if not any(own.values()):
            found.append(
                Breach(gettext("“%(activity)s” has no letter at all.") % names, activity["id"])
            )
            continue
        accountable = [party for party, letters in own.items() if "A" in letters]
        if len(accountable) != 1:
            found.append(
                Breach(
                    gettext(
                        "“%(activity)s” needs exactly one accountable party (A); it has %(count)s."
                    )
                    % {**names, "count": len(accountable)},
                    activity["id"],
                )
            )
        if not any("R" in letters for letters in own.values()):
            found.append(
                Breach(
                    gettext("“%(activity)s” has no responsible party (R).") % names,
                    activity["id"],
                )
            )
    for party in data.parties:
        own_letters = "".join(
            letters for (_activity, party_id), letters in cells.items() if party_id == party.id
        )
        if party.role == PartyRole.CLIENT and "A" not in own_letters:
            found.append(
                Breach(
                    gettext("%(party)s is opdrachtgever but accountable (A) for no activity.")
                    % {"party": party.name},
                    party=party.id,
                )
            )
        if party.role == PartyRole.CONTRACTOR and "R" not in own_letters:
            found.append(
                Breach(
                    gettext("%(party)s is opdrachtnemer but responsible (R) for no activity.")
                    % {"party": party.name},
                    party=party.id,
                )
            )
    return found


def completeness(data: RegisterData) -> Completeness:
    count = len(data.of("activities"))
    checks: list[tuple[bool, Any]] = [
        (
            count >= MIN_ACTIVITIES,
            gettext("Add at least %(min)s activities to the RACI matrix (there are %(count)s).")
            % {"min": MIN_ACTIVITIES, "count": count},
        )
    ]
    if count:
        found = breaches(data)
        # One check per activity and per opdrachtgever/opdrachtnemer: holds when none of
        # its rules is broken; otherwise one failing check per broken rule.
        subjects = [("activity", a["id"]) for a in data.of("activities")] + [
            ("party", p.id)
            for p in data.parties
            if p.role in (PartyRole.CLIENT, PartyRole.CONTRACTOR)
        ]
        for attribute, key in subjects:
            own = [breach for breach in found if getattr(breach, attribute) == key]
            checks += [(False, breach.text) for breach in own] or [(True, "")]
    return Completeness.of(checks)


def accountable(cells: Mapping[tuple[int, int], str], activity: int) -> list[int]:
    """The parties that are A for ``activity``."""
    return [party for (act, party), letters in cells.items() if act == activity and "A" in letters]


ACTIVITIES = ItemKind(
    key="activities",
    model=Activity,
    fields=["title", "step"],
    columns=["title", "step"],
    related=["step__process"],  # a step reads as its process and number
    label=_("activity"),
    label_plural=_("Activities"),
    help_text=_("What has to be done; in the matrix above, which party has which role in it."),
)
RACI = ItemKind(
    key="raci",
    model=Assignment,
    fields=["activity", "party", "letters"],
    columns=["activity", "party", "letters"],
    label=_("RACI cell"),
    label_plural=_("RACI letters per party"),
)

REGISTER = Register(
    key="roles",
    link_key=LINK,
    title=_("Roles"),
    question=_("Who has which role? Opdrachtgever- en opdrachtnemerschap."),
    kinds=[ACTIVITIES, RACI],
    completeness=completeness,
    template="workspace/roles.html",
    on_exit=[
        ExitRule(
            _("Reassign its letters: another party becomes responsible or accountable."),
            "raci",
            ["party"],
        )
    ],  # fmt: skip
)
