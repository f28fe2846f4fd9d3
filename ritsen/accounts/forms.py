"""Forms for signing in, managing one's own account, and the admin's user pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ritsen.core import mail

from .models import User
from .notifications import Notice


def _normalise_email(value: str) -> str:
    # The manager stores addresses lower-cased; forms must do the same, or the
    # admin could create a second account that differs only in case.
    return User.objects.normalize_email(value or "").strip().lower()


class _UniqueEmailMixin:
    cleaned_data: dict[str, Any]
    instance: Any

    def clean_email(self) -> str:
        email = _normalise_email(self.cleaned_data.get("email") or "")
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if email and others.exists():
            raise forms.ValidationError(
                _("A user with this email address already exists."), code="unique"
            )
        return email


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form, with the username field presented as an email address.

    The field keeps the name ``username`` that AuthenticationForm expects; ``clean``
    hands it to the backends as ``email``. No autofocus: it makes screen readers skip
    the page's heading and introduction.
    """

    username = auth_forms.UsernameField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "The email address or password is not correct. Check both and try again."
        ),
    }

    def clean(self):
        email = _normalise_email(self.cleaned_data.get("username") or "")
        password = self.cleaned_data.get("password")
        if email and password:
            # Pass the address as ``email`` (the USERNAME_FIELD), not ``username``:
            # django-axes counts failures under that credential key, and one
            # lower-cased spelling per address means case variants share one counter.
            self.user_cache = authenticate(self.request, email=email, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Sends the reset email in the language the recipient chose, not the requester's."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Queued for the background worker (sealed: the link is a key), never sent
        inside the request."""
        language = getattr(context.get("user"), "language", None) or translation.get_language()
        with translation.override(language):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        mail.send_later([(subject, body, from_email or settings.DEFAULT_FROM_EMAIL, [to_email])])


class ProfileForm(forms.ModelForm):
    """What a user may change about themselves: name, language, and which email
    notifications they get (all of them unless turned off)."""

    notices = forms.MultipleChoiceField(
        label=_("Email me when"),
        choices=Notice.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Invitations into a collaboration are always sent."),
    )

    class Meta:
        model = User
        fields = ["name", "language"]
        labels = {"name": _("Name"), "language": _("Language")}
        help_texts = {
            "name": _("How other people in your collaborations see you."),
            "language": _("The language of the screens and of the emails you receive."),
        }
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        muted = set(self.instance.muted_notices or [])
        self.fields["notices"].initial = [value for value in Notice.values if value not in muted]

    def save(self, commit: bool = True) -> User:
        chosen = set(self.cleaned_data["notices"])
        self.instance.muted_notices = [value for value in Notice.values if value not in chosen]
        return super().save(commit=commit)


class TokenForm(forms.Form):
    """A new personal access token for the API."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Power BI dashboard”."),
    )
    expires_days = forms.IntegerField(
        label=_("Expires after (days)"),
        min_value=1,
        max_value=3650,
        initial=90,
        required=False,
        help_text=_("Leave empty for a token that does not expire."),
    )
    read_only = forms.BooleanField(
        label=_("Read only: the token may read, not change anything"), required=False, initial=True
    )

    prefix = "token"


class UserCreationForm(_UniqueEmailMixin, auth_forms.BaseUserCreationForm):
    """Admin form to add a user: email address and password twice."""

    class Meta:
        model = User
        fields = ("email", "name", "language")


class UserChangeForm(_UniqueEmailMixin, auth_forms.UserChangeForm):
    """Admin form to edit a user; the password is only changed through its own page."""

    class Meta:
        model = User
        fields = "__all__"
