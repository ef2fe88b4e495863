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
from dataclasses import dataclass, replace

from eport.edifact.codecheck import CHECKS, ValueCheck
from eport.edifact.findings import FindingCode
from eport.edifact.model import Segment
from eport.edifact.spec import DataElementSpec, ElementSpec, SegmentSpec, ValueCondition

# (code, category, element position, component position or None, detail en, detail zh)
Problem = tuple[FindingCode, str, int, int | None, str, str]

_NUMBER = re.compile(r"^-?(\d*)([.,]?)(\d*)$")
_GOOD_LIMIT = 4096
_TRIAL = 512  # segments seen before a checker decides whether whole-segment caching pays
# A code list qualifier (1131) names a list of the agency in 3055 of the same composite; with
# agency ZZZ (mutually defined) the list, and so its identifier, is agreed between the
# partners (SMDG: `LOC+165+DEHAM:139:6+CTA:TER:ZZZ`), so the UN list of 1131 does not apply.
_QUALIFIER, _AGENCY, _MUTUALLY_DEFINED = "1131", "3055", "ZZZ"


class ValueRule:
    """A compiled `DataElementSpec`: representation, codes, value check, known good values."""

    __slots__ = ("check", "codes", "good", "kind", "max_length", "min_length", "plain", "spec")

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
        # free text and identifiers (an, no list, no check): the length is all there is to check
        self.plain = self.kind == "an" and self.codes is None and self.check is None

    def verify(self, value: str, element: int, component: int | None, out: list[Problem]) -> None:
        """Append the problems of a non-empty value; remember it when it is good."""
        if self.plain and self.min_length <= len(value) <= self.max_length:
            return  # not remembered: such values (numbers, references) rarely come again
        before = len(out)
        sid = self.spec.id
        if self.kind == "n":
            match = _NUMBER.match(value)
            if match is None or not (match.group(1) or match.group(3)):
                out.append(
                    (
                        FindingCode.INVALID_CHARACTER_TYPE,
                        "type",
                        element,
                        component,
                        f"{sid} must be numeric: {value!r}",
                        f"{sid} 必须为数字：{value!r}",
                    )
                )
                return
            whole, mark, fraction = match.groups()
            if mark and not whole:
                out.append(
                    (
                        FindingCode.MISSING_DIGIT_BEFORE_DECIMAL,
                        "type",
                        element,
                        component,
                        f"{sid}: {value!r}",
                        f"{sid}：{value!r}",
                    )
                )
            elif mark and not fraction:
                out.append(
                    (
                        FindingCode.INVALID_DECIMAL_NOTATION,
                        "type",
                        element,
                        component,
                        f"{sid}: decimal mark without digits after it: {value!r}",
                        f"{sid}：小数点后没有数字：{value!r}",
                    )
                )
            length = len(whole) + len(fraction)
        else:
            length = len(value)
            if self.kind == "a" and any(ch.isdigit() for ch in value):
                out.append(
                    (
                        FindingCode.INVALID_CHARACTER_TYPE,
                        "type",
                        element,
                        component,
                        f"{sid} must be alphabetic: {value!r}",
                        f"{sid} 必须为字母：{value!r}",
                    )
                )
        self._verify_length(value, length, element, component, out)
        self._verify_code(value, element, component, out)
        if len(out) == before and len(self.good) < _GOOD_LIMIT:
            self.good.add(value)

    def _verify_length(
        self, value: str, length: int, element: int, component: int | None, out: list[Problem]
    ) -> None:
        rep = self.spec.representation
        if length > self.max_length:
            out.append(
                (
                    FindingCode.TOO_LONG,
                    "length",
                    element,
                    component,
                    f"{self.spec.id} is {rep}, got {length}: {value!r}",
                    f"{self.spec.id} 应为 {rep}，长度 {length}：{value!r}",
                )
            )
        elif length < self.min_length:
            out.append(
                (
                    FindingCode.TOO_SHORT,
                    "length",
                    element,
                    component,
                    f"{self.spec.id} is {rep}, got {length}: {value!r}",
                    f"{self.spec.id} 应为 {rep}，长度 {length}：{value!r}",
                )
            )

    def _verify_code(
        self, value: str, element: int, component: int | None, out: list[Problem]
    ) -> None:
        if self.codes is not None and value not in self.codes:
            out.append(
                (
                    FindingCode.INVALID_VALUE,
                    "code",
                    element,
                    component,
                    f"{value!r} is not a code of {_label(self.spec.id, self.spec.name)} here",
                    f"{value!r} 不是此处 {_label_zh(self.spec.id, self.spec.name)} 允许的代码",
                )
            )
        elif self.check is not None:
            problem = self.check(value)
            if problem is not None:
                out.append((FindingCode.INVALID_VALUE, "check", element, component, *problem))


