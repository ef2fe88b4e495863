"""Message implementation guides (MIGs): the port community's rules on top of the directory.

`MigCatalog` reads the guides and segment libraries in `eport/edifact/migs/` once, compiles a
guide into a `MessageSpec` on first use (alone, or merged with a loaded directory so that
segments the directory allows in a position are accepted unless the guide forbids them or
closes the group) and caches the result. `default_catalog()` is the embedded catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from eport.edifact.mig_format import Entry, Override, parse_segment, parse_structure
from eport.edifact.spec import (
    ComponentSpec,
    DataElementSpec,
    Directory,
    ElementSpec,
    GroupSpec,
    MessageSpec,
    SegmentSpec,
    SegmentUse,
)

# the C loader when libyaml is there (several times faster), the pure one otherwise; both safe
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class MigDocument:
    """A guide as written: identification, its segment library and its structure entries."""

    name: str
    title: str
    message_type: str
    version: str
    release: str
    agency: str
    associations: frozenset[str]
    default: bool
    library: str
    structure: tuple[Entry, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.message_type, self.version, self.release)


class MigCatalog:
    """All guides of a folder, with compiled specs cached per (guide, directory release)."""

    def __init__(self, folder: Traversable) -> None:
        self.libraries: dict[str, dict[str, SegmentSpec]] = {}
        self.documents: dict[str, MigDocument] = {}
        for item in sorted(folder.iterdir(), key=lambda t: t.name):
            if not item.name.endswith(".yaml"):
                continue
            data: dict[str, Any] = yaml.load(item.read_text(encoding="utf-8"), Loader=_LOADER)
            if item.name.startswith("segments-"):
                name = item.name.removeprefix("segments-").removesuffix(".yaml")
                self.libraries[name] = {
                    tag: parse_segment(tag, raw, item.name)
                    for tag, raw in (data.get("segments") or {}).items()
                }
            else:
                doc = _document(data, item.name)
                self.documents[doc.name] = doc
        self._compiled: dict[tuple[str, str | None], MessageSpec] = {}

    def by_association(self, association: str, key: tuple[str, str, str]) -> MigDocument | None:
        for doc in self.documents.values():
            if doc.key == key and association in doc.associations:
                return doc
        return None

    def default_for(self, key: tuple[str, str, str]) -> MigDocument | None:
        candidates = [d for d in self.documents.values() if d.key == key]
        preferred = [d for d in candidates if d.default]
        chosen = preferred or candidates
        return chosen[0] if chosen else None

    def spec(self, name: str, directory: Directory | None = None) -> MessageSpec:
        """The compiled guide, merged with `directory` when given (cached)."""
        cache_key = (name, directory.release if directory is not None else None)
        found = self._compiled.get(cache_key)
        if found is None:
            found = self._compiled[cache_key] = self._compile(self.documents[name], directory)
        return found

    def _compile(self, doc: MigDocument, directory: Directory | None) -> MessageSpec:
        library = self.libraries.get(doc.library)
        if library is None:
            raise ValueError(f"MIG {doc.name}: no segment library {doc.library!r}")
        base = directory.messages.get(doc.message_type) if directory is not None else None
        where = f"MIG {doc.name}"
        if base is None:
            root = _alone(list(doc.structure), "", library, where)
        else:
            root = _merge(base.root, list(doc.structure), False, library, where)
        return MessageSpec(
            doc.message_type, doc.version, doc.release, doc.agency, root, where, doc.associations
        )


def _document(data: dict[str, Any], where: str) -> MigDocument:
    try:
        return MigDocument(
            str(data["mig"]),
            str(data.get("title", "")),
            str(data["message"]),
            str(data["version"]),
            str(data["release"]),
            str(data.get("agency", "UN")),
            frozenset(str(a) for a in data.get("associations") or ()),
            bool(data.get("default", False)),
            str(data["segments"]),
            tuple(parse_structure(list(data["structure"]), where)),
        )
    except KeyError as exc:
        raise ValueError(f"{where}: missing key {exc}") from exc


@cache
def default_catalog() -> MigCatalog:
    """The guides shipped with eport (compiled lazily, once per process)."""
    return MigCatalog(resources.files("eport.edifact") / "migs")


# --- compiling ------------------------------------------------------------------------------


def _alone(
    entries: list[Entry],
    name: str,
    library: dict[str, SegmentSpec],
    where: str,
    mandatory: bool = True,
    repeat: int = 1,
) -> GroupSpec:
    children: list[SegmentUse | GroupSpec] = []
    for e in entries:
        if e.status == "N":
            continue
        if e.is_group:
            children.append(
                _alone(e.children, e.name, library, where, e.status == "M", e.max_repeat)
            )
        else:
            segment = library.get(e.name)
            if segment is not None:
                segment = narrow(segment, e.overrides, where)
            children.append(SegmentUse(e.name, e.status == "M", e.max_repeat, segment))
    return GroupSpec(name, mandatory, repeat, tuple(children))


def _merge(
    group: GroupSpec,
    entries: list[Entry],
    closed: bool,
    library: dict[str, SegmentSpec],
    where: str,
) -> GroupSpec:
    segments: dict[str, list[Entry]] = {}
    groups: dict[str, Entry] = {}
    for e in entries:
        if e.is_group:
            groups[e.name] = e
        else:
            segments.setdefault(e.name, []).append(e)
    children: list[SegmentUse | GroupSpec] = []
    for child in group.children:
        if isinstance(child, SegmentUse):
            queue = segments.get(child.tag)
            entry = queue.pop(0) if queue else None
            if entry is None:
                if not closed:
                    children.append(child)
            elif entry.status != "N":
                segment = overlay(library.get(child.tag), child.segment)
                if segment is not None:
                    segment = narrow(segment, entry.overrides, where)
                children.append(
                    SegmentUse(
                        child.tag,
                        entry.status == "M" or child.mandatory,
                        entry.max_repeat,
                        segment,
                        child.position,
                    )
                )
            continue
        g = groups.pop(child.name, None)
        if g is None:
            if not closed:
                children.append(child)
        elif g.status != "N":
            merged = _merge(child, g.children, g.closed, library, where)
            children.append(
                replace(
                    merged, mandatory=g.status == "M" or child.mandatory, max_repeat=g.max_repeat
                )
            )
    leftover = [t for t, q in segments.items() if q] + list(groups)
    if leftover:
        raise ValueError(
            f"{where}: {', '.join(leftover)} not in the directory's "
            f"{group.name or 'message'} in that order"
        )
    return GroupSpec(group.name, group.mandatory, group.max_repeat, tuple(children), group.position)


def overlay(community: SegmentSpec | None, official: SegmentSpec | None) -> SegmentSpec | None:
    """The directory's segment with the community's narrower rules where it states them."""
    if community is None or official is None:
        return community or official
    elements: list[ElementSpec] = []
    for element in official.elements:
        mine = community.element_at(element.position)
        if mine is None:
            elements.append(element)
            continue
        simple = _overlay_element(mine.simple, element.simple)
        comps = tuple(
            _overlay_component(_component_at(mine, c.position), c) for c in element.components
        )
        elements.append(
            replace(
                element,
                mandatory=element.mandatory or mine.mandatory,
                simple=simple,
                components=comps,
            )
        )
    return SegmentSpec(
        official.tag, official.name, tuple(elements), official.max_position, community.conditions
    )


def _component_at(element: ElementSpec, position: int) -> ComponentSpec | None:
    for c in element.components:
        if c.position == position:
            return c
    return None


def _overlay_component(mine: ComponentSpec | None, official: ComponentSpec) -> ComponentSpec:
    if mine is None:
        return official
    element = _overlay_element(mine.element, official.element)
    assert element is not None
    return ComponentSpec(official.position, element, official.mandatory or mine.mandatory)


def _overlay_element(
    mine: DataElementSpec | None, official: DataElementSpec | None
) -> DataElementSpec | None:
    if mine is None or official is None:
        return official
    codes = mine.codes
    if codes is None and not mine.external and official.codes is not None:
        codes = official.codes | mine.extra_codes
    return DataElementSpec(
        official.id,
        official.name,
        official.representation,
        codes,
        mine.check or official.check,
        mine.external,
        mine.extra_codes,
    )


def narrow(segment: SegmentSpec, overrides: tuple[Override, ...], where: str) -> SegmentSpec:
    """Apply a structure line's per-position codes and requirements to a segment."""
    if not overrides:
        return segment
    elements = list(segment.elements)
    for rule in overrides:
        index = next((i for i, e in enumerate(elements) if e.position == rule.element), None)
        if index is None:
            raise ValueError(f"{where}: {segment.tag} has no element {rule.element} to narrow")
        elements[index] = _narrow_element(elements[index], rule, f"{where}: {segment.tag}")
    return replace(segment, elements=tuple(elements))


