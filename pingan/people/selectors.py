from pingan.core.errors import DomainError
from pingan.people.models import Person
from pingan.people.services import person_find


def find_person(*, query: str) -> Person | None:
    """Look a person up by an 18-character ID number or by a phone number, for intake staff.
    Malformed input finds nobody rather than failing the lookup."""
    query = (query or "").strip()
    if not query:
        return None
    try:
        if len(query) == 18:
            return person_find(id_number=query)
        return person_find(phone=query)
    except DomainError:
        return None
