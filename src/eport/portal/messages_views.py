"""What the messages pages show: what a participant sent, one interchange, its mailbox.

Each function reads through the exchange hub's own use cases, which already keep a
participant to its own interchanges and mailbox (None or nothing for anything else), and
returns plain data for the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from eport.auth.principal import Principal
from eport.bootstrap import Platform
from eport.exchange import history, mailbox
from eport.exchange.status import interchange_status

PAGE_SIZE = 50
MAX_REF = 35  # a UNB control reference is an..14, a message reference an..14; room for both


@dataclass(frozen=True)
class SentFilter:
    """The Sent page's filters as the user typed them; empty means any."""

    status: str = ""
    message_type: str = ""
    control_ref: str = ""

    @classmethod
    def of(cls, status: str, message_type: str, control_ref: str) -> SentFilter:
        return cls(
            status if status in history.STATUSES else "",
            message_type.strip().upper()[:MAX_REF],
            control_ref.strip()[:MAX_REF],
        )

    def conditions(self) -> history.HistoryFilter:
        return history.HistoryFilter(
            status=self.status or None,
            message_type=self.message_type or None,
            control_ref=self.control_ref or None,
        )

    def query(self, **more: str) -> str:
        """The query string of this filter (and ``more``), without empty fields."""
        fields = {
            "status": self.status,
            "message_type": self.message_type,
            "control_ref": self.control_ref,
            **more,
        }
        return urlencode({k: v for k, v in fields.items() if v})


@dataclass(frozen=True)
class SentPage:
    rows: list[dict[str, Any]]
    chosen: SentFilter
    statuses: tuple[str, ...]
    next_query: str | None  # the next (older) page, if there may be one
    show_sender: bool  # the operator sees every sender's interchanges


def sent_page(
    platform: Platform, principal: Principal, chosen: SentFilter, before: int | None
) -> SentPage:
    rows = history.list_interchanges(
        platform,
        principal.participant_id,
        principal.is_operator,
        chosen.conditions(),
        PAGE_SIZE,
        before,
    )
    following = chosen.query(before=str(rows[-1]["id"])) if len(rows) == PAGE_SIZE else None
    return SentPage(rows, chosen, history.STATUSES, following, principal.is_operator)


@dataclass(frozen=True)
class FindingRow:
    severity: str
    code: str
    message: str  # the message's index in the interchange and its reference
    segment: str  # position inside the message (UNH is 1) and tag
    element: str  # element and component positions, 1-based
    text: str


def _joined(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p is not None and p != "") or "-"


def finding_row(finding: dict[str, Any], lang: str) -> FindingRow:
    """A stored finding (``Finding.to_dict()``), with its text in the page's language."""
    ref = finding.get("message_ref")
    component = finding.get("component_position")
    element = finding.get("element_position")
    text = finding.get("text_zh") if lang == "zh" else finding.get("text_en")
    return FindingRow(
        severity=str(finding.get("severity") or ""),
        code=str(finding.get("code") or "-"),
        message=_joined(finding.get("message_index"), f"({ref})" if ref else None),
        segment=_joined(finding.get("segment_position"), finding.get("segment_tag")),
        element="-"
        if element is None
        else f"{element}.{component}"
        if component is not None
        else str(element),
        # Findings of older releases may lack the Chinese text: English rather than nothing.
        text=str(text or finding.get("text_en") or ""),
    )


@dataclass(frozen=True)
class InterchangePage:
    status: dict[str, Any]
    findings: list[FindingRow]


def interchange_page(
    platform: Platform, principal: Principal, interchange_id: int, lang: str
) -> InterchangePage | None:
    """None unless the principal's participant sent it or is the operator."""
    found = interchange_status(
        platform, interchange_id, principal.participant_id, principal.is_operator
    )
    if found is None:
        return None
    return InterchangePage(found, [finding_row(f, lang) for f in found["findings"] or []])


@dataclass(frozen=True)
class MailboxPage:
    items: list[mailbox.MailboxItem]
    next_query: str | None


def mailbox_page(platform: Platform, principal: Principal, after: int | None) -> MailboxPage:
    items = mailbox.list_items(platform, principal.participant_id, PAGE_SIZE, after)
    following = urlencode({"after": items[-1].id}) if len(items) == PAGE_SIZE else None
    return MailboxPage(items, following)


def page_key(text: str) -> int | None:
    """A paging key from the query string; anything but a positive number means the start."""
    return int(text) if text.isdigit() and 0 < int(text) < 2**63 else None
