"""The mailbox says what each delivery carries: its format and media type, in the listing and
when its bytes are fetched (with a file name for the download)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from eport.bootstrap import Platform
from eport.edifact import parse
from eport.exchange import configuration as config
from eport.exchange.translation import content_type_for
from eport.exchange.worker import Worker

from .samples import codeco, container_number
from .support import Community, bearer, mailbox, post_edi

CONTAINER = "mailbox-formats"


def _deliver(
    platform: Platform,
    client: TestClient,
    community: Community,
    worker: Worker,
    fmt: str,
    version: str = "",
) -> dict[str, object]:
    config.set_profile(
        platform,
        "CARRB",
        config.ProfileDraft(message_type="CODECO", format=fmt, version=version),
    )
    post_edi(client, community.terminal, codeco(containers=(CONTAINER,)))
    worker.drain()
    items = mailbox(client, community.carrier)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("fmt", "version", "media_type", "extension"),
    [
        ("edifact", "", "application/edifact", "edi"),
        ("edifact", "D00B", "application/edifact", "edi"),
        ("json", "", "application/json", "json"),
        ("dcsa", "", "application/json", "json"),
        ("csv", "", "text/csv; charset=utf-8", "csv"),
    ],
)
def test_an_item_is_listed_and_served_in_its_profiles_media_type(
    platform: Platform,
    client: TestClient,
    community: Community,
    worker: Worker,
    fmt: str,
    version: str,
    media_type: str,
    extension: str,
) -> None:
    item = _deliver(platform, client, community, worker, fmt, version)
    assert (item["format"], item["content_type"]) == (fmt, media_type)

    response = client.get(f"/api/v1/mailbox/{item['id']}", headers=bearer(community.carrier))
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == (
        f'attachment; filename="{item["id"]}.{extension}"'
    )
    assert len(response.content) == item["size"]


def test_json_item_is_json_naming_the_container(
    platform: Platform, client: TestClient, community: Community, worker: Worker
) -> None:
    item = _deliver(platform, client, community, worker, "json")
    response = client.get(f"/api/v1/mailbox/{item['id']}", headers=bearer(community.carrier))
    assert response.headers["content-type"] == "application/json"
    assert container_number(CONTAINER) in json.dumps(response.json())


def test_csv_item_decodes_as_the_utf8_it_declares(
    platform: Platform, client: TestClient, community: Community, worker: Worker
) -> None:
    item = _deliver(platform, client, community, worker, "csv")
    response = client.get(f"/api/v1/mailbox/{item['id']}", headers=bearer(community.carrier))
    assert response.charset_encoding == "utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["container"] for r in rows] == [container_number(CONTAINER)]


def test_an_edifact_item_keeps_the_listing_fields_and_adds_format(
    client: TestClient, community: Community, worker: Worker
) -> None:
    post_edi(client, community.terminal, codeco(containers=(CONTAINER,)))
    worker.drain()
    [item] = mailbox(client, community.carrier)
    assert {
        "id",
        "interchange_id",
        "kind",
        "sender",
        "control_ref",
        "message_types",
        "message_count",
        "test",
        "size",
        "sha256",
        "created_at",
    } < item.keys()
    assert (item["format"], item["content_type"]) == ("edifact", "application/edifact")
    response = client.get(f"/api/v1/mailbox/{item['id']}", headers=bearer(community.carrier))
    assert response.headers["content-type"] == "application/edifact"
    assert parse(response.content).interchanges[0].recipient_id == "CARRB"


def test_acknowledgements_sent_back_are_edifact_whatever_the_profile(
    platform: Platform, client: TestClient, community: Community, worker: Worker
) -> None:
    # The terminal asks for JSON but an APERAK to a rejected interchange is always EDIFACT.
    config.set_profile(platform, "TERMA", config.ProfileDraft(format="json"))
    post_edi(client, community.terminal, codeco(containers=(CONTAINER,), unt_count=99))
    worker.drain()
    items = mailbox(client, community.terminal)
    assert items and all(i["format"] == "edifact" for i in items), items
    response = client.get(f"/api/v1/mailbox/{items[0]['id']}", headers=bearer(community.terminal))
    assert response.headers["content-type"] == "application/edifact"
    assert response.headers["content-disposition"].endswith('.edi"')


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("", "application/edifact"),
        ("EDIFACT", "application/edifact"),
        ("JSON", "application/json"),
        ("xml", "application/octet-stream"),
    ],
)
def test_content_type_for_names(fmt: str, media_type: str) -> None:
    assert content_type_for(fmt) == media_type
