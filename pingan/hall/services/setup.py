"""Reference data every installation has: the two window kinds of DESIGN.md. Migration 0002
creates them; this puts them back where a database was emptied (tests, a fresh demo)."""

from pingan.hall.models import COMPREHENSIVE, LEGAL, WindowKind

STANDARD_KINDS = [
    # code, name, ticket letter, legal-service window, what the kiosk says, sort order
    (COMPREHENSIVE, "综合窗口", "A", False, "咨询、投诉、求助、矛盾纠纷、信访等", 10),
    (LEGAL, "法律服务窗口", "L", True, "法官、检察官、警官、律师坐班答疑", 20),
]


def window_kinds_ensure() -> dict[str, WindowKind]:
    kinds = {}
    for code, name, prefix, is_legal, description, order in STANDARD_KINDS:
        kinds[code], _created = WindowKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "prefix": prefix,
                "is_legal": is_legal,
                "description": description,
                "sort_order": order,
            },
        )
    return kinds
