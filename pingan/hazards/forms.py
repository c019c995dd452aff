"""Page forms: they parse and check shapes; the services check the rules. `cleaned` turns the
first problem into a DomainError, which the page shows without changing anything."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.hazards.models import Result
from pingan.hazards.workflow import Grade, Status
from pingan.places.models import Place


def cleaned(form: forms.Form) -> dict:
    if form.is_valid():
        return form.cleaned_data
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        message = f"{label}：{errors[0]}" if label else errors[0]
        raise DomainError("invalid_input", message, status=422)
    raise DomainError("invalid_input", _("输入有误"), status=422)


class Form(forms.Form):
    """Widgets carry Bootstrap's classes, so templates render fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Any number of files; their type and size are checked by content in the service."""

    widget = MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        if not data:
            return []
        return list(data) if isinstance(data, list | tuple) else [data]


GRADE_CHOICES = [("", _("暂不定级")), *Grade.choices]


class HazardForm(Form):
    title = forms.CharField(label=_("隐患名称"), max_length=100)
    description = forms.CharField(label=_("隐患描述"), widget=forms.Textarea(attrs={"rows": 3}))
    location = forms.CharField(label=_("具体位置"), max_length=200, required=False)
    grade = forms.ChoiceField(label=_("初步定级"), choices=GRADE_CHOICES, required=False)
    checklist_result = forms.TypedChoiceField(
        label=_("对应检查项"), coerce=int, required=False, empty_value=None, choices=[]
    )
    photos = PhotosField(label=_("现场照片（JPEG/PNG/WebP，每张不超过 5 MB）"), required=False)

    def __init__(self, *args, failed_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        if failed_items:
            self.fields["checklist_result"].choices = [("", "—")] + [
                (r.pk, r.item_text) for r in failed_items
            ]
        else:
            del self.fields["checklist_result"]


class NoteForm(Form):
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequiredNoteForm(Form):
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}))
    photos = PhotosField(label=_("照片"), required=False)


class ReasonForm(Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class PassForm(Form):
    note = forms.CharField(
        label=_("复查情况"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photos = PhotosField(label=_("复查照片"), required=False)


class FailForm(Form):
    reason = forms.CharField(label=_("不合格原因"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=_("新的整改期限"), required=False, widget=DateInput())
    photos = PhotosField(label=_("复查照片"), required=False)


class OrderForm(Form):
    grade = forms.ChoiceField(label=_("隐患等级"), choices=Grade.choices)
    due_on = forms.DateField(label=_("整改期限"), widget=DateInput())
    requirements = forms.CharField(label=_("整改要求"), widget=forms.Textarea(attrs={"rows": 3}))
    plan = forms.CharField(
        label=_("整改方案（重大隐患必填）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Only offered for a reported hazard without a place; the service checks the choice.
    place = forms.IntegerField(label=_("关联场所"), required=False, widget=forms.Select)
    responsible_name = forms.CharField(
        label=_("整改责任人（留空则为场所联系人）"), max_length=60, required=False
    )
    responsible_phone = forms.CharField(label=_("责任人电话"), max_length=20, required=False)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not places and not self.is_bound:
            del self.fields["place"]
        else:
            self.fields["place"].widget.choices = [("", _("不关联"))] + [
                (p.pk, p.name) for p in places
            ]


class SuperviseForm(Form):
    note = forms.CharField(label=_("督办要求"), widget=forms.Textarea(attrs={"rows": 2}))


OVERDUE_CHOICES = [("", _("全部")), ("1", _("仅逾期"))]
STATUS_FILTER = [("", _("全部状态")), ("open", _("未销号")), *Status.choices]
GRADE_FILTER = [("", _("全部等级")), ("ungraded", _("未定级")), *Grade.choices]


class FilterForm(Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=50)
    status = forms.ChoiceField(label=_("状态"), choices=STATUS_FILTER, required=False)
    grade = forms.ChoiceField(label=_("等级"), choices=GRADE_FILTER, required=False)
    town = forms.ChoiceField(label=_("镇街"), choices=[], required=False)
    overdue = forms.ChoiceField(label=_("逾期"), choices=OVERDUE_CHOICES, required=False)

    def __init__(self, *args, towns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [("", _("全部镇街"))] + [(t.code, t.name) for t in towns]


class PlaceForm(Form):
    kind = forms.ChoiceField(label=_("场所类型"), choices=Place.Kind.choices)
    name = forms.CharField(label=_("名称"), max_length=100)
    region = forms.ChoiceField(label=_("所属区域"), choices=[])
    address = forms.CharField(label=_("地址"), max_length=200)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    owner = forms.CharField(label=_("业主/负责人"), max_length=60, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=60, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    is_active = forms.BooleanField(label=_("在册"), required=False, initial=True)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.code, f"{r.code} {r.name}") for r in regions]


class PlaceSearchForm(Form):
    q = forms.CharField(label=_("名称或地址"), required=False, max_length=50)
    kind = forms.ChoiceField(
        label=_("类型"), choices=[("", _("全部类型")), *Place.Kind.choices], required=False
    )
    town = forms.ChoiceField(label=_("镇街"), choices=[], required=False)

    def __init__(self, *args, towns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [("", _("全部镇街"))] + [(t.code, t.name) for t in towns]


def results_from(post, items) -> dict:
    """The checklist's answers from a posted form: result_<id> and note_<id> per item."""
    return {
        item.pk: (post.get(f"result_{item.pk}", ""), post.get(f"note_{item.pk}", ""))
        for item in items
    }


RESULT_CHOICES = Result.choices
