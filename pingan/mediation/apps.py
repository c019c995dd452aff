from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "pingan.mediation"
    label = "mediation"
    verbose_name = _("人民调解")

    def ready(self):
        from pingan.core import audit, workbench
        from pingan.mediation import models, notices
        from pingan.org.roles import Role

        audit.track(models.Dispute, exclude={"updated_at"})
        audit.track(models.DisputeParty)
        audit.track(models.DisputeMediator)
        audit.track(models.Agreement, exclude={"updated_at"})
        audit.track(models.AgreementTerm)
        audit.track(models.JudicialConfirmation)
        audit.track(models.MediationSession)
        notices.register_templates()

        working = frozenset(
            {Role.MEDIATOR, Role.LEGAL_DUTY, Role.CLERK, Role.DISPATCHER, Role.ADMIN}
        )
        workbench.register(
            workbench.Entry(
                "mediation.workbench",
                _("人民调解"),
                _("我的调解案件、调解期限、调解会与协议书"),
                "mediation:workbench",
                icon="people",
                roles=working,
                order=30,
            )
        )
        workbench.register(
            workbench.Entry(
                "mediation.risks",
                _("矛盾纠纷风险"),
                _("群体性、民转刑风险与临期案件"),
                "mediation:risks",
                icon="exclamation-octagon",
                roles=frozenset({Role.LEADER, Role.MEDIATOR, Role.ADMIN}),
                order=31,
            )
        )
        workbench.register(
            workbench.Entry(
                "mediation.figures",
                _("调解统计"),
                _("受理数、调解成功率、诉前化解率、平均用时"),
                "mediation:figures",
                icon="bar-chart",
                roles=frozenset({Role.LEADER, Role.MEDIATOR, Role.ADMIN}),
                order=32,
            )
        )
        workbench.register(
            workbench.Entry(
                "mediation.refer",
                _("委派诉前调解"),
                _("法院把案件委派给人民调解组织（人民调解驻庭、法官驻镇联村）"),
                "mediation:refer",
                icon="bank",
                roles=frozenset({Role.LEGAL_DUTY}),
                order=33,
            )
        )
