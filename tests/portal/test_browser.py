"""The portal in a real browser (Chromium) against a real server and the test database.

Login and lock-out, CSRF from another origin, the two languages, API tokens shown once and
revoked, isolation between participants, logout. What the browser shows is checked on the
page; what happened is checked in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

import httpx
import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, LiveServer, OtherOrigin, log_in, post_from, submit
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from sqlalchemy import func, select

from conftest import TEST_PASSWORD
from eport.auth.models import ApiToken, PortalSession, User
from eport.bootstrap import Platform
from eport.db.types import utcnow
from eport.participants.models import Participant
from eport.portal import routes as portal

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

if not CHROMIUM.exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM} (install Debian's chromium or set EPORT_CHROMIUM)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the Playwright driver is not installed"
)

ALPHA_MARKERS = ("ALPHA", "Alpha Terminal Co.", "甲码头", "alpha.admin", "alpha.clerk", "alpha-tos")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live(app: FastAPI) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def open_context(chromium: Browser, live: LiveServer) -> Iterator[Callable[..., BrowserContext]]:
    opened: list[BrowserContext] = []

    def open_(locale: str = "en-US") -> BrowserContext:
        context = chromium.new_context(base_url=live.url, locale=locale)
        context.set_default_timeout(15_000)
        opened.append(context)
        return context

    yield open_
    for context in opened:
        context.close()


@pytest.fixture
def page(open_context: Callable[..., BrowserContext]) -> Page:
    return open_context().new_page()


@pytest.fixture
def alpha(
    make_participant: Callable[..., Participant], make_user: Callable[..., User]
) -> Participant:
    participant = make_participant(
        "ALPHA", roles=["terminal"], name_en="Alpha Terminal Co.", name_zh="甲码头"
    )
    make_user("ALPHA", "alpha.admin", "admin")
    make_user("ALPHA", "alpha.clerk", "clerk")
    return participant


def session_count(platform: Platform) -> int:
    with platform.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(PortalSession)) or 0


def token_rows(platform: Platform) -> list[ApiToken]:
    with platform.uow() as uow:
        rows = list(uow.session.scalars(select(ApiToken).order_by(ApiToken.id)))
        uow.session.expunge_all()
        return rows


def me_status(live: LiveServer, token: str) -> int:
    return httpx.get(
        f"{live.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"}
    ).status_code


def has_session_cookie(context: BrowserContext) -> bool:
    return any(cookie["name"] == "eport_session" for cookie in context.cookies())


# --- login ----------------------------------------------------------------------------------


def test_login_lands_on_the_home_page_of_the_participant(page: Page, alpha: Participant) -> None:
    assert log_in(page) == 200
    assert page.url.endswith("/portal/")
    assert page.get_by_role("heading", level=1).inner_text() == "Participant ALPHA"
    assert "甲码头 Alpha Terminal Co." in page.locator("dl").inner_text()
    users = page.locator("table").first.inner_text()
    assert "alpha.admin" in users and "alpha.clerk" in users


def test_a_wrong_password_shows_an_error_and_opens_no_session(
    page: Page, alpha: Participant, platform: Platform
) -> None:
    assert log_in(page, password="not the password") == 401
    assert page.get_by_role("alert").inner_text().startswith("Wrong username or password")
    assert page.get_by_label("Username").input_value() == "alpha.admin"
    assert not has_session_cookie(page.context) and session_count(platform) == 0
    page.goto("/portal/")
    assert page.url.endswith("/portal/login")


def test_repeated_failures_lock_the_account(
    page: Page, alpha: Participant, platform: Platform
) -> None:
    for attempt in range(platform.settings.login_max_failures):
        assert log_in(page, password="guess", again=attempt > 0) == 401
    assert log_in(page, again=True) == 401  # the right password, too late
    assert "locked" in page.get_by_role("alert").inner_text()
    assert not has_session_cookie(page.context) and session_count(platform) == 0
    with platform.uow() as uow:
        user = uow.session.scalars(select(User).where(User.username == "alpha.admin")).one()
        assert user.locked_until is not None and user.locked_until > utcnow()
        user.locked_until = utcnow() - timedelta(seconds=1)  # the lock-out has run out
        uow.commit()
    assert log_in(page) == 200 and page.url.endswith("/portal/")


# --- CSRF -----------------------------------------------------------------------------------


@pytest.fixture
def other_origin() -> Iterator[OtherOrigin]:
    with OtherOrigin() as site:
        yield site


@pytest.mark.parametrize("forged", [{}, {"csrf_token": "guessed"}], ids=["none", "wrong"])
def test_forms_posted_from_another_origin_change_nothing(
    page: Page,
    alpha: Participant,
    platform: Platform,
    live: LiveServer,
    other_origin: OtherOrigin,
    make_token: Callable[..., str],
    forged: dict[str, str],
) -> None:
    secret = make_token("ALPHA")
    log_in(page)
    token_id = token_rows(platform)[0].id
    assert post_from(
        page, other_origin, f"{live.url}/portal/tokens", {"name": "stolen", **forged}
    ) in (403, 422)
    assert post_from(page, other_origin, f"{live.url}/portal/tokens/{token_id}/revoke", forged) in (
        403,
        422,
    )
    assert post_from(page, other_origin, f"{live.url}/portal/logout", forged) in (403, 422)
    assert [(t.id, t.revoked_at) for t in token_rows(platform)] == [(token_id, None)]
    assert me_status(live, secret) == 200 and session_count(platform) == 1
    page.goto("/portal/")
    assert page.url.endswith("/portal/")  # still logged in


def test_the_session_cookie_travels_with_forms_from_another_origin(
    page: Page, alpha: Participant, platform: Platform, live: LiveServer, other_origin: OtherOrigin
) -> None:
    """The control of the test above: with the right token the same post succeeds."""
    log_in(page)
    csrf = page.locator('input[name="csrf_token"]').first.input_value()
    assert (
        post_from(
            page, other_origin, f"{live.url}/portal/tokens", {"name": "known", "csrf_token": csrf}
        )
        == 200
    )
    assert [t.name for t in token_rows(platform)] == ["known"]


def test_a_login_posted_from_another_origin_opens_no_session(
    page: Page, alpha: Participant, platform: Platform, live: LiveServer, other_origin: OtherOrigin
) -> None:
    page.goto("/portal/login")  # the victim holds a login CSRF cookie, the attacker guesses
    status = post_from(
        page,
        other_origin,
        f"{live.url}/portal/login",
        {"username": "alpha.admin", "password": TEST_PASSWORD, "csrf_token": "guessed"},
    )
    assert status == 403
    assert not has_session_cookie(page.context) and session_count(platform) == 0


def test_scripts_on_the_page_cannot_post_without_the_token(
    page: Page, alpha: Participant, platform: Platform
) -> None:
    log_in(page)
    statuses = page.evaluate("""async () => {
        const form = new FormData();
        form.append("csrf_token", "guessed");
        const portal = await fetch("/portal/tokens", {method: "POST", body: form});
        const api = await fetch("/api/v1/tokens", {method: "POST", body: "{}",
                                headers: {"Content-Type": "application/json"}});
        return [portal.status, api.status];
    }""")
    assert statuses == [403, 403]
    assert token_rows(platform) == []


# --- languages ------------------------------------------------------------------------------


def test_the_browser_language_chooses_the_portal_language(
    open_context: Callable[..., BrowserContext],
) -> None:
    chinese = open_context("zh-CN").new_page()
    chinese.goto("/portal/login")
    assert chinese.get_by_role("button", name="登录").is_visible()
    assert chinese.locator("html").get_attribute("lang") == "zh-CN"
    english = open_context("en-US").new_page()
    english.goto("/portal/login")
    assert english.get_by_role("button", name="Log in").is_visible()
    assert english.locator("html").get_attribute("lang") == "en"


def test_the_chosen_language_stays_across_pages(page: Page, alpha: Participant) -> None:
    page.goto("/portal/login?lang=zh")  # the browser asks for English
    assert page.get_by_role("heading", level=1).inner_text() == "登录"
    assert log_in(page, labels=("用户名", "密码", "登录")) == 200
    assert page.get_by_role("heading", level=1).inner_text() == "参与方 ALPHA"
    assert page.get_by_role("heading", name="用户").is_visible()
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/portal/?lang=en")
    assert page.get_by_role("heading", level=1).inner_text() == "Participant ALPHA"
    page.goto("/portal/")
    assert page.get_by_role("heading", name="Users").is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()
    page.goto("/portal/?lang=zh")
    page.goto("/portal/")
    assert page.get_by_role("button", name="退出").is_visible()


# --- API tokens -----------------------------------------------------------------------------


def test_a_token_made_in_the_portal_is_shown_once_works_and_is_revoked(
    page: Page, alpha: Participant, platform: Platform, live: LiveServer
) -> None:
    log_in(page)
    page.get_by_label("What it is for").fill("tos-gateway")
    assert submit(page, "Create") == 200
    assert "shown only once" in page.locator(".notice").inner_text()
    secret = page.locator("pre.token").inner_text().strip()
    assert me_status(live, secret) == 200
    me = httpx.get(f"{live.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json()["code"] == "ALPHA"
    [stored] = token_rows(platform)
    assert stored.name == "tos-gateway" and secret not in (stored.token_hash, stored.prefix)
    page.get_by_role("link", name="Back").click()
    page.wait_for_url("**/portal/")
    assert secret not in page.content()
    row = page.get_by_role("row").filter(has_text="tos-gateway")
    with page.expect_navigation():
        row.get_by_role("button", name="Revoke").click()
    assert "revoked" in page.get_by_role("row").filter(has_text="tos-gateway").inner_text()
    assert me_status(live, secret) == 401
    assert token_rows(platform)[0].revoked_at is not None


# --- isolation between participants ---------------------------------------------------------


@pytest.fixture
def beta(
    make_participant: Callable[..., Participant],
    make_user: Callable[..., User],
    make_token: Callable[..., str],
) -> Participant:
    participant = make_participant("BETA", roles=["forwarder"], name_en="Beta Forwarding")
    make_user("BETA", "beta.admin", "admin")
    make_token("BETA")
    return participant


def portal_pages() -> list[str]:
    """Every page of the portal a browser can open with GET and no parameter, included
    routers too (the pages of one interchange or item are swept in test_messages.py)."""
    paths = [
        context.path
        for context in iter_route_contexts(portal.router.routes)
        if "GET" in (context.methods or set()) and context.path and "{" not in context.path
    ]
    assert {"/portal/", "/portal/messages/sent", "/portal/messages/mailbox"} <= set(paths)
    return paths


def test_a_participant_sees_nothing_of_another(
    page: Page,
    alpha: Participant,
    beta: Participant,
    platform: Platform,
    live: LiveServer,
    make_token: Callable[..., str],
) -> None:
    alpha_secret = make_token("ALPHA")
    with platform.uow() as uow:
        alpha_token = uow.session.scalars(
            select(ApiToken).where(ApiToken.participant_id == alpha.id)
        ).one()
        alpha_token.name = "alpha-tos"
        uow.commit()
        markers = (*ALPHA_MARKERS, alpha_token.prefix)
    log_in(page, "beta.admin")
    seen = {}
    for path in portal_pages():
        for lang in ("en", "zh"):
            page.goto(f"{path}?lang={lang}")
            seen[f"{path}?lang={lang}"] = page.content()
    page.goto("/portal/?lang=zh")
    page.get_by_label("用途").fill("beta-edi")
    submit(page, "创建")
    assert page.locator("pre.token").is_visible()
    seen["new token"] = page.content()
    assert "Beta Forwarding" in seen["/portal/?lang=en"]
    assert [
        (marker, where) for marker in markers for where, html in seen.items() if marker in html
    ] == []

    # Beta's own revoke form, pointed at Alpha's token.
    page.goto("/portal/")
    form = page.locator('form[action$="/revoke"]').first
    form.evaluate("(form, id) => { form.action = `/portal/tokens/${id}/revoke`; }", alpha_token.id)
    with page.expect_navigation() as landed:
        form.get_by_role("button").click()
    assert landed.value is not None and landed.value.status == 404
    assert [t.revoked_at for t in token_rows(platform) if t.id == alpha_token.id] == [None]
    assert me_status(live, alpha_secret) == 200


# --- logout ---------------------------------------------------------------------------------


def test_logout_ends_the_session(page: Page, alpha: Participant, platform: Platform) -> None:
    log_in(page)
    assert submit(page, "Log out") == 200
    assert page.url.endswith("/portal/login")
    assert not has_session_cookie(page.context) and session_count(platform) == 0
    page.go_back()  # to the home page's place in the history: it is asked for again
    assert page.url.endswith("/portal/login")
    assert "Participant ALPHA" not in page.content()
    page.reload()
    assert page.url.endswith("/portal/login")
    assert page.get_by_role("button", name="Log in").is_visible()
    assert "Participant ALPHA" not in page.content()
    assert page.request.get("/api/v1/me").status == 401


def test_the_language_link_of_the_new_token_page_leads_to_a_page(
    page: Page, alpha: Participant
) -> None:
    log_in(page)
    submit(page, "Create")
    with page.expect_navigation() as landed:
        page.get_by_role("link", name="中文").click()
    assert landed.value is not None and landed.value.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "参与方 ALPHA"
