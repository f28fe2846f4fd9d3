import copy
import textwrap

import pytest
import yaml
from django.utils import translation

from ritsen.frameworks.validation import DEFAULT_FRAMEWORK_PATH

MINIMAL = {
    "id": "mini",
    "version": 1,
    "name": {"nl": "Mini", "en": "Mini"},
    "scale": {"min": 1, "max": 5},
    "thresholds": {
        "strong": 4.0,
        "weak": 3.0,
        "gap": 1.0,
        "min_respondents": 3,
        "min_answered": 0.5,
    },
    "links": [
        {
            "id": 1,
            "key": "first",
            "name": {"nl": "Eerste", "en": "First"},
            "question": {"nl": "Vraag?", "en": "Question?"},
            "statements": [
                {"id": "1.1", "text": {"nl": "Stelling een.", "en": "Statement one."}},
                {
                    "id": "1.2",
                    "text": {"nl": "Stelling twee.", "en": "Statement two."},
                    "reverse": True,
                },
            ],
        },
        {
            "id": 2,
            "key": "second",
            "name": {"nl": "Tweede", "en": "Second"},
            "question": {"nl": "Vraag twee?", "en": "Question two?"},
            "statements": [
                {"id": "2.1", "text": {"nl": "Stelling drie.", "en": "Statement three."}},
            ],
        },
    ],
}


@pytest.fixture(autouse=True)
def english():
    """Problem messages are asserted in English, whatever translations exist."""
    with translation.override("en"):
        yield


@pytest.fixture
def minimal():
    """A small valid framework document that tests may change freely."""
    return copy.deepcopy(MINIMAL)


@pytest.fixture
def shipped():
    """The shipped ritsen-9 document as loaded from YAML."""
    return yaml.safe_load(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def write(tmp_path):
    """``write(text_or_data, name=...)`` writes a YAML file and returns its path."""

    def _write(content, name="framework.yaml"):
        path = tmp_path / name
        if isinstance(content, str):
            text = textwrap.dedent(content)
        else:
            text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def no_frameworks(db):
    """Start from an empty framework table (migrating loads ritsen-9 into the test database)."""
    from ritsen.frameworks.models import Framework

    Framework.objects.all().delete()
