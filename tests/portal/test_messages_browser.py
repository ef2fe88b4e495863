"""The messages pages in a real browser (Chromium): a clerk uploads a CODECO through the form,
finds it on the Sent page and opens its status page; a file over the limit is refused before
it is sent, in the page's language."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, LiveServer, log_in, submit
from exchange_community import Community, build_community
from fastapi import FastAPI
from sqlalchemy import func, select
from tests.exchange.samples import codeco

from eport.auth.models import User
from eport.bootstrap import Platform
from eport.exchange.models import InterchangeRecord
from eport.exchange.worker import Worker, WorkerOptions
from eport.participants.models import Participant

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

if not CHROMIUM.exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM} (install Debian's chromium or set EPORT_CHROMIUM)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the Playwright driver is not installed"
)


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
def page(chromium: Browser, live: LiveServer) -> Iterator[Page]:
    context = chromium.new_context(base_url=live.url, locale="en-US")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def community(
    platform: Platform,
    make_participant: Callable[..., Participant],
    make_user: Callable[..., User],
) -> Community:
    return build_community(platform, make_participant, make_user)


def interchange_count(platform: Platform) -> int:
    with platform.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(InterchangeRecord)) or 0


def test_a_clerk_uploads_a_codeco_and_follows_it_to_its_status(
    page: Page, community: Community, platform: Platform
) -> None:
    assert log_in(page, "terma.clerk") == 200
    page.get_by_role("link", name="Messages").click()
    page.wait_for_url("**/portal/messages/sent")
    page.get_by_role("link", name="Upload").click()
    page.wait_for_url("**/portal/messages/upload")
    sent = codeco(ref="BROWSER1")
    page.get_by_label("EDIFACT file").set_input_files(
        {"name": "gate-in.edi", "mimeType": "application/octet-stream", "buffer": sent}
    )
    assert submit(page, "Send") == 200
    landed = re.search(r"/portal/messages/sent/(\d+)$", page.url)
    assert landed, page.url
    interchange_id = landed.group(1)
    assert page.get_by_role("heading", level=1).inner_text() == f"Interchange {interchange_id}"
    with platform.uow() as uow:
        raw = uow.session.scalar(
            select(InterchangeRecord.raw).where(InterchangeRecord.id == int(interchange_id))
        )
    assert raw == sent

    worker = Worker(platform, WorkerOptions(batch_size=20, lease_seconds=30))
    try:
        worker.drain()
    finally:
        worker.close()
    page.get_by_role("link", name="Sent").click()
    page.wait_for_url("**/portal/messages/sent")
    row = page.get_by_role("row").filter(has_text="BROWSER1")
    assert "routed" in row.inner_text() and "CODECO" in row.inner_text()
    row.get_by_role("link", name=interchange_id).click()
    page.wait_for_url(f"**/portal/messages/sent/{interchange_id}")
    assert page.locator("dd.status-routed").inner_text() == "routed"
    assert "CARRB" in page.locator("table.deliveries").inner_text()
    assert "No findings." in page.content()
    page.get_by_role("link", name="中文").click()
    page.wait_for_url(f"**/portal/messages/sent/{interchange_id}?lang=zh")
    assert page.get_by_role("heading", level=1).inner_text() == f"交换 {interchange_id}"
    assert page.locator("dd.status-routed").inner_text() == "已路由"


def test_a_file_over_the_limit_is_refused_before_it_is_sent(
    page: Page, community: Community, platform: Platform
) -> None:
    platform.settings.max_interchange_bytes = 100
    log_in(page, "terma.clerk")
    page.goto("/portal/messages/upload?lang=zh")
    page.get_by_label("EDIFACT 文件").set_input_files(
        {"name": "big.edi", "mimeType": "application/octet-stream", "buffer": codeco()}
    )
    page.get_by_role("button", name="发送").click()
    assert page.get_by_role("alert").inner_text() == "文件过大：一个交换最多 100 B。"
    assert page.url.endswith("/portal/messages/upload?lang=zh")
    assert interchange_count(platform) == 0
