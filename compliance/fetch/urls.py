"""Comparing links the way a reader would: same article, whatever the spelling.

Scheme (http/https, or none: `//host/…`), `www.`, a mobile site's `m.` or an
AMP one's `amp.`, the default port, a trailing slash, a directory's
`index.html`, an `amp` version's path segment, the fragment and tracking
parameters don't change which article a link opens; the path and the remaining
query do. A link to a wanted article (`links_to`) may carry parameters of its own
beyond the wanted URL's: sites and partners each add their own tracking (`mod=`,
`CMP=`, `xtor=`), never all listed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlsplit

TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
        "ref_url",
        "cmpid",
        "ncid",
        "ocid",
        "sr_share",
        "smid",
        "s_cid",
        "share",
        "src",
        "cid",
        "trk",
        "mkt_tok",
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}
DIRECTORY_INDEX = re.compile(r"/index\.(?:html?|php)$")
AMP_SEGMENT = re.compile(r"^/amp(?=/)|/amp$|\.amp(?=\.html?$|$)")  # /amp/x, /x/amp, /x.amp, /x.amp.html
SAME_SITE_PREFIXES = ("www.", "m.", "mobile.", "amp.")  # one site under these host names
DEAD_HREF_PREFIXES = ("#", "javascript:", "about:blank")


@lru_cache(maxsize=4096)
def article_key(url: str) -> tuple[str, str, frozenset[tuple[str, str]]] | None:
    """(host, path, query parameters) identifying the article a URL opens; None if it is not a web URL.
    Remembered: a page's every link is compared with the one the policy asks for, each comparison parsing
    both."""
    url = url.strip()
    try:
        parts = urlsplit(f"https:{url}" if url.startswith("//") else url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = site_host(parts.hostname)
    if port and port != DEFAULT_PORTS[parts.scheme.lower()]:
        host += f":{port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%").rstrip("/")
    path = AMP_SEGMENT.sub("", DIRECTORY_INDEX.sub("", path)).rstrip("/") or "/"
    query = frozenset(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMETERS and not key.lower().startswith("utm_")
    )
    return host, path, query


def site_host(hostname: str) -> str:
    """The host in lower case without a `www.`/`m.`/`amp.` prefix (kept when what is left is not a domain: `m.com`)."""
    hostname = hostname.lower()
    for prefix in SAME_SITE_PREFIXES:
        if hostname.startswith(prefix) and "." in hostname[len(prefix) :]:
            return hostname[len(prefix) :]
    return hostname


def links_to(link: str, wanted: str) -> bool:
    """Whether a link opens the wanted article: the same host and path, and every parameter of the wanted
    URL's query (`?id=5`) on the link's; what else the link's query carries is someone's tracking."""
    key, want = article_key(link), article_key(wanted)
    return key is not None and want is not None and key[:2] == want[:2] and want[2] <= key[2]


def host(url: str) -> str | None:
    """The host of a URL without `www.`, or None."""
    key = article_key(url)
    return key[0] if key else None


def is_dead(raw_href: str) -> bool:
    """A link that goes nowhere: empty, `#…`, `javascript:`."""
    href = raw_href.strip().lower()
    return not href or href.startswith(DEAD_HREF_PREFIXES)


def opens_a_web_page(raw_href: str, href: str) -> bool:
    """Whether a link (as written, and resolved) goes to a web page: not `#` or `javascript:`, and http(s)."""
    return not is_dead(raw_href) and article_key(href) is not None


def is_home_page(url: str) -> bool:
    key = article_key(url)
    return key is not None and key[1] == "/" and not key[2]
