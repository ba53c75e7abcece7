"""GraphiQL's page with its scripts and styles served by statusmap, not by a public CDN.

Strawberry's page loads React, GraphiQL, its explorer plugin and js-cookie from unpkg.com. On
a machine without internet access none of them arrives, and the page's own script stops at
its first use of one: ``Cookies.get("csrftoken")`` throws "Cookies is not defined" (js-cookie
never loaded), so GraphiQL is never rendered and the page stays on "Loading...".

The same files, at the same pinned versions, come from npm with the front end
(``frontend/package.json``) and are copied into ``frontend/dist/graphiql/`` by its build
(``frontend/offline-assets.mjs``); the page asks for them there. Each tag keeps its
``integrity`` hash, so the browser refuses a file that is not the one Strawberry pinned.
"""

from __future__ import annotations

import re
from functools import cache

from strawberry.http.ides import get_graphql_ide_html

__all__ = ["ASSETS_PATH", "offline_graphiql_html"]

ASSETS_PATH = "/graphiql/"
"""Where the front end's build puts GraphiQL's files (served with the page, at ``/``)."""

_UNPKG = re.compile(r"https://unpkg\.com/((?:@[^/@\"]+/)?[^/@\"]+)@[^/\"]+/")


@cache
def offline_graphiql_html() -> str:
    """Strawberry's GraphiQL page, its ``unpkg.com`` addresses pointed at :data:`ASSETS_PATH`.

    Examples
    --------
    >>> page = offline_graphiql_html()
    >>> "unpkg.com" in page, '/graphiql/react/umd/react.production.min.js"' in page
    (False, True)
    """
    return _UNPKG.sub(lambda m: f"{ASSETS_PATH}{m.group(1)}/", get_graphql_ide_html("graphiql"))
