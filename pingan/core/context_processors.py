from django.conf import settings


def platform(request):
    return {"platform_name": settings.PINGAN_PLATFORM_NAME}
