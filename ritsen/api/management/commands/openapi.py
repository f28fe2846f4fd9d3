"""``ritsen openapi [-o FILE]`` — write the API's OpenAPI document (the committed copy
is ``ritsen/api/openapi.json``; the tests fail when it differs from the API)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from ritsen.api.api import api

COMMITTED = Path(__file__).resolve().parents[2] / "openapi.json"


def document() -> str:
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write the API's OpenAPI document (default: the committed ritsen/api/openapi.json)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default=str(COMMITTED), metavar="FILE")

    def handle(self, *args, output: str, **options):
        Path(output).write_text(document(), encoding="utf-8")
        self.stdout.write(output)
