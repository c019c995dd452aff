"""Demo data of the health app: the published rules, two risk areas, and three registered
people: demo_worker 张建军 (green, the code holder of the walk-through), 李秀英 (yellow after
declaring a fever) and 王小明 (a visitor whom health_officer has asked to turn red, waiting for
health_officer2's approval). Idempotent."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from pingan.health.models import (
    ChangeRequest,
    Channel,
    Declaration,
    Registration,
    ResidentKind,
    RiskArea,
    RiskLevel,
    StatusRule,
)
from pingan.health.services import declaration_submit, status_change_manual
from pingan.health.services.register import RegistrationInput, registration_save
from pingan.org.models import User
from pingan.people.services import person_find
from pingan.places import demo as places_demo

# order, name, conditions, colour, reason code, explanation
RULES = [
    (
        10,
        "密切接触者",
        {"close_contact": True},
        "red",
        "rule_close_contact",
        "您申报为确诊或疑似病例的密切接触者，按规定赋红码，请居家等候社区联系。",
    ),
    (
        20,
        "到过高风险地区",
        {"travel_level": RiskLevel.HIGH},
        "red",
        "rule_high_risk_travel",
        "您近 14 天到过高风险地区，按规定赋红码，请主动报告并配合健康管理。",
    ),
    (
        30,
        "到过中风险地区",
        {"travel_level": RiskLevel.MEDIUM},
        "yellow",
        "rule_medium_risk_travel",
        "您近 14 天到过中风险地区，赋黄码，7 天内无异常将自动转绿。",
    ),
    (
        40,
        "发热",
        {"min_temperature": Decimal("37.3")},
        "yellow",
        "rule_fever",
        "您申报的体温达到 37.3℃ 以上，赋黄码，请及时到发热门诊就诊。",
    ),
    (
        50,
        "有症状",
        {"symptoms": True},
        "yellow",
        "rule_symptoms",
        "您申报有发热、咳嗽等症状，赋黄码，请及时就诊，症状消失后可申报或申诉。",
    ),
]

AREAS = [
    ("演示：甲省乙市丙区", RiskLevel.HIGH),
    ("演示：丁省戊市己县", RiskLevel.MEDIUM),
]

# username (None: no account), name, ID number, phone, kind, place, room, employed at factory
PEOPLE = [
    (
        "demo_worker",
        "张建军",
        "412702199003151235",
        "13957300010",
        ResidentKind.MIGRANT,
        "compound",
        "3幢2单元501",
        True,
    ),
    (
        None,
        "李秀英",
        "330483198506122028",
        "13957308001",
        ResidentKind.RESIDENT,
        "compound",
        "5幢1单元302",
        False,
    ),
    (
        None,
        "王小明",
        "32058219980820301X",
        "13957308002",
        ResidentKind.VISITOR,
        "compound",
        "7幢3单元1102",
        True,
    ),
]


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def seed_rules() -> None:
    for order, name, conditions, colour, code, explanation in RULES:
        StatusRule.objects.get_or_create(
            reason_code=code,
            defaults={
                "order": order,
                "name": name,
                "colour": colour,
                "explanation": explanation,
                **conditions,
            },
        )
    now = timezone.now()
    for name, level in AREAS:
        if not RiskArea.objects.current(now).filter(name=name).exists():
            RiskArea.objects.create(
                name=name,
                level=level,
                valid_from=now - timedelta(days=1),
                valid_until=now + timedelta(days=30),
                note="演示数据",
            )


def seed_people() -> dict:
    compound = places_demo.compound()
    factory = places_demo.factory()
    officer = User.objects.get(username="health_officer")
    people = {}
    for username, name, id_number, phone, kind, _place, room, employed in PEOPLE:
        user = User.objects.filter(username=username).first() if username else None
        known = person_find(id_number=id_number)
        if known is not None and Registration.objects.filter(person=known).exists():
            people[name] = known
            continue
        person, _account = registration_save(
            name=name,
            id_number=id_number,
            phone=phone,
            data=RegistrationInput(
                name=name,
                id_number=id_number,
                phone=phone,
                code="",
                kind=kind,
                residence=compound,
                room=room,
                employer=factory if employed else None,
            ),
            channel=Channel.PHONE if user else Channel.WINDOW,
            actor=user or officer,
            account_owner=user,
            create_account=False,
            now=timezone.now(),
        )
        people[name] = person
    return people


def seed(stdout=None) -> None:
    seed_rules()
    people = seed_people()
    worker = people["张建军"]
    if not Declaration.objects.filter(person=worker).exists():
        declaration_submit(
            person=worker,
            symptoms=[],
            temperature="36.5",
            travelled_ids=[],
            close_contact=False,
            actor=worker.user,
        )
    li = people["李秀英"]
    if not Declaration.objects.filter(person=li).exists():
        declaration_submit(
            person=li,
            symptoms=["fever"],
            temperature="37.8",
            travelled_ids=[],
            close_contact=False,
            actor=User.objects.get(username="wutong_clerk"),
        )
    wang = people["王小明"]
    if not ChangeRequest.objects.filter(person=wang).exists():
        status_change_manual(
            person=wang,
            colour="red",
            reason_code="officer_close_contact",
            note="流调核实：与外地确诊病例同乘一趟列车（演示数据）",
            actor=User.objects.get(username="health_officer"),
        )
    _say(stdout, "health: rules, risk areas and 3 registered people (demo_worker green)")
