"""Shapes of the surveys API."""

from datetime import date
from decimal import Decimal

from ninja import Field, Schema


class ChoiceOut(Schema):
    id: int
    label: str


class QuestionOut(Schema):
    id: int
    position: int
    text: str
    kind: str = Field(..., description="single / multiple / rating (1-5) / text")
    required: bool
    choices: list[ChoiceOut]

    @staticmethod
    def resolve_choices(obj):
        return list(obj.choices.all())


class SurveyOut(Schema):
    id: int
    token: str = Field(..., description="公开链接码：/surveys/s/{token}/")
    title: str
    region: str
    region_name: str
    period_start: date
    period_end: date
    status: str

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name


class SurveyDetailOut(SurveyOut):
    intro: str
    questions: list[QuestionOut] = Field(..., alias="question_list")


class CodeIn(Schema):
    phone: str = Field(..., max_length=20)


class SurveyAnswerIn(Schema):
    answers: dict[str, int | str | list[int]] = Field(
        ...,
        description="题目 id → 选项 id（单选）、选项 id 列表（多选）、1-5（评分）或文字",
    )
    region: str | None = Field(None, max_length=15, description="答卷人所在辖区代码（可选）")
    phone: str | None = Field(None, max_length=20, description="线上答卷：手机号")
    code: str | None = Field(None, max_length=6, description="线上答卷：短信验证码")
    sheet_number: str | None = Field(None, max_length=30, description="纸质录入：问卷编号")


class ResponseOut(Schema):
    id: int
    channel: str


class RateOut(Schema):
    measure: str
    label: str
    numerator: int
    denominator: int
    rate: Decimal | None = Field(..., description="百分比，保留一位小数；分母为 0 时为空")
    formula: str


class AreaRatesOut(Schema):
    region: str
    region_name: str
    rates: list[RateOut]


class RatesOut(Schema):
    region: str
    start: date
    end: date
    total: list[RateOut]
    areas: list[AreaRatesOut]
