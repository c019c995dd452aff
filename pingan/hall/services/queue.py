"""The queue: taking a number, calling it to a window, serving it.

Numbers run per centre, per day and per window kind: the kind's letter and three digits (A012
at a comprehensive window, L003 at a legal-service window). Only someone who serves the window
(a clerk posted there, or the person on duty there now) calls its numbers.
"""

import secrets

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for
from pingan.core.pii import normalize_phone
from pingan.hall import notices, selectors, workflow
from pingan.hall.models import ServiceCentre, Ticket, TicketEvent, Window, WindowKind
from pingan.hall.services._base import actor_or_none, save_numbered, writing
from pingan.hall.workflow import HOLDING, TicketAction, TicketStatus

# Three digits a day per kind; a centre that needs more adds a window kind.
MAX_SEQ = 999


def _event(ticket, action, *, actor, from_status="", window=None, at=None) -> TicketEvent:
    return TicketEvent.objects.create(
        ticket=ticket,
        action=action,
        from_status=from_status,
        to_status=ticket.status,
        window=window,
        actor=actor_or_none(actor),
        at=at or timezone.now(),
    )


def _resolve_kind(centre: ServiceCentre, kind) -> WindowKind:
    if not isinstance(kind, WindowKind):
        code = (str(kind or "")).strip()
        kind = WindowKind.objects.filter(code=code).first() if code else None
    if kind is None or not kind.is_active:
        raise DomainError("unknown_window_kind", _("请选择要办理的业务"), status=422)
    if not centre.windows.filter(kind=kind, is_active=True).exists():
        raise DomainError(
            "unknown_window_kind",
            _("%(centre)s没有开放「%(kind)s」") % {"centre": centre.name, "kind": kind.name},
            status=422,
        )
    return kind


def _holding_ticket(centre, day, phone: str) -> Ticket | None:
    index = blind_index_for("phone", phone)
    return (
        Ticket.objects.filter(
            centre=centre, business_date=day, phone_index=index, status__in=HOLDING
        )
        .select_related("kind")
        .first()
    )


def _refuse_second_place(held: Ticket):
    raise DomainError(
        "already_in_queue",
        _("该手机号今天已取号 %(number)s（%(status)s），请勿重复取号")
        % {"number": held.number, "status": held.status_label},
        status=409,
    )


def ticket_take(
    *,
    centre: ServiceCentre,
    kind: WindowKind | str,
    phone: str = "",
    source: str = Ticket.Source.KIOSK,
    actor=None,
) -> Ticket:
    """Give the visitor the next number of the day for `kind`. With a phone the visitor is
    told by SMS when called; a phone already holding a place today at this centre is refused
    (nothing is changed)."""
    if not centre.is_active:
        raise DomainError("centre_closed", _("该服务中心已停用"), status=409)
    if source not in Ticket.Source.values:
        raise DomainError("invalid_source", _("取号方式不正确"), status=422)
    kind = _resolve_kind(centre, kind)
    phone = normalize_phone(phone) if (phone or "").strip() else ""
    now = timezone.now()
    day = selectors.today(now)
    with writing(actor):
        ticket = Ticket(
            centre=centre,
            kind=kind,
            business_date=day,
            token=secrets.token_urlsafe(18),
            source=source,
            phone=phone,
            taken_at=now,
        )

        def assign(row):
            if phone:
                held = _holding_ticket(centre, day, phone)
                if held is not None:
                    _refuse_second_place(held)
            last = (
                Ticket.objects.filter(centre=centre, kind=kind, business_date=day)
                .order_by("-seq")
                .values_list("seq", flat=True)
                .first()
            )
            row.seq = (last or 0) + 1
            if row.seq > MAX_SEQ:
                raise DomainError(
                    "queue_full", _("今日「%(kind)s」号码已取完") % {"kind": kind.name}, status=409
                )
            row.number = f"{kind.prefix}{row.seq:03d}"

        save_numbered(ticket, assign)
        _event(ticket, TicketAction.TAKE, actor=actor, at=now)
    return ticket


def _require_serving(actor, window: Window, now) -> None:
    if not selectors.serves_window(actor, window, now):
        raise DomainError(
            "not_posted",
            _("您没有被安排在「%(window)s」，不能在此叫号或办理") % {"window": window.name},
            status=403,
        )


def _lock_window(window: Window) -> Window:
    return (
        Window.objects.select_for_update(of=("self",))
        .select_related("centre", "kind")
        .get(pk=window.pk)
    )


