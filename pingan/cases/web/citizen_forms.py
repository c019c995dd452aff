"""Forms of the citizen pages. They parse and check what the visitor typed so that every
problem can be shown beside its field at once; the services decide (and may still refuse, with
a message the view puts beside the field it concerns)."""

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pingan.cases import photos as photo_checks
from pingan.cases.models import Category, Kind, Satisfaction
from pingan.cases.selectors import active_categories
from pingan.core.errors import DomainError
from pingan.core.pii import is_mobile, normalize_phone
from pingan.org.models import Region

# What a citizen may report online. 信访 has its statutory procedure (pingan.petitions) and a
# dispute is better started as a mediation application; both stay with staff intake.
CITIZEN_KINDS = (
    (Kind.HELP, "life-preserver"),
    (Kind.COMPLAINT, "chat-left-text"),
    (Kind.REPORT, "flag"),
    (Kind.HAZARD, "cone-striped"),
    (Kind.SUGGESTION, "lightbulb"),
    (Kind.CONSULT, "question-circle"),
)
KIND_VALUES = tuple(kind.value for kind, _icon in CITIZEN_KINDS)

# The DomainError codes of case_create and case_follow_up, and the field each one is about.
ERROR_FIELDS = {
    "unknown_kind": "kind",
    "unknown_category": "category",
    "kind_not_allowed": "category",
    "unknown_region": "town",
    "empty_description": "description",
    "invalid_phone": "phone",
    "invalid_location": "latitude",
    "too_many_photos": "photos",
    "photo_too_large": "photos",
    "invalid_photo_type": "photos",
    "invalid_photo": "photos",
    "invalid_satisfaction": "satisfaction",
}


def error_field(form: forms.Form, error: DomainError) -> str | None:
    """The form field a refusal is about (None: a message for the whole form)."""
    name = ERROR_FIELDS.get(error.code)
    return name if name in form.fields else None


# --- the two-level category picker -------------------------------------------------------


@dataclass
class CategoryGroup:
    category: Category
    children: list[Category] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.category.code


def category_groups() -> list[CategoryGroup]:
    """Top-level categories with their sub-categories, in one query. The picker has two
    levels, so a deeper category hangs under its top level."""
    nodes = list(active_categories())
    by_pk = {c.pk: c for c in nodes}
    groups: dict[int, CategoryGroup] = {
        c.pk: CategoryGroup(c) for c in nodes if c.parent_id is None
    }
    for node in nodes:
        top, seen = node, set()
        while top.parent_id is not None and top.parent_id in by_pk and top.pk not in seen:
            seen.add(top.pk)
            top = by_pk[top.parent_id]
        if node.parent_id is not None and top.pk in groups:
            groups[top.pk].children.append(node)
    return list(groups.values())


@dataclass
class CategoryPicker:
    """What the category picker shows for the kind and the top-level category now chosen."""

    groups: list[CategoryGroup]
    group: CategoryGroup | None
    children: list[Category]  # the chosen group's sub-categories that take the kind
    category: str  # the chosen sub-category's code, if it is still offered
    kind_label: str
    refused: bool  # neither the group nor any of its sub-categories takes the kind
    child_required: bool  # only the sub-categories take the kind


def category_picker(groups, *, kind: str = "", group: str = "", category: str = ""):
    kind = kind if kind in KIND_VALUES else ""
    chosen = next((g for g in groups if g.code == group), None)
    children, refused, required = [], False, False
    if chosen is not None:
        children = [c for c in chosen.children if not kind or c.allows_kind(kind)]
        takes = not kind or chosen.category.allows_kind(kind)
        refused = not takes and not children
        required = not takes and bool(children)
    return CategoryPicker(
        groups=groups,
        group=chosen,
        children=children,
        category=category if any(c.code == category for c in children) else "",
        kind_label=str(Kind(kind).label) if kind else "",
        refused=refused,
        child_required=required,
    )


def _towns():
    return Region.objects.filter(
        level=Region.Level.TOWN,
        is_active=True,
        code__startswith=settings.PINGAN_CITY_CODE,
    ).order_by("code")


def villages_of(town_code: str):
    if not (town_code or "").isdigit():
        return Region.objects.none()
    return Region.objects.filter(
        level=Region.Level.VILLAGE, is_active=True, parent__code=town_code
    ).order_by("code")


# The location comes from the phone, not from typing: whatever is wrong with it, fetch it again.
_BAD_LOCATION = _("位置信息不正确，请重新获取位置")
LOCATION_ERRORS = {
    code: _BAD_LOCATION
    for code in ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places")
}


