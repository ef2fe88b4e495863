"""API shapes of participants (pydantic, at the edge)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from eport.participants.models import Participant

TIME_ZONE_HELP = (
    "IANA time zone the participant's systems keep time in (EDIFACT times carry no zone); "
    "empty: the platform's local zone"
)


class IdentifierOut(BaseModel):
    id: int
    scheme: str
    qualifier: str
    value: str


class ParticipantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name_en: str
    name_zh: str
    credit_code: str | None
    customs_code: str | None
    status: str
    roles: list[str]
    identifiers: list[IdentifierOut]
    time_zone: str = Field(description=TIME_ZONE_HELP)
    created_at: datetime

    @classmethod
    def of(cls, participant: Participant) -> ParticipantOut:
        return cls(
            id=participant.id,
            code=participant.code,
            name_en=participant.name_en,
            name_zh=participant.name_zh,
            credit_code=participant.credit_code,
            customs_code=participant.customs_code,
            status=participant.status,
            roles=participant.role_names,
            identifiers=[
                IdentifierOut(id=i.id, scheme=i.scheme, qualifier=i.qualifier, value=i.value)
                for i in participant.identifiers
            ],
            time_zone=participant.time_zone,
            created_at=participant.created_at,
        )


class MeOut(ParticipantOut):
    """One's own participant, and who is asking."""

    authenticated_as: str = Field(description="token:ID@CODE or user:NAME@CODE")
    scopes: list[str]


class ParticipantDetail(ParticipantOut):
    """What an operator sees: also the applicant's contact."""

    contact_name: str
    contact_email: str
    contact_phone: str

    @classmethod
    def of(cls, participant: Participant) -> ParticipantDetail:
        return cls(
            **ParticipantOut.of(participant).model_dump(),
            contact_name=participant.contact_name,
            contact_email=participant.contact_email,
            contact_phone=participant.contact_phone,
        )


class IdentifierIn(BaseModel):
    scheme: str = Field(examples=["edi"])
    value: str = Field(examples=["COSCO"])
    qualifier: str = Field("", description="UNB qualifier (edi only); empty matches any")


class ParticipantIn(BaseModel):
    code: str = Field(examples=["NBCT"], description="short unique code, 2-32 of A-Z 0-9 _ -")
    name_en: str = ""
    name_zh: str = ""
    credit_code: str | None = Field(None, description="统一社会信用代码, 18 characters")
    customs_code: str | None = Field(None, description="customs registration code, 10 chars")
    roles: list[str] = Field(examples=[["terminal"]])
    identifiers: list[IdentifierIn] = []
    time_zone: str = Field(
        "", max_length=64, examples=["Asia/Shanghai"], description=TIME_ZONE_HELP
    )


class TimeZoneIn(BaseModel):
    time_zone: str = Field(max_length=64, examples=["Europe/Amsterdam"], description=TIME_ZONE_HELP)


class ApplicationIn(ParticipantIn):
    contact_name: str = Field(min_length=1, max_length=200)
    contact_email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=200)
    contact_phone: str = Field("", max_length=50)


class ApplicationOut(BaseModel):
    code: str
    status: str


class ParticipantPage(BaseModel):
    items: list[ParticipantDetail]
    next_cursor: str | None
