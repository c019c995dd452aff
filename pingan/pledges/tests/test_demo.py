"""The demo pledges: 城北村's with online and paper signatures (one household of two), 高桥's
street-wide 公约, a bulk SMS to 城北村; running the demo again changes nothing."""

from pingan.notify.models import SmsBatch
from pingan.pledges import demo, selectors
from pingan.pledges.models import Pledge, Signature


def test_the_demo_is_complete_and_idempotent(demo_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.seed()
    demo.seed()
    chengbei = Pledge.objects.get(title="城北村村规民约（平安篇）")
    assert chengbei.region.name == "城北村" and chengbei.is_open_for_signing()
    coverage = selectors.coverage(chengbei)
    assert coverage.signatures == 8 and coverage.total.signed == 7  # 陆 family: one household
    assert Signature.objects.filter(pledge=chengbei, channel="paper").exclude(sheet="").count() == 2
    gaoqiao = Pledge.objects.get(title="高桥街道抗疫公约")
    assert len([row for row in selectors.coverage(gaoqiao).villages if row.signed]) == 3
    assert SmsBatch.objects.filter(name="城北村平安桐乡日提醒").count() == 1
