"""Write rendered interchanges to a directory: one `.edi` file each, plus a JSON-lines manifest.

File names start with a six-digit sequence number and the sending time, so sorting the names
gives the sending order: ``000001_20261127T0803_NBCT_CODECO.edi``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eport.simulation.render import RenderedInterchange

MANIFEST = "manifest.jsonl"


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What a write produced."""

    files: int
    messages: int
    bytes: int


def file_name(sequence: int, rendered: RenderedInterchange, digits: int = 6) -> str:
    batch = rendered.batch
    return (
        f"{sequence:0{digits}d}_{batch.time:%Y%m%dT%H%M}_{batch.sender.code}_"
        f"{batch.message_type}.edi"
    )


def manifest_entry(name: str, rendered: RenderedInterchange) -> dict[str, object]:
    """One manifest line: the file, who sends it to whom, what and how many messages."""
    batch = rendered.batch
    return {
        "file": name,
        "sender": batch.sender.code,
        "recipient": batch.recipient.code,
        "message_types": [batch.message_type],
        "count": rendered.message_count,
        "control_ref": rendered.control_ref,
        "time": batch.time.isoformat(),
    }


def write_interchanges(
    directory: Path, interchanges: Iterable[RenderedInterchange], expected: int = 0
) -> WriteSummary:
    """Write every interchange and the manifest; `directory` is created if needed.

    `expected` (the number of interchanges, when known) widens the sequence number so that
    names still sort in sending order beyond 999,999 files.
    """
    digits = max(6, len(str(expected)))
    directory.mkdir(parents=True, exist_ok=True)
    files = messages = size = 0
    with (directory / MANIFEST).open("w", encoding="utf-8") as manifest:
        for sequence, rendered in enumerate(interchanges, start=1):
            name = file_name(sequence, rendered, digits)
            (directory / name).write_bytes(rendered.data)
            manifest.write(json.dumps(manifest_entry(name, rendered), ensure_ascii=False))
            manifest.write("\n")
            files += 1
            messages += rendered.message_count
            size += len(rendered.data)
    return WriteSummary(files, messages, size)
