from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Round
from .services.respondents import MAX_LINKS_AT_ONCE, parse_emails


class RoundForm(forms.ModelForm):
    closes_at = forms.DateTimeField(
        label=_("Closing date"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "Optional. Respondents can answer until this moment; you can also close by hand."
        ),
    )

    class Meta:
        model = Round
        fields = ["title", "closes_at", "language"]
        widgets = {"language": forms.RadioSelect}

    def clean_closes_at(self):
        value = self.cleaned_data.get("closes_at")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(_("The closing date must be in the future."))
        return value


class EmailListForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Paste one or more addresses, separated by new lines, commas or semicolons. "
            "Everyone gets their own personal link."
        ),
    )

    def clean_emails(self):
        valid, invalid = parse_emails(self.cleaned_data["emails"])
        if invalid:
            raise forms.ValidationError(
                _("These are not valid email addresses: %(list)s"),
                params={"list": ", ".join(invalid[:10])},
            )
        if not valid:
            raise forms.ValidationError(_("Enter at least one email address."))
        return valid


class GenerateLinksForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of anonymous links"),
        min_value=1,
        max_value=MAX_LINKS_AT_ONCE,
        initial=5,
        help_text=_("Hand these out yourself, for example on paper or in a team chat."),
        error_messages={
            "min_value": _("Make at least 1 link."),
            "max_value": _("Make at most %(limit_value)s links at a time."),
        },
    )
