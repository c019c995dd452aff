"""The JSON API at /api/v1: one NinjaAPI that mounts each app's router."""

from ninja import NinjaAPI

from pingan.core.api_support import STAFF_AUTH, install_error_handlers

api = NinjaAPI(
    title="Pingan API",
    version="1.0.0",
    description=(
        "平安 (Pingan) public-safety and governance platform. Authenticate with "
        "`POST /api/v1/auth/token` and send `Authorization: Bearer <token>`. Errors are "
        '`{"code": ..., "message": ...}` with a 4xx status.'
    ),
    auth=STAFF_AUTH,
    urls_namespace="api",
)
install_error_handlers(api)

api.add_router("/", "pingan.org.api.router")
api.add_router("/", "pingan.cases.api_assist.router")  # before cases: /cases/duplicates
api.add_router("/", "pingan.cases.api.router")
api.add_router("/mediation", "pingan.mediation.api.router")
api.add_router("/hall", "pingan.hall.api.router")
api.add_router("/", "pingan.petitions.api.router")
api.add_router("/safety", "pingan.safety.api.router")
api.add_router("/surveys", "pingan.surveys.api.router")
api.add_router("/hazards", "pingan.hazards.api.router")
api.add_router("/pledges", "pingan.pledges.api.router")
api.add_router("/health", "pingan.health.api.router")
api.add_router("/passes", "pingan.passes.api.router")
api.add_router("/sms", "pingan.notify.api.router")
api.add_router("/analytics", "pingan.analytics.api.router")
