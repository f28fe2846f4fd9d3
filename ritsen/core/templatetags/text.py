"""Small text helpers for templates."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def before_period(name: object) -> str:
    """A name that ends a sentence: "Digitaal Loket B.V." keeps one period, not two."""
    text = str(name)
    return text[:-1] if text.endswith(".") else text
