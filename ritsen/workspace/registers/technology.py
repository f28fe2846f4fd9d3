"""Link 9, technology: do we have the systems and technology to collaborate and deliver
as agreed?

The systems the collaboration works with (name, owner party, purpose, hosting) and the
interfaces between them (from one system to another, the standard or protocol, and
whether it is planned, live or retired). The information needs of link 8 name the
system they travel through and the interface that carries them.

Complete when there is a system, every information need's channel is a known system,
and every need between two parties is carried by a live or planned interface.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ritsen.workspace.completeness import Completeness, RegisterData

from .base import ExitRule, ItemKind, Register, RegisterItem

LINK = "technology"


class Hosting(models.TextChoices):
    ON_PREMISES = "on_premises", _("on premises")
    CLOUD = "cloud", _("cloud (SaaS)")
    SHARED = "shared", _("shared platform")
    OTHER = "other", _("other")


class InterfaceStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    LIVE = "live", _("live")
    RETIRED = "retired", _("retired")


#: Statuses of an interface that carries information (a retired one does not).
CARRYING = frozenset({InterfaceStatus.PLANNED, InterfaceStatus.LIVE})


class System(RegisterItem):
    name = models.CharField(_("system"), max_length=200)
    owner_party = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("owner party"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    hosting = models.CharField(_("hosting"), max_length=20, choices=Hosting.choices, blank=True)

    class Meta(RegisterItem.Meta):
        verbose_name = _("system")
        verbose_name_plural = _("systems")

    def __str__(self) -> str:
        return self.name


class Interface(RegisterItem):
    from_system = models.ForeignKey(
        System, verbose_name=_("from system"), on_delete=models.CASCADE, related_name="+"
    )
    to_system = models.ForeignKey(
        System, verbose_name=_("to system"), on_delete=models.CASCADE, related_name="+"
    )
    standard = models.CharField(
        _("standard or protocol"),
        max_length=100,
        blank=True,
        help_text=_("For example ZGW API, StUF, FHIR, SFTP or e-mail."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InterfaceStatus.choices,
        default=InterfaceStatus.PLANNED,
    )

    class Meta(RegisterItem.Meta):
        verbose_name = _("interface")
        verbose_name_plural = _("interfaces")

    def __str__(self) -> str:
        return f"{self.from_system} → {self.to_system}"

    def clean(self) -> None:
        super().clean()
        if self.from_system_id is not None and self.from_system_id == self.to_system_id:
            raise ValidationError({"to_system": _("An interface connects two different systems.")})


def completeness(data: RegisterData) -> Completeness:
    systems = {row["id"] for row in data.of("systems")}
    interfaces = {row["id"]: row for row in data.of("interfaces")}
    checks: list[tuple[bool, str | Promise]] = [
        (bool(systems), _("Add the systems the collaboration works with."))
    ]
    for need in data.of("needs"):
        checks.append(
            (
                need["channel"] in systems,
                _("“%(item)s”: its channel is no known system.") % {"item": need["item"]},
            )
        )
        supplier, needer = need["supplied_by"], need["needed_by"]
        if supplier is not None and supplier != needer:
            carrier = interfaces.get(need["carried_by"])
            checks.append(
                (
                    carrier is not None and carrier["status"] in CARRYING,
                    _("“%(item)s” goes from one party to another but no live or planned "
                      "interface carries it.") % {"item": need["item"]},
                )
            )  # fmt: skip
    return Completeness.of(checks)


SYSTEMS = ItemKind(
    key="systems",
    model=System,
    fields=["name", "owner_party", "purpose", "hosting"],
    columns=["name", "owner_party", "purpose", "hosting"],
    label=_("system"),
    label_plural=_("Systems"),
    help_text=_("The systems the collaboration works with, and whose they are."),
)
INTERFACES = ItemKind(
    key="interfaces",
    model=Interface,
    fields=["from_system", "to_system", "standard", "status"],
    columns=["from_system", "to_system", "standard", "status"],
    label=_("interface"),
    label_plural=_("Interfaces"),
    help_text=_(
        "How information goes from one system to another. The information needs (link 8) "
        "name the interface that carries them."
    ),
)

REGISTER = Register(
    key="technology",
    link_key=LINK,
    title=_("Technology"),
    question=_("Do we have the systems and technology to collaborate and deliver as agreed?"),
    kinds=[SYSTEMS, INTERFACES],
    completeness=completeness,
    reads=("needs",),
    on_exit=[
        ExitRule(
            _(
                "Return the data to the other parties and remove their access — or another "
                "party takes the system over; its interfaces follow."
            ),
            "systems",
            ["owner_party"],
        )
    ],  # fmt: skip
)
