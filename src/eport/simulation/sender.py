"""Send rendered interchanges to a running eport, each with its sender's API token, in order.

`POST {base}/api/v1/interchanges` with the raw bytes (``application/edifact``) and
``Authorization: Bearer <token>``; 202 means received. A 429 or 503 is retried after the
server's Retry-After (or a short back-off), so a rate limit slows the run instead of
losing interchanges. The hub checks and routes in the background: `collect_outcomes` asks
``GET /api/v1/interchanges/{id}`` until each interchange has its final status.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from eport.simulation.render import RenderedInterchange

PATH = "/api/v1/interchanges"
_RETRY_STATUSES = frozenset({429, 503})
_MAX_RETRIES = 8


@dataclass(slots=True)
class SendReport:
    """Outcome of a run: interchanges and messages accepted, rejections by reason."""

    accepted: int = 0
    rejected: int = 0
    messages_accepted: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    first_rejections: list[str] = field(default_factory=list)
    receipts: list[tuple[str, int]] = field(default_factory=list)  # (sender, interchange id)

    def reject(self, reason: str) -> None:
        self.rejected += 1
        if len(self.first_rejections) < 10:
            self.first_rejections.append(reason)


def load_tokens(path: Path) -> dict[str, str]:
    """A JSON object mapping participant code to API token, as the demo loader writes it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValueError(f"{path} must map participant codes to token strings")
    return dict(data)


def send_interchanges(
    client: httpx.Client,
    tokens: Mapping[str, str],
    interchanges: Iterable[RenderedInterchange],
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> SendReport:
    """Post every interchange in order with `client` (whose base URL is the eport server)."""
    report = SendReport()
    for rendered in interchanges:
        sender = rendered.batch.sender.code
        token = tokens.get(sender)
        if token is None:
            report.reject(f"{sender}: no token")
            continue
        response = _post(client, token, rendered.data, sleep)
        report.statuses[response.status_code] += 1
        if response.status_code == 202:
            report.accepted += 1
            report.messages_accepted += rendered.message_count
            report.receipts.append((sender, int(response.json()["id"])))
        else:
            report.reject(
                f"{sender} {rendered.control_ref}: {response.status_code} {response.text[:200]}"
            )
    return report


def _post(
    client: httpx.Client, token: str, data: bytes, sleep: Callable[[float], None]
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/edifact"}
    attempt = 0
    while True:
        response = client.post(PATH, content=data, headers=headers)
        attempt += 1
        if response.status_code not in _RETRY_STATUSES or attempt >= _MAX_RETRIES:
            return response
        sleep(_retry_after(response, attempt))


def _retry_after(response: httpx.Response, attempt: int) -> float:
    value = str(response.headers.get("Retry-After", ""))
    try:
        return max(float(value), 0.0)
    except ValueError:
        return min(0.1 * (1 << attempt), 5.0)


# Statuses the hub gives an interchange once it is done with it.
FINAL_STATUSES = frozenset({"routed", "partial", "rejected", "dead", "duplicate"})


def collect_outcomes(
    client: httpx.Client,
    tokens: Mapping[str, str],
    receipts: Iterable[tuple[str, int]],
    *,
    timeout: float,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Counter[str]:
    """The hub's final status of each received interchange, counted; "pending" for those
    still in progress when `timeout` seconds have passed."""
    outcomes: Counter[str] = Counter()
    deadline = clock() + timeout
    for sender, interchange_id in receipts:
        headers = {"Authorization": f"Bearer {tokens[sender]}"}
        while True:
            response = client.get(f"{PATH}/{interchange_id}", headers=headers)
            status = (
                str(response.json().get("status"))
                if response.status_code == 200
                else (f"http {response.status_code}")
            )
            if status in FINAL_STATUSES or response.status_code != 200:
                break
            if clock() >= deadline:
                status = "pending"
                break
            sleep(0.2)
        outcomes[status] += 1
    return outcomes
