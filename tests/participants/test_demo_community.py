"""The demo port community: loads once, prints working logins and tokens once."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient

from eport.bootstrap import Platform
from eport.demo import COMMUNITY, load_demo
from eport.participants.services import find_by_edi_id


def _table(text: str) -> dict[str, list[str]]:
    rows = [line.split() for line in text.splitlines()]
    return {row[0]: row for row in rows if row and row[0] in {m.code for m in COMMUNITY}}


def test_demo_loads_once_and_its_credentials_work(platform: Platform, client: TestClient) -> None:
    first = io.StringIO()
    load_demo(platform, first)
    table = _table(first.getvalue())
    assert set(table) == {m.code for m in COMMUNITY}
    cosco = table["COSCO"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {cosco[-1]}"})
    assert me.status_code == 200 and me.json()["roles"] == ["carrier"]
    login = client.get("/portal/login")
    csrf = login.text.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        "/portal/login",
        data={"username": cosco[2], "password": cosco[3], "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303
    operator = table["EPORT"][-1]
    listed = client.get(
        "/api/v1/participants?limit=500", headers={"Authorization": f"Bearer {operator}"}
    ).json()
    assert len(listed["items"]) == len(COMMUNITY)

    again = io.StringIO()
    load_demo(platform, again)
    assert "already loaded" in again.getvalue()
    assert cosco[-1] not in again.getvalue()


def test_demo_participants_are_found_by_their_edi_ids(platform: Platform) -> None:
    load_demo(platform, io.StringIO())
    with platform.uow() as uow:
        found = find_by_edi_id(uow.session, "COSU", "ZZZ")
        assert found is not None and found.code == "COSCO"
        customs = find_by_edi_id(uow.session, "NBCUSTOMS", "ZZZ")
        assert customs is not None and customs.role_names == ["customs"]