def ticket_call_next(*, window: Window, actor) -> Ticket:
    """Call the longest-waiting number of the window's kind to this window."""
    now = timezone.now()
    _require_serving(actor, window, now)
    with writing(actor):
        # The window row is the lock: two clicks on "call next" at one window queue up here.
        window = _lock_window(window)
        if not window.is_active or not window.centre.is_active:
            raise DomainError("window_closed", _("该窗口已停用"), status=409)
        current = selectors.ticket_at_window(window, now)
        if current is not None:
            raise DomainError(
                "window_busy",
                _("请先办结或标记过号当前号码 %(number)s") % {"number": current.number},
                status=409,
            )
        waiting = selectors.waiting_for(window.centre, window.kind_id, selectors.today(now))
        skip = connection.features.has_select_for_update_skip_locked
        # Another window of the same kind may be calling at the same moment; skipping the
        # number it has locked hands this window the next one instead of waiting for it.
        ticket = waiting.select_for_update(skip_locked=skip).first()
        if ticket is None:
            raise DomainError(
                "queue_empty",
                _("「%(kind)s」暂无等候的号码") % {"kind": window.kind.name},
                status=409,
            )
        old = ticket.status
        ticket.status = workflow.ticket_target(TicketAction.CALL)
        ticket.window = window
        ticket.called_by = actor
        ticket.called_at = ticket.last_called_at = now
        ticket.wait_seconds = max(int((now - ticket.taken_at).total_seconds()), 0)
        ticket.save(
            update_fields=[
                "status",
                "window",
                "called_by",
                "called_at",
                "last_called_at",
                "wait_seconds",
            ]
        )
        row = _event(ticket, TicketAction.CALL, actor=actor, from_status=old, window=window, at=now)
        notices.ticket_called(ticket, window, row)
    return ticket


def _locked_ticket(ticket: Ticket) -> Ticket:
    return (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("window__centre", "window__kind", "centre", "kind")
        .get(pk=ticket.pk)
    )


def _act_at_window(action: str, ticket: Ticket, actor, change) -> Ticket:
    now = timezone.now()
    with writing(actor):
        ticket = _locked_ticket(ticket)
        if ticket.window is None:
            raise DomainError("not_called", _("该号码尚未叫号"), status=409)
        _require_serving(actor, ticket.window, now)
        workflow.check_ticket(action, ticket)
        old = ticket.status
        ticket.status = workflow.ticket_target(action)
        fields = change(ticket, now)
        ticket.save(update_fields=["status", *fields])
        row = _event(ticket, action, actor=actor, from_status=old, window=ticket.window, at=now)
        if action == TicketAction.RECALL:
            notices.ticket_called(ticket, ticket.window, row)
    return ticket


def ticket_recall(*, ticket: Ticket, actor) -> Ticket:
    """Call the same number again (the display shows it on top once more)."""

    def change(row, now):
        row.recall_count += 1
        row.last_called_at = now
        return ["recall_count", "last_called_at"]

    return _act_at_window(TicketAction.RECALL, ticket, actor, change)


def ticket_no_show(*, ticket: Ticket, actor) -> Ticket:
    def change(row, now):
        row.finished_at = now
        return ["finished_at"]

    return _act_at_window(TicketAction.NO_SHOW, ticket, actor, change)


def ticket_start(*, ticket: Ticket, actor) -> Ticket:
    def change(row, now):
        row.started_at = now
        return ["started_at"]

    return _act_at_window(TicketAction.START, ticket, actor, change)


def ticket_finish(*, ticket: Ticket, actor) -> Ticket:
    def change(row, now):
        row.finished_at = now
        row.service_seconds = max(int((now - row.started_at).total_seconds()), 0)
        return ["finished_at", "service_seconds"]

    return _act_at_window(TicketAction.FINISH, ticket, actor, change)


def ticket_cancel(*, ticket: Ticket, actor=None) -> Ticket:
    """The visitor gives up their place (from their own ticket page)."""
    now = timezone.now()
    with writing(actor):
        ticket = _locked_ticket(ticket)
        workflow.check_ticket(TicketAction.CANCEL, ticket)
        old = ticket.status
        ticket.status = TicketStatus.CANCELLED
        ticket.finished_at = now
        ticket.save(update_fields=["status", "finished_at"])
        _event(ticket, TicketAction.CANCEL, actor=actor, from_status=old, at=now)
    return ticket
