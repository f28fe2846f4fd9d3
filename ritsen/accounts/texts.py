"""Django's own texts that people see on Ritsen's pages, listed so that Ritsen's
catalogue can word them in its tone (Dutch "je", not Django's "u"). Ritsen's
catalogue is searched before Django's, so its wording wins."""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_TEXTS = (
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
)
