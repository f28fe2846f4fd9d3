from django.http import HttpRequest
from django.utils import translation


def use_account_language(request: HttpRequest, user: object) -> None:
    """Speak the language the user chose in their account (pages and API alike)."""
    language = getattr(user, "language", "")
    if getattr(user, "is_authenticated", False) and language:
        translation.activate(language)
        request.LANGUAGE_CODE = language


class UserLanguageMiddleware:
    """Use the language a logged-in user chose, on every device they use.

    Anonymous visitors get Django's usual negotiation (cookie, then browser,
    then Dutch). API calls with a token get it when the token is checked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        use_account_language(request, getattr(request, "user", None))
        return self.get_response(request)
