"""Cut decoded EDIFACT text into segments, elements and components (ISO 9735 syntax rules).

The fast path is plain `str.split`: most segments contain no release character. Only segments
that do go through the character-by-character path. Offsets are character offsets into the
decoded text; byte offsets are worked out later, and only when a finding needs one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eport.edifact.model import Segment, Separators

LINE_BREAKS = "\r\n"
# What partners' systems leave after the last segment terminator (or between a UNA and its
# UNB): layout and end-of-file padding, never data. 0x1A is the DOS end-of-file mark (Ctrl-Z).
PADDING = " \t\r\n\f\v\x1a\x00"


@dataclass(slots=True)
class Cut:
    """The result of cutting text: segments, the line break seen after terminators, the tail."""

    segments: list[Segment]
    line_end: str  # '' or the line break seen after the first terminators ('\n', '\r\n')
    tail: str  # text after the last segment terminator
    tail_offset: int
    too_long: list[Segment] = field(default_factory=list)
    before_terminator: str = ""  # '\r' when a line feed terminator is written CR LF


def parse_una(text: str, pos: int = 0) -> Separators | None:
    """Separators from a UNA service string advice at `pos`; None if it is not a full UNA."""
    chunk = text[pos + 3 : pos + 9]
    if text[pos : pos + 3] != "UNA" or len(chunk) < 6:
        return None
    comp, elem, dec, rel, rep, term = chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5]
    return Separators(
        component=comp,
        element=elem,
        decimal=dec,
        release="" if rel == " " else rel,
        repetition="" if rep == " " else rep,
        segment=term,
    )


def cut(
    text: str,
    seps: Separators,
    start: int = 0,
    end: int | None = None,
    max_segment: int = 0,
    base: int = 0,
) -> Cut:
    """Cut `text[start:end]` into segments with `seps`; `max_segment` > 0 flags longer ones.

    Offsets (segments and `tail_offset`) are `base` + the offset in `text`.
    """
    term, rel, rep = seps.segment, seps.release, seps.repetition
    body = text[start:end] if start or end is not None else text
    # Padding after the last terminator is left to the caller (layout or an error); a line
    # break that is itself the terminator (UNA with a line feed in position 6) is kept, with
    # what precedes it in the segment. Text that is all padding (the end of a stream) has none.
    core = body.rstrip(PADDING)
    if term in PADDING and core:
        last = body.find(term, len(core))
        core = body[: last + 1] if last >= 0 else core
    # A line feed terminator written by Windows software ends each line in CR LF: the CR is
    # layout, never data (no repertoire has it). After a CR terminator, a line feed is layout
    # like any line break after a terminator.
    before = "\r" if term == "\n" and "\r\n" in core else ""
    mixed = bool(before) and core.count("\r\n") != core.count("\n")
    line_end = "" if term == "\n" else _consistent_line_end(core, term, rel)
    split_on = term if mixed else before + term + line_end
    if len(split_on) > 1 and core.endswith(before + term):
        pieces = core[: len(core) - len(before + term)].split(split_on)
        pieces.append("")
    elif len(split_on) > 1:  # a window of a stream that ends inside a segment
        pieces = core.split(split_on)
    else:
        pieces = core.split(term)
    if rel and rel + term in core:
        pieces = _rejoin_released(pieces, rel, split_on)
    tail = pieces.pop() + body[len(core) :]
    pos = start + base
    if pieces and pieces[0][:1] in ("\r", "\n"):
        first = pieces[0].lstrip(LINE_BREAKS)
        pos += len(pieces[0]) - len(first)
        pieces[0] = first
    special = (bool(rel) and rel in core) or (bool(rep) and rep in core)
    if mixed:
        segments = _cut_mixed_cr(pieces, seps, pos, special)
    elif line_end or term in LINE_BREAKS or ("\n" not in core and "\r" not in core):
        segments, _ = _cut_plain(pieces, seps, pos, len(split_on), special)
    else:
        segments, _, line_end = _cut_with_breaks(pieces, seps, pos, special)
    result = Cut(segments, line_end, tail, start + base + len(body) - len(tail), [], before)
    if max_segment and pieces and max(map(len, pieces)) > max_segment:
        result.too_long = [s for s, p in zip(segments, pieces, strict=True) if len(p) > max_segment]
    return result


def _consistent_line_end(core: str, term: str, rel: str) -> str:
    """The line break that follows every segment terminator but the last, if there is one."""
    if "\n" not in core and "\r" not in core:
        return ""
    if not core.endswith(term) or (rel and core[-2:-1] == rel):
        return ""
    n = core.count(term)
    for line_end in ("\r\n", "\n", "\r"):
        after = term + line_end
        if (
            n > 1
            and core.count(after) == n - 1
            and after + "\n" not in core
            and after + "\r" not in core
        ):
            return line_end
    return ""


def _cut_plain(
    pieces: list[str], seps: Separators, pos: int, step: int, special: bool
) -> tuple[list[Segment], int]:
    """The fast path: pieces without stray line breaks; `special` if any has a release."""
    elem, comp, rel, rep = seps.element, seps.component, seps.release, seps.repetition
    segments: list[Segment] = []
    append = segments.append
    for piece in pieces:
        if special and ((rel and rel in piece) or (rep and rep in piece)):
            append(_slow_segment(piece, pos, seps))
        else:
            parts = piece.split(elem)
            tag = parts[0]
            if comp in tag:
                append(_split(piece, pos, seps, None))
            else:
                append(Segment(tag, [p.split(comp) for p in parts[1:]], pos))
        pos += len(piece) + step
    return segments, pos


def _cut_mixed_cr(pieces: list[str], seps: Separators, pos: int, special: bool) -> list[Segment]:
    """Pieces split at line feed terminators, some (not all) ending in a CR to be left out."""
    segments: list[Segment] = []
    for piece in pieces:
        segments += _cut_plain([piece.removesuffix("\r")], seps, pos, 0, special)[0]
        pos += len(piece) + 1
    return segments


def _cut_with_breaks(
    pieces: list[str], seps: Separators, pos: int, special: bool
) -> tuple[list[Segment], int, str]:
    """Pieces split at bare terminators, some starting with line breaks to be left out."""
    elem, comp, rel, rep = seps.element, seps.component, seps.release, seps.repetition
    segments: list[Segment] = []
    append = segments.append
    line_end = ""
    for piece in pieces:
        off = pos
        pos += len(piece) + 1
        if piece[:1] in ("\r", "\n"):
            stripped = piece.lstrip(LINE_BREAKS)
            line_end = line_end or piece[: len(piece) - len(stripped)]
            off += len(piece) - len(stripped)
            piece = stripped
        if special and ((rel and rel in piece) or (rep and rep in piece)):
            append(_slow_segment(piece, off, seps))
            continue
        parts = piece.split(elem)
        if comp in parts[0]:
            append(_split(piece, off, seps, None))
        else:
            append(Segment(parts[0], [p.split(comp) for p in parts[1:]], off))
    return segments, pos, line_end


def _rejoin_released(pieces: list[str], rel: str, term: str) -> list[str]:
    """Glue back pieces that were split at a released (escaped) segment terminator."""
    out: list[str] = []
    pending: list[str] = []
    for piece in pieces:
        if piece.endswith(rel) and (len(piece) - len(piece.rstrip(rel))) % 2 == 1:
            pending.append(piece)
            continue
        if pending:
            pending.append(piece)
            out.append(term.join(pending))
            pending = []
        else:
            out.append(piece)
    if pending:
        out.append(term.join(pending))
    return out


_HIDDEN = "\ue000\ue001\ue002\ue003\ue004"  # private-use stand-ins for released characters


def _slow_segment(piece: str, off: int, seps: Separators) -> Segment:
    """Split one segment that has release characters or repetition separators.

    Released characters are swapped for private-use stand-ins, the segment is split like any
    other, and the stand-ins are swapped back in each value.
    """
    rel = seps.release
    restore: dict[int, str] | None = None
    if rel and rel in piece:
        if any(h in piece for h in _HIDDEN):
            return _char_by_char(piece, off, seps)
        specials = (rel, seps.segment, seps.element, seps.component, seps.repetition)
        restore = {}
        for hidden, special in zip(_HIDDEN, specials, strict=True):
            if special:
                piece = piece.replace(rel + special, hidden)
                restore[ord(hidden)] = special
        piece = piece.replace(rel, "")  # a release before an ordinary character means nothing
    return _split(piece, off, seps, restore)


def _split(piece: str, off: int, seps: Separators, restore: dict[int, str] | None) -> Segment:
    elem, comp, rep = seps.element, seps.component, seps.repetition
    parts = piece.split(elem)
    tag_parts = parts[0].split(comp)
    if restore:
        tag_parts = [t.translate(restore) for t in tag_parts]
    data: list[list[str]] = []
    repetitions: dict[int, list[list[str]]] = {}
    for i, part in enumerate(parts[1:]):
        occurrences = part.split(rep) if rep else [part]
        split = [o.split(comp) for o in occurrences]
        if restore:
            split = [[c.translate(restore) for c in o] for o in split]
        data.append(split[0])
        if len(split) > 1:
            repetitions[i] = split
    return Segment(tag_parts[0], data, off, repetitions or None, tuple(tag_parts[1:]))


def _char_by_char(piece: str, off: int, seps: Separators) -> Segment:
    """The general path, for the rare segment that already contains a stand-in character."""
    elem, comp, rep, rel = seps.element, seps.component, seps.repetition, seps.release
    # occurrences[element][occurrence][component]
    elements: list[list[list[str]]] = [[[]]]
    buf: list[str] = []
    i, n = 0, len(piece)
    while i < n:
        c = piece[i]
        if c == rel and rel:
            i += 1
            if i < n:
                buf.append(piece[i])
            i += 1
            continue
        if c == comp:
            elements[-1][-1].append("".join(buf))
        elif c == elem:
            elements[-1][-1].append("".join(buf))
            elements.append([[]])
        elif c == rep and rep and len(elements) > 1:
            elements[-1][-1].append("".join(buf))
            elements[-1].append([])
        else:
            buf.append(c)
            i += 1
            continue
        buf = []
        i += 1
    elements[-1][-1].append("".join(buf))
    tag_parts = elements[0][0]
    data = [occ[0] for occ in elements[1:]]
    repetitions = {i: occ for i, occ in enumerate(elements[1:]) if len(occ) > 1} or None
    return Segment(tag_parts[0], data, off, repetitions, tuple(tag_parts[1:]))
