from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, URLResolver, include, path

from bawaba.complaints import report_views
from bawaba.core import views as core_views
from bawaba.notifications import hooks as notification_hooks

# The admin signs people in through the portal's own sign-in, so two-step
# verification and rate limits apply there too.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]  # documented allauth recipe
admin.site.site_header = "Bawaba"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("api/v1/", include("bawaba.catalogue.api.urls")),
    # How we are doing's figures as open data beside the catalogue's.
    path("api/v1/complaints/figures/", report_views.report_data, name="complaints_figures"),
    path("hooks/sms/reports/", notification_hooks.sms_report, name="sms_report"),
    path("hooks/payments/", include("bawaba.payments.hook_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("bawaba.catalogue.urls")),
    path("", include("bawaba.core.urls")),
    path("", include("bawaba.eservices.urls")),
    path("", include("bawaba.complaints.urls")),
    path("contact/", include("bawaba.complaints.intake_urls")),
    path("how-we-are-doing/", include("bawaba.complaints.report_urls")),
    path("accounts/ratings/", include("bawaba.complaints.rating_urls")),
    path("accounts/", include("bawaba.accounts.urls")),
    path("accounts/messages/", include("bawaba.notifications.urls")),
    path("accounts/payments/", include("bawaba.payments.urls")),
    path("pay/", include("bawaba.payments.bill_urls")),
    path("participate/", include("bawaba.participation.urls")),
    path("forums/", include("bawaba.participation.forums.urls")),
    path("blogs/", include("bawaba.participation.blogs.urls")),
    path("consultations/", include("bawaba.participation.consultations.urls")),
    path("accounts/", include("allauth.urls")),
    path("surveys/", include("bawaba.participation.surveys.urls")),
    path("staff/catalogue/", include("bawaba.catalogue.staff_urls")),
    path("staff/messages/", include("bawaba.notifications.staff_urls")),
    path("staff/applications/", include("bawaba.eservices.staff_urls")),
    path("staff/eservices/", include("bawaba.eservices.definition_urls")),
    path("staff/complaints/", include("bawaba.complaints.staff_urls")),
    path("staff/contact-centre/", include("bawaba.complaints.agent_urls")),
    path("staff/payments/", include("bawaba.payments.staff_urls")),
    path("staff/moderation/", include("bawaba.participation.staff_urls")),
    path("staff/blog/", include("bawaba.participation.blogs.staff_urls")),
    path("staff/surveys/", include("bawaba.participation.surveys.staff_urls")),
    path("staff/consultations/", include("bawaba.participation.consultations.staff_urls")),
    path("staff/", include("bawaba.accounts.staff_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler400 = "bawaba.core.views.bad_request"
handler403 = "bawaba.core.views.permission_denied"
handler404 = "bawaba.core.views.page_not_found"
handler500 = "bawaba.core.views.server_error"
