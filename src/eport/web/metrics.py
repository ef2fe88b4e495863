"""Prometheus metrics of the HTTP layer, one registry per application."""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HttpMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests = Counter(
            "eport_http_requests_total",
            "HTTP requests answered",
            ["method", "status"],
            registry=registry,
        )
        self.latency = Histogram(
            "eport_http_request_seconds",
            "Time to answer an HTTP request",
            ["method"],
            registry=registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: HttpMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            method = scope.get("method", "")
            self.metrics.requests.labels(method, str(status)).inc()
            self.metrics.latency.labels(method).observe(time.perf_counter() - started)
