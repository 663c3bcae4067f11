"""Fetch a URL safely: size cap, timeouts, few redirects, and no private addresses by default.

Two clocks bound a fetch: ``timeout`` (setting fetch_timeout) for any one wait on the server,
and ``deadline`` (setting fetch_deadline) for the whole fetch, redirects included, checked
after every piece of the body, so a server that trickles a byte at a time is given up on too.

Server-side request forgery is the risk: a feed item or a user's list of URLs may point at
``http://127.0.0.1:8080/admin`` or a cloud metadata address. Every hop (the URL and each
redirect) is resolved here, refused when any address is loopback, private, link-local or
otherwise not public (unless ``allow_private``), and then fetched *from the address that was
checked*, so a DNS answer that changes between the check and the connection (DNS rebinding)
cannot slip through. httpx has no such guard of its own, hence this module.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from dateline.errors import FetchError, TooLargeError

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=1)
def user_agent() -> str:
    from dateline import __version__

    return f"dateline/{__version__} (news article extraction)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: its final URL, content type and bytes."""

    url: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Fetcher:
    """Fetch URLs with the limits ingest needs; one instance serves a whole run."""

    allow_private: bool = False
    timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = 10_000_000
    max_redirects: int = MAX_REDIRECTS

    def get(self, url: str) -> Fetched:
        """Fetch ``url`` following at most ``max_redirects`` redirects; raise FetchError."""
        ends = time.monotonic() + self.deadline
        with httpx.Client(timeout=self.timeout, follow_redirects=False, trust_env=False,
                          headers={"User-Agent": user_agent(), "Accept": "*/*"}) as client:
            current = url
            for _ in range(self.max_redirects + 1):
                response_url, status, headers, data = self._one(client, current, ends)
                if status in _REDIRECTS and "location" in headers:
                    current = urljoin(current, headers["location"])
                    continue
                if status >= 400:
                    raise FetchError(f"{url} answered HTTP {status}; nothing was read from it.")
                return Fetched(response_url, headers.get("content-type", ""), data)
        raise FetchError(f"{url} redirects more than {self.max_redirects} times; giving up.")

    def _one(self, client: httpx.Client, url: str, ends: float = float("inf")
             ) -> tuple[str, int, dict[str, str], bytes]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"Cannot fetch {url!r}: only http:// and https:// URLs are "
                             "supported.")
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = self._address(url, host, port)
        # Connect to the checked address; keep the name for the Host header and TLS checks.
        literal = f"[{address}]" if address.version == 6 else str(address)
        target = urlunsplit((parts.scheme, f"{literal}:{port}", parts.path or "/", parts.query,
                             ""))
        headers = {"Host": parts.netloc.rsplit("@", 1)[-1]}
        extensions: dict[str, Any] = {"sni_hostname": host} if parts.scheme == "https" else {}
        # No single wait may run past the deadline either.
        wait = max(0.001, min(self.timeout, ends - time.monotonic()))
        try:
            with client.stream("GET", target, headers=headers, extensions=extensions,
                               timeout=wait) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise TooLargeError(f"{url} is {int(declared):,} bytes; the limit is "
                                        f"{self.max_bytes:,} (setting fetch_max_bytes).")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise TooLargeError(f"{url} is larger than the limit of "
                                            f"{self.max_bytes:,} bytes (setting fetch_max_bytes).")
                    chunks.append(chunk)
                    if time.monotonic() > ends:
                        raise self._too_slow(url, size)
                return url, response.status_code, dict(response.headers), b"".join(chunks)
        except httpx.TimeoutException:
            if time.monotonic() >= ends - 0.01:
                raise self._too_slow(url, None) from None
            raise FetchError(f"{url} sent nothing for {self.timeout:g} s (setting "
                             "fetch_timeout).") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"Cannot fetch {url}: {type(exc).__name__}: {exc}.") from None

    def _too_slow(self, url: str, size: int | None) -> FetchError:
        got = f" after {size:,} bytes" if size else ""
        return FetchError(f"{url} took longer than {self.deadline:g} s in all{got}; the limit is "
                          f"{self.deadline:g} s (setting fetch_deadline).")

    def _address(self, url: str, host: str, port: int) -> IPAddress:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"Cannot fetch {url}: the host {host!r} cannot be resolved "
                             f"({exc}).") from None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
        if not self.allow_private:
            for address in addresses:
                reason = private_reason(address)
                if reason:
                    raise FetchError(f"Refusing to fetch {url}: {host} is {address}, a {reason} "
                                     "address. Pass --allow-private (setting allow_private) to "
                                     "fetch from local or private networks.")
        return addresses[0]


def private_reason(address: IPAddress) -> str | None:
    """Say why an address is not public (loopback, private...), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    checks = (("loopback", address.is_loopback), ("link-local", address.is_link_local),
              ("private", address.is_private), ("multicast", address.is_multicast),
              ("unspecified", address.is_unspecified), ("reserved", address.is_reserved),
              ("non-public", not address.is_global))
    return next((name for name, hit in checks if hit), None)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))
