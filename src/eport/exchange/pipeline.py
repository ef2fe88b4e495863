"""The pipeline of one received interchange, as pure steps over values (no I/O here).

parse and check syntax and envelope → check the sender → catch duplicates → check who may send
each message type → map the sender's codes to standard ones → validate (directory, MIG) →
acknowledge the sender → record a recipient's own acknowledgement → route each message → map
to each recipient's codes and render per its profile → plan delivery.

Every step appends a trace record. The result (`Outcome`) is written by `outcomes` in bulk for
a whole batch; running the pipeline again for the same interchange (a replay) plans only what
was not delivered before, so every step is safe to re-run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from eport.codes.mapper import MappingCodeMapper
from eport.edifact import Finding, FindingCode, Interchange, Message, Strictness, check_syntax
from eport.edifact.checks import apply_strictness
from eport.exchange import acknowledgements as acks
from eport.exchange import trace
from eport.exchange.community import DEFAULT_PROFILE, Community, Member
from eport.exchange.duplicates import Candidate, Original
from eport.exchange.planning import DeliveryPlanner, PlannedDelivery, Prior
from eport.exchange.routing import message_facts, route_message
from eport.exchange.senders import may_send
from eport.exchange.strictness import STANDARD, table_for
from eport.exchange.trace import Step
from eport.exchange.translation import (
    WARNING,
    CodeMappers,
    InboundCodes,
    map_for_recipient,
    map_received,
)

MAX_STORED_FINDINGS = 200
MAX_DETAIL_TEXT = 500

# Validates one message (directory and MIG): its findings, errors reject the message.
MessageValidator = Callable[[Interchange, Message], list[Finding]]


@dataclass(frozen=True, slots=True)
class Received:
    """What the pipeline reads of a stored interchange."""

    id: int
    sender_id: int
    raw: bytes
    sha256: str
    received_at: datetime
    runs: int = 0


@dataclass(frozen=True)
class BatchContext:
    community: Community
    platform_party: tuple[str, str]
    duplicate_of: Callable[[Candidate], Original | None]
    prior: dict[int, Prior] = field(default_factory=dict)
    validator: MessageValidator | None = None
    code_mappers: CodeMappers | None = None


@dataclass
class Outcome:
    """What processing decided for one interchange, to be written in one go."""

    interchange_id: int
    status: str = "received"
    fields: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    deliveries: list[PlannedDelivery] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    dead_letters: list[tuple[str, tuple[int, str, int] | None]] = field(default_factory=list)
    recipient_acks: list[acks.RecipientAck] = field(default_factory=list)

    def step(self, name: str, outcome: str, detail: str = "") -> None:
        self.steps.append(Step(name, outcome, detail))


@dataclass
class Parsed:
    """The first step's result: the outcome so far, the interchange and its first fatal error."""

    rec: Received
    out: Outcome
    ic: Interchange | None
    fatal: Finding | None

    def candidate(self) -> Candidate | None:
        """What the duplicate check needs, for an interchange that parsed."""
        if self.ic is None or self.fatal is not None:
            return None
        return Candidate(
            self.rec.id,
            self.rec.sender_id,
            self.ic.control_ref,
            self.rec.sha256,
            self.rec.received_at,
        )


def parse_received(rec: Received, strictness: str = STANDARD) -> Parsed:
    """Step 1 (no database needed): parse and check syntax and envelope, as strictly as the
    sender is checked."""
    out = Outcome(rec.id)
    out.fields["runs"] = rec.runs + 1
    ic, fatal = _parse(rec, out, table_for(strictness))
    return Parsed(rec, out, ic, fatal)


def process(rec: Received, ctx: BatchContext) -> Outcome:
    return decide(parse_received(rec), ctx)


