"""A polite JSON client on the standard library: council systems are small public servers, so
it keeps a minimum interval between requests, waits as told after a 429, backs off after a
5xx or a lost connection, and gives up after a bounded number of attempts. Sleep and clock
are injected, so tests run without waiting and nothing process-wide is patched."""

from __future__ import annotations

import email.utils
import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime

_Attempt = tuple[int | None, float | None, bytes | None, str]
USER_AGENT = "ruhr-pledge-map council import (OParl client; python urllib)"


class FetchError(Exception):
    """A URL that gave no usable JSON: one line naming the URL and why."""

    def __init__(self, url: str, problem: str, status: int | None = None):
        self.url = url
        self.problem = problem
        self.status = status
        super().__init__(f"{url}: {problem}")


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110); None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Client:
    """GET JSON documents. `rate` is requests per second (0: no limit); `attempts` bounds the
    tries per URL; the wait before retry n is `backoff * 2**(n-1)` seconds, or the server's
    Retry-After, never more than `max_wait`. Counts `requests` and `retries` for the report."""

    def __init__(
        self,
        rate: float = 5.0,
        timeout: float = 30.0,
        attempts: int = 5,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.clock = clock
        self.requests = 0
        self.retries = 0
        self._next_slot = 0.0
        self._opener = urllib.request.build_opener()  # follows redirects; private, not installed

    def get(self, url: str) -> object:
        """The JSON document at `url`; FetchError when there is none to be had."""
        last = ""
        for attempt in range(1, self.attempts + 1):
            status, wait, body, last = self._attempt(url, attempt)
            if body is not None:
                return _json(url, body)
            if wait is None:  # not worth repeating (404, 403, ...)
                raise FetchError(url, last, status)
            if attempt < self.attempts:
                self.retries += 1
                self.sleep(min(wait, self.max_wait))
        raise FetchError(url, f"gave up after {self.attempts} attempts ({last})")

    def _attempt(self, url: str, attempt: int) -> _Attempt:
        """One request: (status, wait before a retry or None for no retry, body, problem)."""
        self._take_turn()
        self.requests += 1
        backoff = self.backoff * 2 ** (attempt - 1)
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, None, response.read(), ""
        except urllib.error.HTTPError as exc:
            status = exc.code
            retry_after = retry_after_seconds(exc.headers.get("Retry-After"))
            exc.close()
            problem = f"HTTP {status} {exc.reason}".strip()
            if status == 429:
                return status, retry_after if retry_after is not None else backoff, None, problem
            if 500 <= status < 600:
                return status, max(backoff, retry_after or 0.0), None, problem
            return status, None, None, problem
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            return None, backoff, None, f"connection failed: {reason}"

    def _take_turn(self) -> None:
        """Wait for this request's slot: at most one request per `interval` seconds."""
        if not self.interval:
            return
        now = self.clock()
        if self._next_slot > now:
            self.sleep(self._next_slot - now)
            now = self._next_slot
        self._next_slot = now + self.interval


def _json(url: str, body: bytes) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise FetchError(url, f"not UTF-8 (byte {exc.start} of {len(body)})") from None
    except json.JSONDecodeError as exc:
        raise FetchError(
            url, f"not valid JSON ({exc.msg} at byte {exc.pos} of {len(body)}; truncated?)"
        ) from None
