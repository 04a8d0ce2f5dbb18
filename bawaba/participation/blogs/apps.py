from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogsConfig(AppConfig):
    """Providers' blogs and their Atom feeds (C11)."""

    name = "bawaba.participation.blogs"
    label = "blogs"
    verbose_name = _("Blogs")
