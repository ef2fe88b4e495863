"""UN/EDIFACT engine (ISO 9735): parse, serialize, build, check and acknowledge; no I/O.

Public API: `parse(data, *, encoding=None, limits=Limits()) -> Transmission` cuts bytes into
interchanges, messages and segments (raising `EdifactSyntaxError` only when that is impossible);
`iter_interchanges(fp)` and `iter_messages(fp)` stream a binary file object in bounded memory;
`serialize(obj) -> bytes` writes a Transmission, Interchange, Message or Segment back (byte for
byte for well-formed input); `build_message`, `build_interchange`, `splice_interchange` and
`reenveloped` make new envelopes with correct counts (the last two keeping functional groups);
`check_syntax(data) -> (Transmission | None, findings)` and `check_envelope(interchange)` report
every syntax, character-set and envelope finding; `build_contrl` and `build_aperak` acknowledge.
The model (`Segment`, `Message`, `Group`, `Interchange`, `Transmission`, `Separators`) lives in
`model`, findings (`Finding`, `FindingCode`) in `findings`.
"""

from eport.edifact.aperak import build_aperak
from eport.edifact.builders import (
    build_header,
    build_interchange,
    build_message,
    reenveloped,
    regroup,
    splice_interchange,
)
from eport.edifact.checks import Strictness, check_envelope, check_syntax
from eport.edifact.contrl import build_contrl, is_contrl
from eport.edifact.errors import EdifactSyntaxError
from eport.edifact.findings import Finding, FindingCode, Severity
from eport.edifact.model import (
    Group,
    Interchange,
    Layout,
    Message,
    Segment,
    Separators,
    Transmission,
)
from eport.edifact.parser import DEFAULT_LIMITS, Limits, parse
from eport.edifact.serializer import serialize
from eport.edifact.streaming import iter_interchanges, iter_messages

__all__ = [
    "DEFAULT_LIMITS",
    "EdifactSyntaxError",
    "Finding",
    "FindingCode",
    "Group",
    "Interchange",
    "Layout",
    "Limits",
    "Message",
    "Segment",
    "Separators",
    "Severity",
    "Strictness",
    "Transmission",
    "build_aperak",
    "build_contrl",
    "build_header",
    "build_interchange",
    "build_message",
    "check_envelope",
    "check_syntax",
    "is_contrl",
    "iter_interchanges",
    "iter_messages",
    "parse",
    "reenveloped",
    "regroup",
    "serialize",
    "splice_interchange",
]
