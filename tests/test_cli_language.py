"""``ritsen.cli.cli_language``: which language the console script speaks."""

import pytest

from ritsen.cli import cli_language


def test_no_variables_gives_the_default():
    assert cli_language({}) is None


@pytest.mark.parametrize("value", ["en", "EN", " en ", "en_GB.UTF-8"])
def test_explicit_english(value):
    assert cli_language({"RITSEN_CLI_LANGUAGE": value}) == "en"


@pytest.mark.parametrize("value", ["nl", "NL", "nl_BE"])
def test_explicit_dutch(value):
    assert cli_language({"RITSEN_CLI_LANGUAGE": value}) == "nl"


def test_explicit_variable_wins_over_the_locale():
    environ = {"RITSEN_CLI_LANGUAGE": "nl", "LC_ALL": "en_GB.UTF-8", "LANG": "en_US.UTF-8"}
    assert cli_language(environ) == "nl"
    environ = {"RITSEN_CLI_LANGUAGE": "en", "LC_ALL": "nl_NL.UTF-8", "LANG": "nl_NL.UTF-8"}
    assert cli_language(environ) == "en"


def test_unknown_explicit_language_gives_the_default_without_looking_at_the_locale():
    environ = {"RITSEN_CLI_LANGUAGE": "de", "LC_ALL": "en_GB.UTF-8"}
    assert cli_language(environ) is None


def test_blank_explicit_variable_is_ignored():
    assert cli_language({"RITSEN_CLI_LANGUAGE": "  ", "LANG": "en_US.UTF-8"}) == "en"


def test_lc_all_wins_over_lc_messages_and_lang():
    environ = {"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8", "LANG": "nl_NL.UTF-8"}
    assert cli_language(environ) == "en"
    environ = {"LC_ALL": "nl_NL.UTF-8", "LC_MESSAGES": "en_GB.UTF-8", "LANG": "en_GB.UTF-8"}
    assert cli_language(environ) == "nl"


def test_lc_messages_wins_over_lang():
    assert cli_language({"LC_MESSAGES": "en_GB", "LANG": "nl_NL.UTF-8"}) == "en"
    assert cli_language({"LC_MESSAGES": "nl_NL", "LANG": "en_GB.UTF-8"}) == "nl"


def test_lang_alone():
    assert cli_language({"LANG": "en_US.UTF-8"}) == "en"
    assert cli_language({"LANG": "nl_BE.UTF-8"}) == "nl"


def test_empty_variables_are_skipped():
    assert cli_language({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_GB"}) == "en"


@pytest.mark.parametrize("value", ["C", "C.UTF-8", "POSIX", "de_DE.UTF-8", "fr_FR"])
def test_unknown_or_c_locale_gives_the_default(value):
    assert cli_language({"LANG": value}) is None


def test_first_set_locale_variable_decides_even_if_unknown():
    # LC_ALL=C overrides everything below it, as in the C library.
    assert cli_language({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}) is None


def test_dutch_locale_with_encoding():
    assert cli_language({"LC_ALL": "nl_NL.UTF-8"}) == "nl"


def test_british_english_locale():
    assert cli_language({"LANG": "en_GB"}) == "en"
