from django.urls import include, path

urlpatterns = [
    path("", include("hearth.core.urls")),
    path("", include("hearth.accounts.urls")),
    path("staff/", include("hearth.organisation.urls")),
    path("people/", include("hearth.people.urls")),
    path("", include("hearth.chronology.urls")),
    path("", include("hearth.casework.urls")),
    path("", include("hearth.care.urls")),
    path("returns/", include("hearth.returns.urls")),
    path("insight/", include("hearth.insight.urls")),
    path("performance/", include("hearth.performance.urls")),
    path("supporting-families/", include("hearth.supporting.urls")),
    path("complaints/", include("hearth.complaints.urls")),
    path("scrutiny/", include("hearth.scrutiny.urls")),
    path("front-door/", include("hearth.frontdoor.urls")),
    path("api/", include("hearth.frontdoor.api_urls")),
    path("audit/", include("hearth.audit.urls")),
]

handler403 = "hearth.core.views.forbidden"
handler404 = "hearth.core.views.not_found"
handler500 = "hearth.core.views.server_error"
