"""Fetching pages and sources over HTTP, politely and safely, with a disk cache.

- requests with urllib3 retries (429/5xx and connection errors, with backoff and
  Retry-After), connect/read timeouts, a cap on redirects (followed here, hop by
  hop, so each is checked) and on response size (streamed, aborted past it), an
  explicit User-Agent, and a per-host limit on concurrent requests;
- CacheControl on disk (honours Cache-Control, Expires, ETag/Last-Modified), so
  checking one source again costs one fetch at most; `offline` serves only from
  the cache, `refresh` ignores what it holds;
- only http and https, no credentials in URLs, and URLs that come from page
  content never reach loopback, private, link-local or multicast addresses
  (a hostile page must not steer a CI checker into internal services) unless
  `allow_private_hosts`. The host is resolved once, when the connection is
  made, and the addresses checked are the ones connected to (on every redirect
  hop, in a session of its own for such URLs), so a name that answers a public
  address to a check and a private one to the connection (DNS rebinding) gets
  nowhere; TLS is still verified against the host name.

The HTTP stack itself (requests, CacheControl, urllib3) is `sessions.py`, loaded at the
first fetch: a check of files never pays for it.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import platformdirs

from ..errors import ComplianceError
from ..version import VERSION

if TYPE_CHECKING:
    import requests

USER_AGENT = f"compliance/{VERSION} (republishing-terms checker; +https://pypi.org/project/compliance/)"
ACCEPT = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8"
TEXT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "text",
    "application/xml": "html",  # sitemaps, and XHTML served as XML
    "text/xml": "html",
}
REDIRECTS = {301, 302, 303, 307, 308}
CACHE_ENV = "COMPLIANCE_CACHE_DIR"
PER_HOST_CONNECTIONS = 2
SILENT_SERVER_FRESHNESS = timedelta(hours=1)


@dataclass(frozen=True)
class FetchOptions:
    """How to fetch: where the cache lives and what the network may be asked."""

    cache_dir: Path | None = None
    offline: bool = False
    refresh: bool = False
    allow_private_hosts: bool = False
    timeout: float = 20.0
    max_bytes: int = 64 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 3


@dataclass(frozen=True)
class Fetched:
    """A fetched document: the URL it finally came from, its bytes and what the server said of them."""

    url: str
    data: bytes
    kind: str
    charset: str | None


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def default_cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("compliance"))


Resolver = Callable[..., list]  # socket.getaddrinfo's signature


class Fetcher:
    """The HTTP sessions of a run, shared by every page and source it fetches: one for the URLs the user
    gives, one (refusing private addresses) for URLs taken from pages. Made at the first fetch, so a
    run that reads only files never loads the HTTP stack."""

    def __init__(self, options: FetchOptions | None = None, resolver: Resolver = socket.getaddrinfo) -> None:
        self.options = options or FetchOptions()
        self.resolver = resolver
        self._sessions: dict[bool, requests.Session] = {}
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def _session(self, from_content: bool) -> requests.Session:
        """The session for user-given URLs, or (refusing private addresses unless allowed) for a page's."""
        refuse_private = from_content and not self.options.allow_private_hosts
        with self._lock:
            if refuse_private not in self._sessions:
                from .sessions import make_session

                cache_dir = str(self.options.cache_dir or default_cache_dir())
                self._sessions[refuse_private] = make_session(self.options, cache_dir, self.resolver, refuse_private)
            return self._sessions[refuse_private]

    def fetch(self, url: str, from_content: bool = False) -> Fetched:
        """GET `url`, following redirects; `from_content`: the URL came from a page, not the user."""
        seen: list[str] = []
        current = url
        while True:
            self._check_url(current, from_content, original=url)
            if current in seen:
                raise ComplianceError(f"{url}: redirect loop ({' -> '.join([*seen, current])})")
            seen.append(current)
            response = self._get(current, url, from_content)
            if response.status_code not in REDIRECTS or "Location" not in response.headers:
                return self._read(response, url)
            if len(seen) > self.options.max_redirects:
                raise ComplianceError(f"{url}: more than {self.options.max_redirects} redirects")
            current = urljoin(current, response.headers["Location"])
            response.close()

    def _get(self, url: str, original: str, from_content: bool) -> requests.Response:
        import requests

        from .sessions import OfflineMiss, PrivateAddress

        headers = {"Cache-Control": "no-cache"} if self.options.refresh else {}
        timeout = (min(10.0, self.options.timeout), self.options.timeout)
        session = self._session(from_content)
        with self._slot(url):
            try:
                return session.get(url, headers=headers, timeout=timeout, stream=True, allow_redirects=False)
            except PrivateAddress as refused:
                raise ComplianceError(
                    f"{original}: {refused}, a private address; "
                    "a URL taken from a page is not fetched there without --allow-private-hosts"
                ) from None
            except OfflineMiss:
                raise ComplianceError(f"{original}: not in the cache, and --offline forbids fetching it") from None
            except requests.Timeout:
                raise ComplianceError(f"{original}: no answer within {self.options.timeout:g} s") from None
            except requests.ConnectionError as error:
                if "timed out" in _reason(error).lower():
                    raise ComplianceError(f"{original}: no answer within {self.options.timeout:g} s") from None
                raise ComplianceError(f"{original}: cannot fetch ({_reason(error)})") from None
            except requests.exceptions.RetryError as error:
                raise ComplianceError(f"{original}: gave up after retries ({_reason(error)})") from None
            except requests.RequestException as error:
                raise ComplianceError(f"{original}: cannot fetch ({_reason(error)})") from None

    def _read(self, response: requests.Response, original: str) -> Fetched:
        import requests

        with response:
            if response.status_code >= 400:
                raise ComplianceError(f"{original}: HTTP {response.status_code} {response.reason or ''}".rstrip())
            media_type = response.headers.get("Content-Type", "text/html").split(";")[0].strip().lower()
            kind = TEXT_TYPES.get(media_type)
            if kind is None:
                raise ComplianceError(f"{original}: HTTP {response.status_code} but {media_type}, not an HTML page")
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > self.options.max_bytes:
                raise ComplianceError(f"{original}: larger than {self.options.max_bytes // 2**20} MiB")
            chunks, size = [], 0
            try:
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > self.options.max_bytes:
                        raise ComplianceError(f"{original}: larger than {self.options.max_bytes // 2**20} MiB")
                    chunks.append(chunk)
            except requests.RequestException as error:
                raise ComplianceError(f"{original}: the answer broke off ({_reason(error)})") from None
            charset = response.encoding if "charset" in response.headers.get("Content-Type", "").lower() else None
            return Fetched(response.url, b"".join(chunks), kind, charset)

    def _check_url(self, url: str, from_content: bool, original: str) -> None:
        try:
            parts = urlsplit(url)
            host = parts.hostname
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError:
            raise ComplianceError(f"{original}: not a valid URL ({url})") from None
        if parts.scheme.lower() not in ("http", "https") or not host:
            raise ComplianceError(f"{original}: only http and https URLs are fetched ({url})")
        if parts.username or parts.password:
            raise ComplianceError(f"{original}: URLs with credentials are refused")

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).hostname or ""
        with self._lock:
            return self._host_slots.setdefault(host, threading.BoundedSemaphore(PER_HOST_CONNECTIONS))


def _reason(error: Exception) -> str:
    """The innermost cause of a requests error, in a few words: the operating system's when there is one
    ("Connection refused", "Name or service not known"), rather than urllib3's, which names its own classes
    ("PinnedHTTPConnection(host='127.0.0.1', port=9): Failed to establish a new connection: …")."""
    cause: BaseException = error
    while cause.args and isinstance(cause.args[0], BaseException):
        cause = cause.args[0]
    reason = getattr(cause, "reason", None) or cause
    return (isinstance(reason, BaseException) and _system_error(reason)) or str(reason)


def _system_error(error: BaseException | None) -> str | None:
    """What the operating system said of the error an exception was raised from, if it said anything."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.strerror:
            return error.strerror
        error = error.__cause__ or error.__context__
    return None
