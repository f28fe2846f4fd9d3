from django import forms
from django.utils.translation import gettext_lazy as _

from .delivery import refusal
from .models import Event


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Ritsen sends a signed POST with JSON to this address."),
    )
    events = forms.MultipleChoiceField(
        label=_("Send when"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=Event.values,
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        refused = refusal(url)
        if refused is not None:
            raise forms.ValidationError(refused)
        return url
