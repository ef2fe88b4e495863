"""DTM times: wall-clock times in the partner's zone, read back as the instants written."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from eport.edifact.model import Segment
from eport.translate.edifact.context import Context
from eport.translate.edifact.dates import dtm, parse_dtm

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2032, 11, 7, 8, 0, tzinfo=UTC),  # 01:00 PDT, the first of two 01:00s
        datetime(2032, 3, 14, 12, 30, tzinfo=UTC),  # the day clocks go forward
        datetime(2032, 7, 1, 0, 0, tzinfo=UTC),
    ],
)
def test_a_time_written_in_the_partners_zone_reads_back_equal(moment: datetime) -> None:
    ctx = Context(version="D95B", tz=LOS_ANGELES)
    segment = dtm("7", moment, ctx)
    read = parse_dtm(segment, ctx)
    assert read == moment
    assert read.utcoffset() == moment.astimezone(LOS_ANGELES).utcoffset()


def test_an_ambiguous_wall_time_is_read_as_the_first_of_its_two_instants() -> None:
    ctx = Context(version="D95B", tz=LOS_ANGELES)
    read = parse_dtm(Segment.of("DTM", ["7", "203211070130", "203"]), ctx)
    assert read == datetime(2032, 11, 7, 8, 30, tzinfo=UTC)  # PDT, not the PST hour after
