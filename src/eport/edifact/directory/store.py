"""Store compiled directories in the data folder and load them back (once per process).

Layout: `<data dir>/edifact/directories/<release>.json`, e.g. `D.95B.json`, `SERVICE-4.json`.
The JSON is a compact, versioned encoding of `Directory`; loading it needs no UNECE files.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

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

FORMAT = 1


def directories_dir(data_dir: Path | None = None) -> Path:
    """Where compiled directories live: `$EPORT_DATA_DIR/edifact/directories` (default ./data)."""
    base = data_dir if data_dir is not None else Path(os.environ.get("EPORT_DATA_DIR", "data"))
    return base / "edifact" / "directories"


def save(directory: Directory, data_dir: Path | None = None) -> Path:
    """Write the compiled directory; returns the file written."""
    target = directories_dir(data_dir) / f"{directory.release}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(encode(directory), separators=(",", ":")), encoding="utf-8")
    tmp.replace(target)
    load_stored.cache_clear()
    return target


def stored_releases(data_dir: Path | None = None) -> list[str]:
    folder = directories_dir(data_dir)
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


@lru_cache(maxsize=16)
def load_stored(release: str, data_dir: Path | None = None) -> Directory | None:
    """The stored directory for `release` (e.g. "D.95B"), decoded once; None when absent."""
    path = directories_dir(data_dir) / f"{release}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: stored in an older format; import the directory again")
    return decode(data)


# --- encoding -----------------------------------------------------------------------------


def encode(directory: Directory) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "release": directory.release,
        "codes": {k: sorted(v) for k, v in directory.codes.items()},
        "elements": {k: [e.name, str(e.representation)] for k, e in directory.elements.items()},
        "composites": {
            k: [name, [_component(c) for c in comps]]
            for k, (name, comps) in directory.composites.items()
        },
        "segments": {k: _segment(s) for k, s in directory.segments.items()},
        "messages": {
            k: [m.version, m.release, m.agency, m.source, _group(m.root)]
            for k, m in directory.messages.items()
        },
    }


def _component(c: ComponentSpec) -> list[Any]:
    return [c.position, c.element.id, c.element.name, str(c.element.representation), c.mandatory]


def _segment(s: SegmentSpec) -> list[Any]:
    elements = [
        [
            e.position,
            e.id,
            e.name,
            e.mandatory,
            e.max_repeat,
            str(e.simple.representation) if e.simple else None,
            [_component(c) for c in e.components],
        ]
        for e in s.elements
    ]
    return [s.name, s.max_position, elements]


def _group(g: GroupSpec) -> list[Any]:
    children: list[Any] = []
    for child in g.children:
        if isinstance(child, SegmentUse):
            children.append(["S", child.tag, child.mandatory, child.max_repeat, child.position])
        else:
            children.append(_group(child))
    return ["G", g.name, g.mandatory, g.max_repeat, g.position, children]


# --- decoding -----------------------------------------------------------------------------


def decode(data: dict[str, Any]) -> Directory:
    codes = {k: frozenset(v) for k, v in data["codes"].items()}
    directory = Directory(data["release"], codes=codes)

    def element(code: str, name: str, rep: str) -> DataElementSpec:
        return DataElementSpec(code, name, Representation.parse(rep), codes.get(code))

    def components(raw: list[Any]) -> tuple[ComponentSpec, ...]:
        return tuple(ComponentSpec(p, element(i, n, r), m) for p, i, n, r, m in raw)

    directory.elements = {k: element(k, n, r) for k, (n, r) in data["elements"].items()}
    directory.composites = {k: (n, components(c)) for k, (n, c) in data["composites"].items()}
    for tag, (name, last, raw) in data["segments"].items():
        elements = tuple(
            ElementSpec(
                p,
                i,
                n,
                m,
                rep,
                element(i, n, r) if r else None,
                components(c),
                len(c) if not r else None,
            )
            for p, i, n, m, rep, r, c in raw
        )
        directory.segments[tag] = SegmentSpec(tag, name, elements, last)
    for kind, (version, release, agency, source, tree) in data["messages"].items():
        root = _decode_group(tree, directory.segments)
        directory.messages[kind] = MessageSpec(kind, version, release, agency, root, source)
    return directory


def _decode_group(raw: list[Any], segments: dict[str, SegmentSpec]) -> GroupSpec:
    _, name, mandatory, repeat, position, children = raw
    out: list[SegmentUse | GroupSpec] = []
    for child in children:
        if child[0] == "S":
            _, tag, m, r, p = child
            out.append(SegmentUse(tag, m, r, segments.get(tag), p))
        else:
            out.append(_decode_group(child, segments))
    return GroupSpec(name, mandatory, repeat, tuple(out), position)
