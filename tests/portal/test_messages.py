"""The portal's messages pages through HTTP: upload, sent, one interchange, mailbox.

An upload is stored and queued like the API's; a worker then processes it as any other.
Another participant's interchange or mailbox item is "not found", the same answer as for one
that does not exist, on every page and download.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from exchange_community import Community, build_community, log_in
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Row, select
from tests.exchange.samples import codeco

from eport.auth import scopes
from eport.auth.models import User
from eport.bootstrap import Platform
from eport.exchange import jobs
from eport.exchange.models import Delivery, InterchangeRecord
from eport.exchange.worker import Worker, WorkerOptions
from eport.participants.models import Participant
from eport.portal import messages, messages_views
from eport.portal.i18n import MESSAGES

UPLOAD = "/portal/messages/upload"
SENT = "/portal/messages/sent"
MAILBOX = "/portal/messages/mailbox"


@pytest.fixture
def community(
    platform: Platform,
    make_participant: Callable[..., Participant],
    make_user: Callable[..., User],
) -> Community:
    return build_community(platform, make_participant, make_user)


@pytest.fixture
def worker(platform: Platform) -> Iterator[Worker]:
    w = Worker(platform, WorkerOptions(batch_size=20, lease_seconds=30))
    yield w
    w.close()


def upload(
    client: TestClient,
    csrf: str | None,
    body: bytes,
    *,
    filename: str = "gate-in.edi",
    content_type: str = "application/octet-stream",
    lang: str = "en",
) -> int | str:
    """Post the upload form; the new interchange's id, or the refusal page's status and text."""
    response = client.post(
        f"{UPLOAD}?lang={lang}",
        data={} if csrf is None else {"csrf_token": csrf},
        files={"file": (filename, body, content_type)},
        follow_redirects=False,
    )
    if response.status_code != 303:
        return f"{response.status_code} {response.text}"
    found = re.fullmatch(rf"{SENT}/(\d+)", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


def sent_ids(client: TestClient, query: str = "") -> list[int]:
    page = client.get(f"{SENT}?{query}")
    assert page.status_code == 200, page.text
    return [int(i) for i in re.findall(rf'href="{SENT}/(\d+)"', page.text)]


def stored(platform: Platform) -> list[Row[Any]]:
    t = InterchangeRecord
    with platform.uow() as uow:
        return list(
            uow.session.execute(
                select(t.id, t.raw, t.sender_id, t.channel, t.content_type, t.status).order_by(t.id)
            )
        )


def mailbox_ids(platform: Platform, participant: Participant) -> list[int]:
    with platform.uow() as uow:
        return list(
            uow.session.scalars(
                select(Delivery.id)
                .where(Delivery.recipient_id == participant.id, Delivery.status == "available")
                .order_by(Delivery.id)
            )
        )


# --- upload ---------------------------------------------------------------------------------


def test_a_clerk_uploads_an_interchange_stored_and_queued_like_the_apis(
    client: TestClient, community: Community, platform: Platform, worker: Worker
) -> None:
    csrf = log_in(client, "terma.clerk")
    sent = codeco(ref="PORTAL1")
    interchange_id = upload(client, csrf, sent)
    assert isinstance(interchange_id, int)
    [row] = stored(platform)
    assert (row.id, row.raw, row.sender_id) == (interchange_id, sent, community.terminal.id)
    assert (row.channel, row.content_type) == ("portal", "application/edifact")
    assert row.status == "received"
    with platform.uow() as uow:
        queued = uow.session.execute(
            select(jobs.JOBS.c.kind).where(jobs.JOBS.c.ref_id == interchange_id)
        ).all()
    assert [q.kind for q in queued] == [jobs.PROCESS]

    worker.drain()
    assert stored(platform)[0].status == "routed"
    assert len(mailbox_ids(platform, community.carrier)) == 1


def test_a_plain_text_upload_keeps_its_media_type(
    client: TestClient, community: Community, platform: Platform
) -> None:
    csrf = log_in(client, "terma.clerk")
    assert isinstance(upload(client, csrf, codeco(), content_type="text/plain"), int)
    assert [r.content_type for r in stored(platform)] == ["text/plain"]


@pytest.mark.parametrize("token", [None, "forged"], ids=["none", "wrong"])
def test_an_upload_without_the_session_csrf_token_is_refused(
    client: TestClient, community: Community, platform: Platform, token: str | None
) -> None:
    log_in(client, "terma.clerk")
    refused = upload(client, token, codeco())
    assert isinstance(refused, str) and refused.startswith("403 ")
    assert stored(platform) == []


def test_an_upload_without_a_session_is_refused(
    client: TestClient, community: Community, platform: Platform
) -> None:
    csrf = log_in(client, "terma.clerk")
    client.cookies.clear()
    refused = upload(client, csrf, codeco())
    assert isinstance(refused, str) and refused.startswith("401 ")
    assert stored(platform) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The file is too large: an interchange may have at most 200 B."),
        ("zh", "文件过大：一个交换最多 200 B。"),
    ],
)
def test_a_file_over_the_limit_is_refused_in_the_pages_language(
    client: TestClient, community: Community, platform: Platform, lang: str, text: str
) -> None:
    platform.settings.max_interchange_bytes = 200
    csrf = log_in(client, "terma.clerk")
    sent = codeco()
    assert len(sent) > 200
    refused = upload(client, csrf, sent, lang=lang)
    assert isinstance(refused, str) and refused.startswith("413 ")
    assert text in refused
    assert isinstance(upload(client, csrf, sent[:200], lang=lang), int)  # at the limit: taken
    assert [len(r.raw) for r in stored(platform)] == [200]


def test_an_empty_file_or_none_shows_the_form_again(
    client: TestClient, community: Community, platform: Platform
) -> None:
    csrf = log_in(client, "terma.clerk")
    empty = upload(client, csrf, b"")
    assert isinstance(empty, str) and empty.startswith("400 ") and "The file is empty." in empty
    missing = client.post(f"{UPLOAD}?lang=zh", data={"csrf_token": csrf})
    assert missing.status_code == 400 and "请选择要发送的文件。" in missing.text
    assert stored(platform) == []


def test_a_viewer_may_not_upload(
    client: TestClient, community: Community, platform: Platform
) -> None:
    csrf = log_in(client, "terma.viewer")
    form = client.get(f"{UPLOAD}?lang=en")
    assert form.status_code == 403
    assert "Your role does not allow sending messages." in form.text
    assert UPLOAD not in client.get(SENT).text  # no link to the form either
    refused = upload(client, csrf, codeco())
    assert isinstance(refused, str) and refused.startswith("403 ")
    assert stored(platform) == []


def test_a_clerk_sees_the_upload_form_with_the_limit(
    client: TestClient, community: Community, platform: Platform
) -> None:
    log_in(client, "terma.clerk")
    form = client.get(f"{SENT}?lang=zh")
    assert f'href="{UPLOAD}"' in form.text
    page = client.get(UPLOAD)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text and "最大 20 MiB" in page.text


# --- sent -----------------------------------------------------------------------------------


def test_the_sent_page_lists_newest_first_with_filters(
    client: TestClient, community: Community, worker: Worker
) -> None:
    csrf = log_in(client, "terma.clerk")
    first = upload(client, csrf, codeco(ref="LIST1"))
    garbage = upload(client, csrf, b"this is not EDIFACT at all")
    third = upload(client, csrf, codeco(ref="LIST3"))
    worker.drain()
    assert sent_ids(client) == [third, garbage, first]
    assert sent_ids(client, "status=rejected") == [garbage]
    assert sent_ids(client, "message_type=codeco") == [third, first]
    assert sent_ids(client, "control_ref=LIST3") == [third]
    assert sent_ids(client, "control_ref=LIST3&status=rejected") == []
    assert sent_ids(client, "status=lost") == [third, garbage, first]  # not a status: any
    page = client.get(f"{SENT}?lang=zh&status=rejected").text
    assert '<option value="rejected" selected>已拒绝</option>' in page


def test_the_sent_page_pages_through_older_interchanges(
    client: TestClient, community: Community, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages_views, "PAGE_SIZE", 2)
    csrf = log_in(client, "terma.clerk")
    ids = [upload(client, csrf, codeco(ref=f"PAGE{i}")) for i in range(5)]
    seen: list[int] = []
    path = f"{SENT}?status=received&lang=en"
    while path:
        page = client.get(path).text
        seen += [int(i) for i in re.findall(rf'href="{SENT}/(\d+)"', page)]
        following = re.search(rf'href="({SENT}\?[^"]*before=\d+[^"]*)">Older', page)
        path = following.group(1).replace("&amp;", "&") if following else ""
        assert not path or "status=received" in path  # the filter stays
    assert seen == ids[::-1]


# --- one interchange ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Control count does not match number of instances received"),
        ("zh", "控制计数与实际数量不符"),
    ],
)
def test_the_status_page_shows_findings_where_they_are_in_the_pages_language(
    client: TestClient, community: Community, worker: Worker, lang: str, text: str
) -> None:
    csrf = log_in(client, "terma.clerk")
    interchange_id = upload(client, csrf, codeco(ref="BADCNT", unt_count=99))
    worker.drain()
    page = client.get(f"{SENT}/{interchange_id}?lang={lang}")
    assert page.status_code == 200
    findings = re.search(r'<table class="findings">(.*?)</table>', page.text, re.S)
    assert findings, page.text
    rows = re.findall(r"<tr class=\"severity-error\">(.*?)</tr>", findings.group(1), re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]
    unt = next(c for c in cells if "UNT" in c[3])
    assert unt[1:5] == ["29", "1 (M1)", "8 UNT", "1"]
    assert unt[5].startswith(text)


def test_the_status_page_shows_deliveries_and_the_trace(
    client: TestClient, community: Community, worker: Worker
) -> None:
    csrf = log_in(client, "terma.clerk")
    interchange_id = upload(client, csrf, codeco(ref="TRACE1"))
    received = client.get(f"{SENT}/{interchange_id}?lang=en").text
    assert "No deliveries." in received and ">received<" in received
    worker.drain()
    page = client.get(f"{SENT}/{interchange_id}?lang=zh").text
    assert f"<h1>交换 {interchange_id}</h1>" in page
    assert "已路由" in page and "没有发现问题。" in page
    deliveries = re.search(r'<table class="deliveries">(.*?)</table>', page, re.S)
    assert deliveries and "CARRB" in deliveries.group(1) and "待接收" in deliveries.group(1)
    trace = re.search(r'<table class="trace">(.*?)</table>', page, re.S)
    assert trace
    steps = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", trace.group(1))
    assert steps[0] == "接收" and "路由" in steps, steps


def test_the_raw_download_is_the_file_as_received(client: TestClient, community: Community) -> None:
    csrf = log_in(client, "terma.clerk")
    sent = codeco(ref="RAW1")
    interchange_id = upload(client, csrf, sent)
    assert f'href="{SENT}/{interchange_id}/raw"' in client.get(f"{SENT}/{interchange_id}").text
    raw = client.get(f"{SENT}/{interchange_id}/raw")
    assert raw.status_code == 200 and raw.content == sent
    assert raw.headers["content-type"].startswith("application/edifact")
    assert raw.headers["content-disposition"] == f'attachment; filename="{interchange_id}.edi"'


# --- mailbox --------------------------------------------------------------------------------


def _delivered(client: TestClient, worker: Worker, ref: str = "MBX1") -> None:
    csrf = log_in(client, "terma.clerk")
    assert isinstance(upload(client, csrf, codeco(ref=ref)), int)
    worker.drain()


def test_the_mailbox_lists_serves_and_acknowledges_deliveries(
    client: TestClient, community: Community, platform: Platform, worker: Worker
) -> None:
    _delivered(client, worker)
    [item_id] = mailbox_ids(platform, community.carrier)
    csrf = log_in(client, "carrb.clerk")
    listing = client.get(f"{MAILBOX}?lang=en")
    assert listing.status_code == 200
    assert f'href="{MAILBOX}/{item_id}"' in listing.text and "TERMA" in listing.text
    payload = client.get(f"{MAILBOX}/{item_id}")
    assert payload.status_code == 200
    assert payload.headers["content-type"].startswith("application/edifact")
    assert payload.headers["content-disposition"] == f'attachment; filename="{item_id}.edi"'
    assert b"UNH+M1+CODECO" in payload.content and b"CARRB" in payload.content

    acked = client.post(
        f"{MAILBOX}/{item_id}/ack", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert acked.status_code == 303 and acked.headers["location"] == MAILBOX
    assert mailbox_ids(platform, community.carrier) == []
    assert "Nothing is waiting." in client.get(f"{MAILBOX}?lang=en").text
    assert client.get(f"{MAILBOX}/{item_id}").content == payload.content  # still readable


@pytest.mark.parametrize("token", [None, "forged"], ids=["none", "wrong"])
def test_an_ack_without_the_session_csrf_token_is_refused(
    client: TestClient,
    community: Community,
    platform: Platform,
    worker: Worker,
    token: str | None,
) -> None:
    _delivered(client, worker)
    [item_id] = mailbox_ids(platform, community.carrier)
    log_in(client, "carrb.clerk")
    refused = client.post(
        f"{MAILBOX}/{item_id}/ack", data={} if token is None else {"csrf_token": token}
    )
    assert refused.status_code == 403
    assert mailbox_ids(platform, community.carrier) == [item_id]


def test_a_role_without_receive_is_refused_the_mailbox(
    client: TestClient,
    community: Community,
    platform: Platform,
    worker: Worker,
    make_user: Callable[..., User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _delivered(client, worker)
    [item_id] = mailbox_ids(platform, community.carrier)
    # Every role today may receive; a role that may not is what this refusal is for.
    monkeypatch.setitem(scopes.USER_ROLE_SCOPES, "viewer", frozenset({scopes.PARTICIPANTS_READ}))
    make_user("CARRB", "carrb.viewer", "viewer")
    csrf = log_in(client, "carrb.viewer")
    assert MAILBOX not in client.get(SENT).text
    for response in (
        client.get(f"{MAILBOX}?lang=en"),
        client.get(f"{MAILBOX}/{item_id}?lang=en"),
        client.post(f"{MAILBOX}/{item_id}/ack?lang=en", data={"csrf_token": csrf}),
    ):
        assert response.status_code == 403
        assert "Your role does not allow receiving messages." in response.text
    assert mailbox_ids(platform, community.carrier) == [item_id]


# --- isolation between participants ---------------------------------------------------------


def _not_found(response_text: str) -> str:
    """The refusal page without what differs between requests (the session's CSRF token)."""
    return re.sub(r'value="[^"]+"', "", response_text)


def test_another_participants_interchange_and_mailbox_item_are_not_found(
    client: TestClient, community: Community, platform: Platform, worker: Worker
) -> None:
    csrf = log_in(client, "terma.clerk")
    interchange_id = upload(client, csrf, codeco(ref="SECRET1"))
    worker.drain()
    [item_id] = mailbox_ids(platform, community.carrier)
    missing = 10**9

    for username in ("fwdx.clerk", "carrb.clerk", "terma.clerk"):
        csrf = log_in(client, username)
        pages = [f"{MAILBOX}/{item_id}", f"{MAILBOX}/{missing}"]
        if username != "terma.clerk":  # the sender's own interchange
            pages += [f"{SENT}/{interchange_id}", f"{SENT}/{interchange_id}/raw"]
        if username != "carrb.clerk":  # the recipient's own item
            nothing = _not_found(client.get(f"{SENT}/{missing}").text)
            for path in pages:
                response = client.get(path)
                assert response.status_code == 404, (username, path)
                assert _not_found(response.text) == nothing, (username, path)
                assert "SECRET1" not in response.text
            ack = client.post(f"{MAILBOX}/{item_id}/ack", data={"csrf_token": csrf})
            assert ack.status_code == 404 and _not_found(ack.text) == nothing
            assert client.get(f"{SENT}?control_ref=SECRET1").status_code == 200
            if username == "fwdx.clerk":
                assert sent_ids(client) == []
    assert mailbox_ids(platform, community.carrier) == [item_id]


def test_the_operator_sees_any_interchange_but_only_its_own_mailbox(
    client: TestClient, community: Community, platform: Platform, worker: Worker
) -> None:
    csrf = log_in(client, "terma.clerk")
    sent = codeco(ref="OPSEE1")
    interchange_id = upload(client, csrf, sent)
    worker.drain()
    [item_id] = mailbox_ids(platform, community.carrier)
    log_in(client, "oper.admin")
    assert client.get(f"{SENT}/{interchange_id}").status_code == 200
    assert client.get(f"{SENT}/{interchange_id}/raw").content == sent
    listing = client.get(f"{SENT}?lang=en").text
    assert interchange_id in sent_ids(client) and "<th>Sender</th>" in listing
    assert client.get(f"{MAILBOX}/{item_id}").status_code == 404


def _get_routes() -> list[str]:
    return [
        "/portal" + route.path
        for route in messages.router.routes
        if isinstance(route, APIRoute) and "GET" in (route.methods or set())
    ]


def test_no_messages_page_shows_anything_of_another_participant(
    client: TestClient, community: Community, platform: Platform, worker: Worker
) -> None:
    """Every GET page of the messages router, with the owner's ids where it takes one."""
    csrf = log_in(client, "terma.clerk")
    interchange_id = upload(client, csrf, codeco(ref="HIDDEN1", containers=("HIDE",)))
    worker.drain()
    [item_id] = mailbox_ids(platform, community.carrier)
    params = {"{interchange_id}": str(interchange_id), "{item_id}": str(item_id)}
    log_in(client, "fwdx.clerk")
    paths = _get_routes()
    assert {p for p in paths if "{" in p} == {
        f"{SENT}/{{interchange_id}}",
        f"{SENT}/{{interchange_id}}/raw",
        f"{MAILBOX}/{{item_id}}",
    }
    for path in paths:
        for name, value in params.items():
            path = path.replace(name, value)
        for lang in ("en", "zh"):
            response = client.get(f"{path}?lang={lang}")
            assert response.status_code in (200, 403, 404), path
            if "{" in path or any(v in path for v in params.values()):
                assert response.status_code == 404, path
            for marker in ("HIDDEN1", "TERMA", "CARRB", f"{SENT}/{interchange_id}"):
                assert marker not in response.text, (path, marker)


def test_the_pages_need_a_login(client: TestClient, community: Community) -> None:
    for route in _get_routes():
        path = route.replace("{interchange_id}", "1").replace("{item_id}", "1")
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/portal/login"
    assert client.post(f"{MAILBOX}/1/ack", data={"csrf_token": "x"}).status_code == 401


def test_both_languages_have_every_text() -> None:
    assert set(MESSAGES["en"]) == set(MESSAGES["zh"])


def test_uploads_share_the_senders_rate_limit_with_the_api(
    client: TestClient, community: Community, platform: Platform
) -> None:
    platform.settings.rate_limit_per_second = 0.001
    platform.settings.rate_limit_burst = 1
    csrf = log_in(client, "terma.clerk")
    assert isinstance(upload(client, csrf, codeco(ref="RATE1")), int)
    refused = upload(client, csrf, codeco(ref="RATE2"), lang="zh")
    assert isinstance(refused, str) and refused.startswith("429 ")
    assert "发送过于频繁" in refused
    assert len(stored(platform)) == 1
