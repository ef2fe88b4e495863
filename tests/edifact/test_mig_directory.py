"""Every MIG against the official UN/EDIFACT directory it is written for.

Each segment, group, element, component, type and length a guide names must agree with the
directory (positions, ids, representation, order, repeats no higher, mandatory stays
mandatory). Needs the UNECE publications (EPORT_UNECE_DIR or <repo>/../shared/unece).
"""

from __future__ import annotations

from functools import cache

import pytest
from tests.edifact.reference import unece_dir

from eport.edifact.directory import import_directory
from eport.edifact.mig import MigDocument, default_catalog
from eport.edifact.mig_format import Entry
from eport.edifact.spec import Directory, GroupSpec, SegmentSpec, SegmentUse

SERVICE_TAGS = {"UNH", "UNT", "UNS"}


@cache
def _directory(name: str) -> Directory:
    return import_directory(unece_dir() / name)


def directory_for(doc: MigDocument) -> Directory:
    if doc.message_type == "CONTRL":
        return _directory("service-v4" if doc.version == "4" else "service-v3")
    return _directory(f"d{doc.release.lower()}.zip")


def service_segments(doc: MigDocument) -> Directory:
    return _directory("service-v4" if doc.version == "4" else "service-v3")


DOCS = sorted(default_catalog().documents.values(), key=lambda d: d.name)


def test_catalog_covers_the_community_messages() -> None:
    keys = {(d.message_type, d.release) for d in DOCS}
    for message in (
        "CODECO",
        "COARRI",
        "COPRAR",
        "COPARN",
        "BAPLIE",
        "IFTSTA",
        "IFTMBF",
        "IFTMBC",
        "IFTMIN",
        "CUSCAR",
        "CUSRES",
        "CUSDEC",
        "APERAK",
    ):
        assert (message, "95B") in keys and (message, "00B") in keys, message
    assert ("VERMAS", "16A") in keys
    assert {("CONTRL", "3"), ("CONTRL", "1")} <= keys


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_mig_structure_agrees_with_directory(doc: MigDocument) -> None:
    directory = directory_for(doc)
    official = directory.messages[doc.message_type]
    problems: list[str] = []
    _compare_group(list(doc.structure), official.root, "message", problems)
    assert not problems, "\n".join(problems)
    default_catalog().spec(doc.name, directory)  # merging must succeed too


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_mig_segments_agree_with_directory(doc: MigDocument) -> None:
    library = default_catalog().libraries[doc.library]
    directory = directory_for(doc)
    problems: list[str] = []
    for tag in sorted(_tags(list(doc.structure))):
        mine = library.get(tag)
        if mine is None:
            problems.append(f"{tag}: not defined in segment library {doc.library}")
            continue
        source = service_segments(doc) if tag in SERVICE_TAGS else directory
        official = source.segments.get(tag)
        if official is None:
            problems.append(f"{tag}: not in {source.release}")
            continue
        _compare_segment(mine, official, problems)
    assert not problems, "\n".join(problems)


def _tags(entries: list[Entry]) -> set[str]:
    tags: set[str] = set()
    for e in entries:
        if e.is_group:
            tags |= _tags(e.children)
        elif e.status != "N":
            tags.add(e.name)
    return tags


def _compare_group(entries: list[Entry], group: GroupSpec, where: str, problems: list[str]) -> None:
    official = [(c.tag if isinstance(c, SegmentUse) else c.name, c) for c in group.children]
    cursor = 0
    for entry in entries:
        index = next(
            (i for i in range(cursor, len(official)) if official[i][0] == entry.name), None
        )
        if index is None:
            problems.append(f"{where}: {entry.name} not in the directory here (or out of order)")
            continue
        cursor = index + 1
        child = official[index][1]
        if entry.max_repeat > child.max_repeat:
            problems.append(
                f"{where}: {entry.name} repeats {entry.max_repeat} > {child.max_repeat}"
            )
        if child.mandatory and entry.status != "M":
            problems.append(f"{where}: {entry.name} is mandatory in the directory")
        if entry.is_group != isinstance(child, GroupSpec):
            problems.append(f"{where}: {entry.name} segment/group mismatch")
        elif isinstance(child, GroupSpec):
            _compare_group(entry.children, child, f"{where}/{entry.name}", problems)


def _compare_segment(mine: SegmentSpec, official: SegmentSpec, problems: list[str]) -> None:
    tag = mine.tag
    if mine.max_position > official.max_position:
        problems.append(f"{tag}: last position {mine.max_position} > {official.max_position}")
    for element in mine.elements:
        other = official.element_at(element.position)
        where = f"{tag} {element.position}"
        if other is None or other.id != element.id:
            problems.append(f"{where}: {element.id} vs {other.id if other else 'nothing'}")
            continue
        if other.mandatory and not element.mandatory:
            problems.append(f"{where}: {element.id} is mandatory in the directory")
        if element.simple is not None:
            if other.simple is None:
                problems.append(f"{where}: {element.id} is a composite in the directory")
            elif element.simple.representation != other.simple.representation:
                problems.append(
                    f"{where}: {element.id} {element.simple.representation} vs "
                    f"{other.simple.representation}"
                )
            continue
        for comp in element.components:
            theirs = next((c for c in other.components if c.position == comp.position), None)
            cwhere = f"{where}.{comp.position}"
            if theirs is None or theirs.element.id != comp.element.id:
                problems.append(
                    f"{cwhere}: {comp.element.id} vs {theirs.element.id if theirs else 'nothing'}"
                )
            elif theirs.element.representation != comp.element.representation:
                problems.append(
                    f"{cwhere}: {comp.element.id} {comp.element.representation} "
                    f"vs {theirs.element.representation}"
                )
            elif theirs.mandatory and not comp.mandatory:
                problems.append(f"{cwhere}: {comp.element.id} is mandatory in the directory")
