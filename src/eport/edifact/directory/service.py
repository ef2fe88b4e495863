"""Load a service directory (syntax 3 or 4): UNB/UNH/UCI... segments, CONTRL, service codes.

The input is a folder with `segments.xml`, `contrl.xml` and `service_codes.xml` in the layout
of the public edifact-mapping data; only element and attribute names are relied on.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from eport.edifact.spec import (
    ComponentSpec,
    DataElementSpec,
    Directory,
    ElementSpec,
    GroupSpec,
    MessageSpec,
    Representation,
    SegmentSpec,
    SegmentUse,
)


def load_service(path: Path, syntax_version: int) -> Directory:
    """Parse a service directory folder into a `Directory` named `SERVICE-<version>`."""
    codes = _codes(path / "service_codes.xml")
    directory = Directory(f"SERVICE-{syntax_version}", codes=codes)
    for node in ET.parse(path / "segments.xml").getroot().iter("segment"):
        segment = _segment(node, directory)
        directory.segments[segment.tag] = segment
    contrl = ET.parse(path / "contrl.xml").getroot()
    defaults = {d.get("id", ""): d.get("value", "") for d in contrl.iter("data_element")}
    root = GroupSpec("", True, 1, _children(contrl, directory.segments))
    directory.messages["CONTRL"] = MessageSpec(
        "CONTRL",
        defaults.get("0052", ""),
        defaults.get("0054", ""),
        defaults.get("0051", "UN"),
        root,
        f"service directory syntax {syntax_version}",
    )
    return directory


def _codes(path: Path) -> dict[str, frozenset[str]]:
    if not path.exists():
        return {}
    result: dict[str, frozenset[str]] = {}
    for node in ET.parse(path).getroot().iter("data_element"):
        values = frozenset(c.get("id", "") for c in node.iter("code"))
        result[node.get("id", "")] = values
    return result


def _simple(node: ET.Element, directory: Directory) -> DataElementSpec:
    code = node.get("id", "")
    kind = node.get("type", "an")
    fixed = node.get("length")
    size = int(fixed or node.get("maxlength") or "35")
    rep = Representation(kind, size if fixed else 1, size)  # type: ignore[arg-type]
    spec = DataElementSpec(code, node.get("name", ""), rep, directory.codes.get(code))
    directory.elements.setdefault(code, spec)
    return spec


def _segment(node: ET.Element, directory: Directory) -> SegmentSpec:
    elements: list[ElementSpec] = []
    for pos, child in enumerate(node, start=1):
        mandatory = child.get("required") == "true"
        name = child.get("name", "")
        if child.tag == "composite_data_element":
            comps = tuple(
                ComponentSpec(i, _simple(c, directory), c.get("required") == "true")
                for i, c in enumerate(child, start=1)
            )
            directory.composites[child.get("id", "")] = (name, comps)
            elements.append(
                ElementSpec(pos, child.get("id", ""), name, mandatory, 1, None, comps, len(comps))
            )
        else:
            simple = _simple(child, directory)
            elements.append(ElementSpec(pos, simple.id, name, mandatory, 1, simple))
    tag = node.get("id", "")
    return SegmentSpec(tag, node.get("name", ""), tuple(elements), len(elements))


def _children(
    node: ET.Element, segments: dict[str, SegmentSpec]
) -> tuple[SegmentUse | GroupSpec, ...]:
    result: list[SegmentUse | GroupSpec] = []
    for child in node:
        repeat = int(child.get("maxrepeat", "1"))
        mandatory = child.get("required") == "true"
        if child.tag == "segment":
            tag = child.get("id", "")
            result.append(SegmentUse(tag, mandatory, repeat, segments.get(tag)))
        elif child.tag == "group":
            result.append(
                GroupSpec(child.get("id", ""), mandatory, repeat, _children(child, segments))
            )
    return tuple(result)
