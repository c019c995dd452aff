from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "pingan.petitions"
    label = "petitions"
    verbose_name = _("信访")

    def ready(self):
        from pingan.core import audit, workbench
        from pingan.org.roles import Role
        from pingan.petitions import models, notices

        audit.track(models.Petition, exclude={"updated_at"})
        audit.track(models.Petitioner)
        notices.register_templates()
        workbench.register(
            workbench.Entry(
                key="petitions",
                title=_("信访事项"),
                description=_("登记、转送交办、受理告知、答复、复查复核，法定时限一目了然"),
                url_name="petitions:list",
                icon="envelope-paper",
                roles=frozenset({Role.HANDLER, Role.DISPATCHER, Role.LEADER, Role.CLERK}),
                order=40,
            )
        )
        workbench.register(
            workbench.Entry(
                key="petitions-backlog",
                title=_("信访积案"),
                description=_("各镇街超期未办、答复后重复信访的事项及包案领导"),
                url_name="petitions:backlog",
                icon="exclamation-octagon",
                roles=frozenset({Role.DISPATCHER, Role.LEADER}),
                order=41,
            )
        )
