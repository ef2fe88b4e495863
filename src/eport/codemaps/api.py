"""REST API of the code maps: a participant keeps its own, the operator anyone's.

Another participant's maps answer 404, as if the participant did not exist. Files travel as
CSV with the columns ``partner_code,standard_code``.
"""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from eport.auth.principal import Principal
from eport.auth.scopes import CONFIG_ADMIN, PARTICIPANTS_READ, USERS_ADMIN
from eport.codemaps import services
from eport.codemaps.csvfile import CodeMapCsvError, write_entries
from eport.codemaps.schemas import (
    CodeMapEntryOut,
    CodeMapOut,
    CodeMapSummaryOut,
    EntryIn,
    ImportOut,
    PolicyIn,
)
from eport.participants.errors import NotFound
from eport.web.deps import OriginDep, PlatformDep, PrincipalDep, require_scope
from eport.web.problems import Problem

router = APIRouter(prefix="/code-maps", tags=["code maps"])
CSV = "text/csv; charset=utf-8"
READERS = (
    "Caller: the participant itself or the operator, with scope participants:read; others get 404."
)
KEEPERS = (
    "Caller: the participant's administrator (scope users:admin) or the operator "
    "(scope config:admin); others get 404. Audited."
)


def _owned(principal: Principal, participant: str) -> str:
    """The participant code, when the caller may see its maps; 404 otherwise."""
    if principal.is_operator or participant.upper() == principal.participant_code:
        return participant.upper()
    raise NotFound(f"no participant {participant}")


def require_map_keeper(principal: PrincipalDep) -> Principal:
    """Who may change maps: a participant's administrator its own, the operator anyone's."""
    scope = CONFIG_ADMIN if principal.is_operator else USERS_ADMIN
    if not principal.has_scope(scope):
        raise Problem(403, f"this needs the scope '{scope}'", required_scope=scope)
    return principal


Reader = Annotated[Principal, Depends(require_scope(PARTICIPANTS_READ))]
Keeper = Annotated[Principal, Depends(require_map_keeper)]


async def csv_text(request: Request) -> str:
    """The request body as text (UTF-8, a byte-order mark allowed)."""
    try:
        return (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Problem(422, f"the file is not UTF-8 (byte {exc.start})") from exc


CsvBody = Annotated[str, Depends(csv_text)]


@router.get(
    "/{participant}",
    response_model=CodeMapSummaryOut,
    description=f"The participant's policy for unknown codes and its maps' sizes. {READERS}",
)
def summary(participant: str, principal: Reader, platform: PlatformDep) -> CodeMapSummaryOut:
    with platform.uow() as uow:
        found = services.code_map_summary(uow.session, _owned(principal, participant))
    return CodeMapSummaryOut(
        participant=found.participant_code, unknown_codes=found.policy, entries=found.entries
    )


@router.put(
    "/{participant}/policy",
    response_model=CodeMapSummaryOut,
    description=f"Whether a code neither standard nor mapped is a warning in the trace "
    f"or a rejection (APERAK). {KEEPERS}",
)
def set_policy(
    participant: str, body: PolicyIn, principal: Keeper, platform: PlatformDep, origin: OriginDep
) -> CodeMapSummaryOut:
    code = _owned(principal, participant)
    with platform.uow() as uow:
        services.set_unknown_code_policy(uow, code, body.unknown_codes, origin)
    return summary(code, principal, platform)


@router.get(
    "/{participant}/{list_name}",
    response_model=CodeMapOut,
    description=f"The entries of one map (size-type, location, carrier, package, "
    f"country, currency). {READERS}",
)
def read_map(
    participant: str, list_name: str, principal: Reader, platform: PlatformDep
) -> CodeMapOut:
    code = _owned(principal, participant)
    with platform.uow() as uow:
        return CodeMapOut.of(code, services.code_map(uow.session, code, list_name))


@router.get(
    "/{participant}/{list_name}/export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
    description=f"One map as CSV (partner_code,standard_code). {READERS}",
)
def export_map(
    participant: str, list_name: str, principal: Reader, platform: PlatformDep
) -> Response:
    code = _owned(principal, participant)
    with platform.uow() as uow:
        code_map = services.code_map(uow.session, code, list_name)
    text = io.StringIO()
    write_entries(code_map, text)
    filename = f"{code.lower()}-{list_name}.csv"
    return Response(
        text.getvalue(),
        media_type=CSV,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/{participant}/{list_name}/import",
    response_model=ImportOut,
    openapi_extra={"requestBody": {"content": {"text/csv": {}}, "required": True}},
    description=f"Load a CSV file (partner_code,standard_code) into one map: it "
    f"replaces the map, or adds to it with ?merge=true. Bad rows answer "
    f"422 listing each row and column; nothing changes then. {KEEPERS}",
)
def import_map(
    participant: str,
    list_name: str,
    body: CsvBody,
    principal: Keeper,
    platform: PlatformDep,
    origin: OriginDep,
    merge: Annotated[bool, Query(description="add to the map")] = False,
) -> ImportOut:
    code = _owned(principal, participant)
    with platform.uow() as uow:
        try:
            count = services.import_code_map(
                uow, code, list_name, io.StringIO(body), origin, merge=merge
            )
        except CodeMapCsvError as exc:
            errors = [{"row": e.row, "column": e.column, "message": e.message} for e in exc.errors]
            raise Problem(422, "the file has bad rows", errors=errors) from exc
    return ImportOut(participant=code, list_name=list_name, entries=count)


@router.delete(
    "/{participant}/{list_name}",
    status_code=204,
    description=f"Delete every entry of one map. {KEEPERS}",
)
def clear_map(
    participant: str, list_name: str, principal: Keeper, platform: PlatformDep, origin: OriginDep
) -> Response:
    code = _owned(principal, participant)
    with platform.uow() as uow:
        services.clear_code_map(uow, code, list_name, origin)
    return Response(status_code=204)


@router.put(
    "/{participant}/{list_name}/entries/{partner_code}",
    response_model=CodeMapEntryOut,
    description=f"Map one partner code to a standard code. {KEEPERS}",
)
def set_entry(
    participant: str,
    list_name: str,
    partner_code: str,
    body: EntryIn,
    principal: Keeper,
    platform: PlatformDep,
    origin: OriginDep,
) -> CodeMapEntryOut:
    code = _owned(principal, participant)
    with platform.uow() as uow:
        entry = services.set_entry(uow, code, list_name, partner_code, body.standard_code, origin)
    return CodeMapEntryOut(partner_code=entry.partner_code, standard_code=entry.standard_code)


@router.delete(
    "/{participant}/{list_name}/entries/{partner_code}",
    status_code=204,
    description=f"Delete one entry. {KEEPERS}",
)
def delete_entry(
    participant: str,
    list_name: str,
    partner_code: str,
    principal: Keeper,
    platform: PlatformDep,
    origin: OriginDep,
) -> Response:
    code = _owned(principal, participant)
    with platform.uow() as uow:
        services.delete_entry(uow, code, list_name, partner_code, origin)
    return Response(status_code=204)
