"""A small port community for the portal's messages pages, and logging its users in.

TERMA (a terminal) sends gate-in CODECOs naming the carrier CARRB, which finds them in its
mailbox; FWDX is a stranger to both; OPER runs the platform. Every participant has a clerk
(sends and receives); TERMA also has a viewer (receives only).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from fastapi.testclient import TestClient

from conftest import TEST_PASSWORD
from eport.auth.models import User
from eport.bootstrap import Platform
from eport.exchange import configuration as config
from eport.participants.models import Participant


@dataclass(frozen=True)
class Community:
    terminal: Participant
    carrier: Participant
    stranger: Participant
    operator: Participant


def build_community(
    platform: Platform,
    make_participant: Callable[..., Participant],
    make_user: Callable[..., User],
) -> Community:
    made = {
        code: make_participant(code, roles=[role], edi_ids=[edi])
        for code, role, edi in [
            ("TERMA", "terminal", "TERMA"),
            ("CARRB", "carrier", "ZZZ:CARRB"),
            ("FWDX", "forwarder", "FWDX"),
            ("OPER", "operator", "OPER"),
        ]
    }
    for code in made:
        make_user(code, f"{code.lower()}.clerk", "clerk")
    make_user("TERMA", "terma.viewer", "viewer")
    make_user("OPER", "oper.admin", "admin")
    config.add_rule(
        platform,
        config.RuleDraft(
            description="container operator of a gate event",
            message_type="CODECO",
            party_qualifier="CF",
        ),
    )
    return Community(made["TERMA"], made["CARRB"], made["FWDX"], made["OPER"])


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def log_in(client: TestClient, username: str) -> str:
    """Log ``username`` in (dropping any earlier session); the session's CSRF token."""
    client.cookies.clear()
    page = client.get("/portal/login")
    response = client.post(
        "/portal/login",
        data={"username": username, "password": TEST_PASSWORD, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/portal/").text)