@dataclass(frozen=True, slots=True)
class _Slot:
    spec: ElementSpec
    simple: ValueRule | None
    components: tuple[ValueRule | None, ...]  # by component position - 1
    mandatory_components: tuple[tuple[int, ValueRule], ...]
    max_components: int  # 0: unknown, any number accepted
    # (index of 1131, index of 3055, 1131's rule without its code list) in this composite
    mutual: tuple[int, int, ValueRule] | None = None
    limit: int = 0  # components the fast path checks: all known, none beyond the maximum


@dataclass(frozen=True, slots=True)
class _Condition:
    spec: ValueCondition
    check: ValueCheck
    good: set[str]


class SegmentChecker:
    """A compiled `SegmentSpec`; `check(segment)` returns every element problem.

    The loop runs over the values present (not over the definition), so the usual segment,
    with a few short values mostly seen before, costs a few dictionary lookups.
    """

    __slots__ = ("_conditions", "_good", "_hits", "_mandatory", "_seen", "_slots", "spec")

    def __init__(self, spec: SegmentSpec, rules: Callable[[DataElementSpec], ValueRule]) -> None:
        self.spec = spec
        last = spec.max_position or max((e.position for e in spec.elements), default=0)
        slots: list[_Slot | None] = [None] * last
        for e in spec.elements:
            known = max((c.position for c in e.components), default=0)
            comps: list[ValueRule | None] = [None] * known
            for c in e.components:
                comps[c.position - 1] = rules(c.element)
            slots[e.position - 1] = _Slot(
                e,
                rules(e.simple) if e.simple is not None else None,
                tuple(comps),
                tuple((c.position, rules(c.element)) for c in e.components if c.mandatory),
                e.max_components or 0,
                _mutual(e, rules),
                min(known, e.max_components) if e.max_components else known,
            )
        self._slots = tuple(slots)
        self._mandatory = tuple((e.position, e) for e in spec.elements if e.mandatory)
        self._conditions = tuple(_Condition(c, CHECKS[c.check], set()) for c in spec.conditions)
        # whole segments found good (real traffic repeats many: parties, places, references);
        # a segment that mostly carries new values (EQD, RFF, MEA...) stops keeping them once
        # `_seen` shows the hits do not pay for building the keys
        self._good: set[tuple[tuple[str, ...], ...]] | None = set()
        self._seen = 0
        self._hits = 0

    def check(self, segment: Segment) -> list[Problem]:
        good = self._good
        if good is None:
            return self._check(segment)
        key = tuple(map(tuple, segment.elements))
        self._seen += 1
        if key in good:
            self._hits += 1
            return []
        if self._seen == _TRIAL and self._hits * 4 < _TRIAL:
            self._good = None
        out = self._check(segment)
        if not out and segment.repetitions is None and len(good) < _GOOD_LIMIT:
            good.add(key)
        return out

    def _check(self, segment: Segment) -> list[Problem]:
        out: list[Problem] = []
        elements = segment.elements
        slots = self._slots
        width = len(slots)
        for i, comps in enumerate(elements):
            if i >= width:
                if any(any(c) for c in elements[i:]):
                    out.append(
                        (
                            FindingCode.TOO_MANY_CONSTITUENTS,
                            "constituents",
                            i + 1,
                            None,
                            f"{segment.tag} has at most {width} data elements",
                            f"{segment.tag} 最多有 {width} 个数据元",
                        )
                    )
                break
            slot = slots[i]
            if slot is None:
                continue
            rule = slot.simple
            if rule is not None:
                if len(comps) == 1:
                    # the usual simple element, inlined for speed
                    value = comps[0]
                    if value and value not in rule.good:
                        rule.verify(value, i + 1, None, out)
                    continue
            elif len(comps) <= slot.limit and slot.mutual is None:
                # the usual composite: every component known, inlined for speed
                rules = slot.components
                for j, value in enumerate(comps):
                    if value:
                        rule = rules[j]
                        if rule is not None and value not in rule.good:
                            rule.verify(value, i + 1, j + 1, out)
                if slot.mandatory_components and any(comps):
                    _check_components_present(slot, comps, i + 1, out)
                continue
            _check_value(slot, comps, i + 1, out)
        for pos, element in self._mandatory:
            if pos > len(elements) or not any(elements[pos - 1]):
                out.append(
                    (
                        FindingCode.MISSING,
                        "missing",
                        pos,
                        None,
                        f"mandatory data element {_label(element.id, element.name)}",
                        f"必备数据元 {_label_zh(element.id, element.name)}",
                    )
                )
        if segment.repetitions is not None:
            self._check_repetitions(segment.repetitions, out)
        for condition in self._conditions:
            _check_condition(elements, condition, out)
        return out

    def _check_repetitions(
        self, repetitions: dict[int, list[list[str]]], out: list[Problem]
    ) -> None:
        for index, occurrences in repetitions.items():
            slot = self._slots[index] if index < len(self._slots) else None
            if slot is None:
                continue
            if len(occurrences) > slot.spec.max_repeat:
                out.append(
                    (
                        FindingCode.TOO_MANY_REPETITIONS,
                        "repetition",
                        index + 1,
                        None,
                        f"{slot.spec.id} may occur {slot.spec.max_repeat} times",
                        f"{slot.spec.id} 最多出现 {slot.spec.max_repeat} 次",
                    )
                )
            for occurrence in occurrences[1:]:  # the first one is in `elements`
                _check_value(slot, occurrence, index + 1, out)


