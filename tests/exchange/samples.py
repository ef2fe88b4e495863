"""EDIFACT interchanges for the exchange hub's tests, written as partners write them."""

from __future__ import annotations

import hashlib

from eport.edifact.codecheck_iso6346 import check_digit


def container_number(seed: str) -> str:
    """A valid ISO 6346 container number (owner MSCU) derived from ``seed``."""
    serial = int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 1_000_000
    first_ten = f"MSCU{serial:06d}"
    return first_ten + str(check_digit(first_ten))


def codeco(
    sender: str = "TERMA",
    recipient: str = "EPORT",
    ref: str = "IC0001",
    *,
    carrier: str = "CARRB",
    containers: tuple[str, ...] = ("MSCU1234565",),
    test: bool = False,
    ack: bool = False,
    unz_count: int | None = None,
    unt_count: int | None = None,
) -> bytes:
    """A gate-in CODECO (D.95B) naming the container operator in NAD+CF, one per container."""
    messages = []
    for i, container in enumerate(containers, start=1):
        body = [
            f"UNH+M{i}+CODECO:D:95B:UN:ITG14",
            f"BGM+34+GATE{ref}{i}+9",
            f"NAD+CF+{carrier}:160:ZZZ",
            f"EQD+CN+{container_number(container)}+45G1:102:5++2+5",
            "DTM+7:202611270415:203",
            "LOC+165+CNNGB:139:6",
            "CNT+16:1",
        ]
        count = unt_count if unt_count is not None else len(body) + 1
        body.append(f"UNT+{count}+M{i}")
        messages.append("'".join(body))
    unb = f"UNB+UNOA:2+{sender}:ZZZ+{recipient}:ZZZ+261127:0415+{ref}"
    if ack or test:
        # Elements 6-8 empty, 9 acknowledgement request (0031), 10 empty, 11 test (0035).
        unb += "++++" + ("1" if ack else "") + ("++1" if test else "")
    total = unz_count if unz_count is not None else len(containers)
    text = "UNA:+.? '" + unb + "'" + "'".join(messages) + f"'UNZ+{total}+{ref}'"
    return text.encode("ascii")


def cusres(sender: str = "CUSTA", recipient: str = "TERMA", ref: str = "CR0001") -> bytes:
    """A customs release (CUSRES) for a declaration."""
    body = [
        "UNH+1+CUSRES:D:95B:UN",
        "BGM+962+REL0001+9",
        "DTM+137:202611270415:203",
        "RFF+ABO:DECL0001",
        "UNT+5+1",
    ]
    unb = f"UNB+UNOA:2+{sender}:ZZZ+{recipient}:ZZZ+261127:0415+{ref}"
    return ("'".join([unb, *body, f"UNZ+1+{ref}"]) + "'").encode("ascii")


def contrl_from(sender: str, acknowledged_ref: str, recipient: str = "EPORT") -> bytes:
    """A recipient's CONTRL accepting an interchange we sent it (syntax 3)."""
    body = [
        "UNH+C1+CONTRL:D:3:UN",
        f"UCI+{acknowledged_ref}+TERMA:ZZZ+{sender}:ZZZ+7",
        "UNT+3+C1",
    ]
    unb = f"UNB+UNOA:3+{sender}:ZZZ+{recipient}:ZZZ+261127:0500+CT{acknowledged_ref}"[:200]
    return ("'".join([unb, *body, f"UNZ+1+CT{acknowledged_ref}"]) + "'").encode("ascii")
