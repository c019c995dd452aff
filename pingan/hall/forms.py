"""Forms of the hall's pages. They only parse; the services decide (and refuse with a message)."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from pingan.cases.models import Kind
from pingan.cases.selectors import active_categories
from pingan.hall.models import HalfDay, Profession, Weekday

VISITOR_SALT = "pingan.hall.visitor"
# A looked-up visitor stays selected for a working day; after that the clerk looks again.
VISITOR_MAX_AGE = 10 * 3600


def visitor_token(person, window) -> str:
    """Names the person found by a lookup, bound to the window, so that a form cannot be made
    to attach a visit to someone the clerk never looked up."""
    return signing.dumps({"p": person.pk, "w": window.pk}, salt=VISITOR_SALT, compress=True)


def visitor_from_token(token: str, window):
    from pingan.people.models import Person

    try:
        data = signing.loads(token, salt=VISITOR_SALT, max_age=VISITOR_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("w") != window.pk:
        return None
    return Person.objects.filter(pk=data.get("p")).first()


def _select(testid: str) -> forms.Select:
    return forms.Select(attrs={"class": "form-select", "data-testid": testid})


class TakeNumberForm(forms.Form):
    kind = forms.CharField(
        label=_("业务"), max_length=30, error_messages={"required": _("请选择要办理的业务")}
    )
    phone = forms.CharField(
        label=_("手机号（可选，叫号时短信提醒）"), max_length=20, required=False
    )


class VisitForm(forms.Form):
    OUTCOMES = [
        ("resolve", _("当场办结")),
        ("accept", _("受理为工单")),
        ("refer", _("引导至法律服务窗口")),
        ("advise", _("法律服务答复")),
    ]

    outcome = forms.ChoiceField(label=_("办理结果"), choices=OUTCOMES)
    visitor = forms.CharField(required=False, widget=forms.HiddenInput)
    ticket = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("姓名"), max_length=60, required=False)
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    id_number = forms.CharField(label=_("身份证号"), max_length=18, required=False)
    purpose = forms.CharField(
        label=_("来访事由"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写来访事由")},
    )
    kind = forms.ChoiceField(
        label=_("诉求类型"),
        choices=Kind.choices,
        initial=Kind.CONSULT,
        required=False,
        widget=_select("kind"),
    )
    category = forms.ChoiceField(label=_("事项分类"), required=False, widget=_select("category"))
    region = forms.ChoiceField(label=_("发生地"), required=False, widget=_select("region"))
    answer = forms.CharField(
        label=_("答复内容 / 值班意见"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    route = forms.ChoiceField(label=_("引导给值班人员"), required=False, widget=_select("route"))

    def __init__(self, *args, regions=(), duty_slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—")] + [
            (c.code, f"{c.parent.name} / {c.name}" if c.parent_id else c.name)
            for c in active_categories().order_by("sort_order", "code")
        ]
        self.fields["region"].choices = [(r.code, r.name) for r in regions]
        self.fields["route"].choices = [("", "—")] + [
            (
                str(slot.pk),
                f"{slot.get_half_display()} {slot.window.name} · "
                f"{slot.get_profession_display()} {slot.person.display_name}",
            )
            for slot in duty_slots
        ]

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if not data.get("visitor") and not any(data.get(f) for f in ("name", "phone", "id_number")):
            self.add_error("name", _("请先查找来访人，或填写姓名和手机号登记"))
        if outcome in ("resolve", "accept") and not data.get("category"):
            self.add_error("category", _("请选择事项分类"))
        if outcome in ("resolve", "advise") and not data.get("answer"):
            self.add_error("answer", _("请填写答复内容"))
        if outcome == "refer" and not data.get("route"):
            self.add_error("route", _("请选择引导给哪位值班人员"))
        return data


class MatterVisitForm(forms.Form):
    """A visitor back about an earlier matter: to collect the answer, or to ask about it."""

    ticket = forms.IntegerField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class RevisitForm(MatterVisitForm):
    purpose = forms.CharField(
        label=_("来访事由"), max_length=2000, error_messages={"required": _("请填写来访事由")}
    )


class DeliverForm(forms.Form):
    note = forms.CharField(
        label=_("送达方式"), max_length=200, error_messages={"required": _("请说明送达方式")}
    )


class AdviceForm(forms.Form):
    advice = forms.CharField(
        label=_("答复意见"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写答复意见")},
    )


class _RosterForm(forms.Form):
    def __init__(self, *args, windows=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.update({"class": css, "data-testid": f"{self.prefix_id}-{name}"})
        if "window" in self.fields:
            self.fields["window"].choices = [(str(w.pk), w.name) for w in windows]
        if "person" in self.fields:
            self.fields["person"].choices = [("", "—")] + [
                (str(p.pk), p.display_name) for p in people
            ]


class SlotForm(_RosterForm):
    prefix_id = "slot"
    window = forms.ChoiceField(label=_("窗口"))
    date = forms.DateField(
        label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    half = forms.ChoiceField(label=_("时段"), choices=HalfDay.choices)
    person = forms.ChoiceField(label=_("值班人员"))
    profession = forms.ChoiceField(
        label=_("身份"), choices=[("", _("按岗位自动识别")), *Profession.choices], required=False
    )


class PatternForm(_RosterForm):
    prefix_id = "pattern"
    window = forms.ChoiceField(label=_("窗口"))
    person = forms.ChoiceField(label=_("值班人员"))
    weekday = forms.TypedChoiceField(label=_("星期"), choices=Weekday.choices, coerce=int)
    half = forms.ChoiceField(label=_("时段"), choices=HalfDay.choices)
    start_date = forms.DateField(
        label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    profession = forms.ChoiceField(
        label=_("身份"), choices=[("", _("按岗位自动识别")), *Profession.choices], required=False
    )


class SwapForm(forms.Form):
    slot = forms.IntegerField(label=_("换出的班"))
    other = forms.IntegerField(label=_("换入的班"))
    reason = forms.CharField(
        label=_("换班原因"), max_length=200, error_messages={"required": _("请填写换班原因")}
    )

    def __init__(self, *args, slots=(), mine=None, **kwargs):
        super().__init__(*args, **kwargs)

        def label(s):
            return f"{s.date:%m-%d} {s.get_half_display()} {s.window.name} {s.person.display_name}"

        self.slot_choices = [(s.pk, label(s)) for s in (mine if mine is not None else slots)]
        self.other_choices = [(s.pk, label(s)) for s in slots]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("同意")), ("reject", _("不同意"))])
    note = forms.CharField(label=_("审批意见"), max_length=200, required=False)
