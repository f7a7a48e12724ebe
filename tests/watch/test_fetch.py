"""The polite fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import time
from email.utils import formatdate

from crosswire.watch import Fetcher, FetchOptions
from crosswire.watch.fetch import retry_after_seconds
from tests.watch.server import LocalServer


def test_requests_to_one_host_are_spaced_by_the_delay(server: LocalServer) -> None:
    server.set("/a", "a", content_type="text/plain")
    server.set("/b", "b", content_type="text/plain")
    with Fetcher(FetchOptions(delay=0.4, retries=0)) as fetcher:
        assert fetcher.get(server.url + "/a").ok
        assert fetcher.get(server.url + "/b").ok
    (first,), (second,) = server.times("/a"), server.times("/b")
    assert second - first >= 0.4  # politeness: never sooner than the delay


def test_conditional_requests_and_validators(server: LocalServer) -> None:
    server.set("/page", "<p>text</p>", etag='"v1"')
    with Fetcher(FetchOptions(delay=0, retries=0)) as fetcher:
        first = fetcher.get(server.url + "/page")
        assert first.ok and first.etag == '"v1"' and first.body == b"<p>text</p>"
        again = fetcher.get(server.url + "/page", etag=first.etag)
        assert again.not_modified and again.body == b""
    assert server.gets("/page", conditional=True) == 1


def test_a_failing_server_is_retried_then_reported(server: LocalServer) -> None:
    server.set("/flaky", "ok", content_type="text/plain", failures=2)
    server.set("/down", "no", status=503, content_type="text/plain")
    with Fetcher(FetchOptions(delay=0, retries=2, backoff=0.01)) as fetcher:
        flaky = fetcher.get(server.url + "/flaky")
        assert flaky.ok and flaky.tries == 3
        down = fetcher.get(server.url + "/down")
        assert (down.status, down.error, down.tries) == (503, "HTTP status 503", 3)
        assert not down.permanent
        gone = fetcher.get(server.url + "/absent")
        assert gone.status == 404 and gone.permanent and gone.tries == 1


def test_robots_txt_size_limit_and_timeouts(server: LocalServer) -> None:
    server.set("/private/x", "secret", content_type="text/plain")
    server.set("/big", "x" * 5000, content_type="text/plain")
    server.set("/slow", "late", content_type="text/plain", delay=1.5)
    with Fetcher(FetchOptions(delay=0, retries=0, max_bytes=1000, timeout=0.5)) as fetcher:
        refused = fetcher.get(server.url + "/private/x")
        assert refused.error == "disallowed by robots.txt" and refused.permanent
        assert server.gets("/private/x") == 0
        big = fetcher.get(server.url + "/big")
        assert big.error == "response over the size limit of 1000 bytes"
        slow = fetcher.get(server.url + "/slow")
        assert slow.error == "timed out after 0.5s"
    assert server.gets("/robots.txt") == 1  # read once per host


def test_retry_after() -> None:
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    later = retry_after_seconds(formatdate(time.time() + 30, usegmt=True))
    assert later is not None and 25 <= later <= 31
