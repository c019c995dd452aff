"""The decoder never raises, whatever it is given: every input ends in a reason code."""

import zlib

import cbor2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingan.passes.base45 import ALPHABET, b45decode, b45encode
from pingan.passes.verifier import REASONS, Verifier

VERIFIER = Verifier({"keys": []}, {"entries": []})
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text(max_size=400))
def test_any_text(text):
    assert VERIFIER.verify(text).reason in REASONS


@FUZZ
@given(st.text(alphabet=ALPHABET, max_size=600))
def test_any_base45_text(text):
    assert VERIFIER.verify("PA1:" + text).reason in REASONS


@FUZZ
@given(st.binary(max_size=600))
def test_any_compressed_bytes(data):
    assert VERIFIER.verify("PA1:" + b45encode(zlib.compress(data))).reason == "bad_format"


CBOR = st.recursive(
    st.none() | st.booleans() | st.integers() | st.binary(max_size=20) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.integers() | st.text(max_size=5), children, max_size=5)
    ),
    max_leaves=20,
)


@FUZZ
@given(CBOR, CBOR, CBOR, CBOR)
def test_any_cose_shaped_structure(protected, unprotected, payload, signature):
    items = [
        cbor2.dumps(protected) if isinstance(protected, dict) else protected,
        unprotected,
        payload,
        signature,
    ]
    text = "PA1:" + b45encode(zlib.compress(cbor2.dumps(cbor2.CBORTag(18, items))))
    assert VERIFIER.verify(text).reason in ("bad_format", "unknown_key")


@FUZZ
@given(st.binary(max_size=300))
def test_base45_round_trip(data):
    assert b45decode(b45encode(data)) == data


@pytest.mark.parametrize("text", ["GGW", ":::", "A", "ABCD"])
def test_base45_refuses_non_canonical(text):
    with pytest.raises(ValueError):
        b45decode(text)
