"""Base45 (RFC 9285), strict. Hand-written: the PyPI packages for it are tiny one-person projects
and the algorithm is twenty lines; this one also refuses non-canonical input (a triple above
65535, a trailing pair above 255), which a verifier must.

No Django imports: the offline verifier uses it.
"""

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_INVALID = 0xFF
# bytes.translate table: an ASCII character to its Base45 value, anything else to 0xFF.
_TABLE = bytes(ALPHABET.index(chr(b)) if chr(b) in ALPHABET else _INVALID for b in range(256))


def b45encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        e, n = divmod(n, 45 * 45)
        d, c = divmod(n, 45)
        out.append(ALPHABET[c] + ALPHABET[d] + ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out.append(ALPHABET[c] + ALPHABET[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    # Every code a verifier sees is decoded here, and a loop over the characters cost more than
    # the signature check itself (bench verify_offline). So the triples are decoded all at once
    # with big-integer arithmetic: each triple (c, d, e) gets a 24-bit lane of three integers,
    # one per position; c + 45·d + 2025·e never exceeds 91124 < 2**24, so lanes never carry.
    if len(text) % 3 == 1:
        raise ValueError("base45: bad length")
    try:
        raw = text.encode("ascii")
    except UnicodeEncodeError as exc:
        raise ValueError("base45: bad character") from exc
    values = raw.translate(_TABLE)
    if _INVALID in values:
        raise ValueError("base45: bad character")
    count = len(values) // 3
    full = count * 3
    lanes = bytearray(full)
    lanes[2::3] = values[0:full:3]
    c = int.from_bytes(lanes, "big")
    lanes[2::3] = values[1:full:3]
    d = int.from_bytes(lanes, "big")
    lanes[2::3] = values[2:full:3]
    e = int.from_bytes(lanes, "big")
    sums = (c + d * 45 + e * 2025).to_bytes(full, "big")
    if sums[0::3].count(0) != count:
        raise ValueError("base45: value out of range")  # a triple above 65535
    out = bytearray(count * 2)
    out[0::2] = sums[1::3]
    out[1::2] = sums[2::3]
    if len(values) % 3 == 2:
        n = values[-2] + values[-1] * 45
        if n > 0xFF:
            raise ValueError("base45: value out of range")
        out.append(n)
    return bytes(out)
