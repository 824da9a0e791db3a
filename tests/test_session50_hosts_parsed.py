"""Session 50, the second attack review's F2 and N4: a base or a link with "\\" before an "@"
read as one host by urlsplit and connected to (by requests, by a browser) as another."""

from __future__ import annotations

import pytest

from adapters.base import base_problem, transport_problem
from social_bot.review_card import link_host


@pytest.mark.parametrize("url", [
    "https://evil.example\\@api.linkedin.com",
    "https://evil.example:443\\@api.linkedin.com",
    "https://user:pw@api.linkedin.com",
    "https://api.linkedin.com?next=https://evil.example",
    "https://api.linkedin.com/#frag",
])
@pytest.mark.parametrize("sandbox", [{}, {"SOCIALBOT_SANDBOX": "1"}])
def test_a_base_that_two_parsers_read_apart_is_refused(url: str, sandbox: dict) -> None:
    problem = base_problem(sandbox, "LINKEDIN_API_BASE", url)
    assert problem and problem.startswith("refusing to send credentials")


def test_the_host_compared_is_the_one_requests_connects_to() -> None:
    from adapters.base import connected_host

    assert connected_host("https://evil.example\\@api.linkedin.com") is None
    assert connected_host("https://API.linkedin.com/rest") == "api.linkedin.com"
    assert transport_problem("https://evil.example\\@api.linkedin.com")
    assert base_problem({}, "LINKEDIN_API_BASE", "https://api.linkedin.com/rest") is None


def test_the_preview_note_names_the_host_a_browser_goes_to() -> None:
    assert link_host("https://evil.net\\@northsidefm.example/h") == "evil.net"
    assert link_host("www.northsidefm.example/flu") == "northsidefm.example"


def test_an_ipv6_loopback_is_read_alike_by_both_parsers() -> None:
    """urllib3 gives "[::1]", urlsplit "::1": the two must still agree, or a loopback address
    LOOPBACK_HOSTS lists was refused (a re-read of session 51's change)."""
    from adapters.base import connected_host

    assert connected_host("http://[::1]:8000/linkedin") == "::1"
    assert transport_problem("http://[::1]:8000/linkedin") is None
    assert transport_problem("http://[2001:db8::1]:8000/x")  # not loopback: refused
