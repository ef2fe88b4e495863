"""Group messages into interchanges as the parties' systems send them.

A terminal or depot sends its gate and load/discharge reports to one party once an hour
(one interchange with that hour's CODECOs or COARRIs); everything else goes out as it is
made, with messages of the same sender, recipient, type and moment in one interchange. An
interchange carries at most `MAX_MESSAGES` messages. The flows leave more than an hour
between a batched report and anything that depends on it, so batching never reorders cause
and effect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from eport.simulation.community import Member
from eport.simulation.traffic import Dispatch

MAX_MESSAGES = 50
BATCH_WINDOWS: Mapping[str, timedelta] = {
    "CODECO": timedelta(hours=1),
    "COARRI": timedelta(hours=1),
}


@dataclass(frozen=True, slots=True)
class Batch:
    """The messages of one interchange: one sender, one recipient, one message type."""

    time: datetime
    sender: Member
    recipient: Member
    message_type: str
    dispatches: tuple[Dispatch, ...]


def _window_end(moment: datetime, window: timedelta) -> datetime:
    """The end of the window (aligned to the hour's start in local time) holding `moment`."""
    hour = moment.replace(minute=0, second=0, microsecond=0)
    steps = (moment - hour) // window
    return hour + window * (steps + 1)


def sending_time(message_type: str, moment: datetime) -> datetime:
    """When a message made at `moment` goes out: at the end of its batch window, if any."""
    window = BATCH_WINDOWS.get(message_type)
    return _window_end(moment, window) if window else moment


def batch_dispatches(dispatches: Iterable[Dispatch]) -> list[Batch]:
    """Interchanges for `dispatches` (given in time order), in the order they are sent.

    A document's issue time is its sending time (see `sending_time`), which the outbox set.
    """
    # Keys use POSIX seconds: hashing timezone-aware datetimes is slow at this volume.
    open_batches: dict[tuple[str, str, str, float], tuple[int, datetime, list[Dispatch]]] = {}
    for position, dispatch in enumerate(dispatches):
        sent = dispatch.document.header.issued
        key = (
            dispatch.sender.code,
            dispatch.recipient.code,
            dispatch.message_type,
            sent.timestamp(),
        )
        entry = open_batches.get(key)
        if entry is None:
            entry = open_batches[key] = (position, sent, [])
        entry[2].append(dispatch)
    batches: list[tuple[float, int, int, Batch]] = []
    for key, (position, sent, members) in open_batches.items():
        first = members[0]
        for chunk_no, start in enumerate(range(0, len(members), MAX_MESSAGES)):
            chunk = tuple(members[start : start + MAX_MESSAGES])
            batch = Batch(sent, first.sender, first.recipient, first.message_type, chunk)
            batches.append((key[3], position, chunk_no, batch))
    batches.sort(key=lambda item: item[:3])
    return [item[3] for item in batches]
