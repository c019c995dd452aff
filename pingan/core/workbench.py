"""The entries of the home page (工作台). Each app registers what it offers to which roles, so the
home page shows a person exactly what they may do, and nothing that does not exist."""

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class Entry:
    key: str
    title: str
    description: str
    url_name: str
    icon: str = "grid"
    roles: frozenset = field(default_factory=frozenset)  # empty: every signed-in user
    staff_only: bool = False
    # For people without posts (citizens): staff do this work through their own pages.
    citizen_only: bool = False
    superuser_only: bool = False
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_entries: dict[str, Entry] = {}


def register(entry: Entry) -> None:
    _entries[entry.key] = entry


def entries_for(user) -> list[Entry]:
    from pingan.org import scoping

    roles = {p.role for p in scoping.posts_of(user)}
    superuser = scoping.is_superuser(user)
    staff = superuser or bool(roles)
    visible = []
    for entry in _entries.values():
        if entry.superuser_only and not superuser:
            continue
        if entry.staff_only and not staff:
            continue
        if entry.citizen_only and staff:
            continue
        if entry.roles and not superuser and not (entry.roles & roles):
            continue
        visible.append(entry)
    return sorted(visible, key=lambda e: (e.order, e.key))
