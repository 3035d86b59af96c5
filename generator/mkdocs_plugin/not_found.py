"""The 404 page (404.html), which a web server shows for any address the site does not have.

MkDocs writes its links from the server's root (`/assets/…`) when `site_url` is not set: opened from disk,
or hosted under a sub-path, it then loads none of its files. Without `site_url` its links are made
relative to the site's top instead, which works from disk and for a missing address at the top of the
site, at the server's root or under a sub-path; with `site_url` set (as the README says to for hosting)
they are MkDocs' own, from the address's path, which work at any depth of a missing address."""

from __future__ import annotations

from mkdocs.utils import is_error_template, normalize_url


def relative_to_the_top(context, template_name: str, config):
    """The template context of an error page with its links relative to the site's top when `site_url`
    is not set."""
    if not is_error_template(template_name) or config.site_url:
        return context
    context["base_url"] = "."
    context["extra_css"] = [normalize_url(path, None, ".") for path in config.extra_css]
    context["extra_javascript"] = [normalize_url(str(script), None, ".") for script in config.extra_javascript]
    return context
