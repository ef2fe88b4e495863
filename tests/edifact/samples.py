"""Small EDIFACT samples shared by the EDIFACT tests."""

from __future__ import annotations

CODECO_BODY = (
    "BGM+34+GATE0001+9'"
    "DTM+137:202601011200:203'"
    "NAD+MS+TERMINAL01:160:ZZZ'"
    "EQD+CN+MSCU1234565+45G1:102:5++2+5'"
    "DTM+7:202601011130:203'"
    "CNT+16:1'"
)


def message(
    ref: str = "1",
    body: str = CODECO_BODY,
    kind: str = "CODECO:D:95B:UN:ITG13",
    count: int | None = None,
) -> str:
    """UNH + body + UNT with the right segment count unless `count` says otherwise."""
    n = body.count("'") + 2 if count is None else count
    return f"UNH+{ref}+{kind}'{body}UNT+{n}+{ref}'"


def interchange(
    *messages: str,
    ref: str = "IC0001",
    syntax: str = "UNOC:3",
    una: bool = False,
    count: int | None = None,
) -> str:
    n = len(messages) if count is None else count
    head = "UNA:+.? '" if una else ""
    return (
        f"{head}UNB+{syntax}+SENDER:ZZ+RECIPIENT:ZZ+260101:1200+{ref}'"
        + "".join(messages)
        + f"UNZ+{n}+{ref}'"
    )
