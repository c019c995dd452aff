"""Page forms: they parse input for the services and nothing else (the rules live in services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.mediation.models import (
    DisputeType,
    Level,
    PartyKind,
    ReferralKind,
    Route,
    Satisfaction,
    SessionMode,
    Side,
    Source,
)
from pingan.mediation.workflow import ConfirmationDecision
from pingan.org.models import Department


def cleaned(form: forms.Form) -> dict:
    """The cleaned data, or a DomainError carrying the first problem (shown on the page)."""
    if form.is_valid():
        return form.cleaned_data
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        message = f"{label}：{errors[0]}" if label else errors[0]
        raise DomainError("invalid_input", message, status=422)
    raise DomainError("invalid_input", _("输入有误"), status=422)


class Form(forms.Form):
    """A form whose widgets carry Bootstrap's classes (templates render fields as they are)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css


def department_choices(queryset) -> list[tuple[str, str]]:
    return [("", _("（不指定）"))] + [(d.code, d.name) for d in queryset]


class DisputeForm(Form):
    dispute_type = forms.ChoiceField(label=_("纠纷类型"), choices=DisputeType.choices)
    level = forms.ChoiceField(label=_("调解层级"), choices=Level.choices)
    department = forms.ChoiceField(label=_("调解组织"), required=False)
    people_count = forms.IntegerField(label=_("涉及人数"), min_value=1, max_value=100000, initial=1)
    amount = forms.DecimalField(
        label=_("涉及金额（元）"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    title = forms.CharField(label=_("案由"), max_length=100, required=False)
    description = forms.CharField(label=_("纠纷简要情况"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = department_choices(departments)


class DirectDisputeForm(DisputeForm):
    region = forms.ChoiceField(label=_("纠纷发生地"))
    source = forms.ChoiceField(
        label=_("来源"),
        choices=[
            (Source.APPLICATION, Source.APPLICATION.label),
            (Source.INITIATIVE, Source.INITIATIVE.label),
        ],
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = list(regions)


class FromCaseForm(DisputeForm):
    description = forms.CharField(
        label=_("纠纷简要情况"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    add_reporter = forms.BooleanField(label=_("把工单反映人登记为申请方当事人"), required=False)


class ReferralForm(DirectDisputeForm):
    court = forms.ChoiceField(label=_("委派法院"))
    court_case_number = forms.CharField(label=_("法院案号"), max_length=40)
    referral_kind = forms.ChoiceField(label=_("委派方式"), choices=ReferralKind.choices)

    def __init__(self, *args, courts=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["source"]
        self.fields["court"].choices = [(c.code, c.name) for c in courts]
        self.fields["level"].initial = Level.COURT


class PartyForm(Form):
    side = forms.ChoiceField(label=_("当事人一方"), choices=Side.choices)
    kind = forms.ChoiceField(label=_("类别"), choices=PartyKind.choices)
    name = forms.CharField(label=_("姓名"), max_length=60, required=False)
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    id_number = forms.CharField(label=_("身份证号"), max_length=20, required=False)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    org_name = forms.CharField(label=_("单位名称"), max_length=100, required=False)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    representative_name = forms.CharField(
        label=_("法定代表人或代理人"), max_length=60, required=False
    )
    representative_phone = forms.CharField(label=_("代表人手机号"), max_length=20, required=False)
    representative_id_number = forms.CharField(
        label=_("代表人身份证号"), max_length=20, required=False
    )
    role_note = forms.CharField(label=_("身份说明"), max_length=60, required=False)


class DetailsForm(Form):
    people_count = forms.IntegerField(label=_("涉及人数"), min_value=1, max_value=100000)
    amount = forms.DecimalField(
        label=_("涉及金额（元）"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    escalation_signs = forms.BooleanField(
        label=_("有激化苗头（扬言报复、肢体冲突等）"), required=False
    )
    risk_note = forms.CharField(label=_("风险研判说明"), max_length=200, required=False)


class ReasonForm(Form):
    reason = forms.CharField(label=_("理由"), max_length=4000)


class NoteForm(Form):
    note = forms.CharField(label=_("说明"), max_length=4000, required=False)


class RefuseForm(ReasonForm):
    party = forms.IntegerField(label=_("拒绝调解的当事人"), required=False)


class TerminateForm(ReasonForm):
    routes = forms.MultipleChoiceField(
        label=_("告知的其他途径"), choices=Route.choices, widget=forms.CheckboxSelectMultiple
    )


class EscalateForm(ReasonForm):
    department = forms.CharField(label=_("上级调解组织"), max_length=40, required=False)


class ExtendForm(Form):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=365)
    applicant_consent = forms.BooleanField(label=_("申请方同意延长"), required=False)
    respondent_consent = forms.BooleanField(label=_("被申请方同意延长"), required=False)
    note = forms.CharField(label=_("说明"), max_length=4000, required=False)


class FollowUpForm(Form):
    satisfaction = forms.ChoiceField(label=_("满意度"), choices=Satisfaction.choices)
    note = forms.CharField(label=_("回访情况"), max_length=4000, required=False)


class MediatorForm(Form):
    user = forms.IntegerField(label=_("调解员"))


class SessionForm(Form):
    starts_at = forms.DateTimeField(
        label=_("调解时间"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    mode = forms.ChoiceField(label=_("调解方式"), choices=SessionMode.choices)
    place = forms.CharField(label=_("地点或视频会议室"), max_length=120)
    participants = forms.TypedMultipleChoiceField(
        label=_("参加的当事人"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    other_participants = forms.CharField(label=_("其他参加人员"), max_length=200, required=False)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = [(p.pk, p.masked_name) for p in parties]


class RecordForm(Form):
    record = forms.CharField(label=_("调解笔录"), max_length=20000, widget=forms.Textarea)


class AgreementForm(Form):
    committee_name = forms.CharField(label=_("人民调解委员会"), max_length=100)
    facts = forms.CharField(
        label=_("纠纷的主要事实"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    issues = forms.CharField(
        label=_("争议事项"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsibilities = forms.CharField(
        label=_("各方当事人的责任"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TermForm(Form):
    content = forms.CharField(
        label=_("协议内容"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    obligor = forms.TypedChoiceField(
        label=_("履行方"), coerce=int, required=False, empty_value=None
    )
    method = forms.CharField(label=_("履行方式"), max_length=200, required=False)
    due_on = forms.DateField(
        label=_("履行期限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obligor"].choices = [("", _("（各方）"))] + [
            (p.pk, p.full_name or p.masked_name) for p in parties
        ]


TermFormSet = forms.formset_factory(TermForm, extra=3, max_num=30)


class FinaliseForm(Form):
    signed_on = forms.DateField(
        label=_("签订日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    parties_signed = forms.BooleanField(label=_("各方当事人已签名、盖章或按指印"), required=False)
    mediator_signed = forms.BooleanField(label=_("人民调解员已签名"), required=False)
    sealed = forms.BooleanField(label=_("已加盖人民调解委员会印章"), required=False)


class PerformanceForm(Form):
    performed_on = forms.DateField(
        label=_("履行日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("履行情况"), max_length=200, required=False)


class ConfirmationApplyForm(Form):
    court = forms.ChoiceField(label=_("人民法院"))
    applicant_consent = forms.BooleanField(label=_("申请方共同申请"), required=False)
    respondent_consent = forms.BooleanField(label=_("被申请方共同申请"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        courts = Department.objects.filter(kind=Department.Kind.COURT, is_active=True)
        self.fields["court"].choices = [(c.code, c.name) for c in courts]


class ConfirmationDecisionForm(Form):
    decision = forms.ChoiceField(label=_("裁定"), choices=ConfirmationDecision.choices)
    note = forms.CharField(label=_("理由"), max_length=4000, required=False)
    court_case_number = forms.CharField(label=_("确认案号"), max_length=40, required=False)


class PeriodForm(Form):
    start = forms.DateField(
        label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    by = forms.ChoiceField(
        label=_("统计维度"),
        choices=[("type", _("纠纷类型")), ("level", _("调解层级")), ("region", _("镇（街道）"))],
    )
