from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation


class UploadSizeLimitMiddleware:
    """Refuse a request body above PORTAL_MAX_UPLOAD_MB before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.PORTAL_MAX_UPLOAD_MB * 1024 * 1024
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            response = TemplateResponse(
                request,
                "413.html",
                {"max_mb": settings.PORTAL_MAX_UPLOAD_MB},
                status=413,
            )
            return response.render()
        return self.get_response(request)


class CookieLanguageMiddleware:
    """Dutch unless the user chose English in the footer; the browser's language is ignored,
    because a gemeente's tool speaks Dutch to everyone who has not asked otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
