"""Mediation sessions: scheduled with a time and a place (or a remote video room), the parties
told by SMS; then held, with the record (笔录) written."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import Conflict, DomainError
from pingan.mediation import clock, notices
from pingan.mediation.models import (
    DisputeParty,
    MediationSession,
    SessionMode,
    SessionStatus,
)
from pingan.mediation.services._base import event, lock_for, text, writing
from pingan.mediation.workflow import Action, EventKind

MAX_RECORD = 20000


def _parties(dispute, participants) -> list[DisputeParty]:
    active = {
        p.pk: p
        for p in dispute.parties.filter(is_active=True).select_related("person", "representative")
    }
    if not participants:
        return list(active.values())
    chosen = []
    for item in participants:
        pk = item.pk if isinstance(item, DisputeParty) else item
        try:
            chosen.append(active[int(pk)])
        except (KeyError, TypeError, ValueError):
            raise DomainError(
                "unknown_party", _("参加人中有不属于本案的当事人"), status=422
            ) from None
    return chosen


def session_schedule(
    *,
    dispute,
    actor,
    starts_at: datetime,
    mode: str,
    place: str,
    participants=(),
    other_participants: str = "",
) -> MediationSession:
    """Schedule a session and tell each participating party by SMS. A remote session (5G court
    or online video) is recorded as such, with the video room as its place."""
    if mode not in SessionMode.values:
        raise DomainError("unknown_mode", _("请选择调解方式"), status=422)
    if not isinstance(starts_at, datetime) or timezone.is_naive(starts_at):
        raise DomainError("invalid_time", _("请填写调解时间"), status=422)
    place = text(
        place,
        required=True,
        code="place_required",
        message=_("请填写调解地点或视频会议室"),
        limit=120,
    )
    other_participants = text(other_participants, required=False, limit=200)
    with writing(actor):
        dispute = lock_for(Action.SCHEDULE_SESSION, dispute, actor)
        if starts_at < clock.now() - timedelta(days=1):
            raise DomainError("time_in_past", _("调解时间不能早于今天"), status=422)
        parties = _parties(dispute, participants)
        session = MediationSession.objects.create(
            dispute=dispute,
            starts_at=starts_at,
            mode=mode,
            place=place,
            other_participants=other_participants,
            created_by=actor,
            created_at=clock.now(),
        )
        session.participants.set(parties)
        session.notified = notices.tell_parties(
            dispute,
            "mediation_session",
            {
                "time": notices.local_time(starts_at),
                "mode": str(SessionMode(mode).label),
                "place": place,
            },
            key=f"session-{session.pk}",
            parties=parties,
        )
        session.save(update_fields=["notified"])
        event(
            dispute,
            EventKind.SESSION_SCHEDULE,
            actor=actor,
            data={
                "session": session.pk,
                "starts_at": starts_at.isoformat(),
                "mode": mode,
                "remote": session.is_remote,
                "place": place,
                "participants": len(parties),
                "sms_sent": session.notified,
            },
        )
    return session


def session_record(
    *, session: MediationSession, actor, record: str, attended=None
) -> MediationSession:
    """Write the record of a held session (who came, what was said and agreed on the day)."""
    record = text(
        record, required=True, code="record_required", message=_("请填写调解笔录"), limit=MAX_RECORD
    )
    with writing(actor):
        dispute = lock_for(Action.RECORD_SESSION, session.dispute, actor)
        session = MediationSession.objects.select_for_update().get(pk=session.pk, dispute=dispute)
        if session.status == SessionStatus.HELD:
            raise Conflict("session_recorded", _("该次调解已记录笔录"))
        if attended is not None:
            session.participants.set(_parties(dispute, attended))
        session.record = record
        session.status = SessionStatus.HELD
        session.held_at = clock.now()
        session.recorded_by = actor
        session.save(update_fields=["record", "status", "held_at", "recorded_by"])
        event(
            dispute,
            EventKind.SESSION_RECORD,
            actor=actor,
            data={"session": session.pk, "mode": session.mode, "remote": session.is_remote},
        )
    return session
