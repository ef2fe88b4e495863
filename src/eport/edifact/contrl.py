"""CONTRL: the syntax and service report message acknowledging an interchange (ISO 9735).

UCI accepts (action 7) or rejects (action 4) the interchange; UCF reports on each group; UCM
rejects a message, and UCS/UCD point at its segments and data elements with the syntax error
code (0085). Layouts follow the CONTRL of syntax version 3 (D:3:UN) and 4 (4:1:UN).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from eport.edifact.builders import Party, build_interchange, build_message
from eport.edifact.findings import Finding, FindingCode
from eport.edifact.model import Group, Interchange, Message, Segment

ACCEPTED = "7"
REJECTED = "4"
_UNSPECIFIED = FindingCode.UNSPECIFIED.value
_INTERCHANGE_TAGS = frozenset({"UNA", "UNB", "UNZ"})
_GROUP_TAGS = frozenset({"UNG", "UNE"})
_MESSAGE_SERVICE_TAGS = frozenset({"UNH", "UNT"})
# What a CONTRL copies from the interchange it answers is cut to the length of the data
# element it goes into, so that the answer to an oversized value is itself valid.
_REFERENCE = 14  # 0020, 0048, 0062
_PARTY_ID, _QUALIFIER = 35, 4  # 0004/0010/0040/0044, 0007
_S009 = (6, 3, 3, 3, 6)  # 0065, 0052, 0054, 0051 (an..2 before syntax 4), 0057


def is_contrl(interchange: Interchange) -> bool:
    """True when the interchange carries CONTRL messages (which are never acknowledged)."""
    return any(m.type == "CONTRL" for m in interchange.messages)


def build_contrl(
    interchange: Interchange,
    findings: Iterable[Finding],
    *,
    sender: Party,
    control_ref: str,
    syntax_version: int | None = None,
    message_ref: str = "1",
    prepared: datetime | None = None,
    list_accepted: bool = False,
) -> Interchange | None:
    """An interchange carrying the CONTRL for `interchange`, or None when none is due.

    None is returned for an interchange of CONTRL messages: acknowledging them would loop.
    Only error findings count; warnings never reject. `list_accepted` adds a UCM with
    action 7 for every accepted message as well.
    """
    if is_contrl(interchange):
        return None
    if interchange.header is None:
        raise ValueError("a CONTRL needs the UNB of the interchange it acknowledges")
    version = syntax_version or (4 if interchange.syntax_version >= 4 else 3)
    errors = [f for f in findings if f.is_error]
    body = [_uci(interchange, errors)]
    by_message = _errors_by_message(errors)
    if interchange.groups:
        for group in interchange.groups:
            body += _ucf(interchange, group, errors)
            body += _ucms(group.messages, by_message, list_accepted, version)
    else:
        body += _ucms(interchange.messages, by_message, list_accepted, version)
    kind = ("4", "1") if version >= 4 else ("D", "3")
    message = build_message(message_ref, "CONTRL", kind[0], kind[1], body)
    recipient = _party(interchange.sender_id, interchange.sender_qualifier)
    return build_interchange(
        sender,
        (recipient[0], recipient[1]) if len(recipient) > 1 else recipient[0],
        control_ref,
        [message],
        syntax=(interchange.syntax_id or "UNOC", version),
        prepared=prepared,
    )


def _party(identification: str, qualifier: str) -> list[str]:
    """S002/S003/S006/S007 as copied: identification and, when there is one, its qualifier."""
    party = [identification[:_PARTY_ID]]
    return [*party, qualifier[:_QUALIFIER]] if qualifier else party


def _position(f: Finding) -> list[str]:
    """S011: element position counting the tag as 1, then the component position."""
    if f.element_position is None:
        return []
    pos = [str(f.element_position + 1)]
    return [*pos, str(f.component_position)] if f.component_position else pos


def _error_part(f: Finding) -> list[list[str]]:
    """0085 error code, 0013/0135 service segment tag and S011 position of a service segment."""
    parts = [[f.code or _UNSPECIFIED], [f.segment_tag or ""]]
    pos = _position(f)
    return [*parts, pos] if pos else parts


def _uci(ic: Interchange, errors: Sequence[Finding]) -> Segment:
    head = [
        [ic.control_ref[:_REFERENCE]],
        _party(ic.sender_id, ic.sender_qualifier),
        _party(ic.recipient_id, ic.recipient_qualifier),
    ]
    first = next(
        (
            f
            for f in errors
            if f.message_index is None
            and (f.segment_tag in _INTERCHANGE_TAGS or f.segment_tag is None)
        ),
        None,
    )
    if first is None:
        return Segment("UCI", [*head, [ACCEPTED]])
    return Segment("UCI", [*head, [REJECTED], *_error_part(first)])


def _ucf(ic: Interchange, group: Group, errors: Sequence[Finding]) -> list[Segment]:
    ref = group.ref
    # Group findings name no group: match them by where their UNG or UNE sits.
    at = {ic.byte_offset(s.offset) for s in (group.header, group.trailer) if s is not None}
    first = next(
        (
            f
            for f in errors
            if f.message_index is None and f.segment_tag in _GROUP_TAGS and f.byte_offset in at
        ),
        None,
    )
    ung = group.header
    sender = _party(ung.component(2, 1), ung.component(2, 2))
    recipient = _party(ung.component(3, 1), ung.component(3, 2))
    head = [[ref[:_REFERENCE]], sender, recipient]
    if first is None:
        return [Segment("UCF", [*head, [ACCEPTED]])]
    return [Segment("UCF", [*head, [REJECTED], *_error_part(first)])]


def _errors_by_message(errors: Sequence[Finding]) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = defaultdict(list)
    for f in errors:
        if f.message_index is not None:
            out[f.message_index].append(f)
    return out


def _ucms(
    messages: Sequence[Message],
    by_message: dict[int, list[Finding]],
    list_accepted: bool,
    version: int,
) -> list[Segment]:
    out: list[Segment] = []
    limits = _S009 if version >= 4 else (*_S009[:3], 2, *_S009[4:])
    for m in messages:
        errors = by_message.get(m.index, [])
        if not errors and not list_accepted:
            continue
        s009 = [c[:n] for c, n in zip(m.header.components(2), limits, strict=False)]
        while s009 and s009[-1] == "":
            s009.pop()
        head = [[m.ref[:_REFERENCE]], s009]
        service = next(
            (
                f
                for f in errors
                if f.segment_tag in _MESSAGE_SERVICE_TAGS
                and f.segment_position in (1, len(m.segments))
            ),
            None,
        )
        if not errors:
            out.append(Segment("UCM", [*head, [ACCEPTED]]))
            continue
        tail = _error_part(service) if service is not None else []
        out.append(Segment("UCM", [*head, [REJECTED], *tail]))
        out += _segment_errors([f for f in errors if f is not service])
    return out


def _segment_errors(errors: Sequence[Finding]) -> list[Segment]:
    """UCS for each erroneous segment (0096 counts UNH as 1), UCD for each element in it."""
    by_segment: dict[int, list[Finding]] = defaultdict(list)
    for f in errors:
        by_segment[f.segment_position or 1].append(f)
    out: list[Segment] = []
    for position in sorted(by_segment):
        found = by_segment[position]
        whole = next((f for f in found if f.element_position is None), None)
        ucs = [[str(position)]] + ([[whole.code or _UNSPECIFIED]] if whole is not None else [])
        out.append(Segment("UCS", ucs))
        for f in found[:99]:
            if f.element_position is not None:
                out.append(Segment("UCD", [[f.code or _UNSPECIFIED], _position(f)]))
    return out
