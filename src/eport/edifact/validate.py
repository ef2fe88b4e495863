"""Validate EDIFACT: syntax and envelopes, then every message against its MIG or directory.

`validate_bytes` is what `eport edi validate` and the exchange hub call for incoming files;
`validate_message` checks one message (incoming, or outgoing before it leaves). The spec for
a message is chosen by UNH: association code + type + version + release selects a MIG; else
the community MIG for type + version + release; else the directory release (when loaded);
else syntax checks only. Each fallback is reported as a warning.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from eport.edifact.checks import Strictness, apply_strictness, check_syntax
from eport.edifact.directory.store import load_stored, stored_releases
from eport.edifact.findings import Finding
from eport.edifact.mig import MigCatalog, MigDocument, default_catalog
from eport.edifact.model import Message
from eport.edifact.parser import gc_paused
from eport.edifact.spec import Directory, MessageSpec
from eport.edifact.spec_validator import MessageValidator

_VALIDATORS: dict[int, tuple[MessageSpec, MessageValidator]] = {}
_VALIDATOR_LIMIT = 256


class StoredDirectories(Mapping[str, Directory]):
    """The directories imported into the data folder, each loaded on first use."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self._data_dir = data_dir

    def __getitem__(self, release: str) -> Directory:
        directory = load_stored(release, self._data_dir)
        if directory is None:
            raise KeyError(release)
        return directory

    def __iter__(self) -> Iterator[str]:
        return iter(stored_releases(self._data_dir))

    def __len__(self) -> int:
        return len(stored_releases(self._data_dir))

    def __contains__(self, release: object) -> bool:
        return isinstance(release, str) and load_stored(release, self._data_dir) is not None


def validate_bytes(
    data: bytes,
    *,
    mig: str | None = None,
    strictness: Strictness | None = None,
    directories: Mapping[str, Directory] | None = None,
    encoding: str | None = None,
    catalog: MigCatalog | None = None,
) -> list[Finding]:
    """Every finding for a file: syntax/envelope (level 1), then directory/MIG (levels 2, 3).

    `mig` forces a guide by name for the messages of its type; an unknown name raises
    ValueError. `directories` maps releases ("D.95B", "SERVICE-4") to loaded directories.
    """
    catalog = catalog or default_catalog()
    if mig is not None and mig not in catalog.documents:
        raise ValueError(f"unknown MIG {mig!r}; known: {', '.join(sorted(catalog.documents))}")
    # the collector would walk the whole parsed form again and again while the checks create
    # their small objects; nothing made here has reference cycles (see `gc_paused`)
    with gc_paused():
        transmission, findings = check_syntax(data, encoding=encoding, strictness=strictness)
        if transmission is None:
            return findings
        for interchange in transmission.interchanges:
            ref = interchange.control_ref or None
            for message in interchange.messages:
                findings += validate_message(
                    message,
                    mig=mig,
                    strictness=strictness,
                    directories=directories,
                    interchange_ref=ref,
                    catalog=catalog,
                )
    return findings


def validate_message(
    message: Message,
    *,
    mig: str | None = None,
    strictness: Strictness | None = None,
    directories: Mapping[str, Directory] | None = None,
    interchange_ref: str | None = None,
    catalog: MigCatalog | None = None,
) -> list[Finding]:
    """Directory/MIG findings for one message (levels 2 and 3), in segment order."""
    catalog = catalog or default_catalog()
    spec, findings = select_spec(
        message, mig=mig, directories=directories, catalog=catalog, interchange_ref=interchange_ref
    )
    if spec is not None:
        findings += validator_for(spec).validate(
            message, strictness=strictness, interchange_ref=interchange_ref
        )
    return apply_strictness(findings, strictness)


def select_spec(
    message: Message,
    *,
    mig: str | None = None,
    directories: Mapping[str, Directory] | None = None,
    catalog: MigCatalog | None = None,
    interchange_ref: str | None = None,
) -> tuple[MessageSpec | None, list[Finding]]:
    """The spec for a message and the warnings saying how it was chosen."""
    catalog = catalog or default_catalog()
    key = (message.type, message.version, message.release)
    label = f"{message.type} {message.version}:{message.release}"
    directory = _directory(directories, message)
    doc: MigDocument | None = None
    if mig is not None and catalog.documents[mig].message_type == message.type:
        doc = catalog.documents[mig]
    association = message.association
    note = None
    if doc is None and association:
        doc = catalog.by_association(association, key)
    if doc is None:
        doc = catalog.default_for(key)
        if doc is not None and association and association not in doc.associations:
            note = (
                f"no MIG for association {association} of {label}; "
                f"validated with the community MIG {doc.name}",
                f"没有与关联代码 {association}（{label}）对应的报文实施指南；"
                f"已按社区指南 {doc.name} 校验",
            )
    if doc is not None:
        return catalog.spec(doc.name, directory), _notes(note, message, interchange_ref)
    if directory is not None and message.type in directory.messages:
        note = (
            f"no MIG for {label}; validated against directory {directory.release} only",
            f"没有 {label} 的报文实施指南；仅按目录 {directory.release} 校验",
        )
        return directory.messages[message.type], _notes(note, message, interchange_ref)
    note = (
        f"no MIG and no loaded directory for {label}; syntax checks only",
        f"没有 {label} 的报文实施指南，也未加载相应目录；仅做语法检查",
    )
    return None, _notes(note, message, interchange_ref)


def validator_for(spec: MessageSpec) -> MessageValidator:
    """The compiled validator of a spec (compiled once per spec object)."""
    entry = _VALIDATORS.get(id(spec))
    if entry is not None and entry[0] is spec:
        return entry[1]
    if len(_VALIDATORS) >= _VALIDATOR_LIMIT:
        _VALIDATORS.clear()
    validator = MessageValidator(spec)
    _VALIDATORS[id(spec)] = (spec, validator)
    return validator


def directory_release(message: Message) -> str:
    """The directory a message belongs to: "D.95B", or "SERVICE-3"/"SERVICE-4" for CONTRL."""
    if message.type == "CONTRL":
        return "SERVICE-4" if message.version == "4" else "SERVICE-3"
    return f"{message.version}.{message.release}"


def _directory(directories: Mapping[str, Directory] | None, message: Message) -> Directory | None:
    if directories is None:
        return None
    return directories.get(directory_release(message))


def _notes(
    note: tuple[str, str] | None, message: Message, interchange_ref: str | None
) -> list[Finding]:
    if note is None:
        return []
    return [
        Finding.of(
            None,
            note[0],
            note[1],
            severity="warning",
            interchange_ref=interchange_ref,
            message_ref=message.ref or None,
            message_index=message.index or None,
            segment_position=1,
            segment_tag="UNH",
            element_position=2,
        )
    ]
