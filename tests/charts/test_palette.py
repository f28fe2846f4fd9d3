"""The charts write their colours into the SVG; the pages style with CSS custom
properties. Both must be the same colours, or a chart and its legend disagree."""

import re
from pathlib import Path

from ritsen.results.charts import palette

CSS = Path(palette.__file__).resolve().parents[2] / "static" / "ritsen" / "ritsen.css"


def custom_properties() -> dict[str, str]:
    root = CSS.read_text(encoding="utf-8").split(":root", 1)[1].split("}", 1)[0]
    return {
        name: value.lower() for name, value in re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root)
    }


def test_state_colours_equal_the_css():
    css = custom_properties()
    for state, colours in palette.STATE_COLOURS.items():
        assert css[f"state-{state}"] == colours.fill, state
        assert css[f"state-{state}-text"] == colours.text, state
        assert css[f"state-{state}-tint"] == colours.tint, state
        assert css[f"state-{state}-ink"] == colours.ink, state


def test_party_colours_equal_the_css():
    css = custom_properties()
    for index, colour in enumerate(palette.PARTY_COLOURS, start=1):
        assert css[f"party-{index}-color"] == colour


def test_interface_colours_equal_the_css():
    css = custom_properties()
    names = {
        "text": "color-text",
        "muted": "color-text-muted",
        "link": "color-primary",
        "border": "color-border",
        "border_strong": "color-border-strong",
        "subtle": "color-bg-subtle",
    }
    for key, css_name in names.items():
        assert palette.UI_COLOURS[key] == css[css_name], key


def test_the_zipper_states_borrow_the_link_colours():
    assert palette.ZIPPER_COLOURS["closed"] == palette.STATE_COLOURS["strong"]
    assert palette.ZIPPER_COLOURS["jammed"] == palette.STATE_COLOURS["weak"]
