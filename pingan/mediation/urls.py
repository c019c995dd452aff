from django.urls import path

from pingan.mediation.views import actions, agreement, pages

app_name = "mediation"

urlpatterns = [
    path("", pages.workbench, name="workbench"),
    path("new/", pages.dispute_new, name="new"),
    path("from-case/", pages.dispute_from_case, name="from-case"),
    path("refer/", pages.dispute_refer, name="refer"),
    path("risks/", pages.risks, name="risks"),
    path("figures/", pages.figures_page, name="figures"),
    path("<int:pk>/", pages.dispute_detail, name="detail"),
    path("<int:pk>/parties/", actions.add_party, name="add-party"),
    path("<int:pk>/parties/<int:party_id>/remove/", actions.remove_party, name="remove-party"),
    path("<int:pk>/parties/<int:party_id>/reveal/", actions.reveal_party, name="reveal-party"),
    path("<int:pk>/details/", actions.update_details, name="details"),
    path("<int:pk>/mediators/", actions.assign_mediator, name="assign-mediator"),
    path("<int:pk>/links/", actions.link_case, name="link-case"),
    path("<int:pk>/act/<str:action>/", actions.transition, name="act"),
    path("<int:pk>/sessions/", actions.schedule_session, name="schedule-session"),
    path("sessions/<int:session_id>/record/", actions.record_session, name="record-session"),
    path("<int:pk>/agreement/", agreement.agreement_edit, name="agreement-edit"),
    path("<int:pk>/agreement/print/", agreement.agreement_print, name="agreement-print"),
    path("<int:pk>/agreement.docx", agreement.agreement_docx, name="agreement-docx"),
    path("<int:pk>/agreement/finalise/", agreement.agreement_finalise, name="agreement-finalise"),
    path("terms/<int:term_id>/performance/", agreement.record_performance, name="performance"),
    path("<int:pk>/confirmation/", agreement.confirmation_apply, name="confirmation-apply"),
    path(
        "<int:pk>/confirmation/decision/",
        agreement.confirmation_decide,
        name="confirmation-decide",
    ),
]
