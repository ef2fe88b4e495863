"""Planning deliveries: one per recipient per received interchange, rendered for its profile.

Forwarded messages, CONTRL and APERAK to the sender are all deliveries. A delivery already made
for the interchange (an earlier run) is never planned again; a replay that finds new recipients,
or new messages for a recipient, plans a further part for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eport.edifact import Finding, Interchange, Message
from eport.exchange import acknowledgements as acks
from eport.exchange import trace
from eport.exchange.community import DEFAULT_PROFILE, Member, Profile
from eport.exchange.rendering import RenderError, RenderRequest, renderer_for
from eport.exchange.trace import Step

if TYPE_CHECKING:
    from eport.exchange.pipeline import BatchContext, Outcome, Received

FORWARD, CONTRL, APERAK = "forward", "contrl", "aperak"
_KIND_LETTER = {FORWARD: "F", CONTRL: "C", APERAK: "A"}
MAILBOX, WEBHOOK = "mailbox", "webhook"


@dataclass
class Prior:
    """Deliveries already made for one interchange."""

    forwarded: dict[int, set[int]] = field(default_factory=dict)  # recipient -> message indices
    last_part: dict[tuple[int, str], int] = field(default_factory=dict)


@dataclass(slots=True)
class PlannedDelivery:
    recipient_id: int
    sender_id: int
    kind: str
    part: int
    channel: str
    format: str
    control_ref: str
    message_types: str
    message_refs: list[str]
    message_indices: list[int]
    test: bool
    payload: bytes

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.recipient_id, self.kind, self.part)


def control_ref_for(interchange_id: int, kind: str, part: int) -> str:
    """A fresh UNB control reference (an..14), unique per recipient: id, kind letter, part."""
    return f"{interchange_id}{_KIND_LETTER[kind]}{part}"


class DeliveryPlanner:
    def __init__(self, rec: Received, ic: Interchange, ctx: BatchContext, out: Outcome) -> None:
        self.rec, self.ic, self.ctx, self.out = rec, ic, ctx, out
        self.prior = ctx.prior.get(rec.id, Prior())
        self.test = ic.test_indicator == "1"

    def forward(self, member: Member, messages: Sequence[Message], reason: str) -> None:
        done = self.prior.forwarded.get(member.id, set())
        fresh = [m for m in messages if m.index not in done]
        if not fresh:
            self.out.step(trace.DELIVER, trace.SKIPPED, f"{member.code}: delivered before")
            return
        part = self._next_part(member.id, FORWARD)
        if part is None:
            return
        community = self.ctx.community
        profile = community.profile(member.id, fresh[0].type) or DEFAULT_PROFILE
        control_ref = control_ref_for(self.rec.id, FORWARD, part)
        sender = community.members.get(self.rec.sender_id)
        request = RenderRequest(
            self.rec.raw,
            self.ic,
            fresh,
            member.edi_party(),
            control_ref,
            profile.wants_contrl,
            profile,
            self.ctx.code_mappers(member.id) if self.ctx.code_mappers else None,
            sender_tz=sender.tz if sender is not None else member.tz,
            recipient_tz=member.tz,
        )
        key = (member.id, FORWARD, part)
        try:
            payload = renderer_for(profile).render(request)
        except RenderError as exc:
            reason_text = f"{member.code}: cannot render: {exc}"
            self.out.step(trace.RENDER, trace.FAILED, reason_text)
            self.out.dead_letters.append((reason_text, None))
            return
        self.out.steps.append(
            Step(
                trace.RENDER,
                trace.OK,
                f"{member.code}: {profile.format}"
                f"{' ' + profile.version if profile.version else ''}",
                key,
            )
        )
        self._add(member, FORWARD, part, profile, control_ref, fresh, payload, reason)

    def acknowledge_sender(
        self,
        sender: Member,
        accepted: Sequence[Message],
        rejected: Sequence[Message],
        syntax_rejected: Sequence[Message],
    ) -> None:
        """CONTRL when asked for (UNB 0031 or profile) or when messages fail the syntax check,
        never in reply to a CONTRL; APERAK for messages rejected by the application checks,
        never for a rejected CONTRL or APERAK."""
        findings = self.out.findings
        if not acks.is_contrl_interchange(self.ic) and (
            syntax_rejected or self._wants_contrl(sender)
        ):
            bad = {m.index for m in syntax_rejected}
            syntax = [f for f in findings if f.message_index is None or f.message_index in bad]
            payload = acks.contrl_for(self.ic, self._ack_envelope(sender, CONTRL), syntax)
            self._add_ack(sender, CONTRL, payload, "CONTRL")
        app_rejected = [m for m in rejected if m not in syntax_rejected]
        # An acknowledgement is never answered with one: two systems that each reject the
        # other's APERAK would otherwise send APERAKs to each other for ever.
        answered = [m for m in app_rejected if m.type not in acks.ACK_TYPES]
        if len(answered) < len(app_rejected):
            self.out.step(
                trace.ACKNOWLEDGE, trace.SKIPPED, "no APERAK in reply to a CONTRL or APERAK"
            )
        if answered:
            payload = acks.aperak_for(
                self.ic, self._ack_envelope(sender, APERAK), answered, findings
            )
            self._add_ack(sender, APERAK, payload, "APERAK")
        self.out.step(
            trace.ACKNOWLEDGE, trace.OK, f"{len(accepted)} accepted, {len(rejected)} rejected"
        )

    def reject_interchange(self, sender: Member, finding: Finding) -> None:
        """CONTRL rejecting the whole interchange (not in reply to a CONTRL)."""
        if acks.is_contrl_interchange(self.ic):
            self.out.step(trace.ACKNOWLEDGE, trace.SKIPPED, "no CONTRL in reply to a CONTRL")
            return
        envelope = self._ack_envelope(sender, CONTRL, trust_unb=finding.code != "23")
        payload = acks.contrl_rejecting(self.ic, envelope, finding)
        self._add_ack(sender, CONTRL, payload, "CONTRL")
        self.out.step(trace.ACKNOWLEDGE, trace.REJECTED, finding.text_en)

    def _wants_contrl(self, sender: Member) -> bool:
        if self.ic.ack_request:
            return True
        community = self.ctx.community
        types = {m.type for m in self.ic.messages} | {"*"}
        return any(
            (p := community.profile(sender.id, t)) is not None and p.wants_contrl for t in types
        )

    def _ack_envelope(self, sender: Member, kind: str, trust_unb: bool = True) -> acks.Envelope:
        recipient: str | tuple[str, str] = sender.edi_party()
        if trust_unb and self.ic.sender_id:
            recipient = (
                (self.ic.sender_id, self.ic.sender_qualifier)
                if self.ic.sender_qualifier
                else self.ic.sender_id
            )
        return acks.Envelope(
            self.ctx.platform_party, recipient, control_ref_for(self.rec.id, kind, 0), self.test
        )

    def _add_ack(self, sender: Member, kind: str, payload: bytes | None, mtype: str) -> None:
        if payload is None or self._next_part(sender.id, kind, only_first=True) is None:
            return
        profile = self.ctx.community.profile(sender.id, mtype) or DEFAULT_PROFILE
        control_ref = control_ref_for(self.rec.id, kind, 0)
        self._add(sender, kind, 0, profile, control_ref, [], payload, "acknowledgement", mtype)

    def _next_part(self, recipient_id: int, kind: str, only_first: bool = False) -> int | None:
        last = self.prior.last_part.get((recipient_id, kind))
        if last is None:
            return 0
        return None if only_first else last + 1

    def _add(
        self,
        member: Member,
        kind: str,
        part: int,
        profile: Profile,
        control_ref: str,
        messages: Sequence[Message],
        payload: bytes,
        reason: str,
        types: str = "",
    ) -> None:
        channel = MAILBOX
        if profile.channel == WEBHOOK:
            if member.id in self.ctx.community.webhooks:
                channel = WEBHOOK
            else:
                self.out.step(
                    trace.DELIVER,
                    trace.SKIPPED,
                    f"{member.code}: no webhook configured; using the mailbox",
                )
        delivery = PlannedDelivery(
            recipient_id=member.id,
            sender_id=self.rec.sender_id,
            kind=kind,
            part=part,
            channel=channel,
            format=profile.format if kind == FORWARD else "edifact",
            control_ref=control_ref,
            message_types=types or ",".join(sorted({m.type for m in messages})),
            message_refs=[m.ref for m in messages],
            message_indices=[m.index for m in messages],
            test=self.test,
            payload=payload,
        )
        self.out.deliveries.append(delivery)
        self.out.steps.append(
            Step(
                trace.DELIVER,
                trace.OK,
                f"{kind} to {member.code} by {channel} ({reason})",
                delivery.key,
            )
        )
