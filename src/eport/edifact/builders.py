"""Build new messages and interchanges with correct envelopes and control counts.

Used for acknowledgements, translations and re-enveloping. `splice_interchange` wraps the raw
bytes of received messages in a new UNB/UNZ without re-serializing them; `reenveloped` does the
same with the parsed form, for messages that were changed after they were received.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from eport.edifact.charsets import SYNTAX_CODECS
from eport.edifact.model import Group, Interchange, Layout, Message, Segment, Separators
from eport.edifact.serializer import segment_text

Party = str | tuple[str, str]
FALLBACK_SYNTAX = "UNOC"  # written instead of a syntax identifier we cannot write


def build_message(
    ref: str,
    message_type: str,
    version: str,
    release: str,
    body: Sequence[Segment],
    *,
    agency: str = "UN",
    association: str = "",
) -> Message:
    """UNH + body + UNT, with the UNT segment count and reference filled in."""
    s009 = [message_type, version, release, agency] + ([association] if association else [])
    unh = Segment("UNH", [[ref], s009])
    unt = Segment("UNT", [[str(len(body) + 2)], [ref]])
    return Message([unh, *body, unt])


def _party(p: Party) -> list[str]:
    return [p] if isinstance(p, str) else [p[0], p[1]]


def build_header(
    sender: Party,
    recipient: Party,
    control_ref: str,
    *,
    syntax: tuple[str, int] = ("UNOC", 3),
    prepared: datetime | None = None,
    application_ref: str = "",
    ack_request: bool = False,
    test: bool = False,
) -> Segment:
    """A UNB segment; the date is YYMMDD before syntax 4 and CCYYMMDD from syntax 4 on.

    A syntax identifier without a known character set (one echoed from bad input) is written
    as UNOC.
    """
    when = prepared or datetime.now(UTC)
    date = when.strftime("%Y%m%d" if syntax[1] >= 4 else "%y%m%d")
    elements: list[list[str]] = [
        [writable_syntax(syntax[0]), str(syntax[1])],
        _party(sender),
        _party(recipient),
        [date, when.strftime("%H%M")],
        [control_ref],
    ]
    tail = [
        [""],
        [application_ref],
        [""],
        ["1" if ack_request else ""],
        [""],
        ["1" if test else ""],
    ]
    while tail and tail[-1] == [""]:
        tail.pop()
    return Segment("UNB", elements + tail)


def build_interchange(
    sender: Party,
    recipient: Party,
    control_ref: str,
    messages: Sequence[Message],
    *,
    syntax: tuple[str, int] = ("UNOC", 3),
    prepared: datetime | None = None,
    application_ref: str = "",
    ack_request: bool = False,
    test: bool = False,
    separators: Separators | None = None,
    una: bool = True,
    line_end: str = "",
) -> Interchange:
    """UNB + messages + UNZ with the message count; messages are numbered 1, 2, ...

    The interchange always serializes: an unknown syntax identifier is written as UNOC, and a
    character its character set cannot carry (an undecodable byte or a letter outside the
    set, echoed from bad input) is written as '?'.
    """
    seps = separators or Separators.for_syntax(syntax[1])
    header = build_header(
        sender,
        recipient,
        control_ref,
        syntax=syntax,
        prepared=prepared,
        application_ref=application_ref,
        ack_request=ack_request,
        test=test,
    )
    trailer = Segment("UNZ", [[str(len(messages))], [control_ref]])
    codec = SYNTAX_CODECS[writable_syntax(syntax[0])]
    if not _fits([header, trailer], codec):
        header, trailer = _fitted(header, codec), _fitted(trailer, codec)
    msgs = [m if _fits(m.segments, codec) else _fitted_message(m, codec) for m in messages]
    for i, m in enumerate(msgs, start=1):
        m.index = i
    return Interchange(
        header,
        trailer,
        msgs,
        separators=seps,
        layout=Layout(seps.una() if una else None, line_end),
        encoding=codec,
    )


def writable_syntax(syntax_id: str) -> str:
    """The syntax identifier to write: `syntax_id` when its character set is known, else UNOC."""
    return syntax_id if syntax_id in SYNTAX_CODECS else FALLBACK_SYNTAX


def _values(segments: Iterable[Segment]) -> Iterable[str]:
    for seg in segments:
        yield from seg.tag_components
        for element in seg.elements:
            yield from element
        if seg.repetitions:
            for occurrences in seg.repetitions.values():
                for occurrence in occurrences:
                    yield from occurrence


def _fits(segments: Iterable[Segment], codec: str) -> bool:
    text = "".join(_values(segments))
    if text.isascii():  # every character set we write holds ASCII
        return True
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _fit(value: str, codec: str) -> str:
    return value.encode(codec, "replace").decode(codec)


def _fitted(seg: Segment, codec: str) -> Segment:
    def fit_all(components: list[str]) -> list[str]:
        return [_fit(c, codec) for c in components]

    return replace(
        seg,
        elements=[fit_all(e) for e in seg.elements],
        tag_components=tuple(_fit(c, codec) for c in seg.tag_components),
        repetitions=(
            {i: [fit_all(o) for o in occ] for i, occ in seg.repetitions.items()}
            if seg.repetitions
            else seg.repetitions
        ),
    )


def _fitted_message(message: Message, codec: str) -> Message:
    fitted = [s if _fits([s], codec) else _fitted(s, codec) for s in message.segments]
    return replace(message, segments=fitted)


def splice_interchange(
    source: bytes,
    original: Interchange,
    messages: Sequence[Message],
    *,
    control_ref: str,
    sender: Party | None = None,
    recipient: Party | None = None,
) -> bytes:
    """A new interchange around the raw bytes of `messages` (spans into `source`).

    The new UNB copies the original one with a new control reference (and optionally new
    sender and recipient); the messages are copied byte for byte, so nothing in them changes.
    Functional groups are kept: each group holding one of `messages` is written with its
    UNG as received (but for the new sender and recipient) and a UNE counting what it holds
    now, and UNZ then counts groups.
    """
    if original.header is None:
        raise ValueError("the original has no UNB to copy; use build_interchange")
    seps, layout = original.separators, original.layout
    elements = [list(e) for e in original.header.elements]
    elements[4] = [control_ref]
    if sender is not None:
        elements[1] = _party(sender)
    if recipient is not None:
        elements[2] = _party(recipient)
    end = (layout.before_terminator + seps.segment + layout.line_end).encode(original.encoding)
    line_end = layout.line_end.encode(original.encoding)
    out = [(layout.una + layout.line_end).encode(original.encoding) if layout.una else b""]

    def written(seg: Segment) -> bytes:
        return segment_text(seg, seps).encode(original.encoding) + end

    out.append(written(Segment("UNB", elements)))

    def copied(group_messages: Sequence[Message]) -> None:
        for m in group_messages:
            start, stop = m.span
            if start < 0 or stop < start:
                raise ValueError(f"message {m.ref} has no source span")
            out.append(source[start:stop] + line_end)

    count = len(messages)
    if original.groups:
        groups = regroup(original, messages, sender=sender, recipient=recipient)
        count = len(groups)
        for group in groups:
            out.append(written(group.header))
            copied(group.messages)
            assert group.trailer is not None
            out.append(written(group.trailer))
    else:
        copied(messages)
    out.append(written(Segment("UNZ", [[str(count)], [control_ref]])))
    return b"".join(out)


def reenveloped(
    original: Interchange,
    messages: Sequence[Message],
    header: Segment,
    *,
    sender: Party | None = None,
    recipient: Party | None = None,
) -> Interchange:
    """A new interchange of `messages` under the UNB `header`, in the original's separators,
    layout and character set, for messages that no longer match the bytes received (their
    codes were mapped): functional groups are kept as `splice_interchange` keeps them, and
    UNZ counts groups, or messages when there are none. `sender` and `recipient` address the
    UNGs as `header` addresses the interchange.
    """
    control_ref = header.element(5)
    if original.groups:
        groups = regroup(original, messages, sender=sender, recipient=recipient)
        held = [m for g in groups for m in g.messages]
        count = len(groups)
    else:
        groups, held, count = [], list(messages), len(messages)
    return Interchange(
        header,
        Segment("UNZ", [[str(count)], [control_ref]]),
        held,
        groups,
        separators=original.separators,
        layout=original.layout,
        encoding=original.encoding,
    )


def regroup(
    original: Interchange,
    messages: Sequence[Message],
    *,
    sender: Party | None = None,
    recipient: Party | None = None,
) -> list[Group]:
    """The functional groups of `original` that hold any of `messages`, each holding those.

    A message goes in the group that held the message of the same index, so a changed copy of
    a received message goes where its original was. Each UNG is as received but for the new
    sender and recipient; each UNE counts what its group holds now.
    """
    chosen = {m.index: m for m in messages}
    groups: list[Group] = []
    for group in original.groups:
        held = [chosen[m.index] for m in group.messages if m.index in chosen]
        if not held:
            continue
        ung = [list(e) for e in group.header.elements]
        # UNG names the same parties as UNB (S006, S007) at application level
        if sender is not None and len(ung) > 1:
            ung[1] = _party(sender)
        if recipient is not None and len(ung) > 2:
            ung[2] = _party(recipient)
        une = Segment("UNE", [[str(len(held))], [group.ref]])
        groups.append(Group(Segment("UNG", ung), une, held))
    return groups
