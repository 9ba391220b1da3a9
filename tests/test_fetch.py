"""Fetching by URL against a real HTTP server on 127.0.0.1 (no mocks of the client)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from compliance import ComplianceError
from compliance.fetch import USER_AGENT, Fetcher, FetchOptions
from tests import samples
from tests.conftest import run_cli

LATIN1_PAGE = "<html><body><p>Caf\xe9 cr\xe8me, na\xefve</p></body></html>".encode("cp1252")


class Site:
    """A small web site whose answers each test chooses; it counts the requests it gets."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.handle_error = lambda request, address: None  # a client that gave up is not news
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def routes(self) -> dict:
        page = samples.republished(
            credit=f'<p>Originally published by <a href="{self.url("/source.html")}">{samples.PUBLISHER}</a>.</p>'
        )
        declaring = page.replace("<head>", f'<head><meta name="original-source" content="{self.url("/source.html")}">')
        gone = samples.republished(
            credit=f'<p>Originally published by <a href="{self.url("/gone.html")}">{samples.PUBLISHER}</a>.</p>'
        )
        fresh = {"Cache-Control": "max-age=3600"}
        return {
            "/source.html": (
                200,
                {"Content-Type": "text/html; charset=utf-8", **fresh},
                samples.source_page().encode(),
            ),
            "/page.html": (200, {"Content-Type": "text/html"}, page.encode()),
            "/declaring.html": (200, {"Content-Type": "text/html"}, declaring.encode()),
            "/declares-a-gone-source.html": (200, {"Content-Type": "text/html"}, gone.encode()),
            "/hop1": (302, {"Location": "/hop2"}, b""),
            "/hop2": (301, {"Location": self.url("/source.html")}, b""),
            "/loop-a": (302, {"Location": "/loop-b"}, b""),
            "/loop-b": (302, {"Location": "/loop-a"}, b""),
            "/doc.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"),
            "/latin1.html": (200, {"Content-Type": "text/html; charset=windows-1252"}, LATIN1_PAGE),
            "/gzip.html": (
                200,
                {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                gzip.compress(samples.source_page().encode()),
            ),
            "/etag.html": (
                200,
                {"Content-Type": "text/html", "ETag": '"v1"', "Cache-Control": "no-cache"},
                b"<p>validated</p>",
            ),
            "/big.html": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 200_000 + b"</p>"),
        }

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits[self.path] += 1
                site.headers[self.path] = dict(self.headers)
                if self.path == "/flaky" and site.hits[self.path] == 1:
                    return self._send(500, {"Content-Type": "text/plain"}, b"try again")
                if self.path == "/flaky":
                    return self._send(200, {"Content-Type": "text/html"}, b"<p>second time lucky</p>")
                if self.path == "/slow":
                    time.sleep(1.5)
                    return self._send(200, {"Content-Type": "text/html"}, b"<p>late</p>")
                if self.path == "/etag.html" and self.headers.get("If-None-Match") == '"v1"':
                    return self._send(304, {"ETag": '"v1"'}, b"")
                status, headers, body = site.routes().get(self.path, (404, {"Content-Type": "text/plain"}, b"no"))
                return self._send(status, headers, body)

            def _send(self, status, headers, body):
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    running = Site()
    yield running
    running.close()


@pytest.fixture
def fetcher(tmp_path):
    def make(**options) -> Fetcher:
        return Fetcher(FetchOptions(cache_dir=tmp_path / "cache", **options))

    return make


def check_args(site, tmp_path, *extra):
    return ["--cache-dir", tmp_path / "cache", "--format", "json", *extra]


def test_page_and_source_by_url(site, tmp_path):
    run = run_cli(
        "check",
        site.url("/page.html"),
        "--source",
        site.url("/source.html"),
        "--policy",
        "fair-use-notice",
        *check_args(site, tmp_path),
    )
    (result,) = run.json()["results"]
    assert result["page"] == site.url("/page.html")
    assert result["source"]["url"] == site.url("/source.html")
    assert result["source"]["publisher"] == samples.PUBLISHER and result["source"]["author"] == "Maya Lindqvist"
    findings = {f["rule"]: f["passed"] for f in result["findings"]}
    assert findings["attribution"] and findings["copyright"] and findings["body"]
    assert site.headers["/page.html"]["User-Agent"] == USER_AGENT


