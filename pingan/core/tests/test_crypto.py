import pytest
from cryptography.exceptions import InvalidTag

from pingan.core import crypto
from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for


def test_encrypt_round_trip_and_is_randomised():
    first = crypto.encrypt("13957300010", context="org.user.phone")
    second = crypto.encrypt("13957300010", context="org.user.phone")
    assert first.startswith("pa1:") and first != second
    assert "13957300010" not in first
    assert crypto.decrypt(first, context="org.user.phone") == "13957300010"


def test_ciphertext_moved_to_another_column_does_not_decrypt():
    token = crypto.encrypt("330483199001011234", context="org.user.phone")
    with pytest.raises(InvalidTag):
        crypto.decrypt(token, context="passes.person.id_number")


def test_tampered_ciphertext_is_refused():
    token = crypto.encrypt("secret", context="x")
    body = token[4:]
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    with pytest.raises(InvalidTag):
        crypto.decrypt("pa1:" + flipped, context="x")


def test_blind_index_normalises_before_hashing():
    assert blind_index_for("phone", "139 5730 0010") == blind_index_for("phone", "13957300010")
    assert blind_index_for("phone", "+86 13957300010") == blind_index_for("phone", "13957300010")
    assert blind_index_for("phone", "13957300011") != blind_index_for("phone", "13957300010")
    assert blind_index_for("phone", "") == ""


def test_blind_index_rejects_malformed_identifiers():
    with pytest.raises(DomainError) as err:
        blind_index_for("phone", "12345")
    assert err.value.code == "invalid_phone"
    with pytest.raises(DomainError) as err:
        blind_index_for("id_number", "330483199001011235")  # wrong check digit
    assert err.value.code == "invalid_id_number"


def test_id_numbers_of_tongxiang_are_accepted():
    # stdnum's county list lacks 330483; the check digit and birth date still decide.
    from pingan.core.pii import normalize_id_number

    assert normalize_id_number("330483199001011239") == "330483199001011239"
    with pytest.raises(DomainError):
        normalize_id_number("330483199013011233")  # month 13
    with pytest.raises(DomainError):
        normalize_id_number("33048319900101123")  # 17 characters
