from __future__ import annotations

import ipaddress

import pytest

from dateline.errors import FetchError, TooLargeError
from dateline.ingest.fetch import Fetcher, private_reason
from dateline.ingest.sources import IngestOptions, Item, SourceFailure, read_sources

from .texts import FERRY, FLOOD, STRIKE, page, rss


def _read(sources, **options):
    return list(read_sources(sources, IngestOptions(**options)))


def test_fetch_reads_a_page_when_private_addresses_are_allowed(site):
    url = site.add("/flood", page("Passau floods", FLOOD))
    [item] = _read([url], allow_private=True)
    assert isinstance(item, Item) and item.origin == url
    assert "Heavy rain flooded" in item.article.text and item.article.url == url
    assert site.requests[0][1].startswith("dateline/")


def test_fetch_refuses_loopback_without_allow_private(site):
    url = site.add("/flood", page("Passau floods", FLOOD))
    [failure] = _read([url])
    assert isinstance(failure, SourceFailure) and failure.error == "FetchError"
    assert "127.0.0.1, a loopback address. Pass --allow-private" in failure.message
    assert site.requests == []  # refused before any connection


def test_fetch_feed_url_and_following_item_links(site):
    ferry = site.add("/ferry", page("Ferry aground", FERRY))
    missing = site.base + "/gone"
    feed = site.add("/rss", rss([("Ferry aground", "Short summary of the ferry story, which "
                                  "the coast guard said was over by the evening.", ferry),
                                 ("Gone", STRIKE, missing)]), "application/rss+xml")
    summary, strike = _read([feed], allow_private=True)
    assert summary.article.text.startswith("Short summary") and strike.article.text == STRIKE
    followed, failure = _read([feed], allow_private=True, follow_links=True)
    assert "ran aground off the island of Naxos" in followed.article.text
    assert (followed.article.title, followed.article.url) == ("Ferry aground", ferry)
    assert followed.article.source == "Harbour Herald"
    assert failure.origin == missing and "answered HTTP 404" in failure.message


def test_fetch_follows_a_few_redirects_but_not_loops(site):
    target = site.add("/strike", page("Strike", STRIKE))
    site.redirect("/old", target)
    [item] = _read([site.base + "/old"], allow_private=True)
    assert "Dock workers" in item.article.text
    site.redirect("/loop", site.base + "/loop")
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        Fetcher(allow_private=True).get(site.base + "/loop")


def test_fetch_gives_up_on_a_trickling_server_at_the_total_deadline(site):
    body = "A ferry ran aground. " * 20  # 420 bytes at 0.02 s each: over 8 s in all
    url = site.slow("/trickle", body, per_byte=0.02)
    fetcher = Fetcher(allow_private=True, timeout=5.0, deadline=0.5)
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    message = str(caught.value)
    assert message.startswith(f"{url} took longer than 0.5 s in all after ")
    assert message.endswith("the limit is 0.5 s (setting fetch_deadline).")
    received = int(message.split(" after ")[1].split(" bytes")[0].replace(",", ""))
    assert 0 < received < len(body)  # given up on mid-body, every wait being short
    [failure] = _read([url], allow_private=True, fetch_timeout=5.0, fetch_deadline=0.5)
    assert failure.error == "FetchError" and "(setting fetch_deadline)" in failure.message


def test_fetch_names_the_per_wait_timeout_when_the_server_sends_nothing(site):
    url = site.slow("/stall", "late", before=1.0)
    with pytest.raises(FetchError, match=r"sent nothing for 0.2 s \(setting fetch_timeout\)"):
        Fetcher(allow_private=True, timeout=0.2, deadline=30).get(url)


def test_fetch_limits_size(site):
    url = site.add("/big", "x" * 5000, "text/plain")
    with pytest.raises(TooLargeError, match="the limit is 1,000"):
        Fetcher(allow_private=True, max_bytes=1000).get(url)


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://example.org/a.txt", "only http:// and https:// URLs"),
    ("file:///etc/passwd", "only http:// and https:// URLs"),
    ("http://no-such-host.invalid/", "cannot be resolved"),
])
def test_fetch_rejects_unsupported_or_unresolvable_urls(url, message):
    with pytest.raises(FetchError, match=message):
        Fetcher()._one(None, url)  # type: ignore[arg-type]


@pytest.mark.parametrize(("address", "reason"), [
    ("127.0.0.1", "loopback"),
    ("::1", "loopback"),
    ("10.1.2.3", "private"),
    ("192.168.0.10", "private"),
    ("172.16.5.4", "private"),
    ("169.254.169.254", "link-local"),     # cloud metadata service
    ("fe80::1", "link-local"),
    ("::ffff:127.0.0.1", "loopback"),      # IPv4-mapped IPv6
    ("0.0.0.0", "private"),
    ("100.64.0.1", "non-public"),          # carrier-grade NAT
    ("224.0.0.1", "multicast"),
    ("8.8.8.8", None),
    ("2001:4860:4860::8888", None),
])
def test_fetch_private_address_reasons(address, reason):
    assert private_reason(ipaddress.ip_address(address)) == reason