def _narrow_element(element: ElementSpec, rule: Override, where: str) -> ElementSpec:
    if rule.component is None:
        if element.simple is None:
            raise ValueError(f"{where} {rule.element} is a composite; name a component")
        simple = _with_codes(element.simple, rule)
        return replace(element, simple=simple, mandatory=element.mandatory or rule.required)
    comps = list(element.components)
    index = next((i for i, c in enumerate(comps) if c.position == rule.component), None)
    if index is None:
        raise ValueError(f"{where} {rule.element}.{rule.component} is not defined")
    comp = comps[index]
    comps[index] = ComponentSpec(
        comp.position,
        _with_codes(comp.element, rule),
        comp.mandatory or rule.required,
    )
    return replace(element, components=tuple(comps), mandatory=element.mandatory or rule.required)


def _with_codes(element: DataElementSpec, rule: Override) -> DataElementSpec:
    """The element's codes narrowed to the rule's, or widened by them for an `=+` rule."""
    if rule.codes is None:
        return element
    if not rule.extra:
        return replace(element, codes=rule.codes)
    # without a list to widen (no directory loaded) the value stays unchecked
    codes = element.codes | rule.codes if element.codes is not None else None
    return replace(element, codes=codes, extra_codes=element.extra_codes | rule.codes)
