"""The validator engine: segment table matching and element checks on a small test guide."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eport.edifact.findings import Finding
from eport.edifact.mig import MigCatalog
from eport.edifact.model import Message, Segment
from eport.edifact.spec import MessageSpec
from eport.edifact.spec_structure import Problem, StructureMatcher
from eport.edifact.spec_validator import MessageValidator
from eport.edifact.validate import validate_message

SEGMENTS = """
segments:
  UNH:
    elements:
      - 1 0062 M an..14
      - 2 S009 M
      - 2.1 0065 M an..6
      - 2.2 0052 M an..3
      - 2.3 0054 M an..3
      - 2.4 0051 M an..2
  UNT:
    elements:
      - 1 0074 M n..6
      - 2 0062 M an..14
  BGM:
    elements:
      - 1 C002 C
      - 1.1 1001 C an..3 codes=34,36
      - 2 1004 M an..35
      - 3 1225 C an..3
  DTM:
    elements:
      - 1 C507 M
      - 1.1 2005 M an..3
      - 1.2 2380 C an..35
      - 1.3 2379 C an..3
  EQD:
    last: 6
    elements:
      - 1 8053 M an..3 codes=CN,TE
      - 2 C237 C last=3
      - 2.1 8260 C an..17
      - 2.2 1131 C an..3
      - 2.3 3055 C an..3
      - 3 C224 C
      - 3.1 8155 C an..10 codes=external
    when:
      - 2.1 container-number if 1=CN
      - 3.1 size-type if 1=CN
  MEA:
    elements:
      - 1 6311 M an..3
      - 2 C502 C
      - 2.1 6313 C an..3
      - 3 C174 C
      - 3.1 6411 M an..3
      - 3.2 6314 C n..18
  TMP:
    elements:
      - 1 6245 M an..3
      - 2 C239 C
      - 2.1 6246 C n3
      - 2.2 6411 C a..3
  LOC:
    elements:
      - 1 3227 M an..3
      - 2 C517 C
      - 2.1 3225 C an..25
      - 2.2 1131 C an..3
    when:
      - 2.1 unlocode if 2.2=139
  CNT:
    elements:
      - 1 C270 M
      - 1.1 6069 M an..3
      - 1.2 6066 M n..18
"""

GUIDE = """
mig: TEST-1
message: TESTMS
version: D
release: 95B
segments: test
structure:
  - UNH M 1
  - BGM M 1
  - DTM C 2
  - SG1 M 3:
    - EQD M 1
    - MEA C 2
    - TMP C 1
    - SG2 C 2:
      - LOC M 1
      - DTM C 1
  - CNT C 1
  - UNT M 1
