from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogsConfig(AppConfig):
    """Providers' blogs and their Atom feeds (C11)."""

    name = "bawaba.participation.blogs"
    label = "blogs"
    verbose_name = _("Blogs")

    def ready(self) -> None:
        from bawaba.participation.blogs import dashboard, registry

        # Comments are moderated in the provider's queue; the provider's
        # catalogue page lists its latest posts.
        registry.register()
        dashboard.register_dashboard()
