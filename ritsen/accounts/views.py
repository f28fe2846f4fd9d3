"""Signing in and out, passwords, language choice and one's own profile."""

from __future__ import annotations

from axes.utils import reset as reset_login_attempts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.generic import UpdateView

from ritsen.core.errors import ServiceError
from ritsen.core.languages import CODES
from ritsen.core.rules import Audience, declared, public_view

from . import tokens
from .forms import LoginForm, PasswordResetForm, ProfileForm, TokenForm

SUPPORTED_LANGUAGES = set(CODES)
# Django's default language cookie lasts one browser session; a visitor's choice
# should survive closing the browser.
LANGUAGE_COOKIE_AGE = settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 60 * 60


@declared(Audience.PUBLIC, methods=["GET", "POST"])
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@declared(Audience.PUBLIC, methods=["POST"])
class LogoutView(auth_views.LogoutView):
    """POST only (Django's default since 5.0): a link cannot sign someone out."""


@declared(Audience.AUTHENTICATED, methods=["GET", "POST"])
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


@declared(Audience.AUTHENTICATED, methods=["GET"])
class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@declared(Audience.PUBLIC, methods=["GET", "POST"])
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


@declared(Audience.PUBLIC, methods=["GET"])
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@declared(Audience.PUBLIC, methods=["GET", "POST"])
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The lock-out page tells people to reset their password; make that true by
        # clearing the failed attempts of whoever proved they own the address.
        reset_login_attempts(username=form.user.get_username())
        return response


@declared(Audience.PUBLIC, methods=["GET"])
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@declared(Audience.AUTHENTICATED, methods=["GET", "POST"])
class ProfileView(LoginRequiredMixin, UpdateView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("token_form", TokenForm())
        context["tokens"] = tokens.tokens_of(self.get_object())
        context["now"] = timezone.now()
        return context

    def post(self, request, *args, **kwargs):
        if "create_token" in request.POST:
            return self._create_token(request)
        if "revoke_token" in request.POST:
            return self._revoke_token(request)
        return super().post(request, *args, **kwargs)

    def _create_token(self, request):
        self.object = self.get_object()
        form = TokenForm(request.POST)
        context: dict[str, object] = {"token_form": form}
        if form.is_valid():
            try:
                new = tokens.create_token(
                    request.user,
                    name=form.cleaned_data["name"],
                    expires_days=form.cleaned_data["expires_days"],
                    read_only=form.cleaned_data["read_only"],
                )
            except ServiceError as error:
                form.add_error("name", str(error))
            else:
                # Shown in this response only: never stored, never in a message.
                context = {"token_form": TokenForm(), "new_token": new}
        return self.render_to_response(self.get_context_data(**context))

    def _revoke_token(self, request):
        token = request.user.access_tokens.filter(pk=request.POST.get("revoke_token")).first()
        if token is None:
            raise Http404
        tokens.revoke_token(token, user=request.user)
        messages.success(
            request, gettext("The token “%(name)s” is revoked.") % {"name": token.name}
        )
        return HttpResponseRedirect(reverse("accounts:profile") + "#tokens")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Say it in the language just chosen: that is what the next page will speak.
        with translation.override(form.instance.language):
            messages.success(self.request, gettext("Your profile has been saved."))
        return response


def _safe_next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


@public_view(methods=["POST"])
def set_language(request: HttpRequest) -> HttpResponseRedirect:
    """Switch the interface language.

    A signed-in user's choice is stored on their account (so it follows them to other
    devices); the language cookie keeps the choice for anonymous visitors too. An
    unknown language changes nothing.
    """
    response = HttpResponseRedirect(_safe_next_url(request))
    language = request.POST.get("language", "")
    if language not in SUPPORTED_LANGUAGES:
        return response
    user = request.user
    if user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
