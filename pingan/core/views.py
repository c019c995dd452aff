from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    # Rendered without a request context: the failure may lie in what the context needs.
    return render(request, "core/500.html", status=500)
