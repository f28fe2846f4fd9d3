"""A file to download: named, and never kept by a browser or a shared cache (what
Ritsen hands out as a file is some party's data, or a whole collaboration's)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import slugify


def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    patch_cache_control(response, private=True, no_store=True)
    return response


def stem(name: str, fallback: str) -> str:
    """``name`` as the start of a file name (``fallback`` when nothing of it is left)."""
    return slugify(name) or fallback
