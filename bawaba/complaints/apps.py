from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "bawaba.complaints"
    label = "complaints"
    verbose_name = _("Complaints and suggestions")

    def ready(self) -> None:
        from bawaba.complaints import dashboard, events, guest_events, problem_reports, subjects
        from bawaba.complaints.contact_links import register_contact_links
        from bawaba.complaints.satisfaction import register_page_extras

        events.register_events()
        guest_events.register_events()
        # A grievance may name one of the person's closed cases.
        subjects.register_subjects()
        # "Report a problem with this page" files a suggestion case.
        problem_reports.register_problem_reports()
        # Satisfaction on the catalogue's service and provider pages.
        register_page_extras()
        # "Contact us" on every service and provider page.
        register_contact_links()
        dashboard.register_dashboard()
