"""The UNECE directory loader on D.95B, D.00B, D.13B, D.16A and the service directories.

Reads the official publications from EPORT_UNECE_DIR or <repo>/../shared/unece and skips
when they are absent (they are reference data, never part of the repository).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from tests.edifact.reference import unece_dir
from typer.testing import CliRunner

from eport.cli.edi_directory import directory_app
from eport.edifact.directory import import_directory, load_stored, save, stored_releases
from eport.edifact.directory.publication import segment_table
from eport.edifact.spec import Directory, GroupSpec, SegmentUse


@cache
def load(name: str) -> Directory:
    return import_directory(unece_dir() / name)


def group(root: GroupSpec, *names: str) -> GroupSpec:
    for name in names:
        root = next(c for c in root.children if isinstance(c, GroupSpec) and c.name == name)
    return root


def tags(g: GroupSpec) -> list[str]:
    return [c.tag if isinstance(c, SegmentUse) else c.name for c in g.children]


@pytest.mark.parametrize(
    ("name", "release", "at_least"),
    [
        ("d95b.zip", "D.95B", 100),
        ("d00b.zip", "D.00B", 180),
        ("d13b.zip", "D.13B", 180),
        ("d16a.zip", "D.16A", 180),
    ],
)
def test_release_loads_completely(name: str, release: str, at_least: int) -> None:
    d = load(name)
    assert d.release == release
    assert len(d.messages) >= at_least
    # every segment of every message table is defined (service segments excepted)
    for message in d.messages.values():
        for node in message.root.walk():
            if isinstance(node, SegmentUse) and node.tag not in {"UNH", "UNT", "UNS", "UGH", "UGT"}:
                assert node.segment is not None, (message.message_type, node.tag)
    # composites are complete and numbered 1..n
    for cid, (_, comps) in d.composites.items():
        assert [c.position for c in comps] == list(range(1, len(comps) + 1)), cid
    assert {"CN", "TE"} <= d.codes["8053"]


def test_codeco_d95b_segment_table() -> None:
    codeco = load("d95b.zip").messages["CODECO"]
    assert tags(codeco.root) == [
        "UNH",
        "BGM",
        "FTX",
        "RFF",
        "SG1",
        "SG2",
        "SG3",
        "SG5",
        "CNT",
        "UNT",
    ]
    sg5 = group(codeco.root, "SG5")
    assert (sg5.mandatory, sg5.max_repeat, sg5.trigger) == (True, 999, "EQD")
    assert tags(sg5) == [
        "EQD",
        "RFF",
        "TMD",
        "DTM",
        "LOC",
        "MEA",
        "DIM",
        "SEL",
        "FTX",
        "EQA",
        "SG6",
        "SG7",
        "NAD",
    ]
    assert tags(group(codeco.root, "SG3", "SG4")) == ["DGS", "FTX"]


def test_segment_definitions_follow_each_release() -> None:
    eqd95 = load("d95b.zip").segments["EQD"]
    c237 = eqd95.element_at(2)
    assert c237 is not None and c237.id == "C237" and not c237.mandatory
    assert [(c.element.id, str(c.element.representation)) for c in c237.components] == [
        ("8260", "an..17"),
        ("1131", "an..3"),
        ("3055", "an..3"),
        ("3207", "an..3"),
    ]
    eqd16 = load("d16a.zip").segments["EQD"]
    assert eqd16.max_position == 7  # 4233 was added after D.00B
    nad00 = load("d00b.zip").segments["NAD"]
    assert nad00.element_at(7) is not None and nad00.element_at(7).id == "C819"  # type: ignore[union-attr]
    nad95 = load("d95b.zip").segments["NAD"]
    assert nad95.element_at(7).id == "3229"  # type: ignore[union-attr]


def test_ascii_tables_of_d16a_and_vermas() -> None:
    vermas = load("d16a.zip").messages["VERMAS"]
    sg4 = group(vermas.root, "SG4")
    assert sg4.max_repeat == 99999
    assert tags(group(vermas.root, "SG4", "SG7", "SG8", "SG9")) == ["CTA", "COM"]
    assert tags(vermas.root)[-1] == "UNT"
    assert "BAPLIE" in load("d13b.zip").messages
    assert "VERMAS" not in load("d00b.zip").messages


@pytest.mark.parametrize(
    ("folder", "version", "release", "segments"),
    [("service-v3", "D", "3", 12), ("service-v4", "4", "1", 30)],
)
def test_service_directories(folder: str, version: str, release: str, segments: int) -> None:
    d = load(folder)
    contrl = d.messages["CONTRL"]
    assert (contrl.version, contrl.release) == (version, release)
    assert tags(contrl.root) == ["UNH", "UCI", "SG1", "SG3", "UNT"]
    assert len(d.segments) >= segments
    uci = d.segments["UCI"]
    assert uci.element_at(4).id == "0083" and uci.element_at(4).mandatory  # type: ignore[union-attr]
    assert {"UNOA", "UNOC"} <= d.codes["0001"]


def test_segment_table_text_variants() -> None:
    box = [
        "4.3.1  Segment table",
        "",
        "0010   UNH Message header                            M   1     ",
        "0020       ───── Segment group 1  ────────────────── C   9───────────┐",
        "0030   RFF Reference                                 M   1           │",
        "0040 *     ───── Segment group 2  ────────────────── C   9──────────┐│",
        "0050   DTM Date/time/period                          M   1──────────┴┘",
        "0060   UNT Message trailer                           M   1     ",
    ]
    ascii_ = [
        line.replace("─", "-")
        .replace("┐", "+")
        .replace("│", "|")
        .replace("┴", "+")
        .replace("┘", "+")
        for line in box
    ]
    for lines in (box, ascii_):
        root = segment_table(lines)
        assert tags(root) == ["UNH", "SG1", "UNT"]
        assert tags(group(root, "SG1")) == ["RFF", "SG2"]
        assert tags(group(root, "SG1", "SG2")) == ["DTM"]


def test_store_round_trip_and_cache(tmp_path: Path) -> None:
    d = load("d95b.zip")
    path = save(d, tmp_path)
    assert path == tmp_path / "edifact" / "directories" / "D.95B.json"
    assert stored_releases(tmp_path) == ["D.95B"]
    again = load_stored("D.95B", tmp_path)
    assert again is not None
    assert again.messages == d.messages and again.segments == d.segments
    assert again.codes == d.codes
    assert load_stored("D.95B", tmp_path) is again  # decoded once
    assert load_stored("D.99Z", tmp_path) is None


def test_cli_import_and_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EPORT_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(directory_app, ["import", str(unece_dir() / "service-v4")])
    assert result.exit_code == 0, result.output
    assert "SERVICE-4" in result.output
    assert (tmp_path / "edifact" / "directories" / "SERVICE-4.json").is_file()
    listed = runner.invoke(directory_app, ["list"])
    assert listed.exit_code == 0 and "SERVICE-4: 1 messages" in listed.output
    missing = runner.invoke(directory_app, ["import", str(tmp_path / "nothing.zip")])
    assert missing.exit_code == 2
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"not a zip")
    bad = runner.invoke(directory_app, ["import", str(garbage)])
    assert bad.exit_code == 1 and "cannot read directory" in bad.output