"""


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> MessageSpec:
    folder: Path = tmp_path_factory.mktemp("migs")
    (folder / "segments-test.yaml").write_text(SEGMENTS)
    (folder / "test-1.yaml").write_text(GUIDE)
    return MigCatalog(folder).spec("TEST-1")  # type: ignore[arg-type]


def message(*body: str) -> Message:
    segments = [Segment.of("UNH", "M1", ["TESTMS", "D", "95B", "UN"])]
    for text in body:
        tag, *elements = text.split("+")
        segments.append(Segment(tag, [e.split(":") for e in elements]))
    segments.append(Segment.of("UNT", str(len(segments) + 1), "M1"))
    return Message(segments, index=1)


GOOD = [
    "BGM+34+GATE1+9",
    "DTM+137:20260127:102",
    "EQD+CN+MSCU1234566+45G1:102:5",
    "MEA+AAE+G+KGM:12000.5",
    "TMP+2+-018:CEL",
    "LOC+9+CNSHA:139",
    "DTM+178:202601",
    "EQD+TE+TRAILER1",
    "CNT+16:2",
]


def where(
    findings: list[Finding],
) -> list[tuple[str | None, int | None, str | None, int | None, int | None]]:
    return [
        (f.code, f.segment_position, f.segment_tag, f.element_position, f.component_position)
        for f in findings
    ]


def test_valid_message_has_no_findings(spec: MessageSpec) -> None:
    assert MessageValidator(spec).validate(message(*GOOD)) == []


def test_positions_and_references(spec: MessageSpec) -> None:
    bad = list(GOOD)
    bad[3] = "MEA+AAE+G+KGM:12x"
    (finding,) = MessageValidator(spec).validate(message(*bad), interchange_ref="IC7")
    assert where([finding]) == [("37", 5, "MEA", 3, 2)]
    assert (finding.interchange_ref, finding.message_ref, finding.message_index) == ("IC7", "M1", 1)
    assert finding.severity == "error" and "6314" in finding.text_en and finding.text_zh


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # missing mandatory segment: reported with the missing tag, at the next segment
        (["DTM+137:20260127:102", "EQD+CN+MSCU1234566"], [("13", 2, "BGM", None, None)]),
        # missing mandatory group (reported by its trigger tag)
        (["BGM+34+G1", "CNT+16:0"], [("13", 3, "EQD", None, None)]),
        # segment not allowed in this position / unknown in the message
        (["BGM+34+G1", "EQD+TE+T1", "BGM+34+G2"], [("15", 4, "BGM", None, None)]),
        (["BGM+34+G1", "EQD+TE+T1", "XYZ+1"], [("15", 4, "XYZ", None, None)]),
        # out of order: DTM before BGM
        (
            ["DTM+137:1", "BGM+34+G1", "EQD+TE+T1"],
            [("13", 2, "BGM", None, None), ("15", 3, "BGM", None, None)],
        ),
        # too many segment repetitions, too many group repetitions
        (
            ["BGM+34+G1", "DTM+1:1", "DTM+2:2", "DTM+3:3", "EQD+TE+T1"],
            [("35", 5, "DTM", None, None)],
        ),
        (["BGM+34+G1"] + ["EQD+TE+T1"] * 4, [("36", 6, "EQD", None, None)]),
        # nested group repetition and a segment repeated inside a group
        (["BGM+34+G1", "EQD+TE+T1", "MEA+A", "MEA+B", "MEA+C"], [("35", 6, "MEA", None, None)]),
        (["BGM+34+G1", "EQD+TE+T1", "LOC+1", "LOC+2", "LOC+3"], [("36", 6, "LOC", None, None)]),
    ],
)
def test_structure(spec: MessageSpec, body: list[str], expected: list[tuple[object, ...]]) -> None:
    assert where(MessageValidator(spec).validate(message(*body))) == expected


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("EQD+XX+T1", [("12", 3, "EQD", 1, None)]),  # code not allowed
        ("EQD+CN+MSCU1234567+45G1", [("12", 3, "EQD", 2, 1)]),  # check digit
        ("EQD+CN+MSCU1234566+45Q1", [("12", 3, "EQD", 3, 1)]),  # ISO size-type
        ("EQD", [("13", 3, "EQD", 1, None)]),  # mandatory element
        ("EQD+TE+T1++++++X", [("16", 3, "EQD", 7, None)]),  # too many data elements
        ("EQD+TE+T1:ZZ:1:X", [("16", 3, "EQD", 2, 4)]),  # too many components
        ("EQD+TE:X", [("16", 3, "EQD", 1, 2)]),  # components in a simple element
        ("EQD+TE+" + "X" * 18, [("39", 3, "EQD", 2, 1)]),  # too long
        ("EQD+TE+T1+++", []),  # trailing empty elements are not constituents of their own
    ],
)
def test_elements(spec: MessageSpec, segment: str, expected: list[tuple[object, ...]]) -> None:
    findings = MessageValidator(spec).validate(message("BGM+34+G1", segment))
    assert where(findings) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("12", None),
        ("-12.5", None),
        ("1,5", None),
        ("007", None),
        (".5", "38"),
        ("5.", "19"),
        ("1.2.3", "37"),
        ("12a", "37"),
        ("--1", "37"),
        ("-", "37"),
        ("1234567890123456789", "39"),
    ],
)
def test_numeric_values(spec: MessageSpec, value: str, code: str | None) -> None:
    findings = MessageValidator(spec).validate(
        message("BGM+34+G1", "EQD+TE+T1", f"MEA+AAE+G+KGM:{value}")
    )
    assert [f.code for f in findings] == ([code] if code else [])


@pytest.mark.parametrize(
    ("value", "code"), [("12", "40"), ("123", None), ("1234", "39"), ("-12", "40"), ("1.23", None)]
)
def test_fixed_length_numbers_count_digits_only(
    spec: MessageSpec, value: str, code: str | None
) -> None:
    findings = MessageValidator(spec).validate(
        message("BGM+34+G1", "EQD+TE+T1", f"TMP+2+{value}:CEL")
    )
    assert [f.code for f in findings] == ([code] if code else [])


def test_alphabetic_values(spec: MessageSpec) -> None:
    findings = MessageValidator(spec).validate(message("BGM+34+G1", "EQD+TE+T1", "TMP+2+123:C1"))
    assert where(findings) == [("37", 4, "TMP", 2, 2)]


def test_unlocode_checked_by_structure_when_qualified(spec: MessageSpec) -> None:
    msg = message("BGM+34+G1", "EQD+TE+T1", "LOC+9+ZZSHA:139", "LOC+9+FREE TEXT:ZZZ")
    # ZZ is no ISO 3166 country; the free-text place is not a UN/LOCODE and not checked
    assert where(MessageValidator(spec).validate(msg)) == [("12", 4, "LOC", 2, 1)]


def test_every_finding_is_reported(spec: MessageSpec) -> None:
    findings = MessageValidator(spec).validate(
        message("DTM+137:1", "EQD+XX+MSCU1234567", "MEA", "TMP+2+1234", "XYZ", "CNT+16:A")
    )
    assert where(findings) == [
        ("13", 2, "BGM", None, None),
        ("12", 3, "EQD", 1, None),
        ("13", 4, "MEA", 1, None),
        ("39", 5, "TMP", 2, 1),
        ("15", 6, "XYZ", None, None),
        ("37", 7, "CNT", 1, 2),
    ]


def test_strictness_grades_categories(spec: MessageSpec) -> None:
    body = ("BGM+99+G1", "EQD+CN+MSCU1234567")
    validator = MessageValidator(spec)
    assert [f.severity for f in validator.validate(message(*body))] == ["error", "error"]
    relaxed = validator.validate(message(*body), strictness={"code": "warning", "check": None})
    assert [(f.code, f.severity) for f in relaxed] == [("12", "warning")]


def test_strictness_by_finding_code_in_validate_message(spec: MessageSpec) -> None:
    # validate_message applies code-level grading after the category grading
    from eport.edifact import validate as validate_module

    msg = message("BGM+99+G1", "EQD+TE+T1")
    msg.segments[0] = Segment.of("UNH", "M1", ["CODECO", "D", "95B", "UN"])
    graded = validate_message(msg, strictness={"15": "warning", "13": None})
    assert graded and all(f.severity == "warning" for f in graded if f.code == "15")
    assert not [f for f in graded if f.code == "13"]
    assert validate_module.validator_for is not None


def test_matching_time_is_linear(spec: MessageSpec) -> None:
    validator = MessageValidator(spec)

    def run(n: int) -> float:
        body = ["BGM+34+G1"] + ["EQD+CN+MSCU1234566", "XYZ+1", "LOC+9", "BGM+1"] * n
        msg = message(*body)
        start = time.process_time()
        findings = validator.validate(msg)
        assert len(findings) >= n  # one finding per stray segment at least, nothing dropped
        return time.process_time() - start

    run(200)
    small, large = run(2000), run(16000)
    assert large < small * 8 * 3  # 8x the input, generous margin for noise


TAGS = st.sampled_from(["BGM", "DTM", "EQD", "MEA", "TMP", "LOC", "CNT", "XYZ", "UNH", "UNT"])


@settings(max_examples=300, deadline=None)
@given(st.lists(TAGS, max_size=60))
def test_matcher_never_fails_and_places_each_segment(tags: list[str]) -> None:
    matcher = StructureMatcher(_SPEC_ROOT.root)
    problems: list[tuple[Problem, int, str]] = []
    uses = matcher.match(tags, lambda p, i, t, g: problems.append((p, i, t)))
    assert len(uses) == len(tags)
    for use, tag in zip(uses, tags, strict=True):
        assert use is None or use.tag == tag
    unplaced = {i for p, i, _ in problems if p is Problem.UNEXPECTED}
    assert unplaced == {i for i, use in enumerate(uses) if use is None}


_SPEC_ROOT: MessageSpec


def setup_module() -> None:
    global _SPEC_ROOT
    import tempfile

    folder = Path(tempfile.mkdtemp())
    (folder / "segments-test.yaml").write_text(SEGMENTS)
    (folder / "test-1.yaml").write_text(GUIDE)
    _SPEC_ROOT = MigCatalog(folder).spec("TEST-1")  # type: ignore[arg-type]


FULL = """
mig: TEST-FULL
message: TESTMS
version: D
release: 95B
segments: test
structure:
  - UNH M 1
  - BGM M 1
  - DTM C 9
  - FTX C 9
  - SG1 M 9:
    - EQD M 1
    - MEA C 9
    - TMP C 9
    - SG2 C 9:
      - LOC M 1
      - DTM C 1
  - SG3 C 9:
    - CNT M 1
  - UNT M 1