class ReportForm(forms.Form):
    """我要反映. `known_phone` is the signed-in citizen's own number: then the phone is optional."""

    kind = forms.ChoiceField(
        label=_("诉求类型"),
        choices=[(kind.value, kind.label) for kind, _icon in CITIZEN_KINDS],
        error_messages={
            "required": _("请选择诉求类型"),
            "invalid_choice": _("请选择有效的诉求类型"),
        },
    )
    group = forms.ChoiceField(
        label=_("事项大类"),
        error_messages={
            "required": _("请选择事项分类"),
            "invalid_choice": _("未知的事项分类，请重新选择"),
        },
    )
    category = forms.CharField(label=_("事项小类"), required=False, max_length=60)
    town = forms.ChoiceField(
        label=_("街道/镇"),
        error_messages={
            "required": _("请选择问题所在的街道或镇"),
            "invalid_choice": _("未知的街道或镇，请重新选择"),
        },
    )
    village = forms.CharField(label=_("村/社区"), required=False, max_length=15)
    address = forms.CharField(
        label=_("详细地点"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("详细地点最多 %(limit_value)d 字")},
    )
    latitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        error_messages=LOCATION_ERRORS,
    )
    longitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        error_messages=LOCATION_ERRORS,
    )
    description = forms.CharField(
        label=_("问题描述"),
        max_length=2000,
        strip=True,
        error_messages={
            "required": _("请填写问题描述"),
            "max_length": _("问题描述最多 %(limit_value)d 字"),
        },
    )
    phone = forms.CharField(label=_("手机号码"), required=False, max_length=20)
    name = forms.CharField(
        label=_("姓名"),
        required=False,
        max_length=60,
        error_messages={"max_length": _("姓名最多 %(limit_value)d 字")},
    )
    anonymous = forms.BooleanField(label=_("匿名反映"), required=False)
    # The files come from request.FILES (two inputs: the camera and the album); see clean_photos.
    photos = forms.Field(label=_("照片"), required=False)
    # Names this filling-in of the form, so a second tap on a slow network files nothing new.
    submission = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args, known_phone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.known_phone = known_phone
        self.all_groups = category_groups()
        self.fields["group"].choices = [("", "")] + [
            (g.code, g.category.name) for g in self.all_groups
        ]
        self.towns = list(_towns())
        self.fields["town"].choices = [("", "")] + [(t.code, t.name) for t in self.towns]
        if not known_phone:
            self.fields["phone"].required = True
            self.fields["phone"].error_messages["required"] = _("请填写手机号码，用于接收查询码")

    # What the pickers show now (the bound values, or nothing).
    def selected(self, name: str) -> str:
        return str(self[name].value() or "")

    def picker(self) -> CategoryPicker:
        return category_picker(
            self.all_groups,
            kind=self.selected("kind"),
            group=self.selected("group"),
            category=self.selected("category"),
        )

    def current_villages(self):
        return villages_of(self.selected("town"))

    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        try:
            phone = normalize_phone(raw)
        except DomainError as exc:
            raise forms.ValidationError(_("手机号码格式不正确，请填写 11 位手机号")) from exc
        if not is_mobile(phone):
            # The query code goes by SMS, which a landline cannot take.
            raise forms.ValidationError(_("请填写手机号码：固定电话收不到短信查询码"))
        return phone

    def clean(self):
        data = super().clean()
        self._clean_category(data)
        self._clean_region(data)
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("latitude", _("位置信息不完整，请重新获取位置"))
        return data

    def clean_photos(self):
        # The type is read from the content (JPEG, PNG or WebP), whatever the phone called it.
        try:
            return photo_checks.check_photos(self.files.getlist("photos"))
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc

    def _clean_category(self, data) -> None:
        group_code, kind = data.get("group"), data.get("kind")
        if not group_code:
            return
        group = next((g for g in self.all_groups if g.code == group_code), None)
        child_code = (data.get("category") or "").strip()
        chosen = group.category if group else None
        if child_code and group is not None:
            chosen = next((c for c in group.children if c.code == child_code), None)
            if chosen is None:
                self.add_error("category", _("未知的事项小类，请重新选择"))
                return
        if chosen is None:
            return
        needs_child = any(c.allows_kind(kind) for c in group.children) if kind else False
        if needs_child and not child_code and not chosen.allows_kind(kind):
            self.add_error("category", _("请选择事项小类"))
            return
        if kind and not chosen.allows_kind(kind):
            self.add_error(
                "category",
                _("「%(category)s」不受理「%(kind)s」类诉求，请换一个分类")
                % {"category": chosen.name, "kind": Kind(kind).label},
            )
            return
        data["category_code"] = chosen.code

    def _clean_region(self, data) -> None:
        town_code = data.get("town")
        village_code = (data.get("village") or "").strip()
        if not town_code:
            return
        if not village_code:
            data["region_code"] = town_code
            return
        if not villages_of(town_code).filter(code=village_code).exists():
            self.add_error("village", _("该村/社区不在所选街道/镇，请重新选择"))
            return
        data["region_code"] = village_code


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("工单号"),
        max_length=20,
        error_messages={"required": _("请填写工单号")},
    )
    code = forms.RegexField(
        label=_("查询码"),
        regex=r"^\d{6}$",
        error_messages={
            "required": _("请填写短信里的查询码"),
            "invalid": _("查询码是 6 位数字"),
        },
    )

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()

    def clean_code(self):
        return self.cleaned_data["code"].strip()


RATE_ICONS = {
    Satisfaction.SATISFIED: "emoji-smile",
    Satisfaction.BASIC: "emoji-neutral",
    Satisfaction.UNSATISFIED: "emoji-frown",
}


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("满意度"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择满意、基本满意或不满意"),
            "invalid_choice": _("请选择满意、基本满意或不满意"),
        },
    )
    comment = forms.CharField(
        label=_("意见"),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("意见最多 %(limit_value)d 字")},
    )

    def clean(self):
        data = super().clean()
        # The redo starts from the reason: without it the department can only guess.
        if data.get("satisfaction") == Satisfaction.UNSATISFIED and not data.get("comment"):
            self.add_error("comment", _("请说明不满意的原因，以便重新办理"))
        return data

    def options(self) -> list[tuple[str, str, str]]:
        return [(value, label, RATE_ICONS[value]) for value, label in Satisfaction.choices]
