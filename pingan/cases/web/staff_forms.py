"""Forms of the staff pages for work orders. They parse and check types and choices; the rules
(required reasons, who may act, deadlines) live in the services, whose DomainError the pages
show in their alert slot."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pingan.cases import selectors
from pingan.cases.models import (
    Case,
    Category,
    Channel,
    ExtensionRequest,
    Kind,
    Satisfaction,
    SupervisionLevel,
)
from pingan.cases.services.intake import STAFF_CHANNELS
from pingan.cases.web.staff_common import default_channel, region_choices
from pingan.cases.workflow import Action
from pingan.core.errors import DomainError
from pingan.core.pii import normalize_phone
from pingan.core.workcalendar import local_day_start
from pingan.org.models import Department, Region

ALL = "all"
QUEUE_CHOICES = [*selectors.QUEUES.items(), (ALL, _("全部工单"))]


class StyledForm(forms.Form):
    """Bootstrap classes on every widget, and is-invalid on the fields that failed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"

    def problems(self) -> str:
        """All errors in one line, for the alert slot."""
        parts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            text = " ".join(str(e).rstrip("。.") for e in errors)
            parts.append(f"{label}：{text}" if label else text)
        return "；".join(parts)


def category_choices() -> list:
    """Active categories grouped under their top-level category."""
    categories = list(selectors.active_categories().order_by("sort_order", "code"))
    tops = [c for c in categories if c.parent_id is None]
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category)
    groups = []
    for top in tops:
        options = [(top.code, _("%(name)s（其他）") % {"name": top.name})]
        options += [(c.code, c.name) for c in children.get(top.pk, [])]
        groups.append((top.name, options))
    return groups


def _blank(label) -> list:
    return [("", label)]


# --- the queue filters --------------------------------------------------------------------------