def decide(parsed: Parsed, ctx: BatchContext) -> Outcome:
    """The remaining steps for a parsed interchange."""
    rec, out, ic, fatal = parsed.rec, parsed.out, parsed.ic, parsed.fatal
    if ic is None:
        return out
    sender = ctx.community.members.get(rec.sender_id)
    planner = DeliveryPlanner(rec, ic, ctx, out)
    if fatal is not None:
        if sender is not None and ic.header is not None:
            planner.reject_interchange(sender, fatal)
        return out
    if sender is None or not sender.owns_edi_id(ic.sender_id, ic.sender_qualifier):
        _reject_sender(ic, sender, out, planner)
        return out
    if _is_duplicate(rec, ic, ctx, out, planner, sender):
        return out
    accepted, rejected, syntax_rejected = _check_messages(ic, sender, ctx, out)
    planner.acknowledge_sender(sender, accepted, rejected, syntax_rejected)
    if not accepted:
        _finish(out, "rejected")
        return out
    if acks.is_addressed_to_platform(ic, ctx.platform_party) and acks.all_acknowledgements(
        accepted
    ):
        out.recipient_acks = acks.read_recipient_acks(ic, accepted, rec.sender_id)
        out.step(trace.RECIPIENT_ACK, trace.OK, f"{len(out.recipient_acks)} acknowledgement(s)")
        _finish(out, "partial" if rejected else "routed")
        return out
    unrouted = _route(ic, accepted, sender, ctx, planner, out)
    _finish(out, "dead" if unrouted else ("partial" if rejected else "routed"))
    return out


def _parse(
    rec: Received, out: Outcome, strictness: Strictness | None
) -> tuple[Interchange | None, Finding | None]:
    """The parsed interchange and its first interchange-level error, if any."""
    transmission, findings = check_syntax(rec.raw, strictness=strictness)
    out.findings.extend(findings)
    if transmission is None or not transmission.interchanges:
        first = next((f for f in findings if f.is_error), None)
        detail = _describe(first) if first else "no interchange found"
        out.step(trace.PARSE, trace.REJECTED, detail)
        _finish(out, "rejected")
        return None, None
    if len(transmission.interchanges) > 1:
        out.findings.append(
            Finding.of(
                FindingCode.NOT_SUPPORTED_IN_POSITION,
                "more than one interchange in one upload",
                "一次上传包含多个交换",
                segment_tag="UNB",
            )
        )
    ic = transmission.interchanges[0]
    if ic.header is None:
        out.findings.append(
            Finding.of(
                FindingCode.MISSING,
                "the exchange hub requires an interchange header (UNB)",
                "交换平台要求交换头（UNB）",
                segment_tag="UNB",
            )
        )
    if not ic.messages:
        _require_messages(ic, out)
    safe = trace.safe_text
    out.fields.update(
        unb_sender=safe(ic.sender_id)[:70],
        unb_sender_qualifier=safe(ic.sender_qualifier)[:8],
        unb_recipient=safe(ic.recipient_id)[:70],
        unb_recipient_qualifier=safe(ic.recipient_qualifier)[:8],
        control_ref=safe(ic.control_ref)[:35],
        test=ic.test_indicator == "1",
        message_count=len(ic.messages),
        message_types=safe(",".join(sorted({m.type[:6] for m in ic.messages})))[:200],
    )
    fatal = [f for f in out.findings if f.is_error and f.message_index is None]
    if fatal:
        out.step(trace.PARSE, trace.REJECTED, _describe(fatal[0]))
        _finish(out, "rejected")
        return ic, fatal[0]
    out.step(
        trace.PARSE, trace.OK, f"{len(ic.messages)} message(s), {len(out.findings)} finding(s)"
    )
    return ic, None


def _require_messages(ic: Interchange, out: Outcome) -> None:
    """An interchange without messages has nothing to route: the hub rejects it (the engine
    only warns, as the standard allows it)."""
    empty = FindingCode.LOWER_LEVEL_EMPTY.value
    regraded = [
        replace(f, severity="error") if f.code == empty and f.message_index is None else f
        for f in out.findings
    ]
    if not any(f.code == empty and f.is_error for f in regraded):
        regraded.append(
            Finding.of(
                FindingCode.LOWER_LEVEL_EMPTY,
                "the interchange carries no message",
                "交换中没有报文",
                interchange_ref=ic.control_ref,
                segment_tag="UNB",
            )
        )
    out.findings[:] = regraded


