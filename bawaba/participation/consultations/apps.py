from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Public consultations on policy drafts (C6, C11)."""

    name = "bawaba.participation.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from bawaba.catalogue.page_extras import home_extra_register
        from bawaba.participation.consultations import dashboard, demo, events
        from bawaba.participation.consultations.models import Comment
        from bawaba.participation.consultations.selectors import home_open
        from bawaba.participation.moderation import ModeratedKind, moderated_kind_register

        events.register_events()
        dashboard.register_dashboard()
        demo.register_demo()
        # The open consultations on the home page (the catalogue's).
        home_extra_register(home_open)

        def link(comment: Comment) -> tuple[str, dict[str, object]]:
            slug = comment.consultation.slug
            if comment.paragraph_id is None:
                return ("consultations:whole", {"slug": slug})
            paragraph = comment.paragraph
            assert paragraph is not None  # noqa: S101  # paragraph_id is set
            return ("consultations:paragraph", {"slug": slug, "label": paragraph.label})

        moderated_kind_register(
            ModeratedKind(
                code="consultations.comment",
                name=_("Comment on a consultation"),
                model=Comment,
                organisation=lambda comment: comment.consultation.organisation_id,
                where=lambda comment: {
                    "ar": comment.consultation.title_ar,
                    "en": comment.consultation.title_en,
                },
                link=link,
            )
        )
