"""Sending to a running eport: the sender's token per interchange, order kept, retries on 429."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from eport.simulation.render import RenderedInterchange, Rendering
from eport.simulation.sender import PATH, collect_outcomes, load_tokens, send_interchanges
from eport.simulation.simulator import Traffic, render_traffic


@pytest.fixture(scope="module")
def sample(traffic: Traffic) -> list[RenderedInterchange]:
    rendered = render_traffic(traffic, Rendering())
    return [r for _, r in zip(range(40), rendered, strict=False)]


def _tokens(sample: list[RenderedInterchange]) -> dict[str, str]:
    return {r.batch.sender.code: f"token-{r.batch.sender.code}" for r in sample}


def test_each_interchange_goes_with_its_senders_token_in_order(
    sample: list[RenderedInterchange],
) -> None:
    seen: list[tuple[str, bytes]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == PATH
        assert request.headers["content-type"] == "application/edifact"
        seen.append((request.headers["authorization"], request.content))
        return httpx.Response(202, json={"id": len(seen)})

    client = httpx.Client(transport=httpx.MockTransport(answer), base_url="http://eport")
    report = send_interchanges(client, _tokens(sample), sample)
    assert report.accepted == len(sample) and report.rejected == 0
    assert report.messages_accepted == sum(r.message_count for r in sample)
    assert seen == [(f"Bearer token-{r.batch.sender.code}", r.data) for r in sample]


def test_rate_limits_are_retried_and_rejections_counted(sample: list[RenderedInterchange]) -> None:
    calls = {"n": 0}

    def answer(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(429, headers={"Retry-After": "0"})
        if calls["n"] == 3:
            return httpx.Response(400, json={"title": "bad interchange"})
        return httpx.Response(202, json={"id": calls["n"]})

    client = httpx.Client(transport=httpx.MockTransport(answer), base_url="http://eport")
    waits: list[float] = []
    report = send_interchanges(client, _tokens(sample), sample[:4], sleep=waits.append)
    assert waits == [0.0]
    assert report.accepted == 3 and report.rejected == 1
    assert report.statuses == {202: 3, 400: 1}
    assert "400" in report.first_rejections[0]


def test_a_sender_without_a_token_is_rejected_without_a_request(
    sample: list[RenderedInterchange],
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing may be sent without a token")

    client = httpx.Client(transport=httpx.MockTransport(answer), base_url="http://eport")
    report = send_interchanges(client, {}, sample[:2])
    assert report.rejected == 2 and "no token" in report.first_rejections[0]


def test_tokens_come_from_a_json_object(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps({"NBCT": "abc", "CUSTOMS": "def"}))
    assert load_tokens(path) == {"NBCT": "abc", "CUSTOMS": "def"}
    path.write_text(json.dumps(["NBCT"]))
    with pytest.raises(ValueError):
        load_tokens(path)


def test_outcomes_are_polled_until_final_or_the_timeout() -> None:
    answers = {1: ["received", "routed"], 2: ["rejected"], 3: ["received"] * 100}

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == "Bearer t"
        interchange_id = int(request.url.path.rsplit("/", 1)[1])
        if interchange_id == 4:
            return httpx.Response(404, json={"title": "no such interchange"})
        queue = answers[interchange_id]
        return httpx.Response(200, json={"status": queue.pop(0) if len(queue) > 1 else queue[0]})

    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    client = httpx.Client(transport=httpx.MockTransport(answer), base_url="http://eport")
    outcomes = collect_outcomes(
        client,
        {"NBCT": "t"},
        [("NBCT", i) for i in (1, 2, 3, 4)],
        timeout=5.0,
        sleep=sleep,
        clock=lambda: now[0],
    )
    assert outcomes == {"routed": 1, "rejected": 1, "pending": 1, "http 404": 1}
