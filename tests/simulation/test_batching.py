"""Interchanges: one sender, recipient and type each, 1..50 messages, sent in time order."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from eport.simulation.batching import BATCH_WINDOWS, MAX_MESSAGES, batch_dispatches
from eport.simulation.simulator import Traffic


def test_every_message_is_in_exactly_one_interchange(traffic: Traffic) -> None:
    batched = Counter(d.sequence for b in traffic.batches for d in b.dispatches)
    assert set(batched.values()) == {1}
    assert len(batched) == len(traffic.dispatches)


def test_an_interchange_holds_one_kind_between_one_pair(traffic: Traffic) -> None:
    for batch in traffic.batches:
        assert 1 <= len(batch.dispatches) <= MAX_MESSAGES
        for dispatch in batch.dispatches:
            assert dispatch.sender == batch.sender
            assert dispatch.recipient == batch.recipient
            assert dispatch.message_type == batch.message_type


def test_interchanges_go_out_in_time_order_after_their_messages(traffic: Traffic) -> None:
    times = [b.time for b in traffic.batches]
    assert times == sorted(times)
    for batch in traffic.batches:
        assert all(d.time <= batch.time for d in batch.dispatches)
        inner = [(d.time, d.sequence) for d in batch.dispatches]
        assert inner == sorted(inner)
        window = BATCH_WINDOWS.get(batch.message_type)
        if window is not None:
            assert all(batch.time - d.time <= window for d in batch.dispatches)
        else:
            assert all(d.time == batch.time for d in batch.dispatches)


def test_a_terminal_batches_its_gate_reports_by_the_hour(traffic: Traffic) -> None:
    sizes = [len(b.dispatches) for b in traffic.batches if b.message_type == "COARRI"]
    assert max(sizes) > 1
    for batch in traffic.batches:
        if batch.message_type in BATCH_WINDOWS:
            assert batch.time.minute == 0


def test_large_hours_split_into_interchanges_of_at_most_fifty(traffic: Traffic) -> None:
    crowd = [d for d in traffic.dispatches if d.message_type == "COARRI"][:120]
    hour = crowd[0].document.header.issued
    same_hour = [
        replace(
            d,
            sender=crowd[0].sender,
            recipient=crowd[0].recipient,
            document=replace(d.document, header=replace(d.document.header, issued=hour)),
        )
        for d in crowd
    ]
    batches = batch_dispatches(same_hour)
    assert [len(b.dispatches) for b in batches] == [50, 50, 20]
    assert [d for b in batches for d in b.dispatches] == same_hour


def test_a_document_is_issued_when_its_interchange_is_sent(traffic: Traffic) -> None:
    for batch in traffic.batches:
        assert all(d.document.header.issued == batch.time for d in batch.dispatches)
