"""Our own SMDG-style traffic passes the MIGs merged with the official UN/EDIFACT directories.

Imports the D.95B, D.00B and D.16A publications from EPORT_UNECE_DIR or <repo>/../shared/unece
into a temporary data folder (skipped where they are absent), simulates a small day of port
traffic in process and validates every interchange of it in both versions against the stored
directories: SMDG's community codes (agency 306, document codes newer than D.95B, mutually
defined code lists, the dummy `RFF+XXX`) must not be reported as errors.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from tests.edifact.reference import unece_dir

from eport.edifact.directory import import_directory, save
from eport.edifact.validate import StoredDirectories, validate_bytes
from eport.simulation.render import Rendering
from eport.simulation.simulator import SimulationSettings, render_traffic, simulate
from eport.translate.edifact import Version

RELEASES = ("d95b", "d00b", "d16a")
DAY = SimulationSettings(vessels=1, days=1, seed=3, moves=(30, 60))


def _unece_dir() -> Path:
    return unece_dir(*(f"{release}.zip" for release in RELEASES))


@pytest.fixture(scope="module")
def directories(tmp_path_factory: pytest.TempPathFactory) -> StoredDirectories:
    root = _unece_dir()
    data_dir = tmp_path_factory.mktemp("data")
    for release in RELEASES:
        save(import_directory(root / f"{release}.zip"), data_dir)
    return StoredDirectories(data_dir)


@pytest.mark.parametrize("version", ["D95B", "D00B"])
def test_a_simulated_day_has_no_errors_against_the_directories(
    directories: StoredDirectories, version: Version
) -> None:
    errors: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for item in render_traffic(simulate(DAY), Rendering(version=version)):
        types[item.batch.message_type] += 1
        for finding in validate_bytes(item.data, directories=directories):
            if finding.is_error:
                errors[f"{item.batch.message_type} {finding.segment_tag}: {finding.text_en}"] += 1
    assert {"COPRAR", "COARRI", "COPARN", "CODECO"} <= set(types)
    assert not errors, errors.most_common(10)


def test_the_directories_are_in_use(directories: StoredDirectories) -> None:
    # the same traffic with a document code in no list must fail: the directory's 1001 applies
    item = next(
        i
        for i in render_traffic(simulate(DAY), Rendering(version="D95B"))
        if i.batch.message_type == "COARRI"
    )
    data = item.data.replace(b"BGM+46+", b"BGM+ZZ9+").replace(b"BGM+44+", b"BGM+ZZ9+")
    assert b"BGM+ZZ9+" in data
    findings = validate_bytes(data, directories=directories)
    assert any(f.is_error and f.segment_tag == "BGM" and "ZZ9" in f.text_en for f in findings)
