"""Prometheus metrics of the daemon, served at ``GET /metrics``.

They live in prometheus_client's default registry, beside the chat endpoint's, so one
``generate_latest()`` serves both.
"""

from __future__ import annotations

import time

from prometheus_client import REGISTRY, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

PUBLISHED = Counter("socialbot_deliveries_published",
                    "Deliveries published (or found published)", ["platform"])
FAILED = Counter("socialbot_deliveries_failed", "Deliveries that failed for good", ["platform"])
RETRIES = Counter("socialbot_delivery_retries", "Delivery attempts scheduled for a retry",
                  ["platform", "reason"])
RECONCILED = Counter("socialbot_deliveries_reconciled",
                     "Attempts in doubt checked on the platform before any retry",
                     ["platform", "outcome"])
QUEUE_DEPTH = Gauge("socialbot_publish_queue_depth",
                    "Deliveries of approved posts not yet published or failed", ["platform"])
COMMENTS_INGESTED = Counter("socialbot_comments_ingested", "New comments stored", ["platform"])
COMMENTS_FLAGGED = Counter("socialbot_comments_flagged", "Comments flagged for review",
                           ["platform", "flag"])
COMMENTS_HIDDEN = Counter("socialbot_comments_hidden",
                          "Comments hidden on the platform by policy", ["platform"])
POLL_FAILURES = Counter("socialbot_comment_poll_failures", "Comment polls that failed",
                        ["platform"])
LAST_POLL = Gauge("socialbot_last_successful_poll_timestamp_seconds",
                  "Unix time of the last successful comment poll", ["platform"])
# Set while the policy file is refused and the daemon hides under the last good policy (votes
# and publishing wait): alert on it being non-zero (session 46)
POLICY_REFUSED_SINCE = Gauge("socialbot_policy_refused_since_timestamp_seconds",
                             "Unix time since which the policy file is refused (0: it loads)")


def mark_poll(platform: str) -> None:
    LAST_POLL.labels(platform).set(time.time())


def value(name: str, **labels: str) -> float:
    """A sample's current value (0 when never set), for tests and the demo's summary."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


def render() -> tuple[bytes, str]:
    """The exposition body and its content type, for the HTTP endpoint."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
