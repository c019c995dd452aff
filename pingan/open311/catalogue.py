"""The Open311 services: which case categories citizens may report, the kinds and attributes
each one offers, and the answer limit each request is told about."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pingan.cases.models import Category, Kind, TimeUnit
from pingan.core.errors import DomainError

# The kinds a citizen may choose through Open311, in the order a default is picked when a
# category allows several and the client sends none. Petitions (信访) are left out: they follow
# the 信访工作条例 procedure (pingan.petitions), which registers the petitioner in person.
CITIZEN_KINDS = [
    Kind.COMPLAINT,
    Kind.REPORT,
    Kind.HELP,
    Kind.HAZARD,
    Kind.SUGGESTION,
    Kind.CONSULT,
    Kind.DISPUTE,
]

KIND = "kind"
URGENCY = "urgency"
URGENCY_VALUES = {"normal": _("一般"), "urgent": _("紧急（现场存在安全风险）")}


def unknown_service(code: str) -> DomainError:
    return DomainError(
        "unknown_service", _("未知的 service_code：%(code)s") % {"code": code}, status=404
    )


def kinds_for(category: Category) -> list[str]:
    return [str(kind) for kind in CITIZEN_KINDS if category.allows_kind(kind)]


def default_kind(category: Category) -> str | None:
    kinds = kinds_for(category)
    return kinds[0] if kinds else None


def offered_categories() -> list[Category]:
    """Active categories without active subcategories that take at least one citizen kind:
    a parent with children is a group (the services' `group`), not a service of its own."""
    active = list(Category.objects.filter(is_active=True).select_related("parent"))
    parents = {c.parent_id for c in active if c.parent_id is not None}
    return [c for c in active if c.pk not in parents and kinds_for(c)]


def offered_category(code: str) -> Category:
    """The category behind a service_code, or a 404 error."""
    code = (code or "").strip()
    category = (
        Category.objects.filter(code=code, is_active=True).select_related("parent").first()
        if code
        else None
    )
    if (
        category is None
        or not kinds_for(category)
        or Category.objects.filter(Q(parent=category) & Q(is_active=True)).exists()
    ):
        raise unknown_service(code)
    return category


def limit_text(category: Category, kind: str, *, urgent: bool = False) -> str:
    amount, unit = category.answer_policy(kind, urgent=urgent)
    if unit == TimeUnit.HOURS:
        return str(_("%(n)s 小时") % {"n": amount})
    return str(_("%(n)s 个工作日") % {"n": amount})


def notice(category: Category, kind: str, *, urgent: bool = False) -> str:
    """What the requester is told about the handling: the answer limit of its kind."""
    return str(_("受理后 %(limit)s内答复") % {"limit": limit_text(category, kind, urgent=urgent)})


def keywords(category: Category) -> str:
    words = [category.parent.name if category.parent else "", category.name]
    words += [str(Kind(kind).label) for kind in kinds_for(category)]
    return ", ".join(dict.fromkeys(w for w in words if w))


def attributes(category: Category) -> list[dict]:
    """The service definition's attributes: the kind where the category takes several, and
    the urgency the citizen sees (staff decide whether the case is handled as urgent)."""
    rows = []
    kinds = kinds_for(category)
    if len(kinds) > 1:
        rows.append(
            {
                "variable": True,
                "code": KIND,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": str(
                    _("不选则按「%(kind)s」受理") % {"kind": Kind(kinds[0]).label}
                ),
                "order": len(rows) + 1,
                "description": str(_("诉求类型")),
                "values": [
                    {
                        "key": kind,
                        "name": str(
                            _("%(kind)s（%(limit)s内答复）")
                            % {"kind": Kind(kind).label, "limit": limit_text(category, kind)}
                        ),
                    }
                    for kind in kinds
                ],
            }
        )
    rows.append(
        {
            "variable": True,
            "code": URGENCY,
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": str(_("是否按紧急件办理由工作人员判定")),
            "order": len(rows) + 1,
            "description": str(_("情况是否紧急")),
            "values": [{"key": key, "name": str(name)} for key, name in URGENCY_VALUES.items()],
        }
    )
    return rows


def clean_attributes(category: Category, raw: dict[str, list[str]]) -> dict[str, str]:
    """The attribute values the category's definition knows, checked; codes it does not
    define are ignored, as a client may send a superset of what one service needs."""
    allowed = {row["code"]: row for row in attributes(category)}
    cleaned = {}
    for code, values in raw.items():
        row = allowed.get(code)
        values = [v.strip() for v in values if v.strip()]
        if row is None or not values:
            continue
        keys = {value["key"] for value in row["values"]}
        if len(values) > 1 or values[0] not in keys:
            raise DomainError(
                "invalid_attribute",
                _("attribute[%(code)s] 的取值不正确，可选：%(keys)s")
                % {"code": code, "keys": ", ".join(sorted(keys))},
                status=400,
            )
        cleaned[code] = values[0]
    for code, row in allowed.items():
        if row["required"] and code not in cleaned:
            raise DomainError(
                "missing_attribute",
                _("缺少必填参数 attribute[%(code)s]") % {"code": code},
                status=400,
            )
    return cleaned
