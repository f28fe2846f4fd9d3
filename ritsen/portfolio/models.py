"""What a portfolio reads: per collaboration one stored row — its zipper, weakest link,
last shared round, completeness and risk — and per link its state, its score and the
score of the shared round before (the trajectory). Kept from the snapshots and the
workspace when they change (``refresh``), so a portfolio of 10,000 collaborations reads
these rows in SQL and never an answer."""

from __future__ import annotations

from django.db import models


class PortfolioEntry(models.Model):
    collaboration = models.OneToOneField(
        "collaborations.Collaboration",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="portfolio_entry",
    )
    zipper_state = models.CharField(max_length=10, blank=True)  # "": no shared round yet
    weakest_link = models.CharField(max_length=50, blank=True)
    last_shared_at = models.DateTimeField(null=True)
    last_round = models.ForeignKey(
        "assessments.Round", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A round is closed and waits for the parties to release their results.
    waiting_release = models.BooleanField(default=False)
    completeness = models.PositiveSmallIntegerField(default=0)  # the registers' mean, 0–100
    # The links weak or missing in the latest shared round, as ",culture,roles," — so the
    # share per link across a portfolio is one pass over these rows, not over every link.
    weak_links = models.CharField(max_length=1000, blank=True)
    # Lower is riskier: the zipper first (jammed, fragile, none yet, closed), then the
    # completeness. The portfolio sorts on it in SQL.
    risk = models.PositiveIntegerField(default=0, db_index=True)
    stale = models.BooleanField(default=True, db_index=True)  # something changed since
    refreshed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.collaboration_id}: {self.zipper_state or '-'}"


class PortfolioLink(models.Model):
    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="portfolio_links"
    )
    link_key = models.CharField(max_length=50)
    link_id = models.PositiveSmallIntegerField()  # the framework's number: the order
    state = models.CharField(max_length=12, blank=True)  # "": not in a shared round yet
    score = models.FloatField(null=True)  # the lowest party mean, latest shared round
    previous_score = models.FloatField(null=True)  # the same, the shared round before
    completeness = models.PositiveSmallIntegerField(null=True)  # the link's register

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "link_key"], name="one_portfolio_link")
        ]
        indexes = [models.Index(fields=["link_key", "state"])]

    def __str__(self) -> str:
        return f"{self.collaboration_id} · {self.link_key}: {self.state or '-'}"
