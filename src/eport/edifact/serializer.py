"""Write the parsed form back as EDIFACT bytes, adding release characters exactly where needed.

For a parsed Transmission the layout it was read with (UNA or not, line break after each
terminator, what follows the last one, byte-order mark) is kept, so that
`serialize(parse(x)) == x` for well-formed input written in one consistent layout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from eport.edifact.errors import EdifactSyntaxError
from eport.edifact.model import Interchange, Message, Segment, Separators, Transmission

Escape = Callable[[str], str]


def escaper(seps: Separators) -> Escape:
    """A function that releases every service character occurring in a value."""
    specials = seps.specials()
    if not seps.release:

        def check(value: str) -> str:
            for c in specials:
                if c in value:
                    raise EdifactSyntaxError(
                        f"value {value!r} contains service character {c!r} and the "
                        "interchange has no release character"
                    )
            return value

        return check
    table = str.maketrans({c: seps.release + c for c in specials})
    return lambda value: value.translate(table)


def segment_text(seg: Segment, seps: Separators, esc: Escape | None = None) -> str:
    """One segment without its terminator."""
    esc = esc or escaper(seps)
    comp, elem = seps.component, seps.element
    head = seg.tag
    if seg.tag_components:
        head = comp.join([head, *map(esc, seg.tag_components)])
    if not seg.elements:
        return head
    reps = seg.repetitions
    if reps is None:
        els = seg.elements
        body = elem.join(map(comp.join, els))
        # Fast path: when the joined text holds exactly the separators the join put there and
        # no other service character, no value needs a release character.
        if (
            body.count(elem) == len(els) - 1
            and body.count(comp) == sum(map(len, els)) - len(els)
            and not _other_specials(body, seps)
        ):
            return head + elem + body
        return head + elem + elem.join([comp.join([esc(c) for c in e]) for e in els])
    parts = []
    for i, e in enumerate(seg.elements):
        occurrences = reps.get(i, [e])
        parts.append(seps.repetition.join(comp.join([esc(c) for c in o]) for o in occurrences))
    return head + elem + elem.join(parts)


def _other_specials(body: str, seps: Separators) -> bool:
    return (
        seps.segment in body
        or (bool(seps.release) and seps.release in body)
        or (bool(seps.repetition) and seps.repetition in body)
    )


def interchange_segments(ic: Interchange) -> Iterator[Segment]:
    """All segments of an interchange in order: UNB, (UNG,) messages, (UNE,) UNZ."""
    if ic.header is not None:
        yield ic.header
    grouped = {id(m) for g in ic.groups for m in g.messages}
    for m in ic.messages:
        if id(m) not in grouped:
            yield from m.segments
    for g in ic.groups:
        yield g.header
        for m in g.messages:
            yield from m.segments
        if g.trailer is not None:
            yield g.trailer
    if ic.trailer is not None:
        yield ic.trailer


def interchange_text(ic: Interchange, last_end: str | None = None) -> str:
    """The text of an interchange; `last_end` replaces the line break after its last segment."""
    seps = ic.separators
    esc = escaper(seps)
    end = ic.layout.before_terminator + seps.segment + ic.layout.line_end
    out = [ic.layout.una + ic.layout.line_end] if ic.layout.una else []
    out.extend(segment_text(s, seps, esc) + end for s in interchange_segments(ic))
    if last_end is not None and out:
        out[-1] = out[-1][: len(out[-1]) - len(ic.layout.line_end)] + last_end
    return "".join(out)


def serialize(
    obj: Transmission | Interchange | Message | Segment,
    *,
    separators: Separators | None = None,
    encoding: str | None = None,
    line_end: str = "",
) -> bytes:
    """Bytes for a transmission, interchange, message or segment.

    Messages and segments use `separators` (default: ISO 9735 defaults) and `line_end`; a
    transmission or interchange uses its own separators, layout and encoding.
    """
    if isinstance(obj, Transmission):
        texts = [interchange_text(ic) for ic in obj.interchanges[:-1]]
        if obj.interchanges:
            texts.append(interchange_text(obj.interchanges[-1], obj.trailing))
        enc = encoding or (obj.interchanges[0].encoding if obj.interchanges else "latin-1")
        return obj.bom + "".join(texts).encode(enc)
    if isinstance(obj, Interchange):
        return interchange_text(obj).encode(encoding or obj.encoding)
    seps = separators or Separators()
    esc = escaper(seps)
    segments = obj.segments if isinstance(obj, Message) else [obj]
    end = seps.segment + line_end
    return "".join(segment_text(s, seps, esc) + end for s in segments).encode(encoding or "latin-1")
