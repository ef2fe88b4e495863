"""Standard code lists (ISO 6346, UN/LOCODE, carriers, UN/ECE Rec. 21, ISO 3166, ISO 4217, DCSA)
and per-partner code maps onto them (代码转换)."""

from eport.codes.catalog import (
    CARRIER,
    COUNTRY,
    CURRENCY,
    DCSA_EVENT,
    DCSA_FACILITY,
    LIST_NAMES,
    LOCATION,
    PACKAGE,
    SIZE_TYPE,
    CodeCatalog,
    CodeEntry,
    UnknownCodeList,
    default_catalog,
    is_standard,
    lookup,
)
from eport.codes.codemap import (
    CodeMap,
    CodeMapError,
    CodeMapping,
    check_standard_codes,
    read_code_map_csv,
    write_code_map_csv,
)
from eport.codes.iso6346 import OwnerPrefix, SizeType, decode_size_type, parse_owner_prefix
from eport.codes.mapper import CodeIssue, MappingCodeMapper, MappingDirection, UnknownCodePolicy
from eport.codes.unlocode import UnLocodeEntry, UnLocodeFormatError, read_unlocode_csv

__all__ = [
    "CARRIER",
    "COUNTRY",
    "CURRENCY",
    "DCSA_EVENT",
    "DCSA_FACILITY",
    "LIST_NAMES",
    "LOCATION",
    "PACKAGE",
    "SIZE_TYPE",
    "CodeCatalog",
    "CodeEntry",
    "CodeIssue",
    "CodeMap",
    "CodeMapError",
    "CodeMapping",
    "MappingCodeMapper",
    "MappingDirection",
    "OwnerPrefix",
    "SizeType",
    "UnLocodeEntry",
    "UnLocodeFormatError",
    "UnknownCodeList",
    "UnknownCodePolicy",
    "check_standard_codes",
    "decode_size_type",
    "default_catalog",
    "is_standard",
    "lookup",
    "parse_owner_prefix",
    "read_code_map_csv",
    "read_unlocode_csv",
    "write_code_map_csv",
]
