"""Data element checks of one segment against its `SegmentSpec`.

Mandatory elements and components, too many constituents, repetitions (syntax 4), character
type (a, n with sign and decimal mark, an), minimum and maximum length, code lists and named
value checks (`codecheck`), and conditional checks such as the container number check digit in
EQD. Values already found good are remembered per data element (bounded), because real traffic
repeats the same qualifiers and codes over and over; that keeps validation fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from eport.edifact.codecheck import CHECKS, ValueCheck
from eport.edifact.findings import FindingCode
from eport.edifact.model import Segment
from eport.edifact.spec import DataElementSpec, ElementSpec, SegmentSpec, ValueCondition

# report(code, category, element position, component position or None, detail en, detail zh)
ElementReport = Callable[[FindingCode, str, int, int | None, str, str], None]

_NUMBER = re.compile(r"^-?(\d*)([.,]?)(\d*)$")
_GOOD_LIMIT = 4096


class ValueRule:
    """A compiled `DataElementSpec`: representation, codes, value check, known good values."""

    __slots__ = ("check", "codes", "good", "kind", "max_length", "min_length", "spec")

    def __init__(self, spec: DataElementSpec) -> None:
        self.spec = spec
        self.kind = spec.representation.char_class
        self.min_length = spec.representation.min_length
        self.max_length = spec.representation.max_length
        self.codes = spec.codes
        self.check: ValueCheck | None = CHECKS.get(spec.check) if spec.check else None
        if spec.check and self.check is None:
            raise ValueError(f"unknown value check {spec.check!r} for data element {spec.id}")
        self.good: set[str] = set()

    def verify(
        self, value: str, element: int, component: int | None, report: ElementReport
    ) -> None:
        if value in self.good:
            return
        ok = True
        if self.kind == "n":
            match = _NUMBER.match(value)
            if match is None or not (match.group(1) or match.group(3)):
                report(FindingCode.INVALID_CHARACTER_TYPE, "type", element, component,
                       f"{self.spec.id} must be numeric: {value!r}",
                       f"{self.spec.id} 必须为数字：{value!r}")
                return
            whole, mark, fraction = match.groups()
            if mark and not whole:
                ok = False
                report(FindingCode.MISSING_DIGIT_BEFORE_DECIMAL, "type", element, component,
                       f"{self.spec.id}: {value!r}", f"{self.spec.id}：{value!r}")
            elif mark and not fraction:
                ok = False
                report(FindingCode.INVALID_DECIMAL_NOTATION, "type", element, component,
                       f"{self.spec.id}: decimal mark without digits after it: {value!r}",
                       f"{self.spec.id}：小数点后没有数字：{value!r}")
            length = len(whole) + len(fraction)
        else:
            length = len(value)
            if self.kind == "a" and any(ch.isdigit() for ch in value):
                ok = False
                report(FindingCode.INVALID_CHARACTER_TYPE, "type", element, component,
                       f"{self.spec.id} must be alphabetic: {value!r}",
                       f"{self.spec.id} 必须为字母：{value!r}")
        ok = self._verify_length(value, length, element, component, report) and ok
        ok = self._verify_code(value, element, component, report) and ok
        if ok and len(self.good) < _GOOD_LIMIT:
            self.good.add(value)

    def _verify_length(
        self, value: str, length: int, element: int, component: int | None, report: ElementReport
    ) -> bool:
        if length > self.max_length:
            report(FindingCode.TOO_LONG, "length", element, component,
                   f"{self.spec.id} is {self.spec.representation}, got {length}: {value!r}",
                   f"{self.spec.id} 应为 {self.spec.representation}，长度 {length}：{value!r}")
            return False
        if length < self.min_length:
            report(FindingCode.TOO_SHORT, "length", element, component,
                   f"{self.spec.id} is {self.spec.representation}, got {length}: {value!r}",
                   f"{self.spec.id} 应为 {self.spec.representation}，长度 {length}：{value!r}")
            return False
        return True

    def _verify_code(
        self, value: str, element: int, component: int | None, report: ElementReport
    ) -> bool:
        if self.codes is not None and value not in self.codes:
            report(FindingCode.INVALID_VALUE, "code", element, component,
                   f"{value!r} is not a code of {self.spec.id} ({self.spec.name}) here",
                   f"{value!r} 不是此处 {self.spec.id}（{self.spec.name}）允许的代码")
            return False
        if self.check is not None:
            problem = self.check(value)
            if problem is not None:
                report(FindingCode.INVALID_VALUE, "check", element, component, *problem)
                return False
        return True


@dataclass(frozen=True, slots=True)
class _Slot:
    position: int
    spec: ElementSpec
    simple: ValueRule | None
    components: tuple[tuple[int, bool, ValueRule], ...]
    last_component: int


@dataclass(frozen=True, slots=True)
class _Condition:
    spec: ValueCondition
    check: ValueCheck


class SegmentChecker:
    """A compiled `SegmentSpec`; `check(segment, report)` reports every element finding."""

    __slots__ = ("_conditions", "_max_position", "_slots", "spec")

    def __init__(self, spec: SegmentSpec, rules: Callable[[DataElementSpec], ValueRule]) -> None:
        self.spec = spec
        self._max_position = spec.max_position or max(
            (e.position for e in spec.elements), default=0
        )
        self._slots = tuple(
            _Slot(
                e.position, e, rules(e.simple) if e.simple is not None else None,
                tuple((c.position, c.mandatory, rules(c.element)) for c in e.components),
                max((c.position for c in e.components), default=0),
            )
            for e in spec.elements
        )
        self._conditions = tuple(_Condition(c, CHECKS[c.check]) for c in spec.conditions)

    def check(self, segment: Segment, report: ElementReport) -> None:
        elements = segment.elements
        count = len(elements)
        if count > self._max_position and any(
            any(c for c in comps) for comps in elements[self._max_position :]
        ):
            report(FindingCode.TOO_MANY_CONSTITUENTS, "constituents", self._max_position + 1,
                   None, f"{segment.tag} has at most {self._max_position} data elements",
                   f"{segment.tag} 最多有 {self._max_position} 个数据元")
        repetitions = segment.repetitions
        for slot in self._slots:
            pos = slot.position
            comps = elements[pos - 1] if pos <= count else None
            if repetitions is not None and (pos - 1) in repetitions:
                occurrences = repetitions[pos - 1]
                if len(occurrences) > slot.spec.max_repeat:
                    report(FindingCode.TOO_MANY_REPETITIONS, "repetition", pos, None,
                           f"{slot.spec.id} may occur {slot.spec.max_repeat} times",
                           f"{slot.spec.id} 最多出现 {slot.spec.max_repeat} 次")
                for occurrence in occurrences:
                    self._check_slot(slot, occurrence, report)
                continue
            self._check_slot(slot, comps, report)
        for condition in self._conditions:
            self._check_condition(segment, condition, report)

    def _check_slot(self, slot: _Slot, comps: list[str] | None, report: ElementReport) -> None:
        pos = slot.position
        if not comps or not any(comps):
            if slot.spec.mandatory:
                report(FindingCode.MISSING, "missing", pos, None,
                       f"mandatory data element {slot.spec.id} ({slot.spec.name})",
                       f"必备数据元 {slot.spec.id}（{slot.spec.name}）")
            return
        if slot.simple is not None:
            if len(comps) > 1 and any(comps[1:]):
                report(FindingCode.TOO_MANY_CONSTITUENTS, "constituents", pos, 2,
                       f"{slot.spec.id} is a simple data element",
                       f"{slot.spec.id} 是简单数据元，不能有成分")
            if comps[0]:
                slot.simple.verify(comps[0], pos, None, report)
            elif slot.spec.mandatory:
                report(FindingCode.MISSING, "missing", pos, None,
                       f"mandatory data element {slot.spec.id}", f"必备数据元 {slot.spec.id}")
            return
        n = len(comps)
        if n > slot.last_component and any(comps[slot.last_component :]):
            report(FindingCode.TOO_MANY_CONSTITUENTS, "constituents", pos, slot.last_component + 1,
                   f"{slot.spec.id} has at most {slot.last_component} components",
                   f"{slot.spec.id} 最多有 {slot.last_component} 个成分")
        for cpos, mandatory, rule in slot.components:
            value = comps[cpos - 1] if cpos <= n else ""
            if value:
                rule.verify(value, pos, cpos, report)
            elif mandatory:
                report(FindingCode.MISSING, "missing", pos, cpos,
                       f"mandatory component {rule.spec.id} ({rule.spec.name}) of {slot.spec.id}",
                       f"{slot.spec.id} 的必备成分 {rule.spec.id}（{rule.spec.name}）")

    @staticmethod
    def _check_condition(segment: Segment, condition: _Condition, report: ElementReport) -> None:
        spec = condition.spec
        if spec.when_element and segment.component(
            spec.when_element, spec.when_component
        ) not in spec.when_values:
            return
        value = segment.component(spec.element, spec.component)
        if not value:
            return
        problem = condition.check(value)
        if problem is not None:
            report(FindingCode.INVALID_VALUE, "check", spec.element, spec.component, *problem)
