from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "pingan.org"
    label = "org"
    verbose_name = _("组织与辖区")

    def ready(self):
        from pingan.core import audit
        from pingan.org import models, signals  # noqa: F401  (login audit receivers)

        audit.track(models.Region)
        audit.track(models.Department)
        audit.track(models.Post)
        audit.track(models.User, pii={"phone": "phone"}, secret={"password"})
        audit.track(models.ApiToken, secret={"key_hash"})
        _register_workbench()


def _register_workbench():
    from pingan.core.workbench import Entry, register

    register(
        Entry(
            "jurisdiction",
            _("我的辖区"),
            _("区划、部门和在岗人员"),
            "jurisdiction",
            icon="diagram-3",
            staff_only=True,
            order=900,
        )
    )
    register(
        Entry(
            "account",
            _("我的账户"),
            _("个人信息、API 令牌"),
            "account",
            icon="person-badge",
            order=950,
        )
    )
    register(
        Entry(
            "admin",
            _("管理后台"),
            _("配置辖区、部门、用户与岗位，查阅审计日志"),
            "admin:index",
            icon="gear",
            superuser_only=True,
            order=990,
        )
    )
