"""The HTTP sessions fetching uses (requests, CacheControl, urllib3), imported only when something is fetched.

- retries (429/5xx and connection errors, with backoff and Retry-After), no
  redirects followed by the session (fetch.py follows them hop by hop);
- CacheControl on disk, with a heuristic freshness for servers that say nothing;
- connections that resolve the host themselves, once, and connect to the
  addresses they checked (a URL from a page never reaches a private address,
  whatever a second DNS answer would say); TLS verified against the host name.
"""

from __future__ import annotations

import ipaddress
import socket

import requests
from cachecontrol import CacheControlAdapter
from cachecontrol.caches import FileCache
from cachecontrol.heuristics import BaseHeuristic, LastModified, datetime_to_header, expire_after
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import connection
from urllib3.util.retry import Retry

from . import ACCEPT, SILENT_SERVER_FRESHNESS, USER_AGENT, FetchOptions, Resolver


def make_session(options: FetchOptions, cache_dir: str, resolver: Resolver, refuse_private: bool) -> requests.Session:
    """A session with the cache, the retries, and connections pinned to the addresses they checked."""
    session = requests.Session()
    session.headers.update({"User-Agent": USER_AGENT, "Accept": ACCEPT})
    retry = Retry(
        total=options.retries,
        backoff_factor=0.5,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=("GET",),
        respect_retry_after_header=True,
        raise_on_status=False,
        redirect=0,
    )
    cache = FileCache(cache_dir)
    if options.offline:
        adapter: CacheControlAdapter = OfflineAdapter(cache=cache, heuristic=SilentServerHeuristic(), max_retries=retry)
    else:
        adapter = PinnedAdapter(cache=cache, heuristic=SilentServerHeuristic(), max_retries=retry)
        adapter.pin(resolver, refuse_private)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _is_private(address: str) -> bool:
    """Loopback, private, link-local, multicast, reserved or unspecified: not the public web."""
    ip = ipaddress.ip_address(address.split("%")[0])
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified


class PrivateAddress(Exception):
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
            raise PrivateAddress(f"{host} resolves to {private}")
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
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}") from error


class PinnedAdapter(CacheControlAdapter):
    """The cache adapter whose connections resolve and check addresses themselves (see above)."""

    def pin(self, resolver: Resolver, refuse_private: bool) -> None:
        settings = {"resolver": staticmethod(resolver), "refuse_private": refuse_private}
        http = type("PinnedHTTPConnection", (_PinnedConnectionMixin, HTTPConnection), settings)
        https = type("PinnedHTTPSConnection", (_PinnedConnectionMixin, HTTPSConnection), settings)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("PinnedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("PinnedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }


class SilentServerHeuristic(BaseHeuristic):
    """Freshness for answers that say nothing about caching (RFC 9111 §4.2.2 allows a heuristic):
    from Last-Modified when given, else an hour, so re-checking a source soon costs no fetch."""

    def update_headers(self, response) -> dict[str, str]:
        headers = response.headers
        if "cache-control" in headers or "expires" in headers or response.status != 200:
            return {}
        if "last-modified" in headers:
            return LastModified().update_headers(response)
        return {"expires": datetime_to_header(expire_after(SILENT_SERVER_FRESHNESS))}


class OfflineMiss(requests.RequestException):
    pass


class OfflineAdapter(CacheControlAdapter):
    """Serves every request from the cache, fresh or stale; a miss never reaches the network."""

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None, cacheable_methods=None):
        data = self.controller.cache.get(self.controller.cache_url(request.url))
        cached = self.controller.serializer.loads(request, data) if data else None
        if cached is None:
            raise OfflineMiss(request.url)
        return self.build_response(request, cached, from_cache=True)
