"""A demo port community (Ningbo-like): the operator, terminals, a depot, carriers, an agent,
forwarders, a customs broker, a trucker, customs and inspection — each with EDI IDs, an admin
user and an API token. Loading it twice changes nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import select

from eport.auth.audit import Origin
from eport.auth.passwords import generate_password
from eport.auth.principal import CLI_PRINCIPAL
from eport.auth.scopes import ALL_SCOPES, DEFAULT_TOKEN_SCOPES, PARTICIPANTS_READ
from eport.auth.tokens import issue_token
from eport.auth.users import add_user
from eport.bootstrap import Platform
from eport.participants.models import Participant
from eport.participants.rules import Identifier
from eport.participants.services import ParticipantDraft, add_participant


@dataclass(frozen=True)
class DemoParticipant:
    code: str
    name_en: str
    name_zh: str
    roles: tuple[str, ...]
    edi_ids: tuple[str, ...] = ()
    codes: tuple[tuple[str, str], ...] = ()  # (scheme, value) besides EDI IDs


COMMUNITY = (
    DemoParticipant("EPORT", "Ningbo e-Port (operator)", "宁波电子口岸", ("operator",)),
    DemoParticipant(
        "NBCT",
        "Ningbo Beilun Container Terminal",
        "宁波北仑集装箱码头",
        ("terminal",),
        ("NBCT",),
        (("terminal", "CNNGBNBCT"),),
    ),
    DemoParticipant(
        "NGCT",
        "Ningbo Gangji Container Terminal",
        "宁波港吉码头",
        ("terminal",),
        ("NGCT",),
        (("terminal", "CNNGBNGCT"),),
    ),
    DemoParticipant("NBYD", "Beilun Container Depot", "北仑集装箱堆场", ("depot",), ("NBYD",)),
    DemoParticipant(
        "COSCO",
        "COSCO Shipping Lines",
        "中远海运集装箱运输",
        ("carrier",),
        ("COSCO", "ZZZ:COSU"),
        (("smdg", "COS"), ("scac", "COSU")),
    ),
    DemoParticipant(
        "MAERSK",
        "Maersk",
        "马士基",
        ("carrier",),
        ("MAERSK", "ZZZ:MAEU"),
        (("smdg", "MSK"), ("scac", "MAEU")),
    ),
    DemoParticipant(
        "MSC",
        "Mediterranean Shipping Company",
        "地中海航运",
        ("carrier",),
        ("MSC", "ZZZ:MSCU"),
        (("smdg", "MSC"), ("scac", "MSCU")),
    ),
    DemoParticipant(
        "PENAVICO", "Ningbo Ocean Shipping Agency", "宁波外轮代理", ("ship_agent",), ("PENAVICO",)
    ),
    DemoParticipant("SINOTRANS", "Sinotrans Ningbo", "中外运宁波", ("forwarder",), ("SINOTRANS",)),
    DemoParticipant(
        "SEALINK",
        "Sealink Forwarding (demo)",
        "海联货代（演示）",
        ("forwarder", "customs_broker"),
        ("SEALINK",),
    ),
    DemoParticipant(
        "NBBROKER",
        "Beilun Customs Brokerage (demo)",
        "北仑报关行（演示）",
        ("customs_broker",),
        ("NBBROKER",),
    ),
    DemoParticipant(
        "NBTRUCK", "Harbour Trucking (demo)", "港区车队（演示）", ("trucker",), ("NBTRUCK",)
    ),
    DemoParticipant("NBCUSTOMS", "Ningbo Customs", "宁波海关", ("customs",), ("NBCUSTOMS",)),
    DemoParticipant(
        "NBCIQ", "Ningbo Inspection and Quarantine", "宁波检验检疫", ("inspection",), ("NBCIQ",)
    ),
)


@dataclass(frozen=True)
class DemoLogin:
    code: str
    roles: str
    username: str
    password: str
    token: str


def load_demo(platform: Platform, out: TextIO | None = None) -> None:
    """Load the demo community; print logins and tokens the first time, a reminder after."""
    out = out or sys.stdout
    origin = Origin(CLI_PRINCIPAL, "local", {"via": "demo"})
    created = [
        _load(platform, member, origin) for member in COMMUNITY if not _exists(platform, member)
    ]
    if created:
        _print_logins(created, out)
    else:
        print(
            "The demo port community is already loaded; its passwords and tokens were "
            "shown when it was first loaded.\nCreate a new token with: "
            "eport tokens create --participant CODE   (e.g. COSCO)",
            file=out,
        )


def _exists(platform: Platform, member: DemoParticipant) -> bool:
    with platform.uow() as uow:
        return (
            uow.session.scalar(select(Participant.id).where(Participant.code == member.code))
            is not None
        )


def _load(platform: Platform, member: DemoParticipant, origin: Origin) -> DemoLogin:
    identifiers = [Identifier.edi(text) for text in member.edi_ids]
    identifiers += [Identifier.checked(scheme, value) for scheme, value in member.codes]
    draft = ParticipantDraft(
        code=member.code,
        roles=list(member.roles),
        name_en=member.name_en,
        name_zh=member.name_zh,
        identifiers=identifiers,
    )
    username, password = f"{member.code.lower()}.admin", generate_password()
    operator = "operator" in member.roles
    scopes = ALL_SCOPES if operator else DEFAULT_TOKEN_SCOPES | {PARTICIPANTS_READ}
    with platform.uow() as uow:
        add_participant(uow, draft, origin)
    with platform.uow() as uow:
        add_user(
            uow,
            member.code,
            username,
            "admin",
            password,
            origin,
            display_name=f"{member.name_zh} 管理员",
        )
    with platform.uow() as uow:
        token = issue_token(uow, member.code, origin, scopes=frozenset(scopes), name="demo")
    return DemoLogin(member.code, ",".join(member.roles), username, password, token.secret)


def _print_logins(logins: list[DemoLogin], out: TextIO) -> None:
    headers = ("participant", "roles", "username", "password", "API token")
    rows = [(x.code, x.roles, x.username, x.password, x.token) for x in logins]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    print("Demo port community loaded. These passwords and tokens are shown only now:", file=out)
    for row in [headers, tuple("-" * w for w in widths), *rows]:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)), file=out
        )
    print("Portal: /portal/login   API: Authorization: Bearer <token>", file=out)
