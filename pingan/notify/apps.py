from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "pingan.notify"
    label = "notify"
    verbose_name = _("消息通知")

    def ready(self):
        from pingan.core import audit
        from pingan.notify import models

        # Template wording and opt-outs are configuration people change by hand: log who did.
        # Outbox rows are not tracked: a bulk send writes tens of thousands, and the row itself
        # (attempts, errors, timestamps) is already the record of what happened to it.
        audit.track(models.MessageTemplate)
        audit.track(models.OptOut, exclude={"phone_index"})
        # The list of an uploaded batch is personal data: never copied into the audit log.
        audit.track(
            models.SmsBatch, exclude={"recipients", "cursor", "queued", "opted_out", "skipped"}
        )

        from pingan.notify import bulk, tiles

        bulk.register_templates()
        tiles.register_tiles()
