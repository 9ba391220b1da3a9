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
  `allow_private_hosts`.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import platformdirs
import requests
from cachecontrol import CacheControlAdapter
from cachecontrol.caches import FileCache
from cachecontrol.heuristics import BaseHeuristic, LastModified, datetime_to_header, expire_after
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


class Fetcher:
    """One HTTP session for a run, shared by every page and source it fetches."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": ACCEPT})
        cache = FileCache(str(self.options.cache_dir or default_cache_dir()))
        retry = Retry(
            total=self.options.retries,
            backoff_factor=0.5,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=("GET",),
            respect_retry_after_header=True,
            raise_on_status=False,
            redirect=0,
        )
        adapter_class = _OfflineAdapter if self.options.offline else CacheControlAdapter
        adapter = adapter_class(cache=cache, heuristic=_SilentServerHeuristic(), max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def fetch(self, url: str, from_content: bool = False) -> Fetched:
        """GET `url`, following redirects; `from_content`: the URL came from a page, not the user."""
        seen: list[str] = []
        current = url
        while True:
            self._check_url(current, from_content, original=url)
            if current in seen:
                raise ComplianceError(f"{url}: redirect loop ({' -> '.join([*seen, current])})")
            seen.append(current)
            response = self._get(current, url)
            if response.status_code not in REDIRECTS or "Location" not in response.headers:
                return self._read(response, url)
            if len(seen) > self.options.max_redirects:
                raise ComplianceError(f"{url}: more than {self.options.max_redirects} redirects")
            current = urljoin(current, response.headers["Location"])
            response.close()

    def _get(self, url: str, original: str) -> requests.Response:
        headers = {"Cache-Control": "no-cache"} if self.options.refresh else {}
        timeout = (min(10.0, self.options.timeout), self.options.timeout)
        with self._slot(url):
            try:
                return self.session.get(url, headers=headers, timeout=timeout, stream=True, allow_redirects=False)
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
        if from_content and not self.options.allow_private_hosts and (address := _private_address(host)):
            raise ComplianceError(
                f"{original}: {host} resolves to {address}, a private address; "
                "a URL taken from a page is not fetched there without --allow-private-hosts"
            )

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).hostname or ""
        with self._lock:
            return self._host_slots.setdefault(host, threading.BoundedSemaphore(PER_HOST_CONNECTIONS))


def _private_address(host: str) -> str | None:
    """The first address of `host` that is loopback, private, link-local, multicast or reserved."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return None  # the fetch itself will say the host is unknown
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_multicast
            or address.is_reserved
            or address.is_unspecified
        ):
            return str(address)
    return None


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
