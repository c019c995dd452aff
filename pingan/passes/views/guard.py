"""The guard's page (/passes/scan/), phone first: the camera (BarcodeDetector in the browser,
see static passes/scan.js), a photo decoded here by zxing-cpp where the browser has no detector,
a handheld scanner typing into the focused field and Enter, or typing by hand. The answer fills
the screen: green or red, the masked name, the place and the reason."""

import io

import zxingcpp
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from PIL import Image, UnidentifiedImageError

from pingan.core.errors import DomainError
from pingan.passes import selectors, services
from pingan.passes.forms import ScanForm, ScanImageForm

MAX_IMAGE_BYTES = 8 * 1024 * 1024
# A phone photo is ~12 megapixels; anything far bigger is a decompression bomb, not a photo.
MAX_PIXELS = 40_000_000


def _checkpoint(request, raw):
    checkpoints = list(selectors.checkpoints_of(request.user))
    if not checkpoints:
        raise Http404
    if raw in (None, ""):
        return checkpoints[0], checkpoints
    for checkpoint in checkpoints:
        if str(checkpoint.pk) == str(raw):
            return checkpoint, checkpoints
    raise Http404


def _render(request, checkpoint, checkpoints, answer=None, error=None, status=200):
    template = "passes/_answer.html" if request.headers.get("HX-Request") else "passes/scan.html"
    return render(
        request,
        template,
        {
            "checkpoint": checkpoint,
            "checkpoints": checkpoints,
            "answer": answer,
            "error": error,
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def scan(request):
    checkpoint, checkpoints = _checkpoint(request, request.GET.get("checkpoint"))
    return _render(request, checkpoint, checkpoints)


@login_required
@require_POST
def scan_submit(request):
    form = ScanForm(request.POST)
    checkpoint, checkpoints = _checkpoint(request, request.POST.get("checkpoint"))
    if not form.is_valid():
        return _render(request, checkpoint, checkpoints, error=_("请扫描或输入码内容"), status=400)
    try:
        answer = services.scan_record(
            checkpoint=checkpoint, payload=form.cleaned_data["payload"], guard=request.user
        )
    except DomainError as exc:
        return _render(request, checkpoint, checkpoints, error=exc.message, status=400)
    return _render(request, checkpoint, checkpoints, answer=answer)


def decode_image(data: bytes) -> str:
    """The text of the first QR code in a photo, or '' (Pillow reads it, zxing-cpp decodes)."""
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            return ""
        image = image.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return ""
    for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        if result.text:
            return result.text
    return ""


@login_required
@require_POST
def scan_image(request):
    checkpoint, checkpoints = _checkpoint(request, request.POST.get("checkpoint"))
    form = ScanImageForm(request.POST, request.FILES)
    if not form.is_valid() or form.cleaned_data["image"].size > MAX_IMAGE_BYTES:
        return _render(request, checkpoint, checkpoints, error=_("请上传一张码的照片"), status=400)
    payload = decode_image(form.cleaned_data["image"].read())
    if not payload:
        return _render(
            request, checkpoint, checkpoints, error=_("照片中未识别到二维码"), status=400
        )
    answer = services.scan_record(checkpoint=checkpoint, payload=payload, guard=request.user)
    return _render(request, checkpoint, checkpoints, answer=answer)