def test_redirect_chain_is_followed_and_loops_are_refused(site, fetcher):
    fetched = fetcher().fetch(site.url("/hop1"))
    assert fetched.url == site.url("/source.html") and b"Riverton" in fetched.data
    with pytest.raises(ComplianceError, match="redirect loop"):
        fetcher().fetch(site.url("/loop-a"))
    with pytest.raises(ComplianceError, match="more than 1 redirects"):
        fetcher(max_redirects=1).fetch(site.url("/hop1"))


@pytest.mark.parametrize(
    ("path", "message"),
    [("/missing", "HTTP 404 Not Found"), ("/doc.pdf", "HTTP 200 but application/pdf, not an HTML page")],
)
def test_http_errors_and_non_html_are_one_line_exit_2(site, tmp_path, path, message):
    run = run_cli("check", site.url(path), "--policy", "fair-use-notice", *check_args(site, tmp_path))
    assert run.code == 2
    assert run.stderr == f"compliance: {site.url(path)}: {message}\n"


def test_a_server_error_is_retried(site, fetcher):
    assert fetcher().fetch(site.url("/flaky")).data == b"<p>second time lucky</p>"
    assert site.hits["/flaky"] == 2


def test_a_slow_answer_times_out(site, tmp_path):
    run = run_cli(
        "check", site.url("/slow"), "--policy", "fair-use-notice", "--timeout", "0.3", *check_args(site, tmp_path)
    )
    assert run.code == 2 and "no answer within 0.3 s" in run.stderr