def _reject_sender(
    ic: Interchange, sender: Member | None, out: Outcome, planner: DeliveryPlanner
) -> None:
    owner = sender.code if sender is not None else "an unknown participant"
    finding = Finding.of(
        FindingCode.UNKNOWN_SENDER,
        f"UNB sender {ic.sender_id!r} (qualifier {ic.sender_qualifier!r}) is not an interchange "
        f"ID of {owner}",
        f"UNB发送方{ic.sender_id!r}不是{owner}登记的交换标识",
        interchange_ref=ic.control_ref,
        segment_tag="UNB",
        element_position=2,
        component_position=1,
    )
    out.findings.append(finding)
    out.step(trace.SENDER, trace.REJECTED, _describe(finding))
    if sender is not None:
        planner.reject_interchange(sender, finding)
    _finish(out, "rejected")


def _is_duplicate(
    rec: Received,
    ic: Interchange,
    ctx: BatchContext,
    out: Outcome,
    planner: DeliveryPlanner,
    sender: Member,
) -> bool:
    candidate = Candidate(rec.id, rec.sender_id, ic.control_ref, rec.sha256, rec.received_at)
    original = ctx.duplicate_of(candidate)
    if original is None:
        out.step(trace.DUPLICATE, trace.OK, "not a duplicate")
        return False
    same = "the same bytes" if original.sha256 == rec.sha256 else "the same control reference"
    finding = Finding.of(
        FindingCode.DUPLICATE,
        f"{same} as interchange {original.id}",
        f"与交换{original.id}重复",
        interchange_ref=ic.control_ref,
        segment_tag="UNB",
        element_position=5,
    )
    out.findings.append(finding)
    out.fields["duplicate_of_id"] = original.id
    out.step(trace.DUPLICATE, trace.REJECTED, _describe(finding))
    planner.reject_interchange(sender, finding)
    _finish(out, "duplicate")
    return True


def _check_messages(
    ic: Interchange, sender: Member, ctx: BatchContext, out: Outcome
) -> tuple[list[Message], list[Message], list[Message]]:
    """Messages that pass syntax, permission and validation checks, those that fail, and of
    those the ones that failed the syntax check."""
    syntax_bad = {f.message_index for f in out.findings if f.is_error and f.message_index}
    accepted: list[Message] = []
    rejected: list[Message] = []
    syntax_rejected: list[Message] = []
    codes = _map_codes(ic, [m for m in ic.messages if m.index not in syntax_bad], sender, ctx, out)
    for received in ic.messages:
        msg = codes.messages.get(received.index, received)
        if msg.index in syntax_bad:
            _reject_message(out, trace.PARSE, msg, out.findings)
            rejected.append(msg)
            syntax_rejected.append(msg)
            continue
        if msg.index in codes.rejected:
            rejected.append(received)
            continue
        if not may_send(sender, msg.type, ctx.community.permissions):
            out.findings.append(
                Finding.of(
                    FindingCode.NO_AGREEMENT,
                    f"a participant with roles "
                    f"{', '.join(sorted(sender.roles)) or 'none'} may not send {msg.type}",
                    f"该参与方角色不得发送{msg.type}报文",
                    interchange_ref=ic.control_ref,
                    message_ref=msg.ref,
                    message_index=msg.index,
                    segment_position=1,
                    segment_tag="UNH",
                    element_position=2,
                    component_position=1,
                )
            )
            _reject_message(out, trace.PERMISSION, msg, out.findings[-1:])
            rejected.append(msg)
            continue
        if ctx.validator is not None:
            found = apply_strictness(ctx.validator(ic, msg), table_for(sender.strictness))
            out.findings.extend(found)
            if any(f.is_error for f in found):
                _reject_message(out, trace.VALIDATE, msg, found)
                rejected.append(msg)
                continue
        accepted.append(msg)
    if ctx.validator is not None:
        out.step(
            trace.VALIDATE,
            trace.OK if not rejected else trace.REJECTED,
            f"{len(accepted)} accepted, {len(rejected)} rejected",
        )
    else:
        out.step(trace.VALIDATE, trace.SKIPPED, "no directory/MIG validator installed")
    return accepted, rejected, syntax_rejected


