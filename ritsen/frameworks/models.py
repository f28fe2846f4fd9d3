"""Stored, versioned assessment frameworks.

A framework is loaded from a YAML file (see :mod:`ritsen.frameworks.services`) and kept
as the JSON of :meth:`FrameworkSpec.to_dict`. A stored version never changes: a new
edition of a framework is loaded as a new ``version`` of the same ``slug``.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from ritsen.frameworks.spec import FrameworkSpec


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def latest_versions(self) -> FrameworkQuerySet:
        """Only the newest version of every slug."""
        newer = Framework.objects.filter(slug=OuterRef("slug"), version__gt=OuterRef("version"))
        return self.exclude(Exists(newer))

    def get_latest(self, slug: str) -> Framework:
        """The newest version of ``slug``; raises ``Framework.DoesNotExist`` if none."""
        framework = self.filter(slug=slug).order_by("-version").first()
        if framework is None:
            raise Framework.DoesNotExist(f"No framework with slug {slug!r} is loaded.")
        return framework


class Framework(models.Model):
    slug = models.SlugField(_("identifier"))
    version = models.PositiveIntegerField(_("version"))
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    data = models.JSONField(_("data"))
    source_sha256 = models.CharField(_("SHA-256 of the source file"), max_length=64, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "version"], name="frameworks_framework_slug_version_uniq"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="frameworks_framework_version_positive"
            ),
        ]

    def __str__(self) -> str:
        """In words, for people: "Ritsen 9 — de negen schakels, versie 1"."""
        return gettext("%(name)s, version %(version)s") % {
            "name": self.name,
            "version": self.version,
        }

    @property
    def identifier(self) -> str:
        """For commands and files: ``ritsen-9 v1``."""
        return f"{self.slug} v{self.version}"

    @cached_property
    def spec(self) -> FrameworkSpec:
        return FrameworkSpec.from_dict(self.data)

    @property
    def name(self) -> str:
        """The name in the active language (Dutch unless English is active)."""
        return self.name_en if (get_language() or "nl")[:2] == "en" else self.name_nl

    @property
    def link_count(self) -> int:
        return len(self.data.get("links", []))

    @property
    def statement_count(self) -> int:
        return sum(len(link.get("statements", [])) for link in self.data.get("links", []))
