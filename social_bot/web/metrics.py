"""Prometheus metrics of the chat endpoint (served by GET /metrics with the daemon's own)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

REQUESTS = Counter("socialbot_chat_requests_total", "Chat requests by door and outcome",
                   ["door", "outcome"])
LATENCY = Histogram("socialbot_chat_request_seconds", "Time to answer a chat request",
                    ["door"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))
REFUSED_CONNECTIONS = Counter("socialbot_http_refused_total",
                              "Connections closed before a request was read, by reason",
                              ["reason"])
