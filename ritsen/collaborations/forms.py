from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from ritsen.frameworks.models import Framework

from .constants import PartyRole, Role
from .models import Collaboration, Organisation, PartyProfile
from .models.profiles import PROFILE_QUESTIONS


class CollaborationForm(forms.ModelForm):
    class Meta:
        model = Collaboration
        fields = ["name", "purpose", "framework"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = Framework.objects.latest_versions()
        framework = cast(forms.ModelChoiceField, self.fields["framework"])
        framework.queryset = Framework.objects.filter(pk__in=[f.pk for f in latest])
        framework.empty_label = None
        if self.instance.pk:
            # The framework version is pinned once the collaboration exists.
            del self.fields["framework"]
        elif not self.initial.get("framework"):
            default = next((f for f in latest if f.slug == "ritsen-9"), None)
            if default:
                self.initial["framework"] = default.pk


class PartyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Existing organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— choose an organisation —"),
    )
    new_organisation = forms.CharField(
        label=_("Or a new organisation"),
        max_length=200,
        required=False,
        help_text=_("For example “Gemeente Zaanstad” or “Stichting Zorg Dichtbij”."),
    )
    role = forms.ChoiceField(
        label=_("Role in this collaboration"),
        choices=PartyRole.choices,
        initial=PartyRole.PARTNER,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations

    def clean(self):
        data = super().clean() or {}
        chosen = data.get("organisation")
        new = (data.get("new_organisation") or "").strip()
        if chosen and new:
            raise forms.ValidationError(
                _("Choose an existing organisation or type a new one, not both.")
            )
        if not chosen and not new:
            self.add_error(
                "new_organisation", _("Choose an existing organisation or type a new name.")
            )
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    party = forms.ChoiceField(label=_("Party"), required=False)

    def __init__(self, *args, parties, allow_facilitator: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = {str(p.pk): p for p in parties}
        choices = [(str(p.pk), p.name) for p in parties]
        if allow_facilitator:
            choices.insert(0, ("", _("— no party (facilitator) —")))
        cast(forms.ChoiceField, self.fields["party"]).choices = choices
        if not allow_facilitator:
            cast(forms.ChoiceField, self.fields["role"]).choices = [
                (value, label) for value, label in Role.choices if value != Role.FACILITATOR
            ]
            self.fields["party"].required = True
        self.fields["role"].initial = Role.MEMBER
        if len(parties) == 1:
            self.fields["party"].initial = str(parties[0].pk)

    def clean(self):
        data = super().clean() or {}
        role = data.get("role")
        party_id = data.get("party")
        if role == Role.FACILITATOR:
            if party_id:
                self.add_error("party", _("A facilitator does not belong to a party."))
            data["party_obj"] = None
        elif role:
            if not party_id:
                self.add_error("party", _("Choose the party this person belongs to."))
            data["party_obj"] = self.parties.get(str(party_id))
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = PartyProfile
        fields = [key for key, _label, _help in PROFILE_QUESTIONS]
        widgets = {key: forms.Textarea(attrs={"rows": 4}) for key, _l, _h in PROFILE_QUESTIONS}
        help_texts = {key: help_text for key, _label, help_text in PROFILE_QUESTIONS}


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(email=self.email, name=data.get("name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