def _check_value(slot: _Slot, comps: list[str], pos: int, out: list[Problem]) -> None:
    rule = slot.simple
    if rule is not None:
        value = comps[0] if comps else ""
        if value and value not in rule.good:
            rule.verify(value, pos, None, out)
        if len(comps) > 1 and any(comps[1:]):
            out.append(
                (
                    FindingCode.TOO_MANY_CONSTITUENTS,
                    "constituents",
                    pos,
                    2,
                    f"{slot.spec.id} is a simple data element",
                    f"{slot.spec.id} 是简单数据元，不能有成分",
                )
            )
        return
    rules = slot.components
    known = len(rules)
    width = slot.max_components
    present = False
    for j, value in enumerate(comps):
        if not value:
            continue
        present = True
        if width and j >= width:
            out.append(
                (
                    FindingCode.TOO_MANY_CONSTITUENTS,
                    "constituents",
                    pos,
                    j + 1,
                    f"{slot.spec.id} has at most {width} components",
                    f"{slot.spec.id} 最多有 {width} 个成分",
                )
            )
            break
        if j >= known:
            continue
        component_rule = rules[j]
        mutual = slot.mutual
        if (
            mutual is not None
            and j == mutual[0]
            and len(comps) > mutual[1]
            and comps[mutual[1]] == _MUTUALLY_DEFINED
        ):
            component_rule = mutual[2]
        if component_rule is not None and value not in component_rule.good:
            component_rule.verify(value, pos, j + 1, out)
    if present:
        _check_components_present(slot, comps, pos, out)


def _check_components_present(slot: _Slot, comps: list[str], pos: int, out: list[Problem]) -> None:
    n = len(comps)
    for cpos, component_rule in slot.mandatory_components:
        if cpos > n or not comps[cpos - 1]:
            spec = component_rule.spec
            out.append(
                (
                    FindingCode.MISSING,
                    "missing",
                    pos,
                    cpos,
                    f"mandatory component {_label(spec.id, spec.name)} of {slot.spec.id}",
                    f"{slot.spec.id} 的必备成分 {_label_zh(spec.id, spec.name)}",
                )
            )


def _mutual(
    element: ElementSpec, rules: Callable[[DataElementSpec], ValueRule]
) -> tuple[int, int, ValueRule] | None:
    ids = {c.element.id: c for c in element.components}
    qualifier, agency = ids.get(_QUALIFIER), ids.get(_AGENCY)
    if qualifier is None or agency is None or qualifier.element.codes is None:
        return None
    relaxed = rules(replace(qualifier.element, codes=None))
    return qualifier.position - 1, agency.position - 1, relaxed


def _component(elements: list[list[str]], element: int, component: int) -> str:
    if element > len(elements):
        return ""
    comps = elements[element - 1]
    return comps[component - 1] if component <= len(comps) else ""


def _check_condition(elements: list[list[str]], condition: _Condition, out: list[Problem]) -> None:
    spec = condition.spec
    if (
        spec.when_element
        and _component(elements, spec.when_element, spec.when_component) not in spec.when_values
    ):
        return
    value = _component(elements, spec.element, spec.component)
    if not value or value in condition.good:
        return
    problem = condition.check(value)
    if problem is None:
        if len(condition.good) < _GOOD_LIMIT:
            condition.good.add(value)
    else:
        out.append((FindingCode.INVALID_VALUE, "check", spec.element, spec.component, *problem))


def _label(code: str, name: str) -> str:
    """`8053 (Equipment qualifier)`, or just `8053` when no name is known (a MIG alone)."""
    return code if not name or name == code else f"{code} ({name})"


def _label_zh(code: str, name: str) -> str:
    return code if not name or name == code else f"{code}（{name}）"
