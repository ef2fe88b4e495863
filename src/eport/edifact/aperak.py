"""APERAK: application error and acknowledgement message for one received message.

Layout common to D.95B and D.00B: BGM (message function 29 accepted without amendment or 27
not accepted, response type AP or RE), DTM 137, RFF groups that reference the message (ACW:
its message reference; ACE: its document number from BGM; ZZZ: the interchange control
reference, a community convention as neither directory has a dedicated qualifier), then one
ERC + FTX (AAO, error description) group per error.

Values copied from the received message are cut to their data element's length, so that an
APERAK answering an oversized value is itself valid against the APERAK MIG.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime

from eport.edifact.builders import build_message
from eport.edifact.findings import Finding
from eport.edifact.model import Message, Segment

ACCEPTED = "29"  # 1225: accepted without amendment
NOT_ACCEPTED = "27"  # 1225: not accepted
_FTX_PART = 70  # 4440 free text is an..70, up to five of them in C108
_FTX_PARTS = 5
_MAX_ERRORS = 999  # segment group 3 repeats at most 999 times
_MESSAGE_REF = 14  # 0062 an..14
_DOCUMENT_NUMBER = 35  # 1004 an..35
_REFERENCE = {"95B": 35, "00B": 70}  # 1154 grew from an..35 to an..70 in D.99B
_ERROR_CODE = 8  # 9321 an..8
# A reference shown in the FTX position; longer ones are in RFF already.
_SHOWN_REF = 35


def build_aperak(
    message: Message,
    findings: Iterable[Finding],
    accepted: bool,
    *,
    message_ref: str,
    document_number: str,
    interchange_ref: str = "",
    release: str = "95B",
    prepared: datetime | None = None,
    language: str = "en",
) -> Message:
    """An APERAK (D:95B or D:00B) accepting or rejecting `message`, with one ERC per error.

    `language` chooses the text of the FTX ('en' or 'zh'; Chinese needs a UTF-8 or partner
    character set for the interchange that carries it). The FTX starts with the position of
    the error, so that a long text never pushes it out.
    """
    when = prepared or datetime.now(UTC)
    reference = _REFERENCE.get(release, 35)
    body = [
        _bgm(release, document_number[:_DOCUMENT_NUMBER], accepted),
        Segment("DTM", [["137", when.strftime("%Y%m%d%H%M"), "203"]]),
        Segment("RFF", [["ACW", message.ref[:reference]]]),
    ]
    referenced_doc = _document_number(message)
    if referenced_doc:
        body.append(Segment("RFF", [["ACE", referenced_doc[:reference]]]))
    if interchange_ref:
        body.append(Segment("RFF", [["ZZZ", interchange_ref[:reference]]]))
    errors = [f for f in findings if f.is_error][:_MAX_ERRORS]
    for f in errors:
        body.append(Segment("ERC", [[(f.code or "18")[:_ERROR_CODE]]]))
        body.append(Segment("FTX", [["AAO"], [""], [""], _text_parts(f, language)]))
    return build_message(message_ref[:_MESSAGE_REF], "APERAK", "D", release, body)


def _bgm(release: str, document_number: str, accepted: bool) -> Segment:
    # D.00B has document name code 305 (application error and acknowledgement); D.95B has no
    # such code, so the name goes in 1000 instead.
    name = ["305"] if release != "95B" else ["", "", "", "APERAK"]
    function = ACCEPTED if accepted else NOT_ACCEPTED
    return Segment("BGM", [name, [document_number], [function], ["AP" if accepted else "RE"]])


def _document_number(message: Message) -> str:
    for seg in message.segments[1:3]:
        if seg.tag == "BGM":
            return seg.element(2)
    return ""


def _text_parts(f: Finding, language: str) -> list[str]:
    """C108: the position first (with references shortened), then the text, in parts of 70."""
    text = f.text_zh if language == "zh" else f.text_en
    shown = replace(
        f,
        interchange_ref=_shortened(f.interchange_ref),
        message_ref=_shortened(f.message_ref),
    )
    if language == "zh":
        where = shown.located_zh()
        full = f"（{where}）{text}" if where else text
    else:
        where = shown.located()
        full = f"({where}) {text}" if where else text
    room = _FTX_PART * _FTX_PARTS
    if len(full) > room:
        full = full[: room - 3] + "..."
    parts = [full[i : i + _FTX_PART] for i in range(0, len(full), _FTX_PART)]
    return parts or [""]


def _shortened(ref: str | None) -> str | None:
    if ref is None or len(ref) <= _SHOWN_REF:
        return ref
    return ref[: _SHOWN_REF - 3] + "..."