"""

NARROW = """
mig: TEST-NARROW
message: TESTMS
version: D
release: 95B
segments: test
structure:
  - UNH M 1
  - BGM M 1
  - DTM N 9
  - SG1 M 3 closed:
    - EQD M 1 1=CN
    - MEA M 2
  - UNT M 1
"""


def test_mig_merged_with_directory(tmp_path: Path) -> None:
    from eport.edifact.spec import Directory

    (tmp_path / "segments-test.yaml").write_text(SEGMENTS)
    (tmp_path / "full.yaml").write_text(FULL)
    (tmp_path / "narrow.yaml").write_text(NARROW)
    catalog = MigCatalog(tmp_path)  # type: ignore[arg-type]
    directory = Directory("D.95B", {"TESTMS": catalog.spec("TEST-FULL")})
    merged = MessageValidator(catalog.spec("TEST-NARROW", directory))
    alone = MessageValidator(catalog.spec("TEST-NARROW"))
    # FTX and SG3 are not in the guide: the directory allows them here, so they pass merged
    body = ["BGM+34+G1", "FTX+AAI+++X", "EQD+CN+MSCU1234566", "MEA+A", "CNT+16:1"]
    assert where(merged.validate(message(*body))) == []
    assert where(alone.validate(message(*body))) == [
        ("15", 3, "FTX", None, None),
        ("15", 6, "CNT", None, None),
    ]
    # DTM is forbidden by the guide (N); SG1 is closed, so TMP, allowed by the directory, is not
    body = ["BGM+34+G1", "DTM+137:1", "EQD+CN+MSCU1234566", "MEA+A", "TMP+2+123"]
    assert where(merged.validate(message(*body))) == [
        ("15", 3, "DTM", None, None),
        ("15", 6, "TMP", None, None),
    ]
    # the guide's narrower rules apply merged: codes, repeats, mandatory MEA
    body = ["BGM+34+G1", "EQD+TE+T1", "EQD+CN+CSQU3054383", "MEA+A", "MEA+B", "MEA+C"]
    assert where(merged.validate(message(*body))) == [
        ("12", 3, "EQD", 1, None),
        ("13", 4, "MEA", None, None),
        ("35", 7, "MEA", None, None),
    ]


def test_mig_naming_what_the_directory_lacks_is_refused(tmp_path: Path) -> None:
    from eport.edifact.spec import Directory

    (tmp_path / "segments-test.yaml").write_text(SEGMENTS)
    (tmp_path / "full.yaml").write_text(
        GUIDE.replace("TEST-1", "TEST-SMALL").replace("  - CNT C 1\n", "")
    )
    (tmp_path / "narrow.yaml").write_text(FULL)
    catalog = MigCatalog(tmp_path)  # type: ignore[arg-type]
    directory = Directory("D.95B", {"TESTMS": catalog.spec("TEST-SMALL")})
    with pytest.raises(ValueError, match="not in the directory"):
        catalog.spec("TEST-FULL", directory)
