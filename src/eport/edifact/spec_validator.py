"""Validate a `Message` against a compiled `MessageSpec` (directory or MIG), one engine for both.

`MessageValidator(spec)` compiles the spec once (structure matcher, segment checkers, value
rules); `validate(message, ...)` returns every finding, positioned as the issue defines:
segment position counts UNH as 1, element and component positions are 1-based, a missing
segment carries the missing tag. Findings are errors unless the partner's strictness profile
(the `checks.Strictness` mapping) grades their category (`CATEGORIES`) as a warning, or None to
accept; grading by finding code is applied afterwards by `checks.apply_strictness`.
"""

from __future__ import annotations

from collections.abc import Mapping

from eport.edifact.findings import Finding, FindingCode, Severity
from eport.edifact.model import Message
from eport.edifact.spec import DataElementSpec, MessageSpec, SegmentSpec
from eport.edifact.spec_elements import SegmentChecker, ValueRule
from eport.edifact.spec_structure import Problem, StructureMatcher

CATEGORIES = (
    "structure",  # segment not allowed in its position (15)
    "missing",  # mandatory segment, element or component missing (13)
    "repetition",  # too many segment, group or element repetitions (35, 36)
    "constituents",  # too many data elements or components (16)
    "type",  # character type, decimal notation (37, 19, 38)
    "length",  # too long, too short (39, 40)
    "code",  # value not in the code list (12)
    "check",  # named value checks: container number, size-type, UN/LOCODE (12)
)
"""Check categories a partner profile may grade, besides finding codes (see `checks`)."""

_PROBLEM_CODES = {
    Problem.MISSING: (FindingCode.MISSING, "missing"),
    Problem.UNEXPECTED: (FindingCode.NOT_SUPPORTED_IN_POSITION, "structure"),
    Problem.TOO_MANY: (FindingCode.TOO_MANY_REPETITIONS, "repetition"),
    Problem.TOO_MANY_GROUPS: (FindingCode.TOO_MANY_GROUP_REPETITIONS, "repetition"),
}


class MessageValidator:
    """A compiled message spec. Thread-compatible: `validate` keeps its state local."""

    def __init__(self, spec: MessageSpec) -> None:
        self.spec = spec
        self._matcher = StructureMatcher(spec.root, frozenset({"UNH", "UNT"}))
        rules: dict[DataElementSpec, ValueRule] = {}

        def rule(element: DataElementSpec) -> ValueRule:
            found = rules.get(element)
            if found is None:
                found = rules[element] = ValueRule(element)
            return found

        self._checkers: dict[int, SegmentChecker] = {}
        self._keep: list[SegmentSpec] = []  # keeps ids stable for the checker table
        for node in spec.root.walk():
            segment = getattr(node, "segment", None)
            if isinstance(segment, SegmentSpec) and id(segment) not in self._checkers:
                self._keep.append(segment)
                self._checkers[id(segment)] = SegmentChecker(segment, rule)

    def validate(
        self,
        message: Message,
        *,
        strictness: Mapping[str, Severity | None] | None = None,
        interchange_ref: str | None = None,
    ) -> list[Finding]:
        findings: list[Finding] = []
        segments = message.segments
        where = {
            "interchange_ref": interchange_ref,
            "message_ref": message.ref or None,
            "message_index": message.index or None,
        }

        def emit(
            code: FindingCode,
            category: str,
            position: int,
            tag: str,
            element: int | None,
            component: int | None,
            en: str,
            zh: str,
        ) -> None:
            severity: Severity = "error"
            if strictness is not None and category in strictness:
                graded = strictness[category]
                if graded is None:
                    return
                severity = graded
            findings.append(
                Finding.of(
                    code,
                    en,
                    zh,
                    severity=severity,
                    segment_position=position,
                    segment_tag=tag,
                    element_position=element,
                    component_position=component,
                    **where,
                )
            )

        def on_structure(problem: Problem, index: int, tag: str, group: str) -> None:
            code, category = _PROBLEM_CODES[problem]
            en, zh = _structure_text(problem, tag, group, self.spec.source)
            emit(code, category, index + 1, tag, None, None, en, zh)

        uses = self._matcher.match([s.tag for s in segments], on_structure)
        checkers = self._checkers
        for index, (segment, use) in enumerate(zip(segments, uses, strict=True)):
            if use is None or use.segment is None:
                continue
            problems = checkers[id(use.segment)].check(segment)
            for code, category, element, component, en, zh in problems:
                emit(code, category, index + 1, segment.tag, element, component, en, zh)
        findings.sort(key=_order)
        return findings


def _order(finding: Finding) -> tuple[int, int, int]:
    return (
        finding.segment_position or 0,
        finding.element_position or 0,
        finding.component_position or 0,
    )


def _structure_text(problem: Problem, tag: str, group: str, source: str) -> tuple[str, str]:
    where = f" in {group}" if group else ""
    where_zh = f"（{group}）" if group else ""
    if problem is Problem.MISSING:
        return (
            f"mandatory segment {tag}{where} is missing ({source})",
            f"缺少必备段 {tag}{where_zh}（{source}）",
        )
    if problem is Problem.UNEXPECTED:
        return (
            f"segment {tag} is not allowed here ({source})",
            f"此位置不允许出现段 {tag}（{source}）",
        )
    if problem is Problem.TOO_MANY:
        return (
            f"segment {tag} repeated too often{where} ({source})",
            f"段 {tag} 重复次数超过允许值{where_zh}（{source}）",
        )
    return (
        f"segment group {group} (starting with {tag}) repeated too often ({source})",
        f"段组 {group}（以 {tag} 开始）重复次数超过允许值（{source}）",
    )
