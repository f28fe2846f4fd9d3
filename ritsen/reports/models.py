"""A shared round's report, rendered once per language and served again."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredRendering(models.Model):
    """The rendered shared report (page body or PDF) of a round, in one language.

    A shared round's results never change (its snapshot is immutable), so neither does
    its report — until Ritsen itself changes: ``fingerprint`` is a hash of Ritsen's
    version, the scoring rules, the templates, styles and translations, and a stored
    rendering with another fingerprint is made anew. Rebuilding the snapshot deletes its
    renderings. A party's own report (before release) is never stored.
    """

    class Kind(models.TextChoices):
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"

    snapshot = models.ForeignKey(
        "results.ResultSnapshot", on_delete=models.CASCADE, related_name="renderings"
    )
    language = models.CharField(max_length=2)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    fingerprint = models.CharField(max_length=64)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stored report")
        verbose_name_plural = _("stored reports")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "language", "kind", "fingerprint"],
                name="stored_rendering_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot} · {self.kind} · {self.language}"
