"""Forms of the petition pages: they parse and check types; the rules live in the services,
whose DomainError the views show beside the form they keep."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pingan.cases.models import Category, Channel, Kind
from pingan.org import scoping
from pingan.org.models import Department, Region, User
from pingan.org.roles import Role
from pingan.petitions import deadlines, selectors
from pingan.petitions.models import RouteKind
from pingan.petitions.services import PETITION_CHANNELS
from pingan.petitions.workflow import Action, Status

MAX_ROWS = 20
DEFAULT_ROWS = 5


def petition_categories() -> list[Category]:
    categories = Category.objects.filter(is_active=True).select_related("parent")
    return [c for c in categories if c.allows_kind(Kind.PETITION)]


def leaders_queryset(region_codes=None):
    """Users holding an active leader post (over one of `region_codes`, when given)."""
    posts = {"posts__role": Role.LEADER, "posts__is_active": True}
    if region_codes is not None:
        posts["posts__region__code__in"] = region_codes
    return (
        User.objects.filter(is_active=True, **posts)
        .distinct()
        .order_by("username")
        .prefetch_related("posts__region")
    )


class LeaderChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("请选择"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        titles = "、".join(
            f"{p.region.name}{p.title}" for p in obj.posts.all() if p.role == Role.LEADER
        )
        return f"{obj.display_name}（{titles}）" if titles else obj.display_name


class PetitionForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("信访形式"),
        choices=[(c.value, c.label) for c in Channel if c in PETITION_CHANNELS],
        initial=Channel.WINDOW,
    )
    category = forms.ChoiceField(label=_("事项分类"))
    region = forms.ChoiceField(label=_("事项发生地"))
    intake_region = forms.ChoiceField(
        label=_("受理地"),
        required=False,
        help_text=_("留空则按您的岗位：市信访局为市级，镇街中心为本镇街"),
    )
    title = forms.CharField(label=_("标题"), required=False, max_length=100)
    description = forms.CharField(
        label=_("信访事项及诉求"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    address = forms.CharField(label=_("详细地点"), required=False, max_length=200)
    headcount = forms.IntegerField(
        label=_("信访人数"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("到访或联名的总人数；5人及以上为集体访。留空则按登记的信访人计"),
    )
    over_level = forms.BooleanField(label=_("越级访"), required=False)
    leader = LeaderChoiceField(label=_("包案领导"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—")] + [
            (c.code, c.full_name) for c in petition_categories()
        ]
        regions = scoping.regions_visible_to(user).filter(
            level__in=[Region.Level.CITY, Region.Level.TOWN, Region.Level.VILLAGE], is_active=True
        )
        region_list = list(regions.order_by("code"))
        self.fields["region"].choices = [("", "—")] + [
            (r.code, ("　" * (len(r.code) // 3 - 2)) + r.name) for r in region_list
        ]
        self.fields["intake_region"].choices = [("", _("按岗位自动确定"))] + [
            (r.code, r.name) for r in region_list if r.level != Region.Level.VILLAGE
        ]
        self.fields["leader"].queryset = leaders_queryset()


class PetitionerForm(forms.Form):
    name = forms.CharField(label=_("姓名"), required=False, max_length=60)
    phone = forms.CharField(label=_("手机号"), required=False, max_length=20)
    id_number = forms.CharField(label=_("身份证号"), required=False, max_length=18)

    def data_or_none(self) -> dict | None:
        data = {k: (self.cleaned_data.get(k) or "").strip() for k in ("name", "phone", "id_number")}
        return data if any(data.values()) else None


def petitioner_formset(data=None, rows: int = DEFAULT_ROWS):
    formset_class = forms.formset_factory(
        PetitionerForm, extra=rows, max_num=MAX_ROWS, absolute_max=MAX_ROWS
    )
    return formset_class(data, prefix="p")


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False)
    town = forms.ChoiceField(label=_("镇（街道）"), required=False)
    collective = forms.BooleanField(label=_("集体访"), required=False)
    repeat = forms.BooleanField(label=_("重复访"), required=False)
    over_level = forms.BooleanField(label=_("越级访"), required=False)
    overdue = forms.BooleanField(label=_("已超期"), required=False)
    backlog = forms.BooleanField(label=_("积案"), required=False)
    q = forms.CharField(label=_("编号或标题"), required=False, max_length=60)
    since = forms.DateField(label=_("登记日期自"), required=False)
    until = forms.DateField(label=_("登记日期至"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("全部")), *Status.choices]
        self.fields["town"].choices = [("", _("全部"))] + [
            (t.code, t.name) for t in selectors.towns_visible_to(user)
        ]

    def filters(self) -> selectors.Filters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.Filters(
            **{k: data.get(k) or v for k, v in vars(selectors.Filters()).items()}
        )


# --- the actions on the detail page ---------------------------------------------------------------


class ActionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, petition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.petition = petition
        if petition is not None and not self.is_bound:
            self.initial["expected_version"] = petition.version

    def arguments(self) -> dict:
        return dict(self.cleaned_data)


def _units_for(petition):
    code = petition.case.region.code
    prefixes = [code[:n] for n in sorted(set(Region.CODE_LENGTHS.values())) if n <= len(code)]
    return Department.objects.filter(is_active=True, region__code__in=prefixes).order_by(
        "region__code", "code"
    )


class RouteForm(ActionForm):
    unit = forms.ModelChoiceField(
        label=_("责任单位"), queryset=Department.objects.none(), empty_label=_("请选择")
    )
    route_kind = forms.ChoiceField(
        label=_("方式"), choices=RouteKind.choices, initial=RouteKind.ASSIGN
    )
    leader = LeaderChoiceField(label=_("包案领导"), queryset=User.objects.none(), required=False)
    note = forms.CharField(
        label=_("转送意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.petition is not None:
            self.fields["unit"].queryset = _units_for(self.petition)
            region_code = self.petition.case.region.code
            prefixes = [region_code[:n] for n in (6, 9, 12) if n <= len(region_code)]
            self.fields["leader"].queryset = leaders_queryset(prefixes)
            if self.petition.leader_id and not self.is_bound:
                self.initial["leader"] = self.petition.leader_id


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("异议理由"), widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(ActionForm):
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtendForm(ActionForm):
    days = forms.IntegerField(
        label=_("延长天数"), min_value=1, max_value=deadlines.EXTENSION_MAX_DAYS
    )
    reason = forms.CharField(
        label=_("延期理由（将短信告知信访人）"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReplyForm(ActionForm):
    facts = forms.CharField(
        label=_("查明事实"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opinion = forms.CharField(label=_("处理意见"), widget=forms.Textarea(attrs={"rows": 4}))


class RequestForm(ActionForm):
    grounds = forms.CharField(label=_("请求事项和理由"), widget=forms.Textarea(attrs={"rows": 2}))


class OpinionForm(ActionForm):
    opinion = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 3}))


class LeaderForm(ActionForm):
    leader = LeaderChoiceField(label=_("包案领导"), queryset=User.objects.none())
    note = forms.CharField(label=_("说明"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders_queryset()


ACTION_FORMS = {
    Action.ROUTE: RouteForm,
    Action.OBJECT: ReasonForm,
    Action.ACCEPT: NoteForm,
    Action.EXTEND: ExtendForm,
    Action.REPLY: ReplyForm,
    Action.ASK_REVIEW: RequestForm,
    Action.DECIDE_REVIEW: OpinionForm,
    Action.ASK_RECHECK: RequestForm,
    Action.DECIDE_RECHECK: OpinionForm,
    Action.ASSIGN_LEADER: LeaderForm,
}
