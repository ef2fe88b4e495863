"""Rendered output: EDIFACT the engine parses with right envelopes, files in sending order,
the manifest, determinism for a seed, and the command line."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eport.edifact.parser import parse
from eport.edifact.validate import validate_bytes
from eport.simulation.community import MESSAGE_SENDERS
from eport.simulation.render import RenderedInterchange, Rendering
from eport.simulation.simulator import (
    SimulationSettings,
    Traffic,
    reference_prefix,
    render_traffic,
    simulate,
)
from eport.simulation.writer import MANIFEST, write_interchanges
from eport.translate.edifact import Version

from .conftest import SMALL


@pytest.fixture(scope="module")
def rendered(traffic: Traffic) -> list[RenderedInterchange]:
    rendering = Rendering()
    out = list(render_traffic(traffic, rendering))
    assert not rendering.skipped, rendering.skipped
    assert {r.batch.message_type for r in out} == set(MESSAGE_SENDERS)
    return out


def test_every_interchange_parses_with_its_envelope_and_counts(
    rendered: list[RenderedInterchange],
) -> None:
    assert rendered, "no message type of the simulation can be rendered"
    for item in rendered:
        (interchange,) = parse(item.data).interchanges
        batch = item.batch
        assert interchange.sender_id == batch.sender.edi_id
        assert interchange.recipient_id == batch.recipient.edi_id
        assert interchange.control_ref == item.control_ref
        assert interchange.trailer is not None
        assert interchange.trailer.element(1) == str(len(batch.dispatches))
        assert interchange.trailer.element(2) == item.control_ref
        assert [m.type for m in interchange.messages] == [batch.message_type] * len(
            batch.dispatches
        )
        expected = "D16A" if batch.message_type == "VERMAS" else "D00B"
        assert {f"{m.version}{m.release}" for m in interchange.messages} == {expected}
        for message in interchange.messages:
            assert message.trailer is not None
            assert message.trailer.element(1) == str(len(message.segments))
            assert message.trailer.element(2) == message.ref


def test_control_references_are_unique_per_sender(rendered: list[RenderedInterchange]) -> None:
    keys = [(r.batch.sender.code, r.control_ref) for r in rendered]
    assert len(set(keys)) == len(keys)


def test_other_simulations_get_other_control_references(traffic: Traffic) -> None:
    prefix = reference_prefix(SMALL)
    assert len(prefix) == 6 and prefix.isalnum()
    assert reference_prefix(SMALL) == prefix
    assert reference_prefix(replace(SMALL, seed=SMALL.seed + 1)) != prefix
    assert reference_prefix(replace(SMALL, vessels=SMALL.vessels + 1)) != prefix
    rendering = Rendering(reference_prefix=prefix)
    first = rendering.assign(traffic.batches[0])
    assert first == f"{prefix}00000001" and len(first) <= 14  # UNB 0020 is an..14


@pytest.mark.parametrize("version", ["D00B", "D95B"])
def test_generated_messages_pass_the_community_mig(traffic: Traffic, version: Version) -> None:
    validate = validate_bytes
    failures: Counter[str] = Counter()
    checked: Counter[str] = Counter()
    for item in render_traffic(traffic, Rendering(version=version)):
        # a sample: the first 25 interchanges of each message type
        checked[item.batch.message_type] += 1
        if checked[item.batch.message_type] > 25:
            continue
        for finding in validate(item.data):
            if finding.is_error:
                failures[f"{item.batch.message_type} {finding.segment_tag}: {finding.text_en}"] += 1
    assert not failures, failures.most_common(5)


def test_files_sort_into_sending_order_with_a_manifest(
    tmp_path: Path, rendered: list[RenderedInterchange]
) -> None:
    summary = write_interchanges(tmp_path, rendered)
    names = sorted(p.name for p in tmp_path.glob("*.edi"))
    assert summary.files == len(rendered) == len(names)
    lines = [json.loads(line) for line in (tmp_path / MANIFEST).read_text().splitlines()]
    assert [line["file"] for line in lines] == names
    for name, item, line in zip(names, rendered, lines, strict=True):
        assert (tmp_path / name).read_bytes() == item.data
        assert line["sender"] == item.batch.sender.code
        assert line["recipient"] == item.batch.recipient.code
        assert line["message_types"] == [item.batch.message_type]
        assert line["count"] == item.message_count
    times = [line["time"] for line in lines]
    assert times == sorted(times)
    assert names[0].startswith("000001_")
    wide = write_interchanges(tmp_path / "wide", rendered[:3], expected=12_345_678)
    assert wide.files == 3
    assert sorted(p.name for p in (tmp_path / "wide").glob("*.edi"))[0].startswith("00000001_")
    assert summary.messages == sum(r.message_count for r in rendered)


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_traffic(
    traffic: Traffic, rendered: list[RenderedInterchange]
) -> None:
    again = simulate(SMALL)
    assert again.dispatches == traffic.dispatches
    assert [r.data for r in render_traffic(again, Rendering())] == [r.data for r in rendered]
    other = simulate(
        SimulationSettings(vessels=SMALL.vessels, days=SMALL.days, seed=8, moves=SMALL.moves)
    )
    assert other.dispatches != traffic.dispatches


def test_rendering_on_two_processes_gives_the_same_interchanges(
    traffic: Traffic, rendered: list[RenderedInterchange]
) -> None:
    parallel = list(render_traffic(traffic, Rendering(), workers=2))
    assert [(r.control_ref, r.data) for r in parallel] == [
        (r.control_ref, r.data) for r in rendered
    ]


def test_scale_follows_vessels_and_days() -> None:
    one = simulate(SimulationSettings(vessels=2, days=1, seed=3, moves=(100, 100)))
    four = simulate(SimulationSettings(vessels=4, days=2, seed=3, moves=(100, 100)))
    assert len(four.calls) == 4 * len(one.calls)
    # every call moves 100 boxes; messages per box vary with shipment sizes, not tenfold
    assert 3 * len(one.dispatches) < len(four.dispatches) < 5 * len(one.dispatches)


def test_the_simulate_command_writes_files(tmp_path: Path) -> None:
    import typer

    from eport.cli.simulate import simulate as command

    app = typer.Typer()
    app.command()(command)
    result = CliRunner().invoke(
        app, ["--vessels", "1", "--seed", "4", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "1 vessel calls" in result.output
    assert (tmp_path / "out" / MANIFEST).exists()
    refused = CliRunner().invoke(app, ["--vessels", "1"])
    assert refused.exit_code != 0
    assert "exactly one of --out" in refused.output
