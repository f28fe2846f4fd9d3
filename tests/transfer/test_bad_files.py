"""Files that a database or the pages could not hold are refused with one sentence."""

import json

import pytest
from django.utils import translation

from ritsen.transfer.services import TransferError, import_collaboration

from .conftest import export_text, row_counts


def _refused(text, fragment):
    before = row_counts()
    with translation.override("en"), pytest.raises(TransferError) as error:
        import_collaboration(text)
    message = str(error.value)
    assert fragment in message, message
    assert "\n" not in message and message.endswith(".")
    assert row_counts() == before
    return message


def _changed(rich, change):
    data = json.loads(export_text(rich.cast.collab))
    change(data["collaboration"])
    return json.dumps(data)


def test_a_date_that_overflows_in_utc(rich):
    def change(c):
        c["created_at"] = "0001-01-01T00:00:00+14:00"

    _refused(_changed(rich, change), "created_at: 0001-01-01T00:00:00+14:00 is outside the dates")


def test_a_valid_date_that_pages_could_not_show(rich):
    def change(c):
        c["rounds"][0]["opened_at"] = "9999-12-31T23:59:59Z"

    _refused(_changed(rich, change), "round “Nulmeting”, opened_at: 9999-12-31T23:59:59+00:00")


def test_a_number_of_five_thousand_digits(rich):
    text = export_text(rich.cast.collab).replace('"sent_count": 1', '"sent_count": ' + "9" * 5000)
    _refused(text, "a number of 5000 digits")


def test_a_number_too_large_for_its_field(rich):
    def change(c):
        c["rounds"][1]["respondent_invitations"][0]["sent_count"] = 10**9

    _refused(_changed(rich, change), "sent_count: must be at most 32767")


def test_a_scale_label_key_that_is_no_number(rich):
    def change(c):
        c["frameworks"][0]["data"]["scale"]["labels"]["²"] = {"nl": "Twee", "en": "Two"}

    _refused(_changed(rich, change), "framework ritsen-9 version 1, data: scale.labels.²")


def test_a_key_twice_in_one_object(rich):
    text = export_text(rich.cast.collab).replace(
        '"name": "Eén loket",', '"name": "Eén loket",\n    "name": "Twee loketten",', 1
    )
    _refused(text, "the key “name” twice in one object")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_not_a_number(rich, constant):
    text = export_text(rich.cast.collab).replace('"sent_count": 1', f'"sent_count": {constant}')
    _refused(text, f"{constant}, which is not a number")


def test_a_name_longer_than_the_database_holds(rich):
    def change(c):
        c["name"] = "x" * 201

    _refused(_changed(rich, change), "collaboration, name: is too long: at most 200 characters")


def test_an_unknown_key(rich):
    def change(c):
        c["parties"][0]["colour"] = "blue"

    _refused(_changed(rich, change), "party “Gemeente Aa”, colour: colour is not a key")
