"""Load a UNECE directory release from its published zip (or an unpacked folder of it).

The outer zip (e.g. `d95b.zip`) holds one inner zip per part; the inner file names vary by
release and case (`TRMD.ZIP`, `EDMD.ZIP`, `edmd.zip`). Batch parts only: the interactive ones
(ID*) are skipped. Text is code page 437.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from eport.edifact.directory import publication
from eport.edifact.spec import (
    DataElementSpec,
    Directory,
    GroupSpec,
    MessageSpec,
    SegmentSpec,
    SegmentUse,
)

_ENCODING = "cp437"
_MESSAGE_FILE = re.compile(r"^([A-Z]{6})_([A-Z])\.(\d\d[A-Z])$")
_PART_FILE = re.compile(r"^(TR|ED)(MD|SD|CD|ED)\.(\d\d[A-Z])$|^UNCL(-\d)?\.(\d\d[A-Z])$")


def _files(path: Path) -> Iterator[tuple[str, bytes]]:
    """(base name, content) of every file in the publication, unpacking nested zips."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file():
                yield from _from_bytes(child.name, child.read_bytes())
        return
    yield from _from_bytes(path.name, path.read_bytes())


def _from_bytes(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    if not name.lower().endswith(".zip"):
        yield name.rsplit("/", 1)[-1], data
        return
    base = name.rsplit("/", 1)[-1].upper()
    if base.startswith("ID"):
        return  # interactive (I-EDI) parts
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                yield from _from_bytes(info.filename, archive.read(info))


def load_release(path: Path) -> Directory:
    """Parse a whole directory release (zip or folder) into a `Directory`."""
    messages: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {"SD": [], "CD": [], "ED": [], "CL": []}
    release = ""
    for name, data in _files(path):
        upper = name.upper()
        msg = _MESSAGE_FILE.match(upper)
        if msg is not None:
            messages[msg.group(1)] = data.decode(_ENCODING).splitlines()
            release = f"{msg.group(2)}.{msg.group(3)}"
            continue
        part = _PART_FILE.match(upper)
        if part is not None:
            kind = part.group(2) or "CL"
            parts[kind].extend(data.decode(_ENCODING).splitlines())
    if not messages:
        raise ValueError(f"{path}: no message structures found (not a UNECE directory?)")
    return _compile(release, messages, parts)


def _compile(
    release: str, messages: dict[str, list[str]], parts: dict[str, list[str]]
) -> Directory:
    codes = publication.code_lists(parts["CL"])
    elements = {
        code: DataElementSpec(spec.id, spec.name, spec.representation, codes.get(code))
        for code, spec in publication.data_elements(parts["ED"]).items()
    }
    composites = publication.composites(parts["CD"], elements)
    segments = publication.segments(parts["SD"], elements, composites)
    directory = Directory(release, {}, segments, composites, elements, codes)
    version, short = release.split(".")
    for message_type, lines in sorted(messages.items()):
        try:
            root = publication.segment_table(lines)
        except ValueError as exc:
            raise ValueError(f"{message_type} {release}: {exc}") from exc
        directory.messages[message_type] = MessageSpec(
            message_type,
            version,
            short,
            "UN",
            attach_segments(root, segments),
            f"directory {release}",
        )
    return directory


def attach_segments(root: GroupSpec, segments: dict[str, SegmentSpec]) -> GroupSpec:
    """The group tree with each segment use pointing at its segment definition."""
    children: list[SegmentUse | GroupSpec] = []
    for child in root.children:
        if isinstance(child, SegmentUse):
            children.append(
                SegmentUse(
                    child.tag,
                    child.mandatory,
                    child.max_repeat,
                    segments.get(child.tag),
                    child.position,
                )
            )
        else:
            children.append(attach_segments(child, segments))
    return GroupSpec(root.name, root.mandatory, root.max_repeat, tuple(children), root.position)
