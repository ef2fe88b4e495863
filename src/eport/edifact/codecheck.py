"""Value checks a MIG can name for a data element (`check: unlocode` ...), by name.

Each check takes the value and returns an English and a Chinese explanation when the value is
wrong, None when it is right. UN/LOCODEs are checked by structure (ISO 3166 country + three
characters from A-Z and 2-9), never against a short list of places.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import pycountry

from eport.edifact.codecheck_iso6346 import is_valid_container_number, is_valid_size_type

Explanation = tuple[str, str]
ValueCheck = Callable[[str], Explanation | None]

_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, plus XZ (UN/LOCODE: installations in international waters)."""
    return frozenset(c.alpha_2 for c in pycountry.countries) | {"XZ"}


def check_unlocode(value: str) -> Explanation | None:
    if not _LOCODE.match(value):
        return (
            f"{value!r} is not a UN/LOCODE (2-letter country + 3 characters A-Z, 2-9)",
            f"{value!r} 不是有效的联合国地点代码（2位国家代码加3位字符 A-Z、2-9）",
        )
    if value[:2] not in country_codes():
        return (
            f"{value!r}: {value[:2]} is not an ISO 3166 country code",
            f"{value!r}：{value[:2]} 不是 ISO 3166 国家代码",
        )
    return None


def check_country(value: str) -> Explanation | None:
    if value in country_codes():
        return None
    return (f"{value!r} is not an ISO 3166 country code", f"{value!r} 不是 ISO 3166 国家代码")


def check_container_number(value: str) -> Explanation | None:
    if is_valid_container_number(value):
        return None
    return (
        f"{value!r} is not a valid ISO 6346 container number (check digit or format)",
        f"{value!r} 不是有效的 ISO 6346 集装箱号（校验位或格式错误）",
    )


def check_size_type(value: str) -> Explanation | None:
    if is_valid_size_type(value):
        return None
    return (f"{value!r} is not an ISO 6346 size-type code", f"{value!r} 不是 ISO 6346 箱型尺寸代码")


CHECKS: dict[str, ValueCheck] = {
    "unlocode": check_unlocode,
    "country": check_country,
    "container-number": check_container_number,
    "size-type": check_size_type,
}
