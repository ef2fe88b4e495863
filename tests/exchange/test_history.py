"""What a sender has sent: listed newest first with filters, and its bytes as received."""

from __future__ import annotations

from fastapi.testclient import TestClient

from eport.exchange.worker import Worker

from .samples import codeco
from .support import Community, bearer, post_edi

GARBAGE = b"this is not EDIFACT at all"


def _list(client: TestClient, token: str, **params: object) -> dict[str, object]:
    response = client.get("/api/v1/interchanges", headers=bearer(token), params=params)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _ids(page: dict[str, object]) -> list[int]:
    items = page["items"]
    assert isinstance(items, list)
    return [int(i["id"]) for i in items]


def _sent(client: TestClient, community: Community, worker: Worker) -> list[int]:
    ids = [
        post_edi(client, community.terminal, codeco(ref="HIST1")),
        post_edi(client, community.terminal, GARBAGE),
        post_edi(client, community.terminal, codeco(ref="HIST3", test=True)),
    ]
    worker.drain()
    return ids


def test_a_sender_lists_what_it_sent_newest_first_with_filters(
    client: TestClient, community: Community, worker: Worker
) -> None:
    first, garbage, third = _sent(client, community, worker)
    page = _list(client, community.terminal)
    assert _ids(page) == [third, garbage, first]
    assert page["next_cursor"] is None
    items = page["items"]
    assert isinstance(items, list)
    assert items[2]["sender"] == "TERMA" and items[2]["control_ref"] == "HIST1"
    assert items[2]["message_types"] == ["CODECO"] and items[2]["status"] == "routed"

    assert _ids(_list(client, community.terminal, status="rejected")) == [garbage]
    assert _ids(_list(client, community.terminal, message_type="CODECO")) == [third, first]
    assert _ids(_list(client, community.terminal, message_type="CODEC")) == []
    assert _ids(_list(client, community.terminal, control_ref="HIST3")) == [third]
    assert _ids(_list(client, community.terminal, test=True)) == [third]
    assert _ids(_list(client, community.terminal, since="2999-01-01T00:00:00")) == []
    assert _ids(_list(client, community.terminal, until="2999-01-01T00:00:00Z")) == [
        third,
        garbage,
        first,
    ]


def test_pages_follow_the_cursor(client: TestClient, community: Community, worker: Worker) -> None:
    first, garbage, third = _sent(client, community, worker)
    page = _list(client, community.terminal, limit=2)
    assert _ids(page) == [third, garbage]
    following = _list(client, community.terminal, limit=2, cursor=page["next_cursor"])
    assert _ids(following) == [first]
    assert following["next_cursor"] is None
    bad = client.get(
        "/api/v1/interchanges", headers=bearer(community.terminal), params={"cursor": "x"}
    )
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"


def test_others_see_none_of_it_and_the_operator_sees_all(
    client: TestClient, community: Community, worker: Worker
) -> None:
    ids = _sent(client, community, worker)
    assert _ids(_list(client, community.stranger)) == []
    assert _ids(_list(client, community.carrier)) == []
    refused = client.get(
        "/api/v1/interchanges", headers=bearer(community.stranger), params={"sender": "TERMA"}
    )
    assert refused.status_code == 403
    assert set(ids) <= set(_ids(_list(client, community.operator)))
    assert _ids(_list(client, community.operator, sender="TERMA")) == ids[::-1]
    assert _ids(_list(client, community.operator, sender="CARRB")) == []


def test_bad_filters_are_refused_precisely(client: TestClient, community: Community) -> None:
    for params in ({"status": "lost"}, {"message_type": "codeco"}, {"since": "yesterday"}):
        response = client.get(
            "/api/v1/interchanges", headers=bearer(community.terminal), params=params
        )
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"


def test_the_sender_gets_its_bytes_exactly_as_received(
    client: TestClient, community: Community
) -> None:
    sent = codeco(ref="RAW1")
    interchange_id = post_edi(client, community.terminal, sent)
    path = f"/api/v1/interchanges/{interchange_id}/raw"
    mine = client.get(path, headers=bearer(community.terminal))
    assert mine.status_code == 200
    assert mine.content == sent
    assert mine.headers["content-type"].startswith("application/edifact")
    assert f'filename="{interchange_id}.edi"' in mine.headers["content-disposition"]
    assert client.get(path, headers=bearer(community.operator)).content == sent
    for other in (community.stranger, community.carrier):
        assert client.get(path, headers=bearer(other)).status_code == 404
