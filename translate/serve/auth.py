"""Who may talk to the review server, and the headers every answer carries.

* **Host check** (DNS rebinding): on a loopback bind only ``127.0.0.1``, ``localhost`` and ``[::1]``
  (with the port) are accepted as ``Host``.
* **Token**: any other bind gets a random token, printed at start and required on every request:
  ``Authorization: Bearer TOKEN``, the ``dragoman_token`` cookie, or ``?token=TOKEN`` once (a GET
  with it sets the cookie, ``HttpOnly; SameSite=Strict``, and redirects to the same URL without it).
* **CSRF**: every write needs ``Content-Type: application/json`` and the ``X-CSRF-Token`` header
  that the pages carry (a cross-site form cannot set either), and a matching ``Origin`` when the
  browser sends one.
* **Headers**: a strict Content-Security-Policy (own script and style files only, no inline code,
  no frames, no other origins), ``nosniff``, ``no-referrer``, ``no-store``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
COOKIE = "dragoman_token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


@dataclass
class Guard:
    """The secrets of one server run: the access token (None on a loopback bind) and the CSRF token."""

    host: str
    port: int
    token: str | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @classmethod
    def for_bind(cls, host: str, port: int, token: str | None = None) -> Guard:
        """A guard for ``host:port``: a token unless the bind is loopback (``token`` forces one)."""
        if token is None and host not in LOOPBACK:
            token = secrets.token_urlsafe(24)
        return cls(host=host, port=port, token=token)

    def host_allowed(self, host_header: str) -> bool:
        """Whether the request's ``Host`` is acceptable (any host once a token is required)."""
        if self.token is not None:
            return True
        name = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
        name = name.strip("[]")
        return name in LOOPBACK

    def token_ok(self, headers: dict[str, str], cookies: dict[str, str], query: str) -> tuple[bool, bool]:
        """``(allowed, from_query)`` for a request's credentials."""
        if self.token is None:
            return True, False
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and secrets.compare_digest(auth[7:].strip(), self.token):
            return True, False
        if secrets.compare_digest(cookies.get(COOKIE, ""), self.token):
            return True, False
        given = dict(parse_qsl(query)).get("token", "")
        if given and secrets.compare_digest(given, self.token):
            return True, True
        return False, False

    def csrf_ok(self, header: str) -> bool:
        return bool(header) and secrets.compare_digest(header, self.csrf)


def strip_token(path: str, query: str) -> str:
    """``path?query`` without the ``token`` parameter."""
    rest = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "token"]
    return path + ("?" + urlencode(rest) if rest else "")
