"""The glue to MkDocs, one thin module per concern; nothing else in the package imports MkDocs, and
nothing here holds a feature's logic.

- `plugin`: the `handbook` plugin, each of its hooks handing over to one module below;
- `pages`: generation before each build, and each page's HTML, title and table of contents put in as generated;
- `navigation`: the policy pages filed in A–Z sections when there are many;
- `search_worker`: the theme's search box answered by the site search's worker;
- `whitespace`: the theme's indentation folded out of every page;
- `not_found`: the 404 page's links relative to the site's top when no `site_url` is set;
- `offline_app`: the service worker and web app manifest, written once the site is built;
- `config`, `build`: reading `mkdocs.yml` and running a build, for `handbook build`.

Swapping the site engine means replacing this package.
"""

from .build import BuildFailed, build_into
from .config import ConfigFailed, SiteConfig, read_config
from .plugin import HandbookPlugin

__all__ = ["BuildFailed", "ConfigFailed", "HandbookPlugin", "SiteConfig", "build_into", "read_config"]
