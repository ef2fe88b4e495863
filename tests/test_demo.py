"""The demo port community and its traffic, as `eport serve --demo` loads them."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from eport.bootstrap import Platform
from eport.demo import COMMUNITY, load_demo
from eport.demo_traffic import load_demo_traffic
from eport.exchange.models import InterchangeRecord
from eport.participants.models import Participant


def test_demo_loads_once_and_its_traffic_enters_the_hub_once(platform: Platform) -> None:
    first = io.StringIO()
    load_demo(platform, out=first)
    assert "ept_" in first.getvalue()  # tokens are shown the first time
    again = io.StringIO()
    load_demo(platform, out=again)
    assert "ept_" not in again.getvalue()
    with platform.uow() as uow:
        codes = set(uow.session.scalars(select(Participant.code)))
    assert {member.code for member in COMMUNITY} <= codes

    summary = load_demo_traffic(platform)
    assert summary is not None
    assert summary.messages > 1000
    with platform.uow() as uow:
        stored = uow.session.scalar(select(func.count()).select_from(InterchangeRecord))
    assert stored == summary.interchanges
    assert load_demo_traffic(platform) is None  # a restart feeds nothing twice
