from django.utils import translation


class UserLanguageMiddleware:
    """Use the language a logged-in user chose, on every device they use.

    Anonymous visitors get Django's usual negotiation (cookie, then browser,
    then Dutch).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
