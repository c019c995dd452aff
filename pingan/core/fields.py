"""Model fields for personal data: encrypted at rest, findable by exact value via a blind index.

    phone = EncryptedTextField(kind="phone", blank=True)
    phone_index = BlindIndexField(source="phone", kind="phone")

The encrypted column holds ciphertext only; `Model.objects.filter(phone_index=blind_index_for(
"phone", "13800000000"))` finds a row without decrypting the table.
"""

from django.core.exceptions import FieldError
from django.db import models

from pingan.core import crypto, pii


class EncryptedTextField(models.TextField):
    """Plain text in Python, AES-GCM ciphertext in the database. Only `isnull` can be queried."""

    def __init__(self, *args, kind: str = "text", **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        return name, path, args, kwargs

    def _context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return crypto.decrypt(value, context=self._context())

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return crypto.encrypt(value, context=self._context())

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(
                f"{self.name} is encrypted; search it through its blind index, not '{lookup_name}'"
            )
        return super().get_lookup(lookup_name)


class BlindIndexField(models.CharField):
    """Filled on save from the encrypted field named by `source`, normalised by `kind`."""

    def __init__(self, *args, source: str = "", kind: str = "text", **kwargs):
        self.source = source
        self.kind = kind
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs["kind"] = self.kind
        for key in ("max_length", "blank", "default", "db_index", "editable"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = blind_index_for(self.kind, getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value


def blind_index_for(kind: str, raw: str) -> str:
    """The index value for `raw`, or "" for an empty value. Raises DomainError on bad input."""
    if not raw:
        return ""
    return crypto.blind_index(pii.normalize(kind, raw), kind=kind)
