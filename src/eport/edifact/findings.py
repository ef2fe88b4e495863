"""Findings: what a check found wrong, where, with its UN/EDIFACT syntax error code (0085)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, Literal

Severity = Literal["error", "warning"]


class FindingCode(StrEnum):
    """Syntax error codes (service code list 0085) used in findings and CONTRL."""

    SYNTAX_VERSION_NOT_SUPPORTED = "2"
    RECIPIENT_NOT_ACTUAL = "7"
    INVALID_VALUE = "12"
    MISSING = "13"
    VALUE_NOT_SUPPORTED = "14"
    NOT_SUPPORTED_IN_POSITION = "15"
    TOO_MANY_CONSTITUENTS = "16"
    NO_AGREEMENT = "17"
    UNSPECIFIED = "18"
    INVALID_DECIMAL_NOTATION = "19"
    INVALID_AS_SERVICE_CHARACTER = "20"
    INVALID_CHARACTER = "21"
    INVALID_SERVICE_CHARACTER = "22"
    UNKNOWN_SENDER = "23"
    TOO_OLD = "24"
    TEST_INDICATOR_NOT_SUPPORTED = "25"
    DUPLICATE = "26"
    SECURITY_NOT_SUPPORTED = "27"
    REFERENCES_DO_NOT_MATCH = "28"
    CONTROL_COUNT = "29"
    GROUPS_AND_MESSAGES_MIXED = "30"
    MORE_THAN_ONE_TYPE_IN_GROUP = "31"
    LOWER_LEVEL_EMPTY = "32"
    INVALID_OUTSIDE_ENVELOPE = "33"
    NESTING_NOT_ALLOWED = "34"
    TOO_MANY_REPETITIONS = "35"
    TOO_MANY_GROUP_REPETITIONS = "36"
    INVALID_CHARACTER_TYPE = "37"
    MISSING_DIGIT_BEFORE_DECIMAL = "38"
    TOO_LONG = "39"
    TOO_SHORT = "40"
    UNKNOWN_RECIPIENT = "43"
    TRAILING_SEPARATOR = "45"
    CHARACTER_SET_NOT_SUPPORTED = "46"
    ENVELOPE_NOT_SUPPORTED = "47"
    DEPENDENCY_VIOLATED = "48"

    @property
    def text_en(self) -> str:
        return _TEXTS[self][0]

    @property
    def text_zh(self) -> str:
        return _TEXTS[self][1]


_C = FindingCode
_TEXTS: dict[FindingCode, tuple[str, str]] = {
    _C.SYNTAX_VERSION_NOT_SUPPORTED: (
        "Syntax version or level not supported",
        "不支持的语法版本或级别",
    ),
    _C.RECIPIENT_NOT_ACTUAL: (
        "Interchange recipient not actual recipient",
        "交换接收方不是实际接收方",
    ),
    _C.INVALID_VALUE: ("Invalid value", "无效值"),
    _C.MISSING: ("Missing", "缺失"),
    _C.VALUE_NOT_SUPPORTED: ("Value not supported in this position", "此位置不支持该值"),
    _C.NOT_SUPPORTED_IN_POSITION: ("Not supported in this position", "此位置不允许出现"),
    _C.TOO_MANY_CONSTITUENTS: ("Too many constituents", "组成部分过多"),
    _C.NO_AGREEMENT: ("No agreement", "无交换协议"),
    _C.UNSPECIFIED: ("Unspecified error", "未指明的错误"),
    _C.INVALID_DECIMAL_NOTATION: ("Invalid decimal notation", "小数表示无效"),
    _C.INVALID_AS_SERVICE_CHARACTER: (
        "Character invalid as service character",
        "该字符不能用作服务字符",
    ),
    _C.INVALID_CHARACTER: ("Invalid character(s)", "无效字符"),
    _C.INVALID_SERVICE_CHARACTER: ("Invalid service character(s)", "无效的服务字符"),
    _C.UNKNOWN_SENDER: ("Unknown interchange sender", "未知的交换发送方"),
    _C.TOO_OLD: ("Too old", "过旧"),
    _C.TEST_INDICATOR_NOT_SUPPORTED: ("Test indicator not supported", "不支持测试标识"),
    _C.DUPLICATE: ("Duplicate detected", "检测到重复"),
    _C.SECURITY_NOT_SUPPORTED: ("Security function not supported", "不支持安全功能"),
    _C.REFERENCES_DO_NOT_MATCH: ("References do not match", "参考号不匹配"),
    _C.CONTROL_COUNT: (
        "Control count does not match number of instances received",
        "控制计数与实际数量不符",
    ),
    _C.GROUPS_AND_MESSAGES_MIXED: ("Groups and messages/packages mixed", "功能组与报文混用"),
    _C.MORE_THAN_ONE_TYPE_IN_GROUP: (
        "More than one message type in group",
        "一个功能组中有多种报文类型",
    ),
    _C.LOWER_LEVEL_EMPTY: ("Lower level empty", "下层为空"),
    _C.INVALID_OUTSIDE_ENVELOPE: (
        "Invalid occurrence outside message, package, or group",
        "在报文、包或功能组之外出现",
    ),
    _C.NESTING_NOT_ALLOWED: ("Nesting indicator not allowed", "不允许嵌套标识"),
    _C.TOO_MANY_REPETITIONS: (
        "Too many data element or segment repetitions",
        "数据元或段重复次数过多",
    ),
    _C.TOO_MANY_GROUP_REPETITIONS: ("Too many segment group repetitions", "段组重复次数过多"),
    _C.INVALID_CHARACTER_TYPE: ("Invalid type of character(s)", "字符类型无效"),
    _C.MISSING_DIGIT_BEFORE_DECIMAL: ("Missing digit in front of decimal sign", "小数点前缺少数字"),
    _C.TOO_LONG: ("Data element too long", "数据元过长"),
    _C.TOO_SHORT: ("Data element too short", "数据元过短"),
    _C.UNKNOWN_RECIPIENT: ("Unknown interchange recipient", "未知的交换接收方"),
    _C.TRAILING_SEPARATOR: ("Trailing separator", "多余的尾部分隔符"),
    _C.CHARACTER_SET_NOT_SUPPORTED: ("Character set not supported", "不支持的字符集"),
    _C.ENVELOPE_NOT_SUPPORTED: ("Envelope functionality not supported", "不支持该信封功能"),
    _C.DEPENDENCY_VIOLATED: ("Dependency condition violated", "违反依赖条件"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of a check, with its position.

    `segment_position` counts UNH as 1 inside a message; for service segments outside a message
    (UNA, UNB, UNG, UNE, UNZ) it is None and `segment_tag` names the segment. For a missing
    segment, `segment_tag` is the tag that is missing. Element and component positions are
    1-based (element 1 is the first data element after the tag). `byte_offset` is the offset
    in the source bytes where the problem was seen, when known.
    """

    severity: Severity
    code: str | None
    text_en: str
    text_zh: str
    interchange_ref: str | None = None
    message_ref: str | None = None
    message_index: int | None = None
    segment_position: int | None = None
    segment_tag: str | None = None
    element_position: int | None = None
    component_position: int | None = None
    byte_offset: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(
        cls,
        code: FindingCode | None,
        detail_en: str = "",
        detail_zh: str = "",
        *,
        severity: Severity = "error",
        **where: Any,
    ) -> Finding:
        """A finding whose text is the code's standard text followed by a detail."""
        en = code.text_en if code is not None else ""
        zh = code.text_zh if code is not None else ""
        text_en = f"{en}: {detail_en}" if en and detail_en else (en or detail_en)
        text_zh = f"{zh}：{detail_zh}" if zh and detail_zh else (zh or detail_zh)
        return cls(
            severity,
            code.value if code is not None else None,
            text_en,
            text_zh,
            **where,
        )

    def located(self) -> str:
        """Human-readable position, e.g. 'interchange 42, message 1 (ref M1), segment 3 BGM'."""
        parts: list[str] = []
        if self.interchange_ref is not None:
            parts.append(f"interchange {self.interchange_ref}")
        if self.message_index is not None:
            ref = f" (ref {self.message_ref})" if self.message_ref is not None else ""
            parts.append(f"message {self.message_index}{ref}")
        if self.segment_position is not None or self.segment_tag is not None:
            pos = f" {self.segment_position}" if self.segment_position is not None else ""
            tag = f" {self.segment_tag}" if self.segment_tag else ""
            parts.append(f"segment{pos}{tag}")
        if self.element_position is not None:
            comp = f".{self.component_position}" if self.component_position is not None else ""
            parts.append(f"element {self.element_position}{comp}")
        if self.byte_offset is not None:
            parts.append(f"byte {self.byte_offset}")
        return ", ".join(parts)

    def located_zh(self) -> str:
        """The position in Chinese, e.g. '交换 42，第 1 个报文（参考号 M1），第 3 段 BGM'."""
        parts: list[str] = []
        if self.interchange_ref is not None:
            parts.append(f"交换 {self.interchange_ref}")
        if self.message_index is not None:
            ref = f"（参考号 {self.message_ref}）" if self.message_ref is not None else ""
            parts.append(f"第 {self.message_index} 个报文{ref}")
        if self.segment_position is not None:
            tag = f" {self.segment_tag}" if self.segment_tag else ""
            parts.append(f"第 {self.segment_position} 段{tag}")
        elif self.segment_tag:
            parts.append(f"段 {self.segment_tag}")
        if self.element_position is not None:
            comp = self.component_position
            parts.append(
                f"第 {self.element_position} 个数据元"
                + (f"第 {comp} 个成分" if comp is not None else "")
            )
        if self.byte_offset is not None:
            parts.append(f"第 {self.byte_offset} 个字节")
        return "，".join(parts)
