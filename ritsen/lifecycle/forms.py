from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ritsen.collaborations.access import Access

from .models import ScaleEvent, ScaleKind


class ScaleEventForm(forms.ModelForm):
    link_keys = forms.MultipleChoiceField(
        label=_("Links affected"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ScaleEvent
        fields = ["kind", "party", "description", "link_keys", "effective_on", "reason"]
        widgets = {"effective_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = access.collaboration.parties.select_related(  # type: ignore[attr-defined]
            "organisation"
        )
        self.fields["link_keys"].choices = [  # type: ignore[attr-defined]
            (link.key, f"{link.id}. {link.name}")
            for link in access.collaboration.framework.spec.links
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") in ScaleKind.with_party() and not data.get("party"):
            self.add_error("party", _("Name the party that joins or leaves."))
        return data