class QueueFilterForm(StyledForm):
    kind = forms.ChoiceField(label=_("诉求类型"), required=False)
    channel = forms.ChoiceField(label=_("来源渠道"), required=False)
    category = forms.ChoiceField(label=_("事项分类"), required=False)
    region = forms.ChoiceField(label=_("镇街/村社"), required=False)
    urgent = forms.BooleanField(label=_("只看紧急件"), required=False)
    # Registered between these days (inclusive): the records behind a dashboard figure.
    since = forms.DateField(
        label=_("登记日期自"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("登记日期至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("工单号或标题")}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(_("全部类型")) + list(Kind.choices)
        self.fields["channel"].choices = _blank(_("全部渠道")) + list(Channel.choices)
        self.fields["category"].choices = _blank(_("全部分类")) + category_choices()
        self.fields["region"].choices = _blank(_("全部辖区")) + region_choices(user)
        for field in self.fields.values():
            css = field.widget.attrs.get("class", "")
            for size in ("form-select", "form-control"):
                if size in css.split():
                    field.widget.attrs["class"] = f"{css} {size}-sm"

    def apply(self, cases):
        """Filter by the fields that parsed; a field that did not is reported, not applied."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("kind"):
            cases = cases.filter(kind=data["kind"])
        if data.get("channel"):
            cases = cases.filter(channel=data["channel"])
        if data.get("category"):
            code = data["category"]
            cases = cases.filter(Q(category__code=code) | Q(category__code__startswith=f"{code}."))
        if data.get("region"):
            cases = cases.filter(region__code__startswith=data["region"])
        if data.get("urgent"):
            cases = cases.filter(urgent=True)
        if data.get("since"):
            cases = cases.filter(created_at__gte=local_day_start(data["since"]))
        if data.get("until"):
            cases = cases.filter(created_at__lt=local_day_start(data["until"], days_after=1))
        text = (data.get("q") or "").strip()
        if text:
            cases = cases.filter(Q(number__startswith=text.upper()) | Q(title__contains=text))
        return cases


# --- the quick-entry form (来电登记) ------------------------------------------------------------


class IntakeForm(StyledForm):
    reporter_phone = forms.CharField(
        label=_("来电号码"),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "off", "autofocus": True}
        ),
    )
    reporter_name = forms.CharField(label=_("来电人姓名"), required=False, max_length=60)
    anonymous = forms.BooleanField(
        label=_("匿名（承办部门看不到姓名和电话）"),
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("来源渠道"), choices=[(c.value, c.label) for c in Channel if c in STAFF_CHANNELS]
    )
    kind = forms.ChoiceField(
        label=_("诉求类型"),
        choices=_blank("—") + list(Kind.choices),
        error_messages={"required": _("请选择诉求类型")},
    )
    category = forms.ChoiceField(
        label=_("事项分类"), error_messages={"required": _("请选择事项分类")}
    )
    region = forms.ChoiceField(label=_("事发地"), error_messages={"required": _("请选择事发地")})
    address = forms.CharField(label=_("详细地点"), required=False, max_length=200)
    description = forms.CharField(
        label=_("诉求内容"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("请填写问题描述")},
    )
    title = forms.CharField(
        label=_("标题"),
        required=False,
        max_length=100,
        help_text=_("留空则取诉求内容的第一句"),
    )
    urgent = forms.BooleanField(label=_("紧急（涉及安全风险，24 小时内答复）"), required=False)
    same_as = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].initial = default_channel(user)
        if self.fields["channel"].initial != Channel.HOTLINE:
            # At a window or on patrol the person is in front of you, not on the line.
            self.fields["reporter_phone"].label = _("联系电话")
            self.fields["reporter_name"].label = _("反映人姓名")
        self.fields["category"].choices = _blank("—") + category_choices()
        self.fields["region"].choices = _blank("—") + region_choices(user, include_all=True)
        for name in ("reporter_phone", "description", "region", "category"):
            # The assist panel (history, duplicates, routing) listens to these fields.
            self.fields[name].widget.attrs["data-assist"] = "1"

    def clean_reporter_phone(self):
        raw = (self.cleaned_data.get("reporter_phone") or "").strip()
        if not raw:
            return ""
        try:
            return normalize_phone(raw)
        except DomainError as exc:
            raise forms.ValidationError(str(exc.message)) from exc

    def arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("same_as", None)
        return data


# --- the action forms of the case page ------------------------------------------------------------


class ActionForm(StyledForm):
    """Every action carries the version of the case the form was drawn from, so an action
    on a copy someone else has changed since is refused (409 stale)."""

    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, case: Case, user, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("expected_version", case.version)
        self.case, self.user = case, user
        super().__init__(*args, **kwargs)

    def arguments(self) -> dict:
        return dict(self.cleaned_data)


def _text(label, *, required_in_browser: bool, rows: int = 3, name_hint=""):
    # Emptiness is the service's to refuse (one message for page and API); the browser is
    # asked to check it first where the service will insist.
    attrs = {"rows": rows}
    if required_in_browser:
        attrs["required"] = True
    if name_hint:
        attrs["placeholder"] = name_hint
    return forms.CharField(
        label=label, required=False, max_length=4000, widget=forms.Textarea(attrs=attrs)
    )


class NoteForm(ActionForm):
    note = _text(_("说明（可不填）"), required_in_browser=False, rows=2)


class ReasonForm(ActionForm):
    reason = _text(_("理由"), required_in_browser=True)


class AnswerForm(ActionForm):
    answer = _text(_("答复内容"), required_in_browser=True, rows=5)


class DispatchForm(ActionForm):
    department = forms.ChoiceField(label=_("承办部门"))
    note = _text(_("派单意见（可不填）"), required_in_browser=False, rows=2)

    def __init__(self, *args, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = serving_departments(self.case.region)
        self.fields["department"].choices = _blank("—") + [
            (d.code, d.name) for d in self.departments
        ]
        if suggested and not self.is_bound:
            self.fields["department"].initial = suggested.code


def serving_departments(region: Region) -> list[Department]:
    """Active departments whose area covers the region (a department serves its own region and
    everything below it): the city's bureaus, then the town's offices."""
    prefixes = [region.code[:n] for n in sorted(set(Region.CODE_LENGTHS.values()))]
    prefixes = [p for p in prefixes if len(p) <= len(region.code)]
    return list(
        Department.objects.filter(is_active=True, region__code__in=prefixes)
        .select_related("region")
        .order_by("region__code", "name")
    )


class MergeForm(ActionForm):
    # Drawn by hand as a radio beside each candidate (cases/staff/_action_form.html).
    into = forms.IntegerField(label=_("主工单"), required=False, min_value=1)
    number = forms.CharField(
        label=_("或输入主工单号"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": _("如 GD2025010100001")}),
    )
    note = _text(_("说明（可不填）"), required_in_browser=False, rows=2)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)

    def clean(self):
        data = super().clean()
        if not data.get("into") and not (data.get("number") or "").strip():
            raise forms.ValidationError(_("请选择或输入要合并到的主工单"))
        return data

    def arguments(self) -> dict:
        """`into` is resolved to a case in the user's sight (NotFound otherwise)."""
        data = dict(self.cleaned_data)
        number = (data.pop("number", "") or "").strip().upper()
        pk = data.pop("into", None)
        visible = selectors.cases_visible_to(self.user)
        main = visible.filter(pk=pk).first() if pk else visible.filter(number=number).first()
        if main is None:
            raise DomainError(
                "not_found", _("未找到主工单 %(n)s，或不在您的辖区内") % {"n": number or pk}
            )
        data["into"] = main
        return data


class ExtensionRequestForm(ActionForm):
    days = forms.IntegerField(
        label=_("延期（工作日）"), min_value=1, max_value=ExtensionRequest.MAX_DAYS, initial=5
    )
    reason = _text(_("延期理由"), required_in_browser=True)


class ExtensionDecisionForm(ActionForm):
    request = forms.IntegerField(widget=forms.HiddenInput)
    grant = forms.TypedChoiceField(
        label=_("审批意见"),
        choices=[("yes", _("同意延期")), ("no", _("不同意"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    note = _text(_("审批说明（不同意时必填）"), required_in_browser=False, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = next(
            (
                r
                for r in self.case.extension_requests.all()
                if r.status == ExtensionRequest.State.PENDING
            ),
            None,
        )
        if self.pending is not None and not self.is_bound:
            self.fields["request"].initial = self.pending.pk


class SuperviseForm(ActionForm):
    level = forms.ChoiceField(
        label=_("督办级别"),
        choices=[
            (SupervisionLevel.YELLOW, SupervisionLevel.YELLOW.label),
            (SupervisionLevel.RED, SupervisionLevel.RED.label),
        ],
        widget=forms.RadioSelect,
        initial=SupervisionLevel.YELLOW,
    )
    note = _text(_("督办意见"), required_in_browser=False, rows=2)


class FollowUpForm(ActionForm):
    satisfaction = forms.ChoiceField(
        label=_("回访结果"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    comment = _text(_("群众意见（可不填）"), required_in_browser=False, rows=2)


ACTION_FORMS: dict[str, type[ActionForm]] = {
    Action.ACCEPT: NoteForm,
    Action.REJECT: ReasonForm,
    Action.RESOLVE_ON_SPOT: AnswerForm,
    Action.DISPATCH: DispatchForm,
    Action.SIGN: NoteForm,
    Action.RETURN: ReasonForm,
    Action.ANSWER: AnswerForm,
    Action.PAUSE: ReasonForm,
    Action.RESUME: NoteForm,
    Action.MERGE: MergeForm,
    Action.CLOSE: NoteForm,
    Action.REOPEN: ReasonForm,
    Action.REQUEST_EXTENSION: ExtensionRequestForm,
    Action.DECIDE_EXTENSION: ExtensionDecisionForm,
    Action.REMIND: NoteForm,
    Action.SUPERVISE: SuperviseForm,
    Action.FOLLOW_UP: FollowUpForm,
}
