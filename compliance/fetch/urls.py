"""Comparing links the way a reader would: same article, whatever the spelling.

Scheme (http/https, or none: `//host/…`), `www.` or a mobile site's `m.`, the
default port, a trailing slash, the fragment and tracking parameters don't
change which article a link opens; the path and the remaining query do.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

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
SAME_SITE_PREFIXES = ("www.", "m.", "mobile.")  # one site under these host names
DEAD_HREF_PREFIXES = ("#", "javascript:", "about:blank")


@lru_cache(maxsize=4096)
def article_key(url: str) -> tuple[str, str, str] | None:
    """(host, path, query) identifying the article a URL opens; None if it is not a web URL. Remembered: a
    page's every link is compared with the one the policy asks for, each comparison parsing both."""
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
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%").rstrip("/") or "/"
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if key.lower() not in TRACKING_PARAMETERS and not key.lower().startswith("utm_")
        )
    )
    return host, path, query


def site_host(hostname: str) -> str:
    """The host in lower case without a `www.`/`m.` prefix (kept when what is left is not a domain: `m.com`)."""
    hostname = hostname.lower()
    for prefix in SAME_SITE_PREFIXES:
        if hostname.startswith(prefix) and "." in hostname[len(prefix) :]:
            return hostname[len(prefix) :]
    return hostname


def same_article(a: str, b: str) -> bool:
    """Whether two URLs open the same article."""
    key_a, key_b = article_key(a), article_key(b)
    return key_a is not None and key_a == key_b


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