def _reject_message(out: Outcome, step: str, msg: Message, findings: list[Finding]) -> None:
    """A trace record for a rejected message that says where: its first error, located."""
    first = next((f for f in findings if f.is_error and f.message_index == msg.index), None)
    detail = f"message {msg.index} ({trace.safe_text(msg.type) or 'no type'})"
    out.step(step, trace.REJECTED, f"{detail}: {_describe(first)}" if first else detail)


def _map_codes(
    ic: Interchange, messages: list[Message], sender: Member, ctx: BatchContext, out: Outcome
) -> InboundCodes:
    """The sender's codes turned into standard ones, before validation and routing."""
    if ctx.code_mappers is None:
        out.step(trace.MAP, trace.SKIPPED, "no code maps installed")
        return InboundCodes()
    codes = map_received(ic, messages, ctx.code_mappers(sender.id) or MappingCodeMapper())
    out.findings.extend(codes.findings)
    for warning in codes.warnings:
        out.step(trace.MAP, WARNING, warning)
    for finding in codes.findings:
        out.step(
            trace.MAP,
            trace.REJECTED,
            f"message {finding.message_index}: {finding.text_en} ({finding.located()})",
        )
    out.step(trace.MAP, trace.OK, f"{codes.changed} message(s) with codes mapped")
    return codes


def _route(
    ic: Interchange,
    accepted: list[Message],
    sender: Member,
    ctx: BatchContext,
    planner: DeliveryPlanner,
    out: Outcome,
) -> list[Message]:
    """Route each message, then plan one delivery per recipient; returns unroutable messages."""
    community = ctx.community
    unb_recipient = community.member_for_edi(ic.recipient_id, ic.recipient_qualifier)
    test = ic.test_indicator == "1"
    per_recipient: dict[int, list[Message]] = {}
    reasons: dict[int, str] = {}
    unrouted: list[Message] = []
    lines: list[str] = []
    for msg in accepted:
        routes = route_message(message_facts(msg), sender, unb_recipient, community)
        kept = [r for r in routes if not test or _accepts_test(community, r.recipient_id, msg)]
        if test and len(kept) < len(routes):
            lines.append(
                f"message {msg.index}: {len(routes) - len(kept)} recipient(s) take no test traffic"
            )
        if not kept:
            unrouted.append(msg)
            continue
        for r in kept:
            per_recipient.setdefault(r.recipient_id, []).append(msg)
            reasons.setdefault(r.recipient_id, r.reason)
        lines.append(
            f"message {msg.index} ({msg.type}) → "
            + ", ".join(community.members[r.recipient_id].code for r in kept)
        )
    if unrouted:
        reason = "no recipient for " + ", ".join(
            f"message {m.index} ({m.type}, ref {m.ref})" for m in unrouted
        )
        out.step(trace.ROUTE, trace.FAILED, reason)
        out.dead_letters.append((reason, None))
    if lines:
        out.step(trace.ROUTE, trace.OK, "; ".join(lines))
    mappers = ctx.code_mappers
    for recipient_id, messages in per_recipient.items():
        mapper = mappers(recipient_id) if mappers is not None else None
        profile = community.profile(recipient_id, messages[0].type) or DEFAULT_PROFILE
        planner.forward(
            community.members[recipient_id],
            map_for_recipient(messages, profile, mapper),
            reasons[recipient_id],
        )
    return unrouted


def _accepts_test(community: Community, recipient_id: int, msg: Message) -> bool:
    profile = community.profile(recipient_id, msg.type)
    return profile is not None and profile.accepts_test


def _finish(out: Outcome, status: str) -> None:
    out.status = status
    out.fields["status"] = status


def _describe(f: Finding) -> str:
    """The finding's text and position; a long text (it may quote a whole oversized value) is
    cut so that the position always fits in the trace record."""
    where = f.located()
    text = trace.safe_text(f.text_en)
    if len(text) > MAX_DETAIL_TEXT:
        text = text[: MAX_DETAIL_TEXT - 1] + "…"
    return f"{text} ({where})" if where else text
