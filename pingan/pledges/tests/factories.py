import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pingan.people.testing import last_phone_code
from pingan.pledges import services
from pingan.pledges.demo import PNG


def published_pledge(actor, region, *, title="测试村规民约", days_valid=365):
    pledge = services.pledge_create(
        actor=actor,
        region=region,
        title=title,
        body="一、邻里和睦。\n二、不飞线充电。",
        valid_from=timezone.localdate() - datetime.timedelta(days=1),
        valid_until=timezone.localdate() + datetime.timedelta(days=days_valid),
    )
    return services.pledge_publish(actor=actor, pledge=pledge)


def png(name="sheet.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def sign(pledge, *, name, phone, household, region=None):
    """Sign online as a resident does: ask for the code, read it from the SMS, sign."""
    services.sign_code_send(pledge=pledge, phone=phone)
    return services.sign_online(
        pledge=pledge,
        name=name,
        phone=phone,
        code=last_phone_code(phone),
        household=household,
        region=region,
    )
