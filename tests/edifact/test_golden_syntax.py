"""Golden files: one sample per syntax error class, with the findings expected of it.

Each `golden/syntax/NAME.edi` has its expected findings in `NAME.json`. A name such as
`x.gb18030.edi` is read with that partner character set. Set EPORT_UPDATE_GOLDEN=1 to rewrite
the expectations after a deliberate change, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from eport.edifact import EdifactSyntaxError, check_syntax, parse, serialize

GOLDEN = Path(__file__).parent / "golden" / "syntax"
KEYS = (
    "severity",
    "code",
    "message_index",
    "segment_position",
    "segment_tag",
    "element_position",
    "component_position",
    "byte_offset",
)
SAMPLES = sorted(GOLDEN.glob("*.edi"))


def _encoding(path: Path) -> str | None:
    parts = path.name.split(".")
    return parts[-2] if len(parts) > 2 else None


def _findings(path: Path) -> list[dict[str, Any]]:
    _, findings = check_syntax(path.read_bytes(), encoding=_encoding(path))
    return [{k: getattr(f, k) for k in KEYS} for f in findings]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_golden_findings(path: Path) -> None:
    expected_file = path.with_suffix(".json")
    got = _findings(path)
    if os.environ.get("EPORT_UPDATE_GOLDEN"):
        expected_file.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert got == json.loads(expected_file.read_text())


# Samples that cannot be cut into segments and envelopes (or decoded): parse must refuse them.
UNPARSABLE = {
    "missing_unt.edi",
    "missing_unz.edi",
    "segment_outside_message.edi",
    "unterminated_last_segment.edi",
    "short_una.edi",
    "empty_segment.edi",
    "invalid_utf8.edi",
    "unoa_byte_above_ascii.edi",
}


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_golden_parse_refuses_only_what_cannot_be_cut(path: Path) -> None:
    """The others parse (whatever their findings) and write back byte for byte."""
    data = path.read_bytes()
    if path.name in UNPARSABLE:
        with pytest.raises(EdifactSyntaxError):
            parse(data, encoding=_encoding(path))
        return
    assert serialize(parse(data, encoding=_encoding(path))) == data


def test_every_sample_has_expectations() -> None:
    assert len(SAMPLES) >= 20
    assert all(p.with_suffix(".json").exists() for p in SAMPLES)
