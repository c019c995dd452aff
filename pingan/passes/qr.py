"""QR codes of the payloads: alphanumeric mode (Base45 fits it), error correction level Q."""

import segno


def svg(payload: str) -> str:
    code = segno.make_qr(payload, error="q", mode="alphanumeric", boost_error=False)
    return code.svg_inline(scale=4, border=2, omitsize=True)
