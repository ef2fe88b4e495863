"""UN/EDIFACT directories: load the UNECE publications, store them compiled, load them fast.

`import_directory(path)` reads a release zip (e.g. `d95b.zip`), an unpacked release folder or a
service directory folder (syntax 3/4 XML) into a `Directory`; `store.save` writes it to the data
folder and `store.load_stored(release)` reads it back once per process.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from eport.edifact.directory.archive import load_release
from eport.edifact.directory.service import load_service
from eport.edifact.directory.store import directories_dir, load_stored, save, stored_releases
from eport.edifact.spec import Directory


def import_directory(path: Path) -> Directory:
    """Read any supported publication at `path` (release zip/folder or service folder)."""
    if path.is_dir() and (path / "segments.xml").is_file():
        return load_service(path, _service_version(path))
    return load_release(path)


def _service_version(path: Path) -> int:
    contrl = path / "contrl.xml"
    if contrl.is_file():
        for node in ET.parse(contrl).getroot().iter("data_element"):
            if node.get("id") == "0052" and (node.get("value") or "").isdigit():
                return int(node.get("value") or "4")
    return 3


__all__ = [
    "directories_dir",
    "import_directory",
    "load_release",
    "load_service",
    "load_stored",
    "save",
    "stored_releases",
]
