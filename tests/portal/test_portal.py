"""The portal through HTTP: login with CSRF, home page, tokens, logout, languages."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from conftest import TEST_PASSWORD
from eport.auth.models import User
from eport.participants.models import Participant


@pytest.fixture
def nbct_admin(
    make_participant: Callable[..., Participant], make_user: Callable[..., User]
) -> User:
    make_participant("NBCT", roles=["terminal"], edi_ids=["NBCT"], name_zh="宁波北仑集装箱码头")
    return make_user("NBCT", "nbct.admin", "admin")


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def _log_in(client: TestClient, username: str = "nbct.admin", password: str = TEST_PASSWORD) -> str:
    page = client.get("/portal/login")
    response = client.post(
        "/portal/login",
        data={"username": username, "password": password, "csrf_token": _csrf(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return _csrf(client.get("/portal/").text)


def test_home_needs_a_login(client: TestClient) -> None:
    response = client.get("/portal/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/portal/login"


def test_login_shows_the_participant_and_its_users(client: TestClient, nbct_admin: User) -> None:
    _log_in(client)
    home = client.get("/portal/?lang=zh")
    assert "宁波北仑集装箱码头" in home.text and "nbct.admin" in home.text
    assert "参与方" in home.text


def test_the_session_cookie_is_httponly_and_lax(client: TestClient, nbct_admin: User) -> None:
    page = client.get("/portal/login")
    response = client.post(
        "/portal/login",
        data={"username": "nbct.admin", "password": TEST_PASSWORD, "csrf_token": _csrf(page.text)},
        follow_redirects=False,
    )
    cookie = next(
        v
        for k, v in response.headers.multi_items()
        if k == "set-cookie" and v.startswith("eport_session=")
    )
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()


def test_login_without_the_csrf_cookie_is_refused(client: TestClient, nbct_admin: User) -> None:
    page = client.get("/portal/login")
    token = _csrf(page.text)
    client.cookies.clear()
    response = client.post(
        "/portal/login",
        data={"username": "nbct.admin", "password": TEST_PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 403
    assert "eport_session" not in client.cookies


def test_a_wrong_password_shows_the_form_again(client: TestClient, nbct_admin: User) -> None:
    page = client.get("/portal/login?lang=en")
    response = client.post(
        "/portal/login",
        data={"username": "nbct.admin", "password": "wrong", "csrf_token": _csrf(page.text)},
    )
    assert response.status_code == 401
    assert "Wrong username or password" in response.text


def test_an_admin_creates_and_revokes_a_token(client: TestClient, nbct_admin: User) -> None:
    csrf = _log_in(client)
    created = client.post("/portal/tokens", data={"csrf_token": csrf, "name": "tos"})
    assert created.status_code == 200
    token = re.search(r'<pre class="token">(ept_[^<]+)</pre>', created.text)
    assert token
    assert (
        client.get(
            "/api/v1/tokens", headers={"Authorization": f"Bearer {token.group(1)}"}
        ).status_code
        == 403
    )  # valid, but messages scopes only
    home = client.get("/portal/").text
    token_id = re.search(r"/portal/tokens/(\d+)/revoke", home)
    assert token_id
    revoked = client.post(
        f"/portal/tokens/{token_id.group(1)}/revoke",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {token.group(1)}"}).status_code
        == 401
    )


def test_forms_without_the_session_csrf_token_are_refused(
    client: TestClient, nbct_admin: User
) -> None:
    _log_in(client)
    assert client.post("/portal/tokens", data={"csrf_token": "forged"}).status_code == 403
    assert client.post("/portal/logout", data={"csrf_token": "forged"}).status_code == 403


def test_a_session_reaches_the_api_and_needs_csrf_to_change_things(
    client: TestClient, nbct_admin: User
) -> None:
    csrf = _log_in(client)
    assert client.get("/api/v1/me").json()["code"] == "NBCT"
    assert client.post("/api/v1/tokens", json={}).status_code == 403
    assert client.post("/api/v1/tokens", json={}, headers={"X-CSRF-Token": csrf}).status_code == 201


def test_logout_ends_the_session(client: TestClient, nbct_admin: User) -> None:
    csrf = _log_in(client)
    response = client.post("/portal/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/portal/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "登录"),
        ("en-US,en;q=0.9", "Log in"),
        ("fr-FR, en;q=0.5", "Log in"),
        ("", "登录"),
    ],
)
def test_language_follows_the_browser(client: TestClient, header: str, expected: str) -> None:
    assert expected in client.get("/portal/login", headers={"Accept-Language": header}).text


def test_a_chosen_language_is_kept_in_a_cookie(client: TestClient) -> None:
    client.get("/portal/login?lang=en")
    assert "Log in" in client.get("/portal/login", headers={"Accept-Language": "zh"}).text


def test_a_clerk_sees_no_tokens(
    client: TestClient, nbct_admin: User, make_user: Callable[..., User]
) -> None:
    make_user("NBCT", "nbct.clerk", "clerk")
    csrf = _log_in(client, "nbct.clerk")
    assert "/portal/tokens" not in client.get("/portal/").text
    assert client.post("/portal/tokens", data={"csrf_token": csrf}).status_code == 403


def test_static_style_sheet_is_served(client: TestClient) -> None:
    assert client.get("/portal/static/portal.css").status_code == 200


def test_login_attempts_are_limited_per_address(client: TestClient, nbct_admin: User) -> None:
    from eport.portal.routes import LOGINS_PER_ADDRESS

    csrf = _csrf(client.get("/portal/login").text)
    statuses = [
        client.post(
            "/portal/login", data={"username": f"user{i}", "password": "x", "csrf_token": csrf}
        ).status_code
        for i in range(LOGINS_PER_ADDRESS + 1)
    ]
    assert set(statuses[:-1]) == {401}
    assert statuses[-1] == 429
