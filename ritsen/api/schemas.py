"""What the API returns: the OpenAPI document is generated from these."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class Error(Schema):
    detail: str
    code: str


class PartyOut(Schema):
    id: int
    name: str
    role: str


class FrameworkRef(Schema):
    slug: str
    version: int
    name: str


class CollaborationOut(Schema):
    id: int
    name: str
    purpose: str
    my_role: str
    my_party: PartyOut | None
    framework: FrameworkRef


class CollaborationDetail(CollaborationOut):
    parties: list[PartyOut]


class RoundOut(Schema):
    id: int
    title: str
    state: str
    language: str
    opened_at: datetime
    closes_at: datetime | None
    closed_at: datetime | None
    shared_at: datetime | None


class PartyScore(Schema):
    party_id: int
    mean: float | None
    n: int | None  # None when withheld: never how many
    sd: float | None
    withheld: bool


class LinkScore(Schema):
    id: int
    key: str
    name: str
    state: str
    gap: float | None
    parties: list[PartyScore]


class Zipper(Schema):
    state: str
    weakest_link: int | None
    jams_at: list[int]


class SharedResults(Schema):
    round: RoundOut
    parties: list[PartyOut]
    zipper: Zipper
    agenda: list[int]
    agenda_rule: str
    links: list[LinkScore]


class FrameworkOut(FrameworkRef):
    links: int
    statements: int
    loaded_at: datetime


class FrameworkDetail(FrameworkOut):
    data: dict


class CollaborationIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    purpose: str = Field(default="", max_length=5000)
    # The framework version to use; the default framework's latest version if left out.
    framework_slug: str | None = None
    framework_version: int | None = None


class CollaborationPatch(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    purpose: str | None = Field(default=None, max_length=5000)
