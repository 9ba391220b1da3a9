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
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import platformdirs
import requests
from cachecontrol import CacheControlAdapter
from cachecontrol.caches import FileCache
from cachecontrol.heuristics import BaseHeuristic, LastModified, datetime_to_header, expire_after
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import connection
from urllib3.util.retry import Retry

from .errors import ComplianceError
from .version import VERSION

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
    gives, one (refusing private addresses) for URLs taken from pages."""

    def __init__(self, options: FetchOptions | None = None, resolver: Resolver = socket.getaddrinfo) -> None:
        self.options = options or FetchOptions()
        self.resolver = resolver
        cache = FileCache(str(self.options.cache_dir or default_cache_dir()))
        self.session = self._session(cache, refuse_private=False)
        self.content_session = self._session(cache, refuse_private=not self.options.allow_private_hosts)
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def _session(self, cache: FileCache, refuse_private: bool) -> requests.Session:
        session = requests.Session()
        session.headers.update({"User-Agent": USER_AGENT, "Accept": ACCEPT})
        retry = Retry(
            total=self.options.retries,
            backoff_factor=0.5,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=("GET",),
            respect_retry_after_header=True,
            raise_on_status=False,
            redirect=0,
        )
        adapter_class = _OfflineAdapter if self.options.offline else _PinnedAdapter
        adapter = adapter_class(cache=cache, heuristic=_SilentServerHeuristic(), max_retries=retry)
        if isinstance(adapter, _PinnedAdapter):
            adapter.pin(self.resolver, refuse_private)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

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
        headers = {"Cache-Control": "no-cache"} if self.options.refresh else {}
        timeout = (min(10.0, self.options.timeout), self.options.timeout)
        session = self.content_session if from_content else self.session
        with self._slot(url):
            try:
                return session.get(url, headers=headers, timeout=timeout, stream=True, allow_redirects=False)
            except _PrivateAddress as refused:
                raise ComplianceError(
                    f"{original}: {refused}, a private address; "
                    "a URL taken from a page is not fetched there without --allow-private-hosts"
                ) from None
            except _OfflineMiss:
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


def _is_private(address: str) -> bool:
    """Loopback, private, link-local, multicast, reserved or unspecified: not the public web."""
    ip = ipaddress.ip_address(address.split("%")[0])
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified


class _PrivateAddress(Exception):
    """A URL from a page resolved to a private address: refused before any connection (never retried)."""


class _PinnedConnectionMixin:
    """Connects to the addresses it resolved itself, once, after checking them: the check and the
    connection cannot see two different answers. `host` stays the name (Host header, TLS SNI and
    certificate checks)."""

    resolver: Resolver = socket.getaddrinfo
    refuse_private = False

    def _new_conn(self):
        host, port = self._dns_host, self.port
        try:
            addresses = [info[4][0] for info in self.resolver(host, port, type=socket.SOCK_STREAM)]
        except socket.gaierror as error:
            raise NewConnectionError(self, f"Failed to resolve {host} ({error})") from error
        if self.refuse_private and (private := next((a for a in addresses if _is_private(a)), None)):
            raise _PrivateAddress(f"{host} resolves to {private}")
        error: OSError | None = None
        for address in dict.fromkeys(addresses):
            try:
                return connection.create_connection(
                    (address, port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as timeout:
                raise ConnectTimeoutError(self, f"Connection to {host} timed out") from timeout
            except OSError as failed:
                error = failed
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}")


class _PinnedAdapter(CacheControlAdapter):
    """The cache adapter whose connections resolve and check addresses themselves (see above)."""

    def pin(self, resolver: Resolver, refuse_private: bool) -> None:
        settings = {"resolver": staticmethod(resolver), "refuse_private": refuse_private}
        http = type("PinnedHTTPConnection", (_PinnedConnectionMixin, HTTPConnection), settings)
        https = type("PinnedHTTPSConnection", (_PinnedConnectionMixin, HTTPSConnection), settings)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("PinnedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("PinnedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }


def _reason(error: Exception) -> str:
    """The innermost cause of a requests error, in a few words."""
    cause: BaseException = error
    while cause.args and isinstance(cause.args[0], BaseException):
        cause = cause.args[0]
    return str(getattr(cause, "reason", None) or cause)


class _SilentServerHeuristic(BaseHeuristic):
    """Freshness for answers that say nothing about caching (RFC 9111 §4.2.2 allows a heuristic):
    from Last-Modified when given, else an hour, so re-checking a source soon costs no fetch."""

    def update_headers(self, response) -> dict[str, str]:
        headers = response.headers
        if "cache-control" in headers or "expires" in headers or response.status != 200:
            return {}
        if "last-modified" in headers:
            return LastModified().update_headers(response)
        return {"expires": datetime_to_header(expire_after(SILENT_SERVER_FRESHNESS))}


class _OfflineMiss(requests.RequestException):
    pass


class _OfflineAdapter(CacheControlAdapter):
    """Serves every request from the cache, fresh or stale; a miss never reaches the network."""

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None, cacheable_methods=None):
        data = self.controller.cache.get(self.controller.cache_url(request.url))
        cached = self.controller.serializer.loads(request, data) if data else None
        if cached is None:
            raise _OfflineMiss(request.url)
        return self.build_response(request, cached, from_cache=True)