def test_a_server_that_is_not_there_is_said_in_the_systems_words(fetcher):
    """A refused connection reads as the operating system says it, not as urllib3's classes would."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{closed.getsockname()[1]}/page.html"
    closed.close()  # nobody listens there now
    with pytest.raises(ComplianceError) as refused:
        fetcher(retries=0).fetch(url)
    assert str(refused.value) == f"{url}: cannot fetch (Connection refused)"


def test_an_oversized_body_is_aborted(site, fetcher):
    with pytest.raises(ComplianceError, match="larger than"):
        fetcher(max_bytes=100_000).fetch(site.url("/big.html"))


def test_charset_from_the_header_decodes_the_page(site, tmp_path):
    run = run_cli("check", site.url("/latin1.html"), "--policy", "fair-use-notice", *check_args(site, tmp_path))
    assert run.code == 1
    from compliance.reading import read_document

    document = read_document(site.url("/latin1.html"), Fetcher(FetchOptions(cache_dir=tmp_path / "c2")))
    assert document.blocks[0].text == "Café crème, naïve"


def test_gzip_is_decoded(site, fetcher):
    assert b"Riverton" in fetcher().fetch(site.url("/gzip.html")).data
    assert "gzip" in site.headers["/gzip.html"]["Accept-Encoding"]


def test_a_second_run_is_served_from_the_cache(site, tmp_path):
    args = [
        "check",
        site.url("/page.html"),
        "--source",
        site.url("/source.html"),
        "--policy",
        "fair-use-notice",
        *check_args(site, tmp_path),
    ]
    run_cli(*args)
    run_cli(*args)
    assert site.hits["/source.html"] == 1  # max-age: no second request
    run_cli(*args, "--refresh")
    assert site.hits["/source.html"] == 2


def test_validators_are_used_for_revalidation(site, fetcher):
    assert fetcher().fetch(site.url("/etag.html")).data == b"<p>validated</p>"
    assert fetcher().fetch(site.url("/etag.html")).data == b"<p>validated</p>"
    assert site.headers["/etag.html"].get("If-None-Match") == '"v1"'


def test_offline_uses_the_cache_and_fails_clearly_on_a_miss(site, tmp_path):
    args = ["--policy", "fair-use-notice", "--allow-private-hosts", *check_args(site, tmp_path)]
    assert run_cli("check", site.url("/page.html"), *args).code == 1
    hits = sum(site.hits.values())
    assert run_cli("check", site.url("/page.html"), *args, "--offline").code == 1  # checked, from the cache
    missing = run_cli("check", site.url("/never-fetched.html"), *args, "--offline")
    assert missing.code == 2 and "not in the cache, and --offline forbids fetching it" in missing.stderr
    assert sum(site.hits.values()) == hits


def test_declared_source_on_a_private_address_needs_the_flag(site, tmp_path):
    args = ["check", site.url("/declaring.html"), "--policy", "fair-use-notice", *check_args(site, tmp_path)]
    refused = run_cli(*args)
    assert refused.code == 1  # the page is still checked; only the body needs the source
    body = next(f for f in refused.json()["results"][0]["findings"] if f["rule"] == "body")
    assert "127.0.0.1, a private address" in body["message"] and "--allow-private-hosts" in body["message"]
    assert site.hits["/source.html"] == 0
    allowed = run_cli(*args, "--allow-private-hosts")
    (result,) = allowed.json()["results"]
    assert result["source"] == {
        "url": site.url("/source.html"),
        "declared_by": "meta original-source",
        "title": samples.TITLE,
        "publisher": samples.PUBLISHER,
        "author": "Maya Lindqvist",
        "date": "2024-03-09T08:00:00Z",
    }
    assert {f["rule"]: f["passed"] for f in result["findings"]}["body"] is True


def test_a_declared_source_that_cannot_be_fetched_costs_the_body_rule_only(site, tmp_path):
    """The page's credit links a source that is gone: the credit, the link, the copyright line and the
    notice still get verdicts (the link is the declared address), the body says why it was not checked."""
    args = ["check", site.url("/declares-a-gone-source.html"), "--allow-private-hosts", *check_args(site, tmp_path)]
    run = run_cli(*args, "--policy", "fair-use-notice", "--var", f"source.year={samples.YEAR}")
    assert run.code == 1, run.stderr
    (result,) = run.json()["results"]
    verdicts = {f["rule"]: f["passed"] for f in result["findings"]}
    assert verdicts == {
        "attribution": True,
        "source-link": True,
        "copyright": True,
        "disclaimer": True,
        "permission": False,
        "body": False,
    }
    body = next(f for f in result["findings"] if f["rule"] == "body")
    assert body["message"].startswith("Not checked: the source the page declares could not be read (")
    assert "HTTP 404" in body["message"]
    assert result["source"]["declared_by"] == "credit link" and "HTTP 404" in result["source"]["error"]
    again = run_cli(
        "check", site.url("/declares-a-gone-source.html"), site.url("/declares-a-gone-source.html"), *args[2:]
    )
    assert again.code == 1 and site.hits["/gone.html"] == 2  # once a run: an unreadable source is not asked again


def test_credit_link_is_the_declared_source_of_last_resort(site, tmp_path):
    run = run_cli(
        "check",
        site.url("/page.html"),
        "--allow-private-hosts",
        "--policy",
        "fair-use-notice",
        *check_args(site, tmp_path),
    )
    assert run.json()["results"][0]["source"]["declared_by"] == "credit link"


def test_urls_with_credentials_or_other_schemes_are_refused(fetcher):
    with pytest.raises(ComplianceError, match="credentials are refused"):
        fetcher().fetch("http://user:secret@127.0.0.1/x")
    with pytest.raises(ComplianceError, match="only http and https"):
        fetcher().fetch("file:///etc/passwd")


class Rebinding:
    """A resolver answering a public address to the first question about a name and the loopback
    address (where the test server listens) to every later one: DNS rebinding."""

    def __init__(self) -> None:
        self.asked = 0

    def __call__(self, host, port, *args, **kwargs):
        self.asked += 1
        address = "93.184.216.34" if self.asked == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]


def test_a_name_that_rebinds_to_loopback_never_reaches_it(site, tmp_path):
    """Checked and connected with one answer: the public address is what is connected to (unreachable
    here), and the loopback server behind the second answer is never asked."""
    rebinding = Rebinding()
    fetcher = Fetcher(FetchOptions(cache_dir=tmp_path / "cache", timeout=2, retries=0), resolver=rebinding)
    url = f"http://rebinding.example:{site.server.server_port}/source.html"
    with pytest.raises(ComplianceError):
        fetcher.fetch(url, from_content=True)
    assert site.hits["/source.html"] == 0
    assert rebinding.asked == 1


def loopback(host, port, *args, **kwargs):
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]


def test_a_name_that_answers_loopback_is_refused_before_connecting(site, tmp_path):
    fetcher = Fetcher(FetchOptions(cache_dir=tmp_path / "cache", retries=0), resolver=loopback)
    url = f"http://inside.example:{site.server.server_port}/source.html"
    with pytest.raises(ComplianceError, match=r"inside\.example resolves to 127\.0\.0\.1, a private address"):
        fetcher.fetch(url, from_content=True)
    assert site.hits["/source.html"] == 0
    assert fetcher.fetch(url).data  # the user's own URL may be on a private host
    assert site.hits["/source.html"] == 1
