"""API shapes of the code maps (pydantic, at the edge)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from eport.codes.codemap import CodeMap
from eport.codes.mapper import UnknownCodePolicy


class CodeMapEntryOut(BaseModel):
    partner_code: str
    standard_code: str


class CodeMapOut(BaseModel):
    participant: str
    list_name: str
    entries: list[CodeMapEntryOut]

    @classmethod
    def of(cls, participant: str, code_map: CodeMap) -> CodeMapOut:
        return cls(
            participant=participant,
            list_name=code_map.list_name,
            entries=[
                CodeMapEntryOut(partner_code=m.partner_code, standard_code=m.standard_code)
                for m in code_map
            ],
        )


class CodeMapSummaryOut(BaseModel):
    participant: str
    unknown_codes: UnknownCodePolicy = Field(
        description="what a code neither standard nor mapped causes: warn, or reject (APERAK)"
    )
    entries: dict[str, int] = Field(description="entries per code list")


class PolicyIn(BaseModel):
    unknown_codes: UnknownCodePolicy


class EntryIn(BaseModel):
    standard_code: str = Field(min_length=1, max_length=64)


class ImportOut(BaseModel):
    participant: str
    list_name: str
    entries: int
