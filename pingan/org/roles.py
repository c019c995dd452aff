"""The roles of DESIGN.md. A post gives a user one role over a region and everything below it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HOTLINE = "hotline", _("12345 话务员")
    CLERK = "clerk", _("窗口人员")
    DISPATCHER = "dispatcher", _("分流/派单员")
    HANDLER = "handler", _("承办人")
    MEDIATOR = "mediator", _("调解员")
    LEGAL_DUTY = "legal_duty", _("三官一师")
    GRID = "grid", _("网格员")
    INSPECTOR = "inspector", _("检查员")
    GUARD = "guard", _("卡口/场所扫码员")
    HEALTH_OFFICER = "health_officer", _("防疫专员")
    LEADER = "leader", _("领导")
    ADMIN = "admin", _("管理员")


# What each role does, shown on the home page so that people know what the platform expects of
# them in their jurisdiction.
ROLE_DUTIES = {
    Role.HOTLINE: _("受理 12345 来电，登记为工单，查看来电人的历史诉求"),
    Role.CLERK: _("服务中心窗口：取号叫号、登记来访、当场答复或受理分流"),
    Role.DISPATCHER: _("把已受理的事项分派到承办部门，合并重复件"),
    Role.HANDLER: _("部门承办：签收、办理、答复，申请延期或退单"),
    Role.MEDIATOR: _("主持矛盾纠纷调解，记录调解过程，制作调解协议书"),
    Role.LEGAL_DUTY: _("法官、检察官、警官、律师在法律服务窗口坐班"),
    Role.GRID: _("网格巡查，上报事件和安全隐患"),
    Role.INSPECTOR: _("场所检查，下达整改并复查"),
    Role.GUARD: _("在企业、小区、城市卡口扫码核验"),
    Role.HEALTH_OFFICER: _("变更健康码状态（红码需第二人审批），查阅扫码记录（留痕）"),
    Role.LEADER: _("督办，查看本辖区的统计与大屏"),
    Role.ADMIN: _("配置辖区、部门、分类、时限、规则和用户"),
}

# Roles whose work needs personal data in full (they may reveal it, and each reveal is audited).
ROLES_SEEING_PII = {
    Role.HOTLINE,
    Role.CLERK,
    Role.HANDLER,
    Role.MEDIATOR,
    Role.LEGAL_DUTY,
    Role.HEALTH_OFFICER,
    Role.ADMIN,
}

STAFF_ROLES = set(Role)
