"""Survey demo: the city's first-half 2026 三率 survey (awareness of Safety Day, taking part,
satisfaction) with 36 paper sheets from three towns, closed; and 屠甸镇's survey of this
year, published, to answer on a phone at /surveys/s/demo-tudian/ (or by its QR code).
Running it again changes nothing that is already there (idempotent).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from pingan.org.models import Region, User
from pingan.surveys import services
from pingan.surveys.models import Measure, Question, Survey
from pingan.surveys.workflow import SurveyStatus

CITY_SURVEY = "2026年上半年平安建设“三率”调查"
TUDIAN_TOKEN = "demo-tudian"
QUESTIONS = [
    {
        "text": "您是否知道每月26日是“平安桐乡日”？",
        "kind": Question.Kind.SINGLE,
        "measures": Measure.AWARENESS,
        "options": [("知道", True), ("不知道", False)],
    },
    {
        "text": "今年您是否参加过平安宣讲、培训、巡查或整改等活动？",
        "kind": Question.Kind.SINGLE,
        "measures": Measure.PARTICIPATION,
        "options": [("参加过", True), ("没有参加过", False)],
    },
    {
        "text": "您对本地平安建设工作的满意程度（1-5 分）",
        "kind": Question.Kind.RATING,
        "measures": Measure.SATISFACTION,
        "satisfied_min": 4,
    },
    {
        "text": "您从哪些渠道了解平安建设？",
        "kind": Question.Kind.MULTIPLE,
        "required": False,
        "options": [
            ("宣传横幅", False),
            ("电子屏", False),
            ("短信", False),
            ("村（社区）宣讲", False),
        ],
    },
    {"text": "您对平安建设还有什么建议？", "kind": Question.Kind.TEXT, "required": False},
]
# Where the paper sheets came from: villages of 梧桐街道, 屠甸镇 and 高桥街道.
SHEET_VILLAGES = ["330483001001", "330483103001", "330483103002", "330483004001"]
SHEETS = 36


def _build(*, actor, title, region, start, end, token=None) -> Survey:
    survey = Survey.objects.filter(title=title, region=region).first()
    if survey is not None:
        return survey
    survey = services.survey_create(
        actor=actor, title=title, region=region, period_start=start, period_end=end
    )
    if token:
        Survey.objects.filter(pk=survey.pk).update(token=token)
        survey.token = token
    for spec in QUESTIONS:
        services.question_add(
            survey=survey,
            actor=actor,
            text=spec["text"],
            kind=spec["kind"],
            required=spec.get("required", True),
            measures=spec.get("measures", ""),
            options=spec.get("options", ()),
            satisfied_min=spec.get("satisfied_min"),
        )
    return services.survey_publish(survey=survey, actor=actor)


def _sheet_answers(survey, n: int) -> dict:
    """Deterministic answers: 4 in 5 know the day, 1 in 3 took part, ratings 3, 4, 5 in turn."""
    questions = list(survey.questions.prefetch_related("choices").order_by("position"))
    aware, part, rating, channels, _text = questions
    aware_choices = list(aware.choices.all())
    part_choices = list(part.choices.all())
    return {
        aware.pk: aware_choices[0 if n % 5 else 1].pk,
        part.pk: part_choices[0 if n % 3 == 0 else 1].pk,
        rating.pk: 3 + n % 3,
        channels.pk: [c.pk for c in channels.choices.all()][: 1 + n % 4],
    }


@transaction.atomic
def seed(stdout=None) -> None:
    users = User.objects.in_bulk(["admin", "tudian_officer"], field_name="username")
    regions = Region.objects.in_bulk(["330483", "330483103", *SHEET_VILLAGES], field_name="code")
    city = _build(
        actor=users["admin"],
        title=CITY_SURVEY,
        region=regions["330483"],
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
    )
    if city.status == SurveyStatus.PUBLISHED and not city.responses.exists():
        for n in range(1, SHEETS + 1):
            services.response_enter_paper(
                survey=city,
                actor=users["admin"],
                sheet_number=f"2026H1-{n:04d}",
                answers=_sheet_answers(city, n),
                region=regions[SHEET_VILLAGES[n % len(SHEET_VILLAGES)]],
            )
        services.survey_close(survey=city, actor=users["admin"])
    year = timezone.localdate().year
    tudian = _build(
        actor=users["tudian_officer"],
        title=f"屠甸镇{year}年平安建设问卷",
        region=regions["330483103"],
        start=date(year, 1, 1),
        end=date(year, 12, 31),
        token=TUDIAN_TOKEN,
    )
    if stdout is not None:
        stdout.write(f"  surveys: {city.title} ({SHEETS} paper sheets), {tudian.title}")
