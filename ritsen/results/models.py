"""Stored results: a shared round's results, computed once and never changed."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultSnapshot(models.Model):
    """The results of a shared round, stored when the last party released them.

    Every shared page, report, export, trend (and the coming API and portfolio) reads
    this row instead of the answers. It is written once; only a new version of the
    scoring rules (``scoring_version``) replaces it, with ``ritsen snapshots rebuild``
    (``ritsen migrate`` does that automatically).

    ``results`` holds what the pages show (anonymised: suppressed groups are already
    left out); ``answers`` the anonymised answers that the answer export may contain,
    without response ids — deferred by every page, read only by the export.
    """

    round = models.OneToOneField(
        "assessments.Round", on_delete=models.CASCADE, related_name="snapshot"
    )
    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="+"
    )
    scoring_version = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    results = models.JSONField()
    answers = models.JSONField()

    class Meta:
        verbose_name = _("result snapshot")
        verbose_name_plural = _("result snapshots")

    def __str__(self) -> str:
        return f"{self.round} (v{self.scoring_version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("A result snapshot is immutable; rebuild it instead.")
        super().save(*args, **kwargs)
