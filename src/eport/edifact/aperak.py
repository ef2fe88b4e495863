"""APERAK: application error and acknowledgement message for one received message.

Layout common to D.95B and D.00B: BGM (accepted AP / rejected RE), DTM 137, RFF groups that
reference the message (ACW: its message reference; ACE: its document number from BGM; ZZZ:
the interchange control reference, a community convention as neither directory has a
dedicated qualifier), then one ERC + FTX (AAO, error description) group per error.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from eport.edifact.builders import build_message
from eport.edifact.findings import Finding
from eport.edifact.model import Message, Segment

_FTX_PART = 70  # 4440 free text is an..70, up to five of them in C108
_MAX_ERRORS = 999  # segment group 3 repeats at most 999 times


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
    character set for the interchange that carries it).
    """
    when = prepared or datetime.now(UTC)
    body = [
        _bgm(release, document_number, accepted),
        Segment("DTM", [["137", when.strftime("%Y%m%d%H%M"), "203"]]),
        Segment("RFF", [["ACW", message.ref]]),
    ]
    referenced_doc = _document_number(message)
    if referenced_doc:
        body.append(Segment("RFF", [["ACE", referenced_doc]]))
    if interchange_ref:
        body.append(Segment("RFF", [["ZZZ", interchange_ref]]))
    errors = [f for f in findings if f.is_error][:_MAX_ERRORS]
    for f in errors:
        body.append(Segment("ERC", [[f.code or "18"]]))
        body.append(Segment("FTX", [["AAO"], [""], [""], _text_parts(f, language)]))
    return build_message(message_ref, "APERAK", "D", release, body)


def _bgm(release: str, document_number: str, accepted: bool) -> Segment:
    # D.00B has document name code 305 (application error and acknowledgement); D.95B has no
    # such code, so the name goes in 1000 instead.
    name = ["305"] if release != "95B" else ["", "", "", "APERAK"]
    return Segment("BGM", [name, [document_number], ["9"], ["AP" if accepted else "RE"]])


def _document_number(message: Message) -> str:
    for seg in message.segments[1:3]:
        if seg.tag == "BGM":
            return seg.element(2)
    return ""


def _text_parts(f: Finding, language: str) -> list[str]:
    text = f.text_zh if language == "zh" else f.text_en
    where = f.located() if language != "zh" else ""
    full = f"{text} ({where})" if where else text
    parts = [full[i : i + _FTX_PART] for i in range(0, len(full), _FTX_PART)][:5]
    return parts or [""]
