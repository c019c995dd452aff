"""Which department should handle a case: suggestions for the dispatcher, who decides.

Two sources, combined into one confidence per department:
- the rule: the category's routing rule for the region (selectors.default_department, which falls
  back up the category tree);
- history: what dispatchers chose for similar reports before. The past dispatches of the same
  category family in the last year (the last dispatch of each case, unless the department handed
  it back) are compared with this report's text (pingan.cases.similarity); the NEIGHBOURS most
  similar ones vote. Without a description, the newest cases of the same category vote.

The rule counts as RULE_VOTES votes and DOUBT votes go to "none of these", so a rule alone gives
0.75, and a department overtakes the rule once more similar cases went to it than the rule has
votes plus the rule's own share of history. A nearest-neighbour vote rather than a trained model
(Amsterdam's Signals trains a TF-IDF classifier offline): it needs no training job, learns from a
dispatch the moment it is made, and its explanation is a count anyone can check.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext as _

from pingan.cases import clock, similarity
from pingan.cases.models import CaseEvent, Category, CategoryRoute
from pingan.cases.search_index import current_weights, family_of
from pingan.cases.selectors import default_department
from pingan.cases.workflow import EventKind, Status
from pingan.core.errors import DomainError
from pingan.org.models import Department, Region

HISTORY_DAYS = 365
HISTORY_CAP = 400  # past dispatches read, newest first
NEIGHBOURS = 12  # the most similar past cases that vote
MIN_SIMILARITY = 0.25  # a past case less alike than this does not vote
RULE_VOTES = 3
DOUBT = 1


@dataclass(frozen=True)
class RouteSuggestion:
    department: Department
    confidence: float  # 0..1
    source: str  # "rule" | "history"
    explanation: str


def _resolve(category, region) -> tuple[Category, Region]:
    if not isinstance(category, Category):
        code = (category or "").strip()
        category = (
            Category.objects.select_related("parent").filter(code=code).first() if code else None
        )
        if category is None:
            raise DomainError(
                "unknown_category", _("未知的事项分类：%(code)s") % {"code": code}, status=422
            )
    if not isinstance(region, Region):
        code = (region or "").strip()
        region = Region.objects.filter(code=code).first() if code else None
        if region is None:
            raise DomainError(
                "unknown_region", _("未知的区划代码：%(code)s") % {"code": code}, status=422
            )
    return category, region


def _rule(category: Category, region: Region) -> tuple[Department | None, str]:
    """The rule's department and why it applies."""
    department = default_department(category, region)
    if department is None:
        return None, ""
    lineage = category.lineage()
    routes = CategoryRoute.objects.filter(
        category__in=lineage, department=department
    ).select_related("category", "region")
    # The route default_department chose: the nearest category, then the most specific region.
    depth = {c.pk: i for i, c in enumerate(lineage)}
    route = min(
        (r for r in routes if region.code.startswith(r.region.code)),
        key=lambda r: (depth[r.category_id], -len(r.region.code)),
    )
    if route.category_id == category.pk:
        return department, _("按分派规则：「%(c)s」在「%(r)s」由该部门承办") % {
            "c": category.name,
            "r": route.region.name,
        }
    return department, _("本分类没有分派规则，按上级分类「%(c)s」在「%(r)s」的规则") % {
        "c": route.category.name,
        "r": route.region.name,
    }


def _serves(department: Department, region: Region) -> bool:
    return department.is_active and region.code.startswith(department.region.code)


def _history(
    category: Category, region: Region, description: str, exclude_id
) -> tuple[list[int], dict[int, Department], bool]:
    """(department id of each voting past case, departments by id, whether text decided)."""
    since = clock.now() - timedelta(days=HISTORY_DAYS)
    grams = similarity.shingles(description) if description else frozenset()
    events = CaseEvent.objects.filter(
        kind=EventKind.DISPATCH, at__gte=since, department__isnull=False
    ).exclude(case__status=Status.RETURNED)
    if grams:
        events = events.filter(case__search_entry__family=family_of(category))
    else:
        events = events.filter(case__category=category)
    if exclude_id is not None:
        events = events.exclude(case_id=exclude_id)
    rows = events.order_by("-at", "-id").values_list(
        "case_id", "department_id", "case__search_entry__shingles"
    )[:HISTORY_CAP]
    latest: dict[int, tuple[int, str]] = {}
    for case_id, department_id, stored in rows:
        latest.setdefault(case_id, (department_id, stored or ""))
    departments = Department.objects.select_related("region").in_bulk(
        {department_id for department_id, _stored in latest.values()}
    )
    usable = [
        (department_id, stored)
        for department_id, stored in latest.values()
        if department_id in departments and _serves(departments[department_id], region)
    ]
    if not grams:
        return [d for d, _stored in usable[:NEIGHBOURS]], departments, False
    alike = []
    query = similarity.Query(grams, current_weights())
    for department_id, stored in usable:
        value = query.similarity(similarity.unpack(stored))
        if value >= MIN_SIMILARITY:
            alike.append((value, department_id))
    alike.sort(key=lambda item: -item[0])
    return [d for _value, d in alike[:NEIGHBOURS]], departments, True


def suggest_departments(
    *, category, region, description: str = "", limit: int = 3, exclude_id=None
) -> list[RouteSuggestion]:
    """Departments for a case of this category and region, most likely first.

    `category` and `region` may be objects or codes (DomainError 422 when unknown). `exclude_id`
    leaves a case out of the history (the case being routed, when it was dispatched before).
    """
    category, region = _resolve(category, region)
    rule_department, rule_reason = _rule(category, region)
    voters, departments, by_text = _history(
        category, region, (description or "").strip(), exclude_id
    )
    votes = Counter(voters)
    if rule_department is not None:
        departments.setdefault(rule_department.pk, rule_department)
    weight = len(voters) + DOUBT + (RULE_VOTES if rule_department is not None else 0)
    ranked = []
    for department_id in set(votes) | ({rule_department.pk} if rule_department else set()):
        is_rule = rule_department is not None and department_id == rule_department.pk
        count = votes.get(department_id, 0)
        confidence = (count + (RULE_VOTES if is_rule else 0)) / weight
        department = departments[department_id]
        if count:
            pattern = (
                _("过去 %(n)s 件相似工单中 %(k)s 件派给了 %(d)s")
                if by_text
                else _("过去 %(n)s 件同类工单中 %(k)s 件派给了 %(d)s")
            )
            explanation = pattern % {"n": len(voters), "k": count, "d": department.name}
            if is_rule:
                explanation += _("；也是分派规则指定的部门")
            source = "history"
        else:
            explanation, source = rule_reason, "rule"
        ranked.append(
            RouteSuggestion(department, round(confidence, 2), source, explanation),
        )
    ranked.sort(
        key=lambda s: (
            -s.confidence,
            rule_department is None or s.department.pk != rule_department.pk,
            s.department.code,
        )
    )
    return ranked[:limit]
