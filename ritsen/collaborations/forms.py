from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth import password_validation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ritsen.frameworks.models import Framework

from .constants import PartyRole, Role
from .models import Collaboration, Organisation, PartyProfile
from .models.profiles import PROFILE_QUESTIONS


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Framework) -> str:
        thresholds = obj.spec.thresholds
        return _(
            "%(name)s, version %(version)d — results of a group are shown from "
            "%(min_respondents)d respondents (loaded %(date)s)"
        ) % {
            "name": obj.name,
            "version": obj.version,
            "min_respondents": thresholds.min_respondents,
            "date": date_format(obj.loaded_at, "DATE_FORMAT"),
        }


class CollaborationForm(forms.ModelForm):
    """A new collaboration, on a framework version the facilitator picks.

    Every stored version is offered. One is chosen in advance only when there is just
    one: a version that an import or an operator added never becomes the choice
    without the facilitator seeing it.
    """

    class Meta:
        model = Collaboration
        fields = ["name", "purpose", "framework"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"framework": FrameworkChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The framework version is pinned once the collaboration exists.
            del self.fields["framework"]
            return
        framework = cast(forms.ModelChoiceField, self.fields["framework"])
        framework.queryset = Framework.objects.order_by("slug", "-version")
        framework.help_text = _(
            "The questions and the rules the rits-scan uses. The version is fixed once the "
            "collaboration exists."
        )
        if framework.queryset.count() == 1 and not self.initial.get("framework"):
            framework.empty_label = None
            self.initial["framework"] = framework.queryset.get().pk
        else:
            framework.empty_label = _("— choose a framework —")


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


class PartyEditForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_(
            "The organisation's name in this collaboration; other collaborations keep theirs."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role in this collaboration"), choices=PartyRole.choices, widget=forms.RadioSelect
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    party = forms.ChoiceField(label=_("Party"), required=False)

    def __init__(self, *args, parties, allow_facilitator: bool, may_invite=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_invite = may_invite
        self.parties = {str(p.pk): p for p in parties}
        choices = [(str(p.pk), p.name) for p in parties]
        if allow_facilitator:
            choices.insert(0, ("", _("— no party (facilitator) —")))
        cast(forms.ChoiceField, self.fields["party"]).choices = choices
        # Only the roles this person may invite someone into, somewhere.
        roles = [
            (value, label)
            for value, label in Role.choices
            if (value == Role.FACILITATOR and allow_facilitator)
            or (
                value != Role.FACILITATOR
                and any(may_invite is None or may_invite(value, party) for party in parties)
            )
        ]
        cast(forms.ChoiceField, self.fields["role"]).choices = roles
        if not allow_facilitator:
            self.fields["party"].required = True
        # A valid default: a member of one's own party; for the facilitator, the first
        # coordinator of a party that has none (or else a fellow facilitator).
        values = [value for value, _label in roles]
        if Role.MEMBER in values:
            self.fields["role"].initial = Role.MEMBER
        elif Role.COORDINATOR in values:
            self.fields["role"].initial = Role.COORDINATOR
        elif values:
            self.fields["role"].initial = values[0]
        if parties and self.fields["role"].initial != Role.FACILITATOR:
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
            party = data["party_obj"]
            if party is not None and self.may_invite and not self.may_invite(role, party):
                self.add_error(
                    "role",
                    _(
                        "A party decides who joins it: only its own coordinators invite its "
                        "people. You can invite a party's first coordinator only."
                    ),
                )
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
